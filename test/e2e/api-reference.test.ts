// The HTTP API reference `npm start` serves at /reference/ renders docs/openapi.json in real
// browsers from this server alone: operations, parameters and examples appear, nothing fails,
// nothing is fetched from anywhere else (no CDN, no fonts, no logo).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { mountApiReference } from '../../scripts/demo-server.mjs';
import { BROWSERS, launch, openPage, screenshotPath, waitFor } from './harness.js';

let server: ServerType;
let origin: string;
before(async () => {
  const app = new Hono();
  mountApiReference(app);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

for (const browserName of BROWSERS) {
  describe(`API reference in ${browserName}`, () => {
    it('renders every operation with its parameters and examples, from this server only', async () => {
      const browser = await launch(browserName);
      try {
        const { page, problems } = await openPage(browser, { width: 1400, height: 1000 });
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
        });
        await page.goto(`${origin}/reference/`, { waitUntil: 'load' });
        const operations = await waitFor(page, 'the operations to render', () => {
          const ids = [...document.querySelectorAll('[data-section-id*="/operation/"]')].map((node) => node.getAttribute('data-section-id'));
          return ids.length >= 18 ? ids : null;
        }, 30_000);
        assert.equal(new Set(operations).size, 18, JSON.stringify(operations));

        const signUp = await waitFor(page, 'the sign-up operation', () => {
          const section = document.querySelector('[data-section-id="tag/Signups/operation/createSignup"]');
          return section?.textContent?.includes('Idempotency-Key') ? section.textContent : null;
        });
        assert.match(signUp ?? '', /Sign up for a shift/);
        // The request sample (the examples, Chinese text included) is rendered beside it.
        assert.ok(await page.evaluate(() => document.body.textContent?.includes('林晓雨')), 'the request example is shown');

        await page.evaluate(() => document.querySelector('[data-section-id="tag/Signups/operation/createSignup"]')?.scrollIntoView());
        await page.screenshot({ path: screenshotPath(`api-reference-${browserName}`) });
        assert.deepEqual(problems.pageErrors, []);
        assert.deepEqual(problems.consoleErrors, []);
        assert.deepEqual(await problems.cspViolations(), []);
        assert.deepEqual(elsewhere, []);
      } finally {
        await browser.close();
      }
    });
  });
}
