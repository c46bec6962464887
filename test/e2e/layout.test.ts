// The layout check: every demo page as readers see it on phones and desktops — 320, 390 and
// 1366 px wide, normal and large text (the page's 大字 switch), light and dark at a browser default
// font size of 16 px, and light at 24 px (READER_SETTINGS) — in Chromium and Firefox. In each state:
//   - the page is no wider than the window (no sideways scrolling);
//   - no text is cut inside a widget: no element in a widget's shadow tree (nested ones too) has
//     content wider or taller than its box, unless it scrolls by design (overflow auto/scroll) or
//     is visually hidden for screen readers;
//   - axe's colour-contrast rule finds nothing inside the widgets (shadow roots included), checked
//     once per text size at 390 px: colours do not change with the width.
// A screenshot of each state goes to test-results/screenshots/layout/ (kept as a CI artefact).
//
// Reader settings. Chromium: per page through CDP (Emulation via emulateMediaFeatures for the
// colour scheme, Page.setFontSizes for the default font size, which is what CSS `medium` is).
// Firefox: puppeteer drives it over WebDriver BiDi, which has neither, so one Firefox per setting
// with the preferences a reader would change (harness.ts, firefoxReaderPrefs).
// WebKit has no puppeteer: the widget layouts run in WebKit in the browser suite instead
// (packages/widgets/src/layout.test.ts), with the same rule (test/layout/layout-problems.js).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';
import { BROWSERS, SCREENSHOTS_DIR, launch, startStack, type Stack } from './harness.js';

// campus/phone: <vk-checkin> and <vk-my-hours> for the signed-in student, under the strict policy.
const PAGES = ['news', 'campus', 'campus/phone', 'enterprise', 'builder', 'community'] as const;
const WIDTHS = [320, 390, 1366] as const;
const TEXT_SIZES = ['normal', 'large'] as const;
const SCHEMES = ['light', 'dark'] as const;
const FONT_SIZES = [16, 24] as const;

type Scheme = (typeof SCHEMES)[number];
type FontSize = (typeof FONT_SIZES)[number];

/**
 * The reader settings checked: each scheme at 16 px, where text is smallest and contrast is held to
 * 4.5:1, and the 24 px font once, where text is largest and overflows first. Dark at 24 px would
 * add neither a stricter contrast nor a wider layout (colours do not change the layout).
 */
const READER_SETTINGS: ReadonlyArray<readonly [Scheme, FontSize]> = [['light', 16], ['dark', 16], ['light', 24]];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LAYOUT_SCREENSHOTS = `${SCREENSHOTS_DIR}layout/`;
const WIDGETS = 'vk-opportunity-list, vk-honor-board, vk-signup-form, vk-checkin, vk-my-hours, vk-needs-board, vk-need-form, vk-impact-stats';

let stack: Stack;
before(async () => {
  stack = await startStack();
  mkdirSync(LAYOUT_SCREENSHOTS, { recursive: true });
});
after(async () => { await stack?.close(); });

/**
 * Runs in the page: the page's own overflow, then test/layout/layout-problems.js on the widgets
 * that are not inside another widget. Sent as text: tsx compiles TypeScript here with esbuild's
 * keepNames, whose `__name` helper does not exist in the page.
 */
const LAYOUT_PROBLEMS = `(selector) => {
  ${readFileSync(new URL('../layout/layout-problems.js', import.meta.url), 'utf8').replace('export function layoutProblems', 'function layoutProblems')}
  const root = document.documentElement;
  const page = root.scrollWidth > window.innerWidth ? ['the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window'] : [];
  return page.concat(layoutProblems([...document.querySelectorAll(selector)].filter((host) => host.getRootNode() === document)));
}`;

const WIDGETS_READY = `(selector) => {
  const hosts = [...document.querySelectorAll(selector)];
  return hosts.length > 0 && hosts.every((host) => host.shadowRoot && host.shadowRoot.childElementCount > 0
    && !host.shadowRoot.querySelector('[part~="skeleton"], [part~="loading"], [aria-busy="true"]'));
}`;

/** True once every widget on the page has rendered its data (no skeleton, nothing busy). */
const waitForWidgets = (page: Page) => page.waitForFunction(`(${WIDGETS_READY})(${JSON.stringify(WIDGETS)})`, { timeout: 20_000, polling: 100 });

/** Opens one demo page with the reader's settings and checks it in every width and text size. */
async function checkPage(browser: Browser, engine: string, pageName: string, scheme: Scheme, fontSize: FontSize): Promise<string[]> {
  const page: Page = await browser.newPage();
  const problems: string[] = [];
  try {
    if (engine === 'chromium') {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const cdp = await page.createCDPSession();
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: Math.round((fontSize * 13) / 16) } });
    }
    await page.setViewport({ width: WIDTHS[0], height: 900 });
    await page.goto(`${stack.demoUrl}/${pageName}/`, { waitUntil: 'load' });
    await waitForWidgets(page);
    // The reader's settings reached the page (else the check would pass on the wrong state).
    const seen = await page.evaluate(() => ({
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
      medium: (() => {
        const probe = document.createElement('span');
        probe.style.cssText = 'all: initial; font-size: medium';
        document.documentElement.append(probe);
        const size = parseFloat(getComputedStyle(probe).fontSize);
        probe.remove();
        return size;
      })(),
    }));
    assert.equal(seen.dark, scheme === 'dark', `${engine} ${pageName}: prefers-color-scheme is not ${scheme}`);
    await page.evaluate(AXE_SOURCE);
    for (const text of TEXT_SIZES) {
      await page.evaluate((large: boolean) => {
        const toggle = document.querySelector<HTMLButtonElement>('[data-large-text-toggle]');
        if (!toggle) throw new Error('no large-text switch on the page');
        if ((toggle.getAttribute('aria-pressed') === 'true') !== large) toggle.click();
      }, text === 'large');
      for (const width of WIDTHS) {
        const state = `${engine} ${pageName} ${width}px ${text} text ${scheme} ${fontSize}px font`;
        await page.setViewport({ width, height: 900 });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await waitForWidgets(page);
        for (const problem of (await page.evaluate(`(${LAYOUT_PROBLEMS})(${JSON.stringify(WIDGETS)})`)) as string[]) problems.push(`${state}: ${problem}`);
        // Colours do not change with the width: contrast is checked once per text size, at 390 px.
        const contrast = width !== 390 ? [] : await page.evaluate(async (selector: string) => {
          const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { nodes: { target: unknown[]; any: { message: string }[] }[] }[] }> } }).axe;
          // The widgets (their shadow trees included); the demo pages' own text is the partner's.
          const widgets = [...document.querySelectorAll(selector)];
          const result = await axe.run({ include: widgets }, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
          return result.violations.flatMap((violation) => violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.any[0]?.message ?? ''}`));
        }, WIDGETS);
        for (const problem of contrast) problems.push(`${state}: contrast ${problem}`);
        await page.screenshot({ path: `${LAYOUT_SCREENSHOTS}${engine}-${pageName.replace('/', '-')}-${width}-${text}-${scheme}-${fontSize}.png`, fullPage: true });
      }
    }
    {
      // medium as the reader set it (Chromium's CDP setting or Firefox's preference took effect).
      assert.ok(Math.abs(seen.medium - fontSize) < 0.5, `${engine} ${pageName}: the default font size is ${seen.medium}px, not ${fontSize}px`);
    }
  } finally {
    await page.close();
  }
  return problems;
}

for (const engine of BROWSERS) {
  describe(`layout in ${engine}`, () => {
    let shared: Browser | undefined;
    before(async () => { if (engine === 'chromium') shared = await launch('chromium'); });
    after(async () => { await shared?.close(); });

    for (const [scheme, fontSize] of READER_SETTINGS) {
      it(`no overflow, no clipped text, no low contrast: ${scheme}, ${fontSize} px font, every page, width and text size`, async () => {
        const browser = shared ?? (await launch(engine, { colorScheme: scheme, fontSizePx: fontSize }));
        try {
          const results = await Promise.all(PAGES.map((name) => checkPage(browser, engine, name, scheme, fontSize)));
          const problems = results.flat();
          writeFileSync(`${LAYOUT_SCREENSHOTS}${engine}-${scheme}-${fontSize}-problems.txt`, problems.join('\n'));
          assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems (first 40 shown); screenshots in ${LAYOUT_SCREENSHOTS}`);
        } finally {
          if (browser !== shared) await browser.close();
        }
      });
    }
  });
}
