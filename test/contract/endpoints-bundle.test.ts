// The endpoint table (@volunteerkit/sdk/endpoints) is for tools and tests: it imports every
// schema, so no browser bundle may pull it in. Checked on the built CDN bundle and its chunks.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const cdn = new URL('../../packages/widgets/cdn/', import.meta.url);

it('no CDN file carries the endpoint table', () => {
  assert.ok(existsSync(new URL('volunteerkit.js', cdn)), 'packages/widgets/cdn is missing: run npm run build');
  const files = readdirSync(cdn, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  assert.ok(files.length > 3, files.join(', '));
  // operationIds appear nowhere else in the code; the table cannot be bundled without them.
  const carrying = files.filter((file) => /approveServiceRecord|listMyServiceRecords/.test(readFileSync(new URL(file, cdn), 'utf8')));
  assert.deepEqual(carrying, []);
});
