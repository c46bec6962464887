// The kiosk screen: the code, its QR code (read back with a third-party decoder), the count, and
// the refresh before `validUntil`. The refresh runs on a fake clock (@sinonjs/fake-timers) given
// as the `clock` property, so it moves only when a test ticks while msw and axe keep real time.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { withGlobal, type Clock as FakeClock } from '@sinonjs/fake-timers';
import type { CheckinCode } from '@volunteerkit/sdk/schemas';
import '../define/vk-checkin-code.js';
import type { VkCheckinCode } from './checkin-code.js';
import type { Clock } from './code-refresh.js';
import type { VkCheckinCodeEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { decodeQrCanvas } from '../../test/decode-qr.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const SHIFT = 'shf_morning001';
const START = Date.parse('2026-12-05T09:00:00+08:00');
/** A token per test: identical GETs in flight are shared by URL and credential across widgets. */
let sessions = 0;
const nextSession = () => `ost_kiosk${String(++sessions).padStart(6, '0')}`;

function makeCode(window: number, checkedIn: number): CheckinCode {
  return {
    shiftId: SHIFT,
    code: String(123456 + window * 111111).slice(-6).padStart(6, '0'),
    qrPayload: `vk:checkin:${SHIFT}:${window}:sig${window}`,
    validUntil: new Date(START + (window + 1) * 30_000).toISOString(),
    checkedIn,
  };
}

/** Serves window after window; `answer` may replace an answer (a fault). */
function serveCodes(counts: number[], answer?: (call: number) => Response | undefined) {
  const calls: Array<{ authorization: string | null }> = [];
  worker.use(
    http.get(api(`/v1/shifts/${SHIFT}/checkin-code`), ({ request }) => {
      calls.push({ authorization: request.headers.get('authorization') });
      const call = calls.length - 1;
      const fault = answer?.(call);
      if (fault) return fault;
      return HttpResponse.json(makeCode(call, counts[Math.min(call, counts.length - 1)]!));
    }),
  );
  return calls;
}

function fakeClock(): { fake: FakeClock; clock: Clock } {
  const fake = withGlobal(window).createClock(START);
  return { fake, clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout } };
}

async function mount(clock: Clock, { session = nextSession(), extra = '' } = {}): Promise<VkCheckinCode> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  holder.innerHTML = `<vk-checkin-code base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en" shift-id="${SHIFT}" ${extra}></vk-checkin-code>`;
  const el = holder.querySelector<VkCheckinCode>('vk-checkin-code')!;
  el.clock = clock;
  if (session) el.session = session;
  await el.updateComplete;
  return el;
}
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const digits = (el: VkCheckinCode) => text($(el, '[part="code"]')).replace(/\s/g, '');
const shown = (el: VkCheckinCode, code: string) => waitUntil(() => digits(el) === code, `code ${code} not shown (showing "${digits(el)}")`);

describe('<vk-checkin-code>', () => {
  it('shows the code in large digits, a QR code a decoder reads as the payload, valid until and the count; axe-clean', async () => {
    const gate = deferred();
    const calls: Array<string | null> = [];
    worker.use(
      http.get(api(`/v1/shifts/${SHIFT}/checkin-code`), async ({ request }) => {
        calls.push(request.headers.get('authorization'));
        await gate.promise;
        return HttpResponse.json(makeCode(0, 3));
      }),
    );
    const { clock } = fakeClock();
    const session = nextSession();
    const el = await mount(clock, { session });
    await waitUntil(() => calls.length === 1, 'no request');
    expect($(el, '[part="skeleton"]')).to.exist;
    await expect(el).to.be.accessible();
    gate.resolve();
    await shown(el, makeCode(0, 3).code);
    expect(calls).to.deep.equal([`Bearer ${session}`]);

    const qr = $(el, 'canvas[part="qr"]') as HTMLCanvasElement;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR code for checking in to this shift');
    expect(await decodeQrCanvas(qr)).to.equal(makeCode(0, 3).qrPayload);

    expect(text($(el, '[part="count"]'))).to.equal('3 volunteers checked in');
    expect($(el, '[part="count"]')!.getAttribute('aria-live')).to.equal('polite');
    expect($(el, '[part="valid-until"] time')!.getAttribute('datetime')).to.equal(makeCode(0, 3).validUntil);
    expect(text($(el, '[part="valid-until"]'))).to.contain('09:00:30');
    // Readable from two metres: at least 4rem (64 px at the default root size).
    expect(parseFloat(getComputedStyle($(el, '[part="code"]')!).fontSize)).to.be.at.least(64);
    await expect(el).to.be.accessible();
  });

  it('fetches the next code just after validUntil, redraws the QR code, and announces only count changes', async () => {
    const calls = serveCodes([3, 3, 4]);
    const { fake, clock } = fakeClock();
    const events: VkCheckinCodeEvent[] = [];
    const el = await mount(clock);
    el.addEventListener('vk-checkin-code', (event) => events.push(event));
    await shown(el, makeCode(0, 3).code);
    const liveRegions = [...el.shadowRoot!.querySelectorAll('[aria-live]')];
    expect(liveRegions.map((node) => node.getAttribute('part')), 'only the count is live').to.deep.equal(['count']);

    fake.tick(30_499); // the first code is valid until START + 30 s; the next is fetched 0.5 s after
    await el.updateComplete;
    expect(calls).to.have.length(1);
    fake.tick(1);
    await shown(el, makeCode(1, 3).code);
    expect(calls).to.have.length(2);
    expect(await decodeQrCanvas($(el, 'canvas[part="qr"]') as HTMLCanvasElement)).to.equal(makeCode(1, 3).qrPayload);
    expect(text($(el, '[part="count"]')), 'same count, same live text: nothing announced').to.equal('3 volunteers checked in');

    fake.tick(30_000);
    await shown(el, makeCode(2, 4).code);
    expect(text($(el, '[part="count"]'))).to.equal('4 volunteers checked in');
    expect(events.map((event) => event.detail)).to.deep.equal([
      { shiftId: SHIFT, validUntil: makeCode(0, 3).validUntil, checkedIn: 3 },
      { shiftId: SHIFT, validUntil: makeCode(1, 3).validUntil, checkedIn: 3 },
      { shiftId: SHIFT, validUntil: makeCode(2, 4).validUntil, checkedIn: 4 },
    ]);
    expect(JSON.stringify(events.map((event) => event.detail))).not.to.contain(makeCode(0, 3).code);
    await expect(el).to.be.accessible();
    el.remove();
    fake.tick(120_000);
    expect(calls, 'a removed screen stops fetching').to.have.length(3);
  });

  it('after a failed fetch keeps the last code while it is still accepted, retries, and drops it once expired', async () => {
    let down = false;
    const calls = serveCodes([1], () => (down ? problem(503, 'unavailable', 'Down', {}, { 'retry-after': '0' }) : undefined));
    const { fake, clock } = fakeClock();
    const el = await mount(clock);
    let failures = 0;
    el.addEventListener('vk-error', () => failures++);
    await shown(el, makeCode(0, 1).code);
    down = true;
    fake.tick(30_500);
    await waitUntil(() => failures === 1 && $(el, '[part~="error"]'), 'no notice after the failed fetch');
    expect(digits(el), 'the last code stays: the server still accepts it').to.equal(makeCode(0, 1).code);
    expect(text($(el, '[part~="error"]'))).to.contain('Could not fetch a new code');
    await expect(el).to.be.accessible();

    // Retried every 5 s: at 35.5, 40.5 … 55.5 s the code (valid until 30 s, accepted until 60 s)
    // stays; at 60.5 s it is dropped.
    for (let attempt = 2; attempt <= 8; attempt++) {
      fake.tick(4_999);
      await el.updateComplete;
      expect(failures, 'no retry before 5 s').to.equal(attempt - 1);
      fake.tick(1);
      await waitUntil(() => failures === attempt, `no retry ${attempt} after 5 s`);
      await el.updateComplete;
      expect(Boolean($(el, '[part="code"]')), `at ${(fake.now - START) / 1000} s`).to.equal(fake.now - START < 60_000);
    }
    expect(text($(el, '[part="error"]'))).to.contain('The volunteer platform had a problem');
    await expect(el).to.be.accessible();

    // Keyboard: the retry button is reached with Tab and pressed with Enter.
    down = false;
    const before = calls.length;
    const retry = $(el, '[part="retry-button"]')!;
    while (el.shadowRoot!.activeElement !== retry) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="code"]'), 'retry did not bring a code');
    expect(calls.length).to.equal(before + 1);
    expect($(el, '[part~="error"]')).to.equal(null);
  });

  it('without an organizer session says so and asks nothing of the API', async () => {
    const calls = serveCodes([0]);
    const { clock } = fakeClock();
    const el = await mount(clock, { session: '' });
    // The wait for configuration is real time (the page's load + 0.5 s), as in every widget.
    await waitUntil(() => $(el, '[part="error"]'), 'no error state', { timeout: 5000 });
    expect(text($(el, '[part="error"]'))).to.contain('Sign in as an organizer');
    expect($(el, '[part="retry-button"]')).to.equal(null);
    expect(calls).to.have.length(0);
    await expect(el).to.be.accessible();
    el.session = nextSession();
    await shown(el, makeCode(0, 0).code);
  });

  it('fits a 320 px column in large text and dark: nothing clipped, nothing sideways; zh-CN', async () => {
    serveCodes([12]);
    const { clock } = fakeClock();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    wrapper.innerHTML = `<vk-checkin-code base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="zh-CN" large-text theme="dark" shift-id="${SHIFT}"></vk-checkin-code>`;
    const el = wrapper.querySelector<VkCheckinCode>('vk-checkin-code')!;
    el.clock = clock;
    el.session = nextSession();
    await shown(el, makeCode(0, 12).code);
    expect(text($(el, '[part="count"]'))).to.equal('已签到 12 人');
    const problems = [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
        .filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1)
        .map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
