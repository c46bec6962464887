// The seams every widget copies (docs/architecture.md, Widgets → Sign-up form): the form's class
// stays readable in one sitting, SDK errors are told apart with the SDK's `X.is()` guards, and
// every event class lives in shared/events.ts or, per family of widgets, in shared/events/ (which
// events.ts re-exports).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as sdkErrors from '../../packages/sdk/src/core/errors.js';

const src = new URL('../../packages/widgets/src/', import.meta.url).pathname;
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
  .map((path) => ({ path, text: readFileSync(join(src, path), 'utf8') }));

it('keeps vk-signup-form.ts a class a newcomer reads in one sitting (at most 450 lines)', () => {
  const lines = readFileSync(join(src, 'signup-form/vk-signup-form.ts'), 'utf8').split('\n').length - 1;
  assert.ok(lines <= 450, `vk-signup-form.ts has ${lines} lines: move a concern into a module beside it (form-fields, form-feedback, identity-rule…)`);
});

it('tells SDK errors apart with their X.is() guards, never by comparing name strings', () => {
  // The names the SDK's errors carry at run time, read from the classes themselves.
  const names = Object.values(sdkErrors)
    .filter((value): value is typeof sdkErrors.VolunteerKitError => typeof value === 'function' && 'errorName' in value)
    .map((Class) => Class.errorName);
  assert.ok(names.includes('ValidationError') && names.includes('TimeoutError'), 'the SDK error names were read');
  const compared = new RegExp(`(?:===|!==|==|!=|case)\\s*'(${names.join('|')})'|'(${names.join('|')})'\\s*(?:===|!==|==|!=)`);
  const offenders = sources.filter(({ text }) => compared.test(text)).map(({ path }) => path);
  assert.deepEqual(offenders, [], 'use NotFoundError.is(error) and the like (packages/sdk/src/core/errors.ts)');
});

it('declares every event class in shared/events.ts or shared/events/, all re-exported by events.ts', () => {
  const inEventsFolder = (path: string) => path.startsWith(join('shared', 'events') + '/');
  const elsewhere = sources
    .filter(({ path, text }) => path !== join('shared', 'events.ts') && !inEventsFolder(path) && /class \w+ extends (?:CustomEvent|Event)\b/.test(text))
    .map(({ path }) => relative('.', path));
  assert.deepEqual(elsewhere, []);
  const events = sources.find(({ path }) => path === join('shared', 'events.ts'))!.text;
  const notReexported = sources
    .filter(({ path }) => inEventsFolder(path) && !path.endsWith('bubbling.ts'))
    .filter(({ path }) => !events.includes(`export * from './${path.slice('shared/'.length).replace(/\.ts$/, '.js')}';`))
    .map(({ path }) => path);
  assert.deepEqual(notReexported, [], 'shared/events.ts re-exports every family of events');
});
