#!/usr/bin/env node
// Bundle sizes against the budgets of DESIGN §9, in gzip -9 bytes of minified output:
//   - the CDN bundle (every widget + Lit + SDK + validation), with each part's share;
//   - the SDK alone, tree-shaken to `createClient(...).opportunities.list()`;
//   - the inline loader snippet.
// Used by test/contract/size.test.ts (the budgets) and by `npm run bench` (the report).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = new URL('..', import.meta.url).pathname;
export const BUDGETS = { cdn: 30 * 1024, sdkList: 8 * 1024, loader: 1024 };

const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

/**
 * Bundles `input` in memory. Returns the entry chunk (code and rollup's per-module rendered
 * lengths) and the chunks only reached through dynamic `import()`, which load later.
 */
async function bundle(input, plugins = [], { inlineDynamicImports = true } = {}) {
  const build = await rollup({
    input, logLevel: 'silent', treeshake: { preset: 'recommended' },
    plugins: [...plugins, nodeResolve({ exportConditions: ['browser', 'production', 'import', 'default'] }), minify()],
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports });
  await build.close();
  const chunks = output.filter((file) => file.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  return { ...entry, lazyChunks: chunks.filter((chunk) => !chunk.isEntry) };
}

/** Which part of the product a module belongs to, for the share report. */
function partOf(id) {
  const path = id.replaceAll('\\', '/');
  const widget = /packages\/widgets\/dist\/([^/]+)\//.exec(path);
  if (widget) return widget[1] === 'define' ? 'widgets: registration' : `widgets: ${widget[1]}`;
  if (path.includes('packages/widgets/dist/')) return 'widgets: entry';
  if (path.includes('packages/sdk/dist/schemas/')) return 'sdk: schemas (contract)';
  if (path.includes('packages/sdk/dist/')) return 'sdk: client';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] === 'lit' || pkg[1].startsWith('@lit') || pkg[1].startsWith('lit-') ? `lit: ${pkg[1]}` : pkg[1];
  return 'other';
}

export async function measureSizes() {
  const result = {};
  const cdnEntry = `${root}packages/widgets/dist/cdn.js`;
  if (existsSync(cdnEntry)) {
    const chunk = await bundle(cdnEntry);
    const total = gzip(chunk.code);
    const rendered = {};
    let renderedTotal = 0;
    for (const [id, info] of Object.entries(chunk.modules)) {
      rendered[partOf(id)] = (rendered[partOf(id)] ?? 0) + info.renderedLength;
      renderedTotal += info.renderedLength;
    }
    // Shares of the gzip total, in proportion to each part's minified length (gzip does not split).
    const shares = Object.fromEntries(Object.entries(rendered).sort((a, b) => b[1] - a[1])
      .map(([part, length]) => [part, Math.round((total * length) / renderedTotal)]));
    result.cdn = { bytes: total, budget: BUDGETS.cdn, shares };
  }
  const sdkEntry = `${root}packages/sdk/dist/index.js`;
  if (existsSync(sdkEntry)) {
    const virtualId = '\0size-probe-sdk-list';
    const probe = {
      name: 'size-probe',
      resolveId: (id) => (id === virtualId ? id : id === '@volunteerkit/sdk' ? sdkEntry : null),
      load: (id) => (id === virtualId
        ? "import { createClient } from '@volunteerkit/sdk';\n" +
          "const vk = createClient({ baseUrl: 'https://api.example.org', publishableKey: 'pk_test_x' });\n" +
          'vk.opportunities.list({ category: "elderly" }).then((page) => console.log(page.data.length));\n'
        : null),
    };
    // Split as an npm user's bundler splits it: the contract used to check responses is a
    // dynamic import that loads beside the first request (see docs/architecture.md, SDK).
    const chunk = await bundle(virtualId, [probe], { inlineDynamicImports: false });
    const lazyBytes = chunk.lazyChunks.reduce((sum, lazy) => sum + gzip(lazy.code), 0);
    result.sdkList = { bytes: gzip(chunk.code), lazyBytes, budget: BUDGETS.sdkList };
  }
  const loader = `${root}packages/widgets/cdn/loader.js`;
  if (existsSync(loader)) result.loader = { bytes: gzip(readFileSync(loader, 'utf8')), raw: readFileSync(loader).length, budget: BUDGETS.loader };
  return result;
}

export function formatSizes(sizes) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [];
  if (sizes.cdn) {
    const verdict = sizes.cdn.bytes <= sizes.cdn.budget ? 'within budget' : 'OVER BUDGET';
    lines.push(`CDN bundle          ${kb(sizes.cdn.bytes)} gzip  (budget ${kb(sizes.cdn.budget)}: ${(sizes.cdn.bytes / sizes.cdn.budget).toFixed(2)}× — ${verdict})`);
    for (const [part, bytes] of Object.entries(sizes.cdn.shares)) lines.push(`    ${part.padEnd(32)} ${kb(bytes).padStart(8)}`);
  }
  if (sizes.sdkList) {
    lines.push(`SDK, list only      ${kb(sizes.sdkList.bytes)} gzip  (budget ${kb(sizes.sdkList.budget)})`);
    if (sizes.sdkList.lazyBytes) lines.push(`    + response validation, loaded lazily beside the first request: ${kb(sizes.sdkList.lazyBytes)} (off with validateResponses: false)`);
  }
  if (sizes.loader) lines.push(`Loader snippet      ${sizes.loader.raw} B minified, ${sizes.loader.bytes} B gzip  (budget ${sizes.loader.budget} B minified)`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSizes(await measureSizes()));
}
