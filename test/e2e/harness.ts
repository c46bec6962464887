// End-to-end harness: the real reference server (seeded, in-memory PGlite), the demo partner
// sites, and real Chromium and Firefox driven by puppeteer. Nothing is mocked here.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { dumpPglite, seedDemoData, startServer } from '@volunteerkit/server';
import { startDemo } from '../../scripts/demo-server.mjs';
import { CHROME_PATH, CHROMIUM_ARGS, FIREFOX_PATH } from '../../scripts/browsers.mjs';

export const SCREENSHOTS_DIR = new URL('../../test-results/screenshots/', import.meta.url).pathname;

export interface Stack {
  apiUrl: string;
  demoUrl: string;
  close(): Promise<void>;
}

const SNAPSHOTS_DIR = new URL('../../node_modules/.cache/volunteerkit/', import.meta.url).pathname;
let seeded: Promise<Blob> | undefined;

/**
 * The seeded database every e2e file starts its server from: the seed (about 29,000 service
 * records) takes 10–15 s, so one run of the suite seeds once (twice at most, when the first two
 * files start together). The files run under one `node --test` process, whose pid names the run's
 * copy; a later run seeds afresh (the seed's dates follow the clock), and removes the copies of
 * earlier runs.
 */
export function seededSnapshot(): Promise<Blob> {
  return (seeded ??= (async () => {
    const thisRun = `e2e-seeded-${process.ppid}.`;
    const path = `${SNAPSHOTS_DIR}${thisRun}tar`;
    if (existsSync(path)) return new Blob([readFileSync(path)]);
    // The demo data without the station's duty: each server adds the duty open at its own clock
    // when it starts (checkin-path.test.ts runs an hour ahead). ANALYZE as seedIfEmpty does.
    const dumped = await dumpPglite(async (db) => {
      await db.transaction((tx) => seedDemoData(tx, new Date()));
      await db.query('ANALYZE');
    });
    mkdirSync(SNAPSHOTS_DIR, { recursive: true });
    for (const old of readdirSync(SNAPSHOTS_DIR).filter((name) => name.startsWith('e2e-seeded-') && !name.startsWith(thisRun))) rmSync(`${SNAPSHOTS_DIR}${old}`, { force: true });
    // Two files starting together may both seed: each writes its own partial copy, and either
    // rename leaves a whole file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dumped.arrayBuffer()));
    renameSync(partial, path);
    return dumped;
  })());
}

export async function startStack(): Promise<Stack> {
  const api = await startServer({ port: 0, dataDir: 'memory', pgliteSnapshot: await seededSnapshot(), seed: true, rateLimit: false, log: false });
  const demo = await startDemo({ apiUrl: api.url, port: 0 });
  return {
    apiUrl: api.url,
    demoUrl: demo.url,
    async close() {
      await demo.close();
      await api.close();
    },
  };
}

/** Puppeteer's browsers among VK_BROWSERS (WebKit runs the browser suites only: puppeteer has none). */
export const BROWSERS = (process.env.VK_BROWSERS ?? 'chromium,firefox').split(',')
  .filter((name): name is 'chromium' | 'firefox' => name === 'chromium' || name === 'firefox');

/**
 * Reader settings that only Firefox's preferences can give (BiDi has no media or font emulation):
 * `prefers-color-scheme` and the default font size (what `medium` is). Chromium gets both per page
 * through CDP instead (see layout.test.ts).
 */
export interface ReaderPrefs {
  colorScheme?: 'light' | 'dark';
  fontSizePx?: number;
}

function firefoxReaderPrefs({ colorScheme, fontSizePx }: ReaderPrefs = {}): Record<string, unknown> {
  const prefs: Record<string, unknown> = {};
  // 0 = dark, 1 = light: the page sees this as prefers-color-scheme whatever the system says.
  if (colorScheme) prefs['layout.css.prefers-color-scheme.content-override'] = colorScheme === 'dark' ? 0 : 1;
  if (fontSizePx) {
    // The default size is per script ("language group"): the demo pages are zh-CN, widgets may be en.
    for (const group of ['x-western', 'zh-CN', 'zh-TW', 'zh-HK', 'x-unicode']) prefs[`font.size.variable.${group}`] = fontSizePx;
  }
  return prefs;
}

export async function launch(name: 'chromium' | 'firefox', reader: ReaderPrefs = {}): Promise<Browser> {
  // Readers are in China: the browsers run in Asia/Shanghai whatever the CI machine's zone.
  const env = { ...process.env, TZ: 'Asia/Shanghai' };
  if (name === 'chromium') {
    return puppeteer.launch({
      browser: 'chrome', headless: true, env, executablePath: CHROME_PATH, args: [...CHROMIUM_ARGS, '--lang=zh-CN'],
    });
  }
  return puppeteer.launch({
    browser: 'firefox', headless: true, env, executablePath: FIREFOX_PATH,
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN, zh, en', ...firefoxReaderPrefs(reader) },
  });
}

/** What went wrong on a page that a visitor would not see but a partner must not ship. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations(): Promise<string[]>;
}

/** Opens a page that records console errors, uncaught errors and CSP violations. */
export async function openPage(browser: Browser, { width = 1280, height = 900 } = {}): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    // "Failed to load resource" names no URL in its text: add where it came from.
    if (message.type() === 'error') consoleErrors.push(message.location()?.url ? `${message.text()} (${message.location().url})` : message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String((error as Error)?.message ?? error)));
  await page.evaluateOnNewDocument(() => {
    const violations: string[] = [];
    (window as unknown as { __vkViolations: string[] }).__vkViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample ?? ''}`.trim());
    });
  });
  return {
    page,
    problems: {
      consoleErrors,
      pageErrors,
      cspViolations: () => page.evaluate(() => (window as unknown as { __vkViolations?: string[] }).__vkViolations ?? []),
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return `${SCREENSHOTS_DIR}${name}.png`;
}

/** Waits until `fn` returns a truthy value in the page, or throws with `what` after `timeout`. */
export async function waitFor<T>(page: Page, what: string, fn: () => T, timeout = 15_000): Promise<T> {
  try {
    const handle = await page.waitForFunction(fn, { timeout, polling: 100 });
    return (await handle.jsonValue()) as T;
  } catch (error) {
    throw new Error(`timed out waiting for ${what}: ${(error as Error).message}`);
  }
}
