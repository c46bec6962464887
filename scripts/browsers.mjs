// The browsers every test and the bench drive: Debian's Chromium and Firefox ESR by default,
// overridable on a laptop with CHROME_PATH / FIREFOX_PATH (see docs/architecture.md, "Browsers").
/** Where each browser is, for an environment (defaults: Debian's packages). */
export function browserPaths(env = process.env) {
  return {
    chrome: env.CHROME_PATH ?? '/usr/bin/chromium',
    firefox: env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    webkit: env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    webkitDriver: env.WEBKIT_DRIVER ?? 'WebKitWebDriver',
  };
}
const paths = browserPaths();
export const CHROME_PATH = paths.chrome;
export const FIREFOX_PATH = paths.firefox;

/**
 * Headless Chromium flags. The machines have no internet: without the background-networking
 * flags Chromium fills the log with refused connections.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * WebKit (WebKitGTK's MiniBrowser, the engine of every iPhone browser) through WebKitWebDriver,
 * which needs a display: `xvfb-run` gives it one. Debian: `apt-get install webkit2gtk-driver xvfb
 * xauth` (.ci/run does). Browser tests only: puppeteer, which drives the e2e tests and the bench,
 * has no WebKit.
 */
export const WEBKIT_PATH = paths.webkit;
export const WEBKIT_DRIVER = paths.webkitDriver;
