// The community demo page against the real server: the needs board lists the seeded wishes, a
// signed-in volunteer claims one, a resident files a wish and a signed-in helper files one on a
// resident's behalf; that wish is claimed from the board, its address read in "my claims", marked
// done, confirmed with the volunteer's 6-digit code, and its record is approved in the volunteer's
// hours — with no console error, no uncaught error and no CSP violation; the news
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

/**
 * Waits for `selector` inside `host`'s shadow root. Polled: Chromium's waitForSelector watches the
 * document's mutations, and a change inside a shadow root alone never wakes it.
 */
function shadowPart(page: Page, host: string, selector: string): Promise<boolean> {
  return waitFor(page, `${host} ${selector}`, new Function(`return Boolean(document.querySelector(${JSON.stringify(host)})?.shadowRoot?.querySelector(${JSON.stringify(selector)}))`) as () => boolean, 20_000);
}

for (const browserName of BROWSERS) {
  describe(`community demo page in ${browserName}`, () => {
    let browser: Browser;
    before(async () => { browser = await launch(browserName); });
    after(async () => { await browser?.close(); });

    it('lists wishes, a volunteer claims one, a resident files one; a helper files one on a resident\'s behalf, which is claimed, done, confirmed and approved in the volunteer\'s hours', async () => {
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
      await page.evaluate(() => {
        const seen = window as unknown as { filed?: string; confirmed?: { serviceRecordId: string | null; status: string } };
        document.querySelector('#helper')!.addEventListener('vk-need-create', (event) => { seen.filed = (event as CustomEvent).detail.need.id; });
        document.querySelector('#confirm')!.addEventListener('vk-need-step', (event) => { seen.confirmed = (event as CustomEvent).detail.need; });
      });
      const address = `文新街道测试小区 2 幢 202 (${browserName})`;
      assert.match(await fileWish(page, '#helper', { name: '代登记居民', mobile: '13800008888', address }, true), /已发布/);

      // Filed on behalf → claimed from the board → address read and marked done in "my claims".
      const needId = await waitFor(page, 'the filed wish\'s id', () => (window as unknown as { filed?: string }).filed || false);
      const claimButton = `#board >>> [data-need="${needId}"] [part="claim-button"]`;
      await shadowPart(page, '#board', `[data-need="${needId}"] [part="claim-button"]`);
      await page.click(claimButton);
      await waitFor(page, 'the board to say it is claimed', new Function(`return /认领成功/.test(document.querySelector('#board').shadowRoot.querySelector('[data-need="${needId}"] [part="claim-message"]')?.textContent ?? '')`) as () => boolean, 20_000);
      const myClaim = `#my-claims >>> [data-need="${needId}"]`;
      await shadowPart(page, '#my-claims', `[data-need="${needId}"] [part~="reveal-button"]`);
      await page.click(`${myClaim} [part~="reveal-button"]`);
      await shadowPart(page, '#my-claims', `[data-need="${needId}"] [part~="private"]`);
      assert.ok((await page.$eval(`${myClaim} [part~="private"]`, (node) => node.textContent)).includes(address), 'the claimer sees the address');
      await page.click(`${myClaim} [part~="fulfil-button"]`);
      await shadowPart(page, '#my-claims', `[data-need="${needId}"] [part~="send-button"]`);
      await page.click(`${myClaim} [part~="send-button"]`);
      await shadowPart(page, '#my-claims', `[data-need="${needId}"] [part~="code"]`);
      const code = await page.$eval(`${myClaim} [part~="code"] .code`, (node) => node.textContent!.trim());
      assert.match(code, /^\d{6}$/);

      // The resident confirms with the code (and 5 stars): the record is approved in the volunteer's hours.
      await shadowPart(page, '#confirm', '[part="code-input"]');
      await page.type('#confirm >>> [part="code-input"]', code);
      await page.click('#confirm >>> input[name="rating"][value="5"]');
      await page.click('#confirm >>> [part="submit-button"]');
      await shadowPart(page, '#confirm', '[part="success"]');
      const confirmed = await waitFor(page, 'the confirmed wish', () => (window as unknown as { confirmed?: { serviceRecordId: string | null; status: string } }).confirmed || false);
      assert.equal(confirmed.status, 'confirmed');
      assert.ok(confirmed.serviceRecordId, 'the wish has its service record');
      await shadowPart(page, '#my-claims', `[data-need="${needId}"] [part~="status"]`);
      await waitFor(page, 'my claims to show it confirmed', new Function(`return /已确认/.test(document.querySelector('#my-claims').shadowRoot.querySelector('[data-need="${needId}"] [part~="status"]')?.textContent ?? '')`) as () => boolean, 20_000);
      const { token } = await (await fetch(`${stack.demoUrl}/community/api/volunteer-session`, { method: 'POST' })).json() as { token: string };
      const records = await (await fetch(`${stack.apiUrl}/v1/me/service-records?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json() as { data: Array<{ id: string; status: string; source: string }> };
      const record = records.data.find((r) => r.id === confirmed.serviceRecordId);
      assert.ok(record, 'the record is in the volunteer\'s hours');
      assert.equal(record.status, 'approved');
      assert.equal(record.source, 'need');

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
      // The balance is read again after each change; wait for each new figure, not merely a figure.
      const shownBalance = `Number(document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="balance"] strong')?.textContent?.replace(/\\D/g, '') || 0)`;
      const spent = await waitFor(page, 'the points spent', new Function(`const n = ${shownBalance}; return n > 0 && n < ${balance} ? n : false`) as () => number, 20_000);
      await (await page.$('vk-rewards >>> [part="undo-button"]'))!.click();
      await waitFor(page, 'the undo', () => !document.querySelector('vk-rewards')?.shadowRoot?.querySelector('[part="code-panel"]'), 20_000);
      const after = await waitFor(page, 'the points back', new Function(`const n = ${shownBalance}; return n > ${spent} ? n : false`) as () => number, 20_000);
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
