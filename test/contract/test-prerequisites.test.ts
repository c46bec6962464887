// `npm test` on a machine without a browser names what is missing and how to get it, and runs the
// browser suites in the engines that are there (scripts/test-prerequisites.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserPlan } from '../../scripts/test-prerequisites.mjs';

const node = process.execPath; // a file that certainly exists, standing in for a browser binary

test('a machine with Chromium and Firefox runs the default set and says nothing', () => {
  const plan = browserPlan({ CHROME_PATH: node, FIREFOX_PATH: node, WEBKIT_DRIVER: '/no/webkit-driver' });
  assert.deepEqual(plan.run, ['chromium', 'firefox']);
  assert.deepEqual(plan.missing, [], 'WebKit is optional unless asked for');
  assert.deepEqual(plan.env, {});
});

test('without Firefox: one message naming the package and FIREFOX_PATH, and the rest still run', () => {
  const plan = browserPlan({ CHROME_PATH: node, FIREFOX_PATH: '/no/firefox', WEBKIT_DRIVER: '/no/webkit-driver' });
  assert.deepEqual(plan.run, ['chromium']);
  assert.equal(plan.missing.length, 1);
  assert.match(plan.missing[0]!, /Firefox not found at \/no\/firefox: apt-get install firefox-esr .*FIREFOX_PATH.*\.ci\/run/);
  assert.deepEqual(plan.env, { VK_BROWSERS: 'chromium' });
});

test('WebKit asked for by name and absent is reported; an unknown engine is reported', () => {
  const plan = browserPlan({ CHROME_PATH: node, FIREFOX_PATH: node, WEBKIT_DRIVER: '/no/webkit-driver', VK_BROWSERS: 'firefox,webkit,safari' });
  assert.deepEqual(plan.run, ['firefox']);
  assert.equal(plan.missing.length, 2);
  assert.match(plan.missing[0]!, /WebKit not found .*webkit2gtk-driver/);
  assert.match(plan.missing[1]!, /unknown engine "safari"/);
  assert.deepEqual(plan.env, { VK_BROWSERS: 'firefox' });
});
