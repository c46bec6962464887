// The React 19 JSX typings (packages/widgets/react.d.ts) against the real @types/react: a React
// app's correct use compiles, and each mistake marked `@ts-expect-error` in
// test/types/react-usage.tsx is an error (an unused directive fails tsc, so this test).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

it('React 19 JSX typings accept the documented use and reject wrong attributes, events and tags', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const usage = readFileSync(new URL('../types/react-usage.tsx', import.meta.url), 'utf8');
  assert.ok((usage.match(/@ts-expect-error/g) ?? []).length >= 6, 'the usage file still lists the mistakes');
  const result = spawnSync('npx', ['--no-install', 'tsc', '-p', 'test/types/tsconfig.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
});
