// The certificate's whole path against the real reference server and the demo pages, in Chromium
// and Firefox: the signed-in student gets a certificate on the campus page, its printed QR code is
// read from a screenshot by jsQR, the URL it holds opens /verify, which says the certificate is
// authentic; after the partner revokes it, /verify refuses it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { Certificates, createClient } from '@volunteerkit/sdk';
import { BROWSERS, launch, openPage, screenshotPath, startStack, waitFor, type Stack } from './harness.js';

let stack: Stack;
/** jsQR (CommonJS) bundled to a script that defines `window.jsQR`, to run in a page. */
let jsQrScript: string;
before(async () => {
  stack = await startStack();
  const bundled = await build({
    stdin: { contents: "import jsQR from 'jsqr'; window.jsQR = jsQR;", resolveDir: new URL('.', import.meta.url).pathname },
    bundle: true, format: 'iife', write: false, logLevel: 'silent',
  });
  jsQrScript = bundled.outputFiles[0]!.text;
});
after(async () => { await stack?.close(); });

/** The element matching `selector` in `host`'s shadow root, once it is there (polled: shadow roots escape MutationObservers of the document). */
async function shadowChild(page: Page, host: string, selector: string, timeout = 20_000): Promise<ElementHandle<Element>> {
  const found = await page.waitForFunction((h: string, s: string) => document.querySelector(h)?.shadowRoot?.querySelector(s), { timeout, polling: 100 }, host, selector);
  return found.asElement() as ElementHandle<Element>;
}

/** Reads the QR code in a PNG screenshot with jsQR, in a blank page of `browser` (no PNG decoder is needed in Node). */
async function decodeQrScreenshot(browser: Browser, png: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>decode</title>');
    await page.addScriptTag({ content: jsQrScript });
    return await page.evaluate(async (dataUrl: string) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      const decode = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
      return decode(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, `data:image/png;base64,${png}`);
  } finally {
    await page.close();
  }
}

/** Opens the verification URL and returns the verdict `<vk-verify>` shows: `valid`, or the refusal's reason. */
async function verdictAt(browser: Browser, url: string): Promise<{ verdict: string; text: string }> {
  const { page, problems } = await openPage(browser, { width: 390, height: 844 });
  try {
    await page.goto(url, { waitUntil: 'load' });
    const shown = await shadowChild(page, 'vk-verify', '[part="verdict"]');
    await waitFor(page, 'the check to finish', () => document.querySelector('vk-verify')?.shadowRoot?.querySelector('[part="result"]')?.getAttribute('aria-busy') === 'false');
    const [valid, reason, text] = await shown.evaluate((node) => [(node as HTMLElement).dataset.valid, (node as HTMLElement).dataset.reason,
      node.closest('[part="result"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '']);
    assert.deepEqual(problems.pageErrors, [], 'uncaught errors on /verify');
    return { verdict: valid === 'true' ? 'valid' : reason ?? 'none', text: text ?? '' };
  } finally {
    await page.close();
  }
}

for (const browserName of BROWSERS) {
  describe(`certificates end to end in ${browserName}`, () => {
    let browser: Browser;
    before(async () => { browser = await launch(browserName); });
    after(async () => { await browser?.close(); });

    it('campus page → certificate → QR code read from a screenshot → /verify says valid; revoked → refused', async () => {
      const { page, problems } = await openPage(browser);
      // About the resolution of a print (5.5 cm of QR code at 3 device pixels per CSS pixel ≈ 250 dpi).
      await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 3 });
      await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
      await waitFor(page, 'the campus session', () => document.querySelector('#sso-status')?.classList.contains('ok'));
      const from = await shadowChild(page, '#certificate', 'input[name="from"]');
      // The seeded student's approved hours are from recent weeks: the past year holds them all.
      const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      await from.evaluate((node, day) => {
        (node as HTMLInputElement).value = day;
        node.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }, yearAgo);
      await (await shadowChild(page, '#certificate', '[part="submit-button"]')).click();
      const certificate = await shadowChild(page, '#certificate', '[part="certificate"]').catch(async (error: Error) => {
        const seen = await page.evaluate(() => document.querySelector('#certificate')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim());
        throw new Error(`${error.message}; the widget showed: ${seen}`);
      });
      const number = await (await shadowChild(page, '#certificate', '[part="number"]')).evaluate((node) => node.textContent?.trim() ?? '');
      assert.match(number, /^VK-\d{4}-\d{6}$/);

      // As printed: the print stylesheet (Chromium; Firefox's BiDi has no media emulation, its screen layout is screenshotted).
      if (browserName === 'chromium') await page.emulateMediaType('print');
      const png = await certificate.screenshot({ encoding: 'base64' }) as string;
      writeFileSync(screenshotPath(`certificate-${browserName}`), Buffer.from(png, 'base64'));
      if (browserName === 'chromium') await page.emulateMediaType(null);
      const url = await decodeQrScreenshot(browser, png);
      assert.ok(url, 'jsQR reads the QR code in the screenshot');
      assert.ok(url.startsWith(`${stack.demoUrl}/verify/#ey`), url);
      assert.deepEqual(problems.pageErrors, [], 'uncaught errors on the campus page');
      await page.close();

      const valid = await verdictAt(browser, url);
      assert.equal(valid.verdict, 'valid', valid.text);
      assert.ok(valid.text.includes(number), valid.text);
      assert.ok(valid.text.includes('此证明真实有效'), valid.text);

      const id = JSON.parse(Buffer.from(url.split('#')[1]!.split('.')[1]!, 'base64url').toString('utf8')).jti as string;
      const partner = createClient({ baseUrl: stack.apiUrl, secretKey: 'sk_test_campus_demo' });
      await new Certificates(partner).revoke(id, { reason: 'records_corrected', revokedBy: '团委' });
      const refused = await verdictAt(browser, url);
      assert.equal(refused.verdict, 'revoked', refused.text);
      assert.ok(refused.text.includes('撤销'), refused.text);
    });
  });
}
