// Which browsers `npm test` can drive on this machine, and what to say about the ones it cannot.
//
// Chromium and Firefox are required: a missing one is reported once, with the command that
// installs it, and the suites run in the others (VK_BROWSERS narrows them for everything
// web-test-runner and the e2e harness start). WebKit is optional unless named in VK_BROWSERS:
// without it web-test-runner says so itself (scripts/wtr/webkit-driver.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserPaths } from './browsers.mjs';

const onPath = (command) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command]).status === 0;
const present = (pathOrCommand) => existsSync(pathOrCommand) || onPath(pathOrCommand);

const FIX = 'or run `bash .ci/run`, which installs every prerequisite and then runs the tests';

/** How each engine is found, and what to tell someone who does not have it. */
const ENGINES = {
  chromium: { required: true, found: (p) => present(p.chrome),
    missing: (p) => `Chromium not found at ${p.chrome}: apt-get install chromium (Debian), set CHROME_PATH to a Chrome or Chromium, ${FIX}` },
  firefox: { required: true, found: (p) => present(p.firefox),
    missing: (p) => `Firefox not found at ${p.firefox}: apt-get install firefox-esr (Debian), set FIREFOX_PATH to a Firefox, ${FIX}` },
  webkit: { required: false, found: (p) => present(p.webkitDriver) && onPath('xvfb-run') && existsSync(p.webkit),
    missing: (p) => `WebKit not found (${p.webkitDriver}, xvfb-run, ${p.webkit}): apt-get install webkit2gtk-driver xvfb xauth (Debian), ${FIX}` },
};

/**
 * `run`: the engines to test in; `missing`: one message per engine that is needed but absent;
 * `env`: what the suites get (VK_BROWSERS, only when the set differs from the default).
 */
export function browserPlan(env = process.env) {
  const paths = browserPaths(env);
  const asked = env.VK_BROWSERS?.split(',').filter(Boolean);
  const missing = [];
  const run = [];
  for (const name of asked ?? Object.keys(ENGINES)) {
    const engine = ENGINES[name];
    if (!engine) missing.push(`VK_BROWSERS names an unknown engine "${name}" (known: ${Object.keys(ENGINES).join(', ')})`);
    else if (engine.found(paths)) run.push(name);
    else if (engine.required || asked) missing.push(engine.missing(paths));
  }
  const narrowed = asked !== undefined || missing.length > 0;
  return { run, missing, env: narrowed ? { VK_BROWSERS: run.join(',') } : {} };
}
