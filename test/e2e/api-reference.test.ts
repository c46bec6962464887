// The HTTP API reference `npm start` serves at /reference/ renders docs/openapi.json in real
// browsers from this server alone: operations, parameters and examples appear, nothing fails,
// nothing is fetched from anywhere else (no CDN, no fonts, no logo).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { mountApiReference } from '../../scripts/demo-server.mjs';
import { BROWSERS, launch, openPage, screenshotPath, waitFor } from './harness.js';

const documented = Object.values(JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')).paths as Record<string, object>)
  .reduce((count, operations) => count + Object.keys(operations).length, 0);

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
    it('renders every operation of docs/openapi.json with its parameters and examples, from this server only', async () => {
      const browser = await launch(browserName);
      try {
        const { page, problems } = await openPage(browser, { width: 1400, height: 1000 });
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
        });
        await page.goto(`${origin}/reference/`, { waitUntil: 'load' });
        // Waits for all of them, then compares (a timeout shows in the comparison, with what did render).
        await page.waitForFunction((expected: number) => document.querySelectorAll('[data-section-id*="/operation/"]').length >= expected,
          { timeout: 30_000, polling: 100 }, documented).catch(() => undefined);
        const operations = await page.evaluate(() => [...document.querySelectorAll('[data-section-id*="/operation/"]')].map((node) => node.getAttribute('data-section-id')));
        assert.equal(new Set(operations).size, documented, JSON.stringify(operations));

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
