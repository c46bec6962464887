// The community demo page against the real server: the needs board lists the seeded wishes, a
// signed-in volunteer claims one, a resident files a wish and a signed-in helper files one on a
// resident's behalf — with no console error, no uncaught error and no CSP violation; the news
// page's 微心愿 block shows wishes too, and its rewards page lets a signed-in reader redeem points.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { BROWSERS, launch, openPage, startStack, waitFor, type Stack } from './harness.js';

let stack: Stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

/** Fills and sends a <vk-need-form>, in its shadow root, and returns what it then says. */
async function fileWish(page: Page, host: string, resident: { name: string; mobile: string; address: string }, helper: boolean): Promise<string> {
  await page.waitForSelector(`${host} >>> [part="tile"] input`, { timeout: 20_000 });
  await (await page.$$(`${host} >>> [part="tile"] input`))[helper ? 1 : 0]!.click();
  await page.type(`${host} >>> [name="name"]`, resident.name);
  await page.type(`${host} >>> [name="mobile"]`, resident.mobile);
  await page.type(`${host} >>> [name="address"]`, resident.address);
  if (helper) {
    await page.click(`${host} >>> input[value="written"]`);
    await page.type(`${host} >>> [name="evidenceRef"]`, '同意书 2026-900');
  } else {
    await page.click(`${host} >>> [name="accepted"]`);
  }
  await page.click(`${host} >>> [part="submit-button"]`);
  return waitFor(page, `${host} to answer`, new Function(`const root = document.querySelector(${JSON.stringify(host)}).shadowRoot;
    return root.querySelector('[part="success"]')?.textContent.trim() || root.querySelector('[part="message"]')?.textContent.trim() || false;`) as () => string, 20_000);
}

for (const browserName of BROWSERS) {
  describe(`community demo page in ${browserName}`, () => {
    let browser: Browser;
    before(async () => { browser = await launch(browserName); });
    after(async () => { await browser?.close(); });

    it('lists wishes, lets a volunteer claim one, a resident and a helper file one, with no console error', async () => {
      const { page, problems } = await openPage(browser, { width: 390, height: 844 });
      await page.goto(`${stack.demoUrl}/community/`, { waitUntil: 'load' });
      const cards = await waitFor(page, 'the board\'s cards', () => document.querySelector('#board')?.shadowRoot?.querySelectorAll('[part="card"]').length || false, 20_000);
      assert.ok(cards >= 3, `${cards} cards`);
      const body = await page.evaluate(() => document.querySelector('#board')!.shadowRoot!.textContent ?? '');
      assert.ok(!/13800002\d{3}|古荡湾/.test(body), 'no contact or address on the board');

      await page.click('#volunteer-sign-in');
      await page.waitForSelector('#board >>> [part="claim-button"]', { timeout: 20_000 });
      await (await page.$('#board >>> [part="claim-button"]'))!.click();
      const claimed = await waitFor(page, 'the claim\'s answer', () =>
        [...document.querySelector('#board')!.shadowRoot!.querySelectorAll('[part="claim-message"]')].map((n) => n.textContent!.trim()).find(Boolean) || false, 20_000);
      assert.match(claimed, /认领成功/);

      assert.match(await fileWish(page, '#resident-form vk-need-form', { name: '测试居民', mobile: '13800009999', address: '文新街道测试小区 1 幢 101' }, false), /已提交/);
      await page.click('#helper-sign-in');
      assert.match(await fileWish(page, '#helper', { name: '代登记居民', mobile: '13800008888', address: '文新街道测试小区 2 幢 202' }, true), /已发布/);

      assert.deepEqual(await problems.cspViolations(), [], 'CSP violations');
      assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
      assert.deepEqual(problems.consoleErrors, [], 'console errors');
      await page.close();
    });

    it('the news rewards page: a signed-in reader with points redeems a reward, sees the 6-digit code and undoes it', async () => {
      const { page, problems } = await openPage(browser, { width: 390, height: 844 });
      await page.goto(`${stack.demoUrl}/news/rewards/`, { waitUntil: 'load' });
      const balance = await waitFor(page, 'the reader\'s points', () =>
        Number(document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="balance"] strong')?.textContent?.replace(/\D/g, '') || 0) || false, 20_000);
      assert.ok(balance >= 200, `${balance} points to spend`);
      const redeem = (await page.$$('vk-rewards >>> [part="redeem-button"]:not([aria-disabled="true"])'))[0];
      assert.ok(redeem, 'a reward the reader can afford');
      await redeem.click();
      const code = await waitFor(page, 'the redemption code', () =>
        document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="code"] [aria-hidden="true"]')?.textContent?.trim() || false, 20_000);
      assert.match(code, /^\d{6}$/);
      await (await page.$('vk-rewards >>> [part="undo-button"]'))!.click();
      await waitFor(page, 'the undo', () => !document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="code-panel"]'), 20_000);
      const after = await waitFor(page, 'the points back', () =>
        Number(document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="balance"] strong')?.textContent?.replace(/\D/g, '') || 0) || false, 20_000);
      assert.equal(after, balance, 'undoing returns the points');
      await waitFor(page, 'the reader\'s hours', () => Boolean(document.querySelector('vk-my-hours')?.shadowRoot?.querySelector('[part~="totals"]')), 20_000);
      assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
      assert.deepEqual(problems.consoleErrors, [], 'console errors');
      await page.close();
    });

    it('the news page\'s 微心愿 block shows three wishes', async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/news/`, { waitUntil: 'load' });
      const cards = await waitFor(page, 'the 微心愿 block', () => document.querySelector('vk-needs-board')?.shadowRoot?.querySelectorAll('[part="card"]').length || false, 20_000);
      assert.equal(cards, 3);
      assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
      assert.deepEqual(problems.consoleErrors, [], 'console errors');
      await page.close();
    });
  });
}
