// `npm start` and `npm run docs` build the SDK reference with typedoc, warnings as errors: a
// broken link or an undocumented tag in a doc comment must fail here, not on a newcomer's start.
// `npm start` also serves the HTTP API reference rendered from docs/openapi.json.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

it('typedoc builds the SDK and widgets reference and the guides with no warning', () => {
  const root = new URL('../../', import.meta.url).pathname;
  // The HTML is written (to a throw-away folder, not docs/api): links to headings of the guides
  // are only checked while the pages are rendered, so `--emit none` missed a broken anchor.
  const out = mkdtempSync(join(tmpdir(), 'vk-typedoc-'));
  const result = spawnSync('npx', ['--no-install', 'typedoc', '--out', out], { cwd: root, encoding: 'utf8' });
  rmSync(out, { recursive: true, force: true });
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  assert.equal(result.status, 0, output);
  assert.doesNotMatch(output, /\[warning\]/, output);
});

it('serves the HTTP API reference (Redoc) from local files, with the OpenAPI document it reads', async () => {
  const { Hono } = await import('hono');
  const { mountApiReference } = await import('../../scripts/demo-server.mjs');
  const app = new Hono();
  mountApiReference(app);

  const page = await app.request('/reference/');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<redoc spec-url="\/openapi\.json"/);
  const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(scripts, ['/reference/redoc.standalone.js']);
  assert.doesNotMatch(html, /https?:\/\//, 'no CDN: every file comes from this server');
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);

  const bundle = await app.request(scripts[0]!);
  assert.equal(bundle.status, 200);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  const code = await bundle.text();
  assert.ok(code.length > 500_000, 'the Redoc standalone bundle');
  assert.doesNotMatch(code, /cdn\.redoc\.ly/, 'the bundle asks no CDN for anything');

  const spec = await app.request('/openapi.json');
  assert.equal(spec.status, 200);
  assert.equal((await spec.json()).openapi, '3.1.0');
});
