// `npm start` and `npm run docs` build the API reference with typedoc, warnings as errors: a
// broken link or an undocumented tag in a doc comment must fail here, not on a newcomer's start.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

it('typedoc builds the SDK and widgets reference and the guides with no warning', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const result = spawnSync('npx', ['--no-install', 'typedoc', '--emit', 'none'], { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  assert.equal(result.status, 0, output);
  assert.doesNotMatch(output, /\[warning\]/, output);
});
