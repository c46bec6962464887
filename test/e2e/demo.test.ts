// The demo partner pages against the real reference server, in Chromium and Firefox: what a
// partner's reader does, and what the partner then sees through its secret-key export.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { createClient } from '@volunteerkit/sdk';
import { BROWSERS, launch, openPage, screenshotPath, startStack, waitFor, type Stack } from './harness.js';

let stack: Stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

/** Every element matching `selector` in `host`'s shadow root. */
const inShadow = (host: string, selector: string) => `${host} >>> ${selector}`;

/**
 * Waits for `selector` in the shadow root of `host` (a selector in the document, or an element
 * handle) and returns the element. Polls every 100 ms instead of using waitForSelector with
 * `>>>`: that waits on a MutationObserver of the document, which changes inside shadow roots
 * never reach, so it could miss an element that was already shown (it did, in both sign-up tests:
 * the success view was there and the wait timed out).
 */
async function shadowChild(host: string | ElementHandle<Element>, selector: string, page?: Page, timeout = 20_000): Promise<ElementHandle<Element>> {
  const frame = typeof host === 'string' ? page!.mainFrame() : host.frame;
  const found = await frame.waitForFunction(
    (hostOrSelector: string | Element, inner: string) =>
      (typeof hostOrSelector === 'string' ? document.querySelector(hostOrSelector) : hostOrSelector)?.shadowRoot?.querySelector(inner),
    { timeout, polling: 100 }, host, selector);
  return found.asElement() as ElementHandle<Element>;
}

async function listReady(page: Page, host = 'vk-opportunity-list') {
  await page.waitForFunction((selector) => document.querySelector(selector)?.shadowRoot?.querySelector('[part~="item"]'),
    { timeout: 20_000, polling: 100 }, host);
}

async function itemTitles(page: Page, host = 'vk-opportunity-list'): Promise<string[]> {
  const titles = await page.$$(inShadow(host, '[part~="title"]'));
  return Promise.all(titles.map((t) => t.evaluate((node) => node.textContent?.trim() ?? '')));
}

/**
 * Fills a sign-up form the way a person does: types into each required text field, picks the
 * first shift and the first option of each required question, ticks consent.
 */
async function fillSignupForm(form: ElementHandle<Element>, identity: Record<string, string>) {
  await shadowChild(form, '[part~="form"]');
  const shift = await form.$('>>> input[data-field="shiftId"]');
  if (shift) await shift.click();
  for (const [field, value] of Object.entries(identity)) {
    const input = await form.$(`>>> input[data-field="volunteer.${field}"]`);
    if (!input) continue;
    if (await input.evaluate((node) => (node as HTMLInputElement).type === 'date')) {
      // A date picker's typing order depends on the browser's locale; set it as a picker would.
      await input.evaluate((node, date) => {
        (node as HTMLInputElement).value = date;
        node.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        node.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }, value);
    } else {
      await input.click({ count: 3 });
      await input.type(value);
    }
  }
  // Required custom questions: the first option of a choice, a short answer for text.
  const required = await form.$$('>>> [data-field^="answers."][required]');
  const answered = new Set<string>();
  for (const control of required) {
    const [key, type] = await control.evaluate((node) => [node.getAttribute('data-field') ?? '', (node as HTMLInputElement).type]);
    if (answered.has(key)) continue;
    answered.add(key);
    if (type === 'radio' || type === 'checkbox') await control.click();
    else await control.type('可以');
  }
  const consent = await form.$('>>> input[data-field="consent"]');
  assert.ok(consent, 'the consent checkbox is shown');
  await consent.click();
}

async function submitAndReadReference(form: ElementHandle<Element>): Promise<string> {
  const submit = await form.$('>>> [part~="submit-button"]');
  assert.ok(submit, 'a submit button');
  await submit.click();
  const reference = await shadowChild(form, '[part~="reference"]').catch(async (error: Error) => {
    // Say what the person would have seen instead of a success view.
    const seen = await form.evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 600));
    throw new Error(`${error.message}; the form showed: ${seen}`);
  });
  return (await reference.evaluate((node) => node.textContent ?? '')).trim();
}

/** Finds a sign-up by its reference through the partner's secret-key export. */
async function findInExport(secretKey: string, reference: string) {
  const partner = createClient({ baseUrl: stack.apiUrl, secretKey });
  for await (const signup of partner.signups.list({ limit: 100 })) {
    if (reference.includes(signup.reference)) return signup;
  }
  return undefined;
}

for (const browserName of BROWSERS) {
  describe(`demo partner pages in ${browserName}`, () => {
    let browser: Browser;
    before(async () => { browser = await launch(browserName); });
    after(async () => { await browser?.close(); });

    for (const [name, path] of [['news', '/news/'], ['campus', '/campus/'], ['enterprise', '/enterprise/'], ['builder', '/builder/']] as const) {
      it(`the ${name} page loads its widgets with no console error and no CSP violation`, async () => {
        const { page, problems } = await openPage(browser);
        await page.goto(`${stack.demoUrl}${path}`, { waitUntil: 'load' });
        await listReady(page, name === 'builder' ? '#stage vk-opportunity-list' : 'vk-opportunity-list');
        if (name !== 'builder') await shadowChild('vk-honor-board', '[part~="board"]', page);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(await problems.cspViolations(), [], 'CSP violations');
        assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
        assert.deepEqual(problems.consoleErrors, [], 'console errors');
        await page.close();
      });
    }

    it('the enterprise back end receives a sign-up as a verified webhook and lists it on its log page', async () => {
      const employees = createClient({ baseUrl: stack.apiUrl, publishableKey: 'pk_test_enterprise_demo' });
      // One only the enterprise's employees see: a sign-up on a public activity would change the
      // spots the news page's test below counts on.
      const listed = (await employees.opportunities.list({ hasOpenSlots: true, limit: 100 })).data.find((o) => o.audience !== 'public');
      assert.ok(listed, 'an enterprise-only opportunity with a free spot');
      const opportunity = await employees.opportunities.get(listed.id);
      const shift = opportunity.shifts.find((s) => s.signedUp < s.capacity && Date.parse(s.start) > Date.now());
      assert.ok(shift, 'a future shift with a free spot');
      const signup = await employees.signups.create({
        opportunityId: opportunity.id, shiftId: shift.id, consent: { policyVersion: '2026-01', accepted: true },
        volunteer: { name: '周立', mobile: browserName === 'chromium' ? '13912340001' : '13912340002', employeeId: `HC-${browserName}`, birthDate: '1990-05-01' },
      });
      const { page, problems } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/enterprise/webhooks.html`, { waitUntil: 'load' });
      await page.click('#refresh');
      const row = await (await page.waitForFunction((id: string) =>
        [...document.querySelectorAll('#log tbody tr')].map((tr) => tr.textContent ?? '').find((text) => text.includes(id)), { timeout: 15_000, polling: 100 }, signup.id)).jsonValue();
      assert.match(row ?? '', /signup\.created/);
      assert.match(await page.$eval('#summary', (el) => el.textContent ?? ''), /签名无效被拒 0 条/);
      assert.deepEqual(await problems.cspViolations(), [], 'CSP violations');
      assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
      assert.deepEqual(problems.consoleErrors, [], 'console errors');
      await page.close();
    });

    if (browserName === 'chromium') {
      // Chromium is the engine whose accessibility tree puppeteer can read (Firefox over BiDi has none);
      // the browser suite checks in all three engines that each row's label is generated text.
      it('a campus list card reads "组织方: ", "时间: " and "地点: " before its lines in the accessibility tree', async () => {
        const { page } = await openPage(browser);
        await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
        await listReady(page);
        for (const [part, label] of [['time', '时间: '], ['place', '地点: '], ['organizer', '组织方: ']] as const) {
          const line = await shadowChild('vk-opportunity-list', `[part~="item"] [part~="${part}"]`, page);
          const tree = await page.accessibility.snapshot({ root: line, interestingOnly: false });
          const texts: string[] = [];
          const walk = (node: typeof tree) => {
            if (node?.role === 'StaticText' && node.name) texts.push(node.name);
            else for (const child of node?.children ?? []) walk(child);
          };
          walk(tree);
          assert.equal(texts[0], label, `${part}: ${JSON.stringify(texts)}`);
          assert.ok(texts.length > 1 && texts.slice(1).join('').trim().length > 0, `${part} has its text after the label`);
          assert.ok(!(await line.evaluate((el) => (el as HTMLElement).innerText)).includes(label.trim()), `${part}: the label is not shown`);
        }
        await page.close();
      });
    }

    it('filtering the news sidebar by category changes the list', async () => {
      const { page } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/news/`, { waitUntil: 'load' });
      await listReady(page);
      const before = await itemTitles(page);
      const select = await shadowChild('vk-opportunity-list', '[part~="category-select"]', page);
      await select.select('environment');
      await waitFor(page, 'the list to show environment activities only', () => {
        const list = document.querySelector('vk-opportunity-list');
        const labels = [...(list?.shadowRoot?.querySelectorAll('[part~="item"] [part~="category"]') ?? [])].map((n) => n.textContent?.trim());
        return list?.getAttribute('category') === 'environment' && labels.length > 0 && new Set(labels).size === 1;
      });
      const afterFilter = await itemTitles(page);
      assert.notDeepEqual(afterFilter, before);
      await page.close();
    });

    it('a page with one list fetches one script and sends one GET; the form\'s code comes when the dialog opens', async () => {
      const { page, problems } = await openPage(browser);
      const fetched: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/cdn/') || url.origin === new URL(stack.apiUrl).origin) fetched.push(`${request.method()} ${url.pathname}`);
      });
      await page.goto(`${stack.demoUrl}/bench/list-only.html`, { waitUntil: 'load' });
      await listReady(page);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(fetched, ['GET /cdn/volunteerkit.js', 'GET /v1/opportunities'], 'docs/spec/budgets.md: script + 1 GET');

      const button = await shadowChild('vk-opportunity-list', '[part~="signup-button"]', page);
      await button.click();
      const form = await shadowChild('vk-opportunity-list', 'vk-signup-form', page, 10_000);
      await shadowChild(form, '[part~="form"]');
      const chunks = fetched.filter((request) => request.startsWith('GET /cdn/chunks/'));
      assert.ok(chunks.some((request) => /\/vk-signup-form-[\w-]+\.js$/.test(request)), `the form's chunk was fetched: ${fetched.join(', ')}`);
      assert.ok(!chunks.some((request) => /\/vk-honor-board-/.test(request)), 'the board\'s code is not fetched by a page without a board');
      assert.deepEqual(problems.pageErrors, []);
      assert.deepEqual(problems.consoleErrors, []);
      await page.close();
    });

    it('a reader signs up in the news dialog, the list shows one spot fewer without a reload, and the partner sees it in its export', async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/news/`, { waitUntil: 'load' });
      await listReady(page);
      // The first activity with open spots (the seed has full ones, which take a waitlist place).
      await shadowChild('vk-opportunity-list', '[part~="signup-button"]', page);
      const opportunityId = await page.evaluate(() => {
        const rows = [...document.querySelector('vk-opportunity-list')!.shadowRoot!.querySelectorAll('[part~="item"]')];
        const open = rows.find((row) => /\d/.test(row.querySelector('[part~="spots"]')?.textContent ?? '') && row.querySelector('[part~="signup-button"]'));
        return open?.querySelector<HTMLElement>('[part~="signup-button"]')?.dataset['signupFor'];
      });
      assert.ok(opportunityId, 'an activity with open spots is listed');
      const button = await shadowChild('vk-opportunity-list', `[data-signup-for="${opportunityId}"]`, page);
      const spotsOf = (id: string) => page.evaluate((signupFor) => {
        const list = document.querySelector('vk-opportunity-list')!.shadowRoot!;
        const row = list.querySelector(`[data-signup-for="${signupFor}"]`)!.closest('[part~="item"]')!;
        return row.querySelector('[part~="spots"]')!.textContent!.trim();
      }, id);
      const spotsBefore = await spotsOf(opportunityId);
      const openBefore = Number(/\d+/.exec(spotsBefore)?.[0]);
      assert.ok(openBefore > 0, `the first activity has open spots: ${spotsBefore}`);
      await button.click();
      const form = await shadowChild('vk-opportunity-list', 'vk-signup-form', page, 10_000);
      const mobile = browserName === 'chromium' ? '13900000001' : '13900000002';
      // The first activity may have an age limit: then the form asks for a birth date too.
      await fillSignupForm(form, { name: '周文清', mobile, birthDate: '1962-03-08' });
      // A time with open spots, so the sign-up takes one (a full time would waitlist it).
      await form.evaluate((element) => {
        const options = [...element.shadowRoot!.querySelectorAll('[part~="shift-option"]')];
        options.find((option) => /\d/.test(option.querySelector('[part~="spots"]')?.textContent ?? ''))?.querySelector('input')?.click();
      });
      const reference = await submitAndReadReference(form);
      assert.match(reference, /VK-/);
      // The form read the activity when the dialog opened, so the browser holds it (max-age=30):
      // the list shows the new count only because the SDK revalidates what the sign-up made stale.
      const expected = openBefore - 1;
      await page.waitForFunction((id: string, left: number) => {
        const row = document.querySelector('vk-opportunity-list')!.shadowRoot!.querySelector(`[data-signup-for="${id}"]`)!.closest('[part~="item"]')!;
        const text = row.querySelector('[part~="spots"]')!.textContent ?? '';
        return left === 0 ? !/\d/.test(text) : Number(/\d+/.exec(text)?.[0]) === left;
      }, { timeout: 15_000, polling: 100 }, opportunityId, expected).catch(async (error: Error) => {
        throw new Error(`the list did not show ${expected} spots left after the sign-up (shows "${await spotsOf(opportunityId)}"): ${error.message}`);
      });
      const exported = await findInExport('sk_test_news_demo', reference);
      assert.ok(exported, `sign-up ${reference} is in the news channel's export`);
      assert.equal(exported.contact.mobile, mobile);
      assert.equal(exported.contact.name, '周文清');
      assert.deepEqual(problems.pageErrors, []);
      await page.close();
    });

    it('the campus sign-up carries the student identity from the SSO session', async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
      const form = await page.waitForSelector('#campus-form');
      await waitFor(page, 'the campus session', () => document.querySelector('#sso-status')?.classList.contains('ok'));
      await shadowChild(form!, '[part~="form"]');
      assert.equal(await form!.$('>>> input[data-field="volunteer.studentId"]'), null, 'no student-ID field with a session');

      // The student's recommendations from the real server, each card saying why; 不感兴趣 removes one.
      await shadowChild('#recommended', '[part~="item"] [part~="reason"]', page);
      const recommended = () => page.$$eval(inShadow('#recommended', '[part~="item"]'), (cards) => cards.map((card) => ({
        title: card.querySelector('[part~="title"]')?.textContent?.trim() ?? '',
        reasons: [...card.querySelectorAll('[part~="reason"]')].map((reason) => reason.textContent?.trim() ?? ''),
      })));
      const before = await recommended();
      assert.ok(before.length > 0 && before.every((card) => card.reasons.length > 0), JSON.stringify(before));
      assert.ok(before.some((card) => card.reasons.some((reason) => /你参加过|离你近|需要你用过的技能/.test(reason))), `reasons from the student's history: ${JSON.stringify(before)}`);
      await (await shadowChild('#recommended', '[part~="dismiss-button"]', page)).click();
      await page.waitForFunction((title: string) =>
        ![...document.querySelector('#recommended')!.shadowRoot!.querySelectorAll('[part~="title"]')].some((node) => node.textContent?.trim() === title),
      { timeout: 15_000, polling: 100 }, before[0]!.title);
      await fillSignupForm(form!, {});
      const reference = await submitAndReadReference(form!);
      const exported = await findInExport('sk_test_campus_demo', reference);
      assert.ok(exported, `sign-up ${reference} is in the campus export`);
      assert.equal(exported.contact.studentId, '3230100123');
      assert.equal(exported.contact.name, '林晓雨');
      assert.deepEqual(problems.pageErrors, []);

      // After a reload the student sees that sign-up instead of a blank form, and cancels it by
      // keyboard: Enter on "取消报名", Enter again on "撤销" (focus is there), then for real.
      await page.reload({ waitUntil: 'load' });
      const reloaded = (await page.waitForSelector('#campus-form'))!;
      const shown = await shadowChild(reloaded, '[part~="existing-signup"] [part~="reference"]');
      assert.equal((await shown.evaluate((node) => node.textContent ?? '')).trim(), reference, 'the reload shows the sign-up made before it');
      assert.equal(await reloaded.$('>>> [part~="form"]'), null, 'no blank form');
      const focused = () => reloaded.evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('part') ?? '');
      await (await shadowChild(reloaded, '[part~="cancel-button"]')).focus();
      await page.keyboard.press('Enter');
      await shadowChild(reloaded, '[part~="undo-button"]');
      await waitFor(page, 'focus on 撤销', () => document.querySelector('#campus-form')?.shadowRoot?.activeElement?.getAttribute('part') === 'undo-button');
      await page.keyboard.press('Enter');
      await waitFor(page, 'focus back on 取消报名', () => document.querySelector('#campus-form')?.shadowRoot?.activeElement?.getAttribute('part') === 'cancel-button');
      assert.equal(await focused(), 'cancel-button');
      assert.notEqual((await findInExport('sk_test_campus_demo', reference))?.status, 'cancelled', 'an undone cancel is never sent');
      await page.keyboard.press('Enter');
      // The window is five seconds of real time here (the browser tests drive it with a fake clock).
      await shadowChild(reloaded, '[part~="cancelled"]', page, 20_000);
      assert.equal((await findInExport('sk_test_campus_demo', reference))?.status, 'cancelled');
      assert.deepEqual(problems.pageErrors, []);
      await page.close();
    });

    it('a signed-in student without a birth date on file gives it once, for an age-limited activity', async () => {
      // A student of its own per browser: the birth date is kept, so the second run would not be asked.
      const studentId = browserName === 'chromium' ? '3230100201' : '3230100202';
      const campus = createClient({ baseUrl: stack.apiUrl, secretKey: 'sk_test_campus_demo' });
      const { token } = await campus.sessions.create({ externalId: `zju-sso|${studentId}`, volunteer: { name: '陈思远', studentId }, ttlSeconds: 600 });
      const me = () => createClient({ baseUrl: stack.apiUrl, publishableKey: 'pk_test_campus_demo' }).withSession(token).me.get();
      assert.equal((await me()).birthDateOnFile, false);

      const { page, problems } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
      await waitFor(page, 'the campus session', () => document.querySelector('#sso-status')?.classList.contains('ok'));
      const form = (await page.waitForSelector('#campus-form'))!;
      // The children's hospital visits take adults only (minAge 18).
      await form.evaluate((element, session) => {
        Object.assign(element, { session, opportunity: 'opp_demoChildrensHospital' });
      }, token);
      await shadowChild(form, '[part~="age-note"]');
      const asked = await form.$$eval('>>> input[data-field^="volunteer."]', (inputs) => inputs.map((input) => input.getAttribute('data-field')));
      assert.deepEqual(asked, ['volunteer.birthDate'], 'only the birth date is asked');
      // Written the way many readers write it; the form sends the ISO date the server takes.
      await fillSignupForm(form, { birthDate: '2001年4月9日' });
      const reference = await submitAndReadReference(form);
      assert.match(reference, /VK-/);
      assert.equal((await me()).birthDateOnFile, true, 'the birth date is kept on the profile');
      assert.deepEqual(problems.pageErrors, []);
      await page.close();
    });

    it('the honor board shows ranked entries with masked names', async () => {
      const { page } = await openPage(browser);
      await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
      await shadowChild('vk-honor-board', '[part~="row"]', page);
      const entries = await page.$$eval(inShadow('vk-honor-board', '[part~="row"]'), (nodes) => nodes.map((n) => ({
        rank: Number(n.querySelector('[part~="rank"]')?.textContent?.replace(/\D/g, '')),
        name: n.querySelector('[part~="name"]')?.textContent?.trim() ?? '',
      })));
      assert.ok(entries.length >= 3, `${entries.length} entries`);
      const ranks = entries.map((e) => e.rank);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'ranks ascend');
      assert.equal(ranks[0], 1);
      assert.ok(entries.some((e) => e.name.includes('*')), `some names are masked: ${entries.map((e) => e.name).join(', ')}`);
      await page.close();
    });

    // Screenshots of every page in every width, text size and scheme come from layout.test.ts.
    it('the campus page\'s English switch turns its widgets to English without a reload', async () => {
      const { page, problems } = await openPage(browser, { width: 390, height: 844 });
      await page.goto(`${stack.demoUrl}/campus/`, { waitUntil: 'load' });
      await listReady(page);
      await (await page.$('[data-locale="en"]'))!.click();
      await waitFor(page, 'the list in English', () => document.documentElement.lang === 'en'
        && document.querySelector('vk-opportunity-list')?.shadowRoot?.querySelector('[part~="items"]')?.getAttribute('aria-label') === 'Volunteer opportunities');
      await page.screenshot({ path: screenshotPath(`${browserName}-campus-phone-en`) as `${string}.png` });
      assert.deepEqual(problems.pageErrors, []);
      await page.close();
    });
  });
}
