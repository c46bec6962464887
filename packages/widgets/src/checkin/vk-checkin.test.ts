// <vk-checkin> against msw: the volunteer's shift is found and chosen, the code typed with the
// keyboard alone is sent as 6 digits, the answer is said in words, and every refusal is an inline
// message that keeps what was typed. axe after each state change.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Attendance, Opportunity, ServiceRecord, Signup } from '@volunteerkit/sdk/schemas';
import '../define/vk-checkin.js';
import { drawQr } from '../checkin-code/qr-image.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';
import type { VkCheckin } from './vk-checkin.js';
import type { VkCheckinEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY, makeOpportunity, makeShift } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const CREATED = '2026-11-22T10:00:00+08:00';
const HOUR = 3_600_000;
/** A session of each test's own: the SDK shares identical GETs by URL and credential. */
let sessions = 0;
let SESSION = 'vst_checkin0000';
beforeEach(() => {
  sessions += 1;
  SESSION = `vst_checkin${String(sessions).padStart(4, '0')}`;
});

// Shifts around the real now: the widget asks the server what is today with the real clock.
const now = Date.now();
const opportunity: Opportunity = makeOpportunity({
  id: 'opp_elderly001', title: '社区敬老院陪伴', timezone: 'Asia/Shanghai',
  shifts: [
    makeShift({ id: 'shf_morning001', start: new Date(now + HOUR).toISOString(), end: new Date(now + 3 * HOUR).toISOString() }),
    makeShift({ id: 'shf_afternoon01', start: new Date(now + 4 * HOUR).toISOString(), end: new Date(now + 6 * HOUR).toISOString() }),
  ],
});

function makeSignup(overrides: Partial<Signup> = {}): Signup {
  return {
    id: 'sgn_mine00001', reference: 'VK-7F3K2Q', opportunityId: 'opp_elderly001', shiftId: 'shf_morning001',
    volunteerId: 'vol_session001', displayName: '李*华', answers: {}, consent: { policyVersion: '2026-09', at: CREATED },
    status: 'approved', waitlistPosition: null, source: { channelId: 'chn_campus001', widget: null },
    createdAt: CREATED, updatedAt: CREATED, ...overrides,
  } as Signup;
}

function attendanceOf(overrides: Partial<Attendance> = {}): Attendance {
  return {
    id: 'att_00000001', signupId: 'sgn_mine00001', shiftId: 'shf_morning001', volunteerId: 'vol_session001',
    checkInAt: '2026-12-01T09:02:00+08:00', checkOutAt: null, method: 'code', serviceRecordId: null,
    createdAt: CREATED, updatedAt: CREATED, ...overrides,
  } as Attendance;
}

/** The pending record the check-out made, as GET /v1/me/service-records lists it. */
function recordOf(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id: 'rec_00000001', volunteerId: 'vol_session001', opportunityId: 'opp_elderly001', opportunityTitle: '社区敬老院陪伴', shiftId: 'shf_morning001',
    checkIn: '2026-12-01T09:02:00+08:00', checkOut: '2026-12-01T11:31:00+08:00', hours: 2.5, status: 'pending', recordedBy: 'self', source: 'attendance',
    policyVersion: 1, dueAt: '2026-12-08T11:31:00+08:00',
    explanation: [{ code: 'rounded_down', params: { minutes: 149, stepMinutes: 15, hours: 2.25 } }],
    reviewedBy: null, reviewedAt: null, corrects: null, correctedBy: null, disputableUntil: '2026-12-31T11:31:00+08:00', dispute: null,
    createdAt: CREATED, updatedAt: CREATED, ...overrides,
  } as ServiceRecord;
}

type Body = { shiftId: string; code: string; action: string };
/** The API: `mine` are the volunteer's sign-ups; `answer` replies to each check-in (default: accepted). */
function serve({ mine = [makeSignup()], answer, records = [] }: { mine?: Signup[]; answer?: (body: Body, index: number) => Response | undefined; records?: ServiceRecord[] } = {}) {
  const posts: Array<{ body: Body; authorization: string | null }> = [];
  const recordQueries: Array<string | null> = [];
  worker.use(
    http.get(api('/v1/me/service-records'), ({ request }) => {
      const shiftId = new URL(request.url).searchParams.get('shiftId');
      recordQueries.push(shiftId);
      return HttpResponse.json({ data: records.filter((r) => !shiftId || r.shiftId === shiftId), nextCursor: null });
    }),
    http.get(api('/v1/opportunities/:id'), () => HttpResponse.json(opportunity)),
    http.get(api('/v1/me/signups'), () => HttpResponse.json({ data: mine, nextCursor: null })),
    http.post(api('/v1/me/attendance'), async ({ request }) => {
      const body = (await request.json()) as Body;
      posts.push({ body, authorization: request.headers.get('authorization') });
      return answer?.(body, posts.length - 1)
        ?? HttpResponse.json(body.action === 'check_in' ? attendanceOf() : attendanceOf({ checkOutAt: '2026-12-01T11:31:00+08:00', serviceRecordId: 'rec_00000001' }));
    }),
  );
  return { posts, recordQueries };
}

async function mount(locale = 'en'): Promise<VkCheckin> {
  const el = await fixture<VkCheckin>(html`<vk-checkin locale=${locale} base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}></vk-checkin>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="form"], [part~="empty"], [part~="error"], [part~="sign-in"]'), 'did not settle', { timeout: 8000 });
  return el;
}
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const codeInput = (el: Element) => $<HTMLInputElement>(el, '[part~="code-input"]')!;
const message = (el: Element) => text($(el, '[part~="message"]'));

/** Keyboard only: focus the code input with Tab from the start of the form, type, press Enter. */
async function typeCodeAndSubmit(el: VkCheckin, typed: string): Promise<void> {
  const first = $<HTMLInputElement>(el, 'input[name="shift"]:checked') ?? $<HTMLInputElement>(el, 'input[name="shift"]')!;
  first.focus();
  while (el.shadowRoot!.activeElement !== codeInput(el)) await sendKeys({ press: 'Tab' });
  if (typed) await sendKeys({ type: typed });
  await sendKeys({ press: 'Enter' });
}

/**
 * A camera stand-in: a canvas showing `payload` as the kiosk draws it (or nothing), redrawn every
 * animation frame so its `captureStream()` keeps sending frames. `stop()` ends the redrawing.
 */
function fakeCamera(payload: string | null) {
  const small = document.createElement('canvas');
  if (payload) drawQr(small, payload);
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 320;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const draw = () => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingEnabled = false;
    if (payload) context.drawImage(small, 10, 10, 300, 300);
    frame = requestAnimationFrame(draw);
  };
  draw();
  const stream = canvas.captureStream();
  return { source: async () => stream, stream, stop: () => cancelAnimationFrame(frame) };
}

describe('<vk-checkin>', () => {
  it('preselects the only shift, sends the pasted-style "123 456" as 6 digits with the session, and says "Checked in at 09:02"', async () => {
    const { posts } = serve({ records: [recordOf()] });
    const el = await mount();
    expect(($<HTMLInputElement>(el, 'input[name="shift"]')!).checked, 'the only shift is chosen').to.equal(true);
    const input = codeInput(el);
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(($<HTMLInputElement>(el, 'input[name="action"][value="check_in"]')!).checked).to.equal(true);
    await expect(el).to.be.accessible();

    const done = oneEvent(el, 'vk-checkin') as Promise<VkCheckinEvent>;
    await typeCodeAndSubmit(el, '123 456');
    const event = await done;
    expect(event.detail.action).to.equal('check_in');
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.deep.equal({ shiftId: 'shf_morning001', code: '123456', action: 'check_in' });
    expect(posts[0]!.authorization).to.equal(`Bearer ${SESSION}`);
    await el.updateComplete;
    expect(text($(el, '[part~="result"]'))).to.equal('Checked in at 09:02');
    expect(codeInput(el).value, 'the used code is cleared for check-out').to.equal('');
    expect(($<HTMLInputElement>(el, 'input[name="action"][value="check_out"]')!).checked, 'check-out is next').to.equal(true);
    await expect(el).to.be.accessible();

    await typeCodeAndSubmit(el, '654321');
    await waitUntil(() => text($(el, '[part~="result"]')).startsWith('Checked out'), 'no check-out said');
    expect(posts[1]!.body.action).to.equal('check_out');
    expect(text($(el, '[part~="result"]'))).to.contain('Checked out at 11:31');
    // Done: nothing more to send; the times, the record's hours, why, and its deadline.
    await waitUntil(() => text($(el, '[part~="done"]')).includes('2.5 h recorded'), 'the record is not shown');
    const finished = text($(el, '[part~="done"]'));
    expect(finished).to.contain('Checked in at 09:02, checked out at 11:31.');
    expect(finished).to.contain('Awaiting approval');
    expect(finished).to.contain('To be approved by');
    expect($(el, '[part~="code-input"]'), 'no code to enter any more').to.equal(null);
    expect($(el, '[part~="submit-button"]'), 'check-out is not offered again').to.equal(null);
    expect($(el, 'input[name="action"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a shift checked out earlier shows as done when the page opens again, with its record', async () => {
    const { posts, recordQueries } = serve({ mine: [makeSignup({ status: 'attended' })], records: [recordOf(), recordOf({ id: 'rec_00000002', shiftId: 'shf_afternoon01' })] });
    const el = await mount('zh-CN');
    expect(recordQueries, 'only the checked-in shift\'s records are read').to.deep.equal(['shf_morning001']);
    const done = text($(el, '[part~="done"]'));
    expect(done).to.contain('本班次已完成');
    expect(done).to.contain('09:02 签到，11:31 签退。');
    expect(done).to.contain('已记录 2.5 小时');
    expect($(el, '[part~="submit-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    expect(posts).to.have.length(0);
  });

  it('says it in Chinese: 已签到 09:02 / 已簽到 09:02', async () => {
    for (const [locale, words] of [['zh-CN', '已签到 09:02'], ['zh-TW', '已簽到 09:02']] as const) {
      serve();
      const el = await mount(locale);
      await typeCodeAndSubmit(el, '123456');
      await waitUntil(() => text($(el, '[part~="result"]')) !== '', `${locale}: nothing said`);
      expect(text($(el, '[part~="result"]'))).to.equal(words);
      worker.resetHandlers();
      sessions += 1;
      SESSION = `vst_checkin${String(sessions).padStart(4, '0')}`;
    }
  });

  it('turns every refusal of the server into an inline message that says what to do, keeping what was typed', async () => {
    const refusals: Array<[Response, string, boolean]> = [
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'code', code: 'wrong_code', message: 'x' }] }), 'not the code for this shift', true],
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'code', code: 'expired_code', message: 'x' }] }), 'This code has expired', true],
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'code', code: 'other_shift', message: 'x' }] }), 'code of another shift', true],
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'shiftId', code: 'no_confirmed_signup', message: 'x' }] }), 'not confirmed', false],
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'action', code: 'too_early', message: 'x' }] }), 'Check-in opens at', false],
      [problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'action', code: 'not_checked_in', message: 'x' }] }), 'Choose “Check in” first', false],
      [problem(429, 'rate_limited', 'Slow down', {}, { 'retry-after': '120' }), 'Wait 120 seconds', true],
    ];
    let index = 0;
    serve({ answer: () => refusals[index]![0].clone() });
    const el = await mount();
    for (; index < refusals.length; index++) {
      const [, words, aboutCode] = refusals[index]!;
      await typeCodeAndSubmit(el, index === 0 ? '123 456' : '');
      await waitUntil(() => message(el).includes(words), `refusal ${index}: "${message(el)}"`);
      expect(codeInput(el).value, 'what was typed stays').to.equal('123 456');
      expect(codeInput(el).getAttribute('aria-invalid')).to.equal(aboutCode ? 'true' : 'false');
      expect($(el, '[part~="message"]')!.getAttribute('role')).to.equal('alert');
      expect(codeInput(el).getAttribute('aria-describedby')).to.contain('message');
      if (aboutCode) expect(el.shadowRoot!.activeElement, 'focus is on the code to fix').to.equal(codeInput(el));
      expect(text($(el, '[part~="result"]'))).to.equal('');
      await expect(el).to.be.accessible();
    }
  });

  it('checks the code before sending: empty and not 6 digits are refused inline, nothing is sent', async () => {
    const { posts } = serve();
    const el = await mount();
    await typeCodeAndSubmit(el, '');
    await el.updateComplete;
    expect(message(el)).to.contain('Enter the 6-digit code');
    await expect(el).to.be.accessible();
    await typeCodeAndSubmit(el, '12345');
    await el.updateComplete;
    expect(message(el)).to.contain('The code is 6 digits');
    expect(codeInput(el).value).to.equal('12345');
    expect(codeInput(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    expect(posts).to.have.length(0);
  });

  it('with two shifts today and neither under way, asks which one, and sends the chosen one', async () => {
    const { posts } = serve({ mine: [makeSignup(), makeSignup({ id: 'sgn_mine00002', shiftId: 'shf_afternoon01' })] });
    const el = await mount();
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="shift"]')];
    expect(radios).to.have.length(2);
    expect(radios.some((r) => r.checked), 'nothing chosen for the volunteer').to.equal(false);
    codeInput(el).focus();
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(message(el)).to.equal('Choose the shift you are at.');
    expect(el.shadowRoot!.activeElement).to.equal(radios[0]);
    await expect(el).to.be.accessible();
    // Arrow keys move within the radio group and choose.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(radios[1]!.checked).to.equal(true);
    await typeCodeAndSubmit(el, '');
    await waitUntil(() => posts.length === 1);
    expect(posts[0]!.body).to.deep.equal({ shiftId: 'shf_afternoon01', code: '123456', action: 'check_in' });
    await expect(el).to.be.accessible();
  });

  it('chooses the shift checked in, with check-out; a sign-up elsewhere on the page adds its shift and keeps the choice', async () => {
    const checkedIn = makeSignup({ status: 'attended' });
    serve({ mine: [checkedIn] });
    const el = await mount();
    expect(el.shadowRoot!.querySelectorAll('input[name="shift"]')).to.have.length(1);
    serve({ mine: [checkedIn, makeSignup({ id: 'sgn_mine00002', shiftId: 'shf_afternoon01' })] });
    document.dispatchEvent(new Event('vk-signup-success'));
    await waitUntil(() => el.shadowRoot!.querySelectorAll('input[name="shift"]').length === 2, 'the new shift is not listed');
    expect($<HTMLInputElement>(el, 'input[name="shift"]:checked')?.value).to.equal('shf_morning001');
    expect(($<HTMLInputElement>(el, 'input[name="action"][value="check_out"]')!).checked, 'checked in already: check-out').to.equal(true);
    expect(text($(el, '[part~="action-choice"]'))).to.contain('You are checked in.');
    await expect(el).to.be.accessible();
  });

  it('without a confirmed shift today says so; without a session asks to sign in', async () => {
    serve({ mine: [makeSignup({ status: 'pending_review' })] });
    const el = await mount();
    expect(text($(el, '[part~="empty"]'))).to.contain('no confirmed shift today');
    await expect(el).to.be.accessible();

    const signedOut = await fixture<VkCheckin>(html`<vk-checkin locale="zh-CN" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}></vk-checkin>`);
    await waitUntil(() => $(signedOut, '[part~="sign-in"]'), 'no sign-in state', { timeout: 8000 });
    expect(text($(signedOut, '[part~="sign-in"]'))).to.equal('请先登录再签到。');
    await expect(signedOut).to.be.accessible();
  });

  it('scans the kiosk\'s QR code from a stream, chooses the shift it names and sends it as typing does; the camera stops', async () => {
    const payload = 'vkci1.shf_afternoon01.59366880.AbCdEfGhIjKlMnOp';
    const { posts } = serve({ mine: [makeSignup(), makeSignup({ id: 'sgn_mine00002', shiftId: 'shf_afternoon01' })] });
    const el = await mount();
    const camera = fakeCamera(payload);
    el.mediaSource = camera.source;
    try {
      const scan = $<HTMLButtonElement>(el, '[part~="scan-button"]')!;
      scan.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => posts.length === 1, 'the scanned code was not sent', { timeout: 8000 });
      expect(posts[0]!.body).to.deep.equal({ shiftId: 'shf_afternoon01', code: payload, action: 'check_in' });
      await waitUntil(() => text($(el, '[part~="result"]')) === 'Checked in at 09:02', 'nothing said');
      expect($(el, '[part~="camera"]'), 'the camera view is gone').to.equal(null);
      expect(camera.stream.getTracks().every((t) => t.readyState === 'ended'), 'the camera is stopped').to.equal(true);
      expect(($<HTMLInputElement>(el, 'input[name="shift"][value="shf_afternoon01"]')!).checked).to.equal(true);
      expect(posts, 'one POST for one scan').to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      camera.stop();
    }
  });

  it('while scanning, typing stays available; a QR code that is not a check-in code is said, and stopping turns the camera off', async () => {
    const { posts } = serve();
    const el = await mount();
    const camera = fakeCamera('https://example.org/not-a-checkin-code');
    el.mediaSource = camera.source;
    try {
      $<HTMLButtonElement>(el, '[part~="scan-button"]')!.click();
      await waitUntil(() => message(el).includes('not a check-in code'), 'the foreign code was not said', { timeout: 8000 });
      expect($(el, '[part~="camera"]')).to.not.equal(null);
      expect(codeInput(el).disabled).to.equal(false);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part~="scan-cancel-button"]')!.click();
      await waitUntil(() => $(el, '[part~="camera"]') === null);
      expect(camera.stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="scan-button"]'));
      expect(message(el)).to.equal('');
      expect(posts).to.have.length(0);
      await expect(el).to.be.accessible();
    } finally {
      camera.stop();
    }
  });

  it('a refused camera is an inline message, with focus back on the code to type', async () => {
    serve();
    for (const [name, words] of [['NotAllowedError', 'camera is not allowed'], ['NotFoundError', 'No camera was found']] as const) {
      const el = await mount();
      el.mediaSource = () => Promise.reject(new DOMException('refused', name));
      $<HTMLButtonElement>(el, '[part~="scan-button"]')!.click();
      await waitUntil(() => message(el).includes(words), `${name}: "${message(el)}"`);
      expect(el.shadowRoot!.activeElement, 'focus is on the code').to.equal(codeInput(el));
      expect($(el, '[part~="camera"]')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('an expired session at check-in: the host page answers vk-session-expired with a new token and the check-in is sent again', async () => {
    const { posts } = serve({ answer: (_body, index) => (index === 0 ? problem(401, 'unauthenticated', 'Session expired') : undefined) });
    const el = await mount();
    const renewed = `${SESSION}renewed`;
    let heard = 0;
    let renew: (() => void) | undefined;
    el.addEventListener('vk-session-expired', (event) => {
      heard += 1;
      event.preventDefault();
      renew = () => (el.session = renewed);
    });
    await typeCodeAndSubmit(el, '123456');
    await waitUntil(() => renew !== undefined, 'no vk-session-expired');
    await el.updateComplete;
    expect(message(el)).to.contain('renewing it');
    expect(codeInput(el).value, 'the code stays').to.equal('123456');
    await expect(el).to.be.accessible();
    renew!();
    await waitUntil(() => posts.length === 2, 'not sent again with the new session');
    expect(posts[1]!.authorization).to.equal(`Bearer ${renewed}`);
    expect(posts[1]!.body).to.deep.equal(posts[0]!.body);
    await waitUntil(() => text($(el, '[part~="result"]')) === 'Checked in at 09:02', 'nothing said');
    expect(message(el)).to.equal('');
    expect(heard).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('an expired session nobody renews asks the volunteer to sign in again', async () => {
    serve({ answer: () => problem(401, 'unauthenticated', 'Session expired') });
    const el = await mount();
    await typeCodeAndSubmit(el, '123456');
    await waitUntil(() => message(el).includes('Sign in again'), `said: "${message(el)}"`);
    await expect(el).to.be.accessible();
  });

  it('a session refused while loading the shifts: vk-session-expired, answered with a new token the shifts load with it', async () => {
    const renewed = `${SESSION}renewed`;
    const asked: Array<string | null> = [];
    serve();
    worker.use(http.get(api('/v1/me/signups'), ({ request }) => {
      asked.push(request.headers.get('authorization'));
      return request.headers.get('authorization') === `Bearer ${renewed}`
        ? HttpResponse.json({ data: [makeSignup()], nextCursor: null })
        : problem(401, 'unauthenticated', 'Session expired');
    }));
    const expired: string[] = [];
    const el = await fixture<VkCheckin>(html`<vk-checkin locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}
      @vk-session-expired=${(event: CustomEvent<{ widget: string }>) => {
        expired.push(event.detail.widget);
        event.preventDefault();
      }}></vk-checkin>`);
    await waitUntil(() => expired.length === 1, 'no vk-session-expired', { timeout: 8000 });
    expect(expired).to.deep.equal(['vk-checkin']);
    await el.updateComplete;
    expect($(el, '[part~="error"], [part~="sign-in"]')?.getAttribute('part') ?? null, 'still loading while the page renews').to.equal(null);
    el.session = renewed;
    await waitUntil(() => $(el, '[part~="form"]'), 'the shifts did not load with the new session', { timeout: 8000 });
    expect(asked.at(-1)).to.equal(`Bearer ${renewed}`);
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px column in large text, done and while scanning: nothing clipped, nothing sideways; zh-CN', async () => {
    const inColumn = async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
      wrapper.innerHTML = `<vk-checkin base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="zh-CN" large-text></vk-checkin>`;
      const el = wrapper.querySelector<VkCheckin>('vk-checkin')!;
      el.session = SESSION;
      await waitUntil(() => $(el, '[part~="form"]'), 'no form', { timeout: 8000 });
      const sideways = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
        .filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1)
        .map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`);
      return { el, problems: () => [...layoutProblems([el]), ...sideways()] };
    };
    serve({ mine: [makeSignup({ status: 'attended' })], records: [recordOf()] });
    const done = await inColumn();
    expect(text($(done.el, '[part~="done"]'))).to.contain('已记录 2.5 小时');
    expect(done.problems()).to.deep.equal([]);

    worker.resetHandlers();
    serve();
    sessions += 1;
    SESSION = `vst_checkin${String(sessions).padStart(4, '0')}`;
    const camera = fakeCamera(null);
    try {
      const scanning = await inColumn();
      scanning.el.mediaSource = camera.source;
      $<HTMLButtonElement>(scanning.el, '[part~="scan-button"]')!.click();
      await waitUntil(() => $(scanning.el, '[part~="camera"]'), 'not scanning');
      expect(scanning.problems()).to.deep.equal([]);
      await expect(scanning.el).to.be.accessible();
      $<HTMLButtonElement>(scanning.el, '[part~="scan-cancel-button"]')!.click();
    } finally {
      camera.stop();
    }
  });
});
