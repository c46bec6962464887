// The whole path from "I'll be there" to "my hours are approved", on the demo's campus pages
// against the real server, in Chromium and Firefox: the student signs up for the station's next
// duty on the phone page → the station kiosk shows that duty's code → the student types it on the
// phone → checked in → later, checked out with the next code → the record appears pending,
// explained, in <vk-my-hours> on the same page → the organizer approves it in the kiosk's roster
// → <vk-my-hours> shows the approved hours and the campus page's honor board the student's
// new total. axe runs on the widgets after each state; no console error, uncaught error or CSP
// violation (the pages carry the strict policy).
//
// Time: the servers (API and the campus back end) run on a clock of the test's own, moved
// forward by hand (never a sleep). It starts 5 minutes into the next full hour, so the seed's
// station duty (from the start of the server's hour, 4 h long, the demo student on it) and the
// next one (open for sign-up) are the same on every run whatever the time of day, and it is
// ahead of the browsers' clocks, never behind: the kiosk schedules its next code from
// `validUntil` by its own clock, so a server clock behind it would make it fetch again at once.
// Each browser gets its own servers: a duty can be signed up for and checked into once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { createClient, Me } from '@volunteerkit/sdk';
import { SEED_FIXTURES, SEED_KEYS, SEED_STATION, startServer, type RunningServer } from '@volunteerkit/server';
import { startDemo } from '../../scripts/demo-server.mjs';
import { BROWSERS, launch, openPage, seededSnapshot, screenshotPath, waitFor, type PageProblems } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Waits for `selector` inside `host`'s shadow root (polling: shadow changes reach no document observer). */
async function inShadow(page: Page, host: string, selector: string, timeout = 20_000): Promise<ElementHandle<Element>> {
  const found = await page.waitForFunction(
    (h: string, s: string) => document.querySelector(h)?.shadowRoot?.querySelector(s),
    { timeout, polling: 100 }, host, selector,
  ).catch(async (error: Error) => {
    const seen = await page.evaluate((h: string) => document.querySelector(h)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 400), host);
    throw new Error(`${host} ${selector}: ${error.message}; it showed: ${seen}`);
  });
  return found.asElement() as ElementHandle<Element>;
}

const textOf = (handle: ElementHandle<Element>) => handle.evaluate((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** axe on the widgets of the page (their shadow trees included): every rule, violations only. */
async function axeViolations(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const widgets = [...document.querySelectorAll('vk-checkin, vk-my-hours, vk-checkin-code, vk-roster, vk-signup-form, vk-honor-board')];
    const result = await axe.run({ include: widgets }, { resultTypes: ['violations'] });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} ${JSON.stringify(node.target)}`));
  });
  assert.deepEqual(violations, [], `axe, ${state}`);
}

async function assertClean(page: Page, problems: PageProblems, name: string): Promise<void> {
  assert.deepEqual(await problems.cspViolations(), [], `${name}: CSP violations`);
  assert.deepEqual(problems.pageErrors, [], `${name}: uncaught errors`);
  assert.deepEqual(problems.consoleErrors, [], `${name}: console errors`);
}

/** The code on the kiosk screen, as a person would read it off the screen (digits only). */
async function readKioskCode(station: Page): Promise<string> {
  const code = await inShadow(station, 'vk-checkin-code', '[part~="code"]');
  const digits = (await textOf(code)).replace(/\D/g, '');
  assert.match(digits, /^\d{6}$/, 'six digits on the kiosk');
  return digits;
}

/** Types the code into <vk-checkin> and sends it with Enter, as a volunteer on a phone does. */
async function enterCode(phone: Page, code: string): Promise<void> {
  // Keys go to the tab in front (Firefox over BiDi ignores them in a tab behind another).
  await phone.bringToFront();
  const input = await inShadow(phone, 'vk-checkin', 'input[name="code"]');
  await input.click({ count: 3 });
  await input.type(code);
  await phone.keyboard.press('Enter');
}

for (const browserName of BROWSERS) {
  describe(`check-in to approved hours in ${browserName}`, () => {
    // The seed's duty under way, and the next one, which the student signs up for and serves.
    const seededDutyStart = Math.ceil(Date.now() / HOUR) * HOUR;
    const dutyStart = seededDutyStart + 4 * HOUR;
    let clock = seededDutyStart + 5 * MINUTE;
    let api: RunningServer;
    let demo: { url: string; close(): Promise<void> };
    let browser: Browser;
    before(async () => {
      api = await startServer({ port: 0, dataDir: 'memory', pgliteSnapshot: await seededSnapshot(), seed: true, rateLimit: false, log: false, autoApproval: false, now: () => new Date(clock) });
      demo = await startDemo({ apiUrl: api.url, port: 0, now: () => new Date(clock) });
      browser = await launch(browserName);
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
      await api?.close();
    });

    it('sign up → station code → check in and out on the phone → pending, explained → approved in the roster → approved hours, on the honor board', async () => {
      const stamp = new Date(dutyStart).toISOString().slice(0, 13).replace(/\D/g, '');
      const shiftId = `shf_demoStation${stamp}`;
      // What the server holds, read the way the campus back end would (a fresh session: time moves).
      const campus = createClient({ baseUrl: api.url, secretKey: SEED_KEYS.campus.secretKey });
      const me = async () => {
        const { token } = await campus.sessions.create({ externalId: SEED_STATION.externalId, volunteer: SEED_STATION.student });
        return new Me(createClient({ baseUrl: api.url, publishableKey: SEED_KEYS.campus.publishableKey }).withSession(token));
      };
      const records = async () => (await (await me()).serviceRecords.list()).data;

      // The phone, during the seed's duty: the student signs up for the next one. The form shows
      // the duty they are on; "another time" opens the form, where they choose the next duty.
      const { page: phone, problems: phoneProblems } = await openPage(browser, { width: 390, height: 844 });
      await phone.goto(`${demo.url}/campus/phone/`, { waitUntil: 'load' });
      await (await inShadow(phone, '#duty-form', '[part~="existing-signup"] [part~="sign-up-again"]')).click();
      await (await inShadow(phone, '#duty-form', `input[data-field="shiftId"][value="${shiftId}"]`)).click();
      await (await inShadow(phone, '#duty-form', 'input[data-field="consent"]')).click();
      await (await inShadow(phone, '#duty-form', '[part~="submit-button"]')).click();
      const reference = await textOf(await inShadow(phone, '#duty-form', '[part~="success"] [part~="reference"]'));
      const signup = (await (await me()).signups.list({ opportunityId: SEED_FIXTURES.stationOpportunityId })).data.find((s) => s.shiftId === shiftId);
      assert.ok(signup && reference.includes(signup.reference), `the sign-up ${reference} is the student's, on the next duty`);
      assert.equal(signup.status, 'approved');
      // <vk-checkin> on the same page reads the new duty without a reload.
      await inShadow(phone, 'vk-checkin', `input[name="shift"][value="${shiftId}"]`);
      await axeViolations(phone, 'phone after signing up');

      // The next duty begins: the station's staff member opens the kiosk; the student is expected.
      clock = dutyStart + 5 * MINUTE;
      const { page: station, problems: stationProblems } = await openPage(browser, { width: 1366, height: 900 });
      await station.goto(`${demo.url}/campus/station/`, { waitUntil: 'load' });
      const firstCode = await readKioskCode(station);
      const expected = await inShadow(station, 'vk-roster', `[data-signup="${signup.id}"]`);
      assert.match(await textOf(expected), /未到/, 'the student is on the roster, not here yet');
      await axeViolations(station, 'station with its first code');

      // The phone, opened again: two duties today, so the student chooses this one, types the code and presses Enter.
      // (In front: a tab behind another gets no animation frames, which a click waits for.)
      await phone.bringToFront();
      await phone.reload({ waitUntil: 'load' });
      await (await inShadow(phone, 'vk-checkin', `input[name="shift"][value="${shiftId}"]`)).click();
      // The student's earlier hours (the seed's) are on the page already; this duty adds to them.
      const earlier = await myHoursTotals(phone);
      await axeViolations(phone, 'phone before check-in');
      await enterCode(phone, firstCode);
      await waitFor(phone, 'checked in', () => /已签到/.test(document.querySelector('vk-checkin')?.shadowRoot?.querySelector('[part~="result"]')?.textContent ?? ''));
      const checkedInAt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(clock));
      assert.match(await textOf(await inShadow(phone, 'vk-checkin', '[part~="result"]')), new RegExp(`已签到 ${checkedInAt}`));
      await axeViolations(phone, 'phone checked in');

      // 3 h 30 min later (the server's clock only): the kiosk, opened again, shows that window's code.
      clock = dutyStart + 3 * HOUR + 35 * MINUTE;
      await station.reload({ waitUntil: 'load' });
      const secondCode = await readKioskCode(station);
      // The student opens the page again to leave: the campus back end's sessions last an hour,
      // so the morning's has expired (the widget would say so; its test covers that refusal).
      await phone.reload({ waitUntil: 'load' });
      await inShadow(phone, 'vk-my-hours', '[part~="totals"]');
      const chosen = await inShadow(phone, 'vk-checkin', 'input[name="shift"]:checked');
      assert.equal(await chosen.evaluate((node) => (node as HTMLInputElement).value), shiftId, 'the duty checked into is chosen');
      const checkOut = await inShadow(phone, 'vk-checkin', 'input[name="action"][value="check_out"]');
      assert.equal(await checkOut.evaluate((node) => (node as HTMLInputElement).checked), true, 'after a check-in, check-out is chosen');
      await enterCode(phone, secondCode);
      await waitFor(phone, 'checked out', () => /已签退/.test(document.querySelector('vk-checkin')?.shadowRoot?.querySelector('[part~="result"]')?.textContent ?? ''))
        .catch(async (error: Error) => {
          throw new Error(`${error.message}; <vk-checkin> said: ${await textOf(await inShadow(phone, 'vk-checkin', 'form'))}`);
        });

      // The record, pending with its explanation, in <vk-my-hours> on the same page without a reload.
      const record = (await records()).find((r) => r.shiftId === shiftId);
      assert.ok(record, 'the check-out made a service record');
      assert.deepEqual([record.status, record.hours, record.source], ['pending', 3.5, 'attendance']);
      const shown = await inShadow(phone, 'vk-my-hours', `[data-record="${record.id}"]`);
      const pendingText = await textOf(shown);
      assert.match(pendingText, /3\.5 小时/);
      assert.match(pendingText, /待审核/);
      assert.match(pendingText, /在岗 3 小时 30 分钟，班次共 4 小时（87%）/, `the explanation in words: ${pendingText}`);
      assert.match(pendingText, /应于 .* 前审核/, 'the approval deadline');
      assert.equal((await myHoursTotals(phone)).pending, earlier.pending + 3.5, 'the pending total grew by the duty');
      await axeViolations(phone, 'phone checked out, record pending');

      // The campus page's honor board (this month, the school's students) before the approval.
      const boardBefore = await studentOnBoard(api.url, demo.url);

      // The organizer approves it in the roster, with the keyboard.
      await station.reload({ waitUntil: 'load' });
      const approve = await inShadow(station, 'vk-roster', `[data-signup="${signup.id}"] [part~="action-button"]:not([part~="bulk-button"])[aria-label*="审核通过"]`);
      await station.bringToFront();
      await approve.focus();
      await station.keyboard.press('Enter');
      await waitFor(station, 'the roster to show the hours approved', () =>
        /3\.5 小时，已通过/.test(document.querySelector('vk-roster')?.shadowRoot?.querySelector('[part~="record"]')?.textContent ?? ''))
        .catch(async (error: Error) => {
          const focused = await station.evaluate(() => document.querySelector('vk-roster')?.shadowRoot?.activeElement?.outerHTML ?? document.activeElement?.localName);
          throw new Error(`${error.message}; the row showed: ${await textOf(await inShadow(station, 'vk-roster', `[data-signup="${signup.id}"]`))}; focus: ${focused}`);
        });
      assert.equal((await records()).find((r) => r.id === record.id)?.status, 'approved');
      await axeViolations(station, 'station after approving');

      // The student sees the approved hours (and the star progress moves with them).
      const starsBefore = await textOf(await inShadow(phone, 'vk-my-hours', '[part~="stars"]'));
      await phone.reload({ waitUntil: 'load' });
      await phone.waitForFunction((expected: number) => {
        const text = document.querySelector('vk-my-hours')?.shadowRoot?.querySelector('[part~="totals"]')?.textContent?.replace(/\s+/g, ' ').replace(/,/g, '') ?? '';
        return Math.abs(Number(/已审核时长\s*([\d.]+) 小时/.exec(text)?.[1]) - expected) < 0.05;
      }, { timeout: 15_000, polling: 100 }, earlier.approved + 3.5).catch((error: Error) => {
        throw new Error(`timed out waiting for ${earlier.approved + 3.5} approved hours: ${error.message}`);
      });
      const approvedRecord = await textOf(await inShadow(phone, 'vk-my-hours', `[data-record="${record.id}"]`));
      assert.match(approvedRecord, /已审核/);
      assert.doesNotMatch(approvedRecord, /应于 .* 前审核/, 'no deadline once approved');
      const starsAfter = await textOf(await inShadow(phone, 'vk-my-hours', '[part~="stars"]'));
      assert.notEqual(starsAfter, starsBefore, 'the hours to the next star went down');
      await axeViolations(phone, 'phone with approved hours');

      // The campus page's honor board shows the student's new total (names masked, as the API gives them).
      const { page: campusPage, problems: campusProblems } = await openPage(browser, { width: 390, height: 844 });
      await campusPage.goto(`${demo.url}/campus/`, { waitUntil: 'load' });
      const boardValue = await campusPage.waitForFunction((name: string) => {
        const row = [...document.querySelector('vk-honor-board')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? []]
          .find((node) => node.querySelector('[part~="name"]')?.textContent?.trim() === name);
        return row ? Number(row.querySelector('[part~="value"]')?.textContent?.replace(/[^\d.]/g, '')) : false;
      }, { timeout: 20_000, polling: 100 }, boardBefore.name).then((handle) => handle.jsonValue() as Promise<number>);
      assert.equal(boardValue, boardBefore.value + 3.5, `the board's ${boardBefore.name}: ${boardBefore.value} h before the approval`);
      await axeViolations(campusPage, 'campus page with the honor board');
      await assertClean(campusPage, campusProblems, 'campus');
      await campusPage.close();

      await phone.screenshot({ path: screenshotPath(`${browserName}-campus-phone-approved`) as `${string}.png`, fullPage: true });
      await station.screenshot({ path: screenshotPath(`${browserName}-campus-station`) as `${string}.png`, fullPage: true });
      await assertClean(station, stationProblems, 'station');
      await assertClean(phone, phoneProblems, 'phone');
      await station.close();
      await phone.close();
    });
  });
}

/** `<vk-my-hours>`' approved and pending totals, in hours, once it has loaded. */
async function myHoursTotals(page: Page): Promise<{ approved: number; pending: number }> {
  const text = (await textOf(await inShadow(page, 'vk-my-hours', '[part~="totals"]'))).replace(/\s+/g, ' ').replace(/,/g, '');
  const hours = (label: string) => Number(new RegExp(`${label}\\s*([\\d.]+) 小时`).exec(text)?.[1]);
  const totals = { approved: hours('已审核时长'), pending: hours('待审核') };
  assert.ok(Number.isFinite(totals.approved) && Number.isFinite(totals.pending), `<vk-my-hours> totals: ${text}`);
  return totals;
}

/**
 * The student's entry on the board the campus page shows (the campus channel, last 30 days, by
 * hours), read from the API as the page's widget reads it.
 */
async function studentOnBoard(apiUrl: string, origin: string): Promise<{ name: string; value: number }> {
  const query = new URLSearchParams({ scope: `channel:${SEED_KEYS.campus.channelId}`, period: 'month', metric: 'hours', limit: '10' });
  const board = await (await fetch(`${apiUrl}/v1/honor-board?${query}`, {
    headers: { authorization: `Bearer ${SEED_KEYS.campus.publishableKey}`, origin },
  })).json() as { entries: Array<{ subject: { id: string; name: string }; value: number }> };
  const entry = board.entries.find((e) => e.subject.id === SEED_STATION.volunteerId);
  assert.ok(entry, `the student is in the campus board's top 10: ${JSON.stringify(board.entries.map((e) => [e.subject.name, e.value]))}`);
  return { name: entry.subject.name, value: entry.value };
}
