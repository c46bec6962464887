// Browser tests: Chromium and Firefox on every run, through puppeteer (Chromium over CDP,
// Firefox over WebDriver BiDi), and WebKit through WebKitWebDriver, using the browsers Debian
// installs (see docs/architecture.md, "Browsers"). Groups: `sdk` and `widgets`; each package may
// add dev-server plugins of its own. VK_BROWSERS=chromium,firefox,webkit picks some.
import { readFileSync, existsSync } from 'node:fs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { countReporter } from './scripts/wtr/count-reporter.mjs';
import { startWebKitDriver } from './scripts/wtr/webkit-driver.mjs';
import { CHROME_PATH, CHROMIUM_ARGS, FIREFOX_PATH, WEBKIT_PATH } from './scripts/browsers.mjs';

const wanted = process.env.VK_BROWSERS?.split(',') ?? ['chromium', 'firefox', 'webkit'];
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(puppeteerLauncher({ launchOptions: { browser: 'chrome', executablePath: CHROME_PATH, headless: true, args: CHROMIUM_ARGS } }));
}
if (wanted.includes('firefox')) {
  browsers.push(puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true } }));
}
if (wanted.includes('webkit')) {
  // A machine without WebKit still runs Chromium and Firefox, and says so; .ci/run installs it,
  // so CI always runs all three. Asked for by name, a missing WebKit is an error.
  const driver = await startWebKitDriver({ required: process.env.VK_BROWSERS !== undefined });
  if (driver) {
    browsers.push(webdriverLauncher({
      automationProtocol: 'webdriver', hostname: '127.0.0.1', port: driver.port, path: '/', logLevel: 'error',
      capabilities: { 'webkitgtk:browserOptions': { args: ['--automation'], binary: WEBKIT_PATH } },
    }));
  }
}

async function packagePlugins(path) {
  return existsSync(new URL(path, import.meta.url)) ? (await import(path)).default : [];
}

// msw's service worker must be served from the root so that it controls the test pages.
const mswWorker = readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');
const serveMswWorker = {
  name: 'serve-msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') return { body: mswWorker, type: 'js' };
  },
};

const group = process.env.VK_WTR_GROUP ?? 'all';

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'import', 'default'] },
  browsers,
  concurrentBrowsers: 2,
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [
    serveMswWorker,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.base.json', import.meta.url).pathname }),
    ...(await packagePlugins('./packages/sdk/test/browser/wtr-plugins.mjs')),
    ...(await packagePlugins('./packages/widgets/test/wtr-plugins.mjs')),
  ],
  // VK_WTR_FILES=<glob> runs just those files (with groups defined, --files still runs a whole group).
  groups: process.env.VK_WTR_FILES
    ? [{ name: 'files', files: process.env.VK_WTR_FILES }]
    : [
        { name: 'sdk', files: 'packages/sdk/test/browser/**/*.test.ts' },
        { name: 'widgets', files: 'packages/widgets/src/**/*.test.ts' },
      ],
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: false }),
    summaryReporter({ flatten: false }),
    countReporter({ outputFile: `test-results/wtr-${group}.json` }),
  ],
};
