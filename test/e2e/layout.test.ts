// The layout check: every demo page as readers see it on phones and desktops — 320, 390 and
// 1366 px wide, normal and large text (the page's 大字 switch), light and dark, and at a browser
// default font size of 16 and 24 px — in Chromium and Firefox. In each state:
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
// (packages/widgets/src/layout.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';
import { BROWSERS, SCREENSHOTS_DIR, launch, startStack, type Stack } from './harness.js';

const PAGES = ['news', 'campus', 'enterprise', 'builder'] as const;
const WIDTHS = [320, 390, 1366] as const;
const TEXT_SIZES = ['normal', 'large'] as const;
const SCHEMES = ['light', 'dark'] as const;
const FONT_SIZES = [16, 24] as const;

type Scheme = (typeof SCHEMES)[number];
type FontSize = (typeof FONT_SIZES)[number];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LAYOUT_SCREENSHOTS = `${SCREENSHOTS_DIR}layout/`;
const WIDGETS = 'vk-opportunity-list, vk-honor-board, vk-signup-form';

let stack: Stack;
before(async () => {
  stack = await startStack();
  mkdirSync(LAYOUT_SCREENSHOTS, { recursive: true });
});
after(async () => { await stack?.close(); });

/**
 * Runs in the page: what a reader would see as broken, one line per problem. Plain JavaScript in a
 * string: tsx compiles this file with esbuild's keepNames, whose `__name` helper does not exist
 * in the page, so a function's own source cannot be sent.
 */
const LAYOUT_PROBLEMS = `(selector) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) problems.push('the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
  const name = (host, element) => {
    const part = element.getAttribute('part');
    const classes = [...element.classList].join('.');
    const text = (element.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
    return '<' + host.localName + '> ' + element.localName + (part ? '[part="' + part + '"]' : '') + (classes ? '.' + classes : '') + ' "' + text + '"';
  };
  const check = (host, element) => {
    const style = getComputedStyle(element);
    const overflow = style.overflowX + ' ' + style.overflowY;
    if (/auto|scroll/.test(overflow)) return; // scrolls by design
    if (element.clientWidth === 0 && element.clientHeight === 0) return; // inline or empty
    // A box that clips (overflow hidden, an ellipsis, a line clamp) may not overflow at all. A box
    // that does not clip spills: more than a quarter of a line means a line or a word sticks out;
    // less is a glyph taller than its line (CJK fallback fonts in Firefox), which hides nothing.
    const clips = /hidden|clip/.test(overflow) || style.textOverflow === 'ellipsis' || (style.webkitLineClamp || 'none') !== 'none';
    const slack = clips ? 1 : Math.max(1, parseFloat(style.fontSize) / 4);
    if (element.scrollWidth > element.clientWidth + slack) problems.push(name(host, element) + ': content ' + element.scrollWidth + ' px wide in a ' + element.clientWidth + ' px box');
    if (element.scrollHeight > element.clientHeight + slack) problems.push(name(host, element) + ': content ' + element.scrollHeight + ' px tall in a ' + element.clientHeight + ' px box');
  };
  const walk = (host, parent) => {
    for (const element of parent.children) {
      const style = getComputedStyle(element);
      if (style.display === 'none') continue;
      // Text for screen readers only (.visually-hidden) is clipped on purpose.
      if (style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '')) continue;
      // A marquee (the board's ticker) is one moving line seen through a window: clipped by design.
      if (element.hasAttribute('data-marquee')) continue;
      if (!/^(input|select|textarea|style|slot|option)$/.test(element.localName)) check(host, element);
      if (element.shadowRoot) walk(element, element.shadowRoot);
      walk(host, element);
    }
  };
  for (const host of document.querySelectorAll(selector)) {
    if (host.getRootNode() !== document) continue; // nested widgets are walked from their parent
    check(host, host);
    walk(host, host.shadowRoot);
  }
  return problems;
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
        await page.screenshot({ path: `${LAYOUT_SCREENSHOTS}${engine}-${pageName}-${width}-${text}-${scheme}-${fontSize}.png`, fullPage: true });
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

    for (const fontSize of FONT_SIZES) {
      for (const scheme of SCHEMES) {
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
    }
  });
}
