// <vk-my-hours> against msw: totals, points and star progress from the profile and records, each record's
// explanation in words in three languages, its approval deadline, and a dispute sent from an
// inline form with the keyboard alone. axe after each state change.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ServiceRecord, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import '../define/vk-my-hours.js';
import type { VkMyHours } from './vk-my-hours.js';
import { VkCheckinEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const CREATED = '2026-11-22T10:00:00+08:00';
let sessions = 0;
let SESSION = 'vst_myhours0000';
beforeEach(() => {
  sessions += 1;
  SESSION = `vst_myhours${String(sessions).padStart(4, '0')}`;
});

const profile: VolunteerProfile = {
  id: 'vol_session001', displayName: '李*华', avatarUrl: null, starLevel: 1, approvedHours: 120.5, points: 1205,
  createdAt: CREATED, updatedAt: CREATED, name: '李小华', channelId: 'chn_campus001', mobile: '139****0000',
  email: null, studentId: '3190100001', employeeId: null, showName: false, hoursToNextStar: 179.5, birthDateOnFile: true,
  starLevelReachedAt: '2026-09-20T10:00:00Z', starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 1065,
} as VolunteerProfile;

const FAR = new Date(Date.now() + 20 * 24 * 3_600_000).toISOString();
function makeRecord(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id: 'rec_pending01', volunteerId: 'vol_session001', opportunityId: 'opp_elderly001', opportunityTitle: '社区敬老院陪伴',
    shiftId: 'shf_morning001', checkIn: '2026-11-28T08:40:00+08:00', checkOut: '2026-11-28T10:55:00+08:00', hours: 1.5,
    status: 'pending', recordedBy: 'self', source: 'attendance', policyVersion: 1, dueAt: '2026-12-01T10:55:00+08:00',
    explanation: [
      { code: 'clipped_check_in', params: { checkIn: '2026-11-28T00:40:00.000Z', countedFrom: '2026-11-28T00:45:00.000Z' } },
      { code: 'present', params: { minutes: 130, shiftMinutes: 180, percent: 72 } },
      { code: 'rounded_down', params: { minutes: 130, stepMinutes: 30, hours: 2 } },
    ],
    reviewedBy: null, reviewedAt: null, corrects: null, correctedBy: null, disputableUntil: FAR, dispute: null,
    createdAt: CREATED, updatedAt: CREATED, ...overrides,
  } as ServiceRecord;
}
const approved = makeRecord({
  id: 'rec_approved1', hours: 0, status: 'approved', dueAt: null, checkIn: '2026-11-20T09:00:00+08:00', checkOut: '2026-11-20T10:00:00+08:00',
  explanation: [{ code: 'present', params: { minutes: 60, shiftMinutes: 180, percent: 33 } }, { code: 'below_minimum', params: { percent: 33, minimumPercent: 60 } }],
});

function serve({ records = [makeRecord(), makeRecord({ id: 'rec_pending02', hours: 2.25 }), approved, makeRecord({ id: 'rec_approved2', status: 'approved', hours: 2, dueAt: null })], dispute }: { records?: ServiceRecord[]; dispute?: () => Response | undefined } = {}) {
  const disputes: Array<{ id: string; body: unknown }> = [];
  worker.use(
    http.get(api('/v1/me'), () => HttpResponse.json(profile)),
    http.get(api('/v1/me/service-records'), () => HttpResponse.json({ data: records, nextCursor: null })),
    http.post(api('/v1/me/service-records/:id/disputes'), async ({ request, params }) => {
      disputes.push({ id: String(params['id']), body: await request.json() });
      return dispute?.() ?? HttpResponse.json({ id: 'dsp_00000001', status: 'open' }, { status: 201 });
    }),
  );
  return { disputes };
}

async function mount(locale = 'en'): Promise<VkMyHours> {
  const el = await fixture<VkMyHours>(html`<vk-my-hours locale=${locale} base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}></vk-my-hours>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="totals"], [part~="error"], [part~="sign-in"]'), 'did not settle', { timeout: 8000 });
  return el;
}
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<vk-my-hours>', () => {
  it('shows approved and pending totals, the star level and the hours to the next star', async () => {
    serve();
    const el = await mount();
    const totals = [...el.shadowRoot!.querySelectorAll('[part~="totals"] > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]);
    expect(totals).to.deep.equal([['Approved hours', '120.5 h'], ['Awaiting approval', '3.75 h'], ['Points to spend', '1,065 points']]);
    expect(text($(el, '[part~="stars"]'))).to.contain('1-star volunteer (since Sep 20, 2026).');
    expect(text($(el, '[part~="stars"]'))).to.contain('179.5 more approved hours to 2 stars');
    const progress = $<HTMLProgressElement>(el, '[part~="stars"] progress')!;
    expect(progress.value).to.equal(120.5);
    expect(progress.max).to.equal(300);
    await expect(el).to.be.accessible();
  });

  it('explains each record in plain words, with its approval deadline, in three languages', async () => {
    const expected = {
      en: ['You checked in at 08:40; time counts from 08:45.', 'Present 2 h 10 min of the 3 h shift (72 %).', '2 h 10 min rounded down to whole 30 minutes: 2 h.', '33 % is under the 60 % needed, so no hours.', 'To be approved by Dec 1, 2026 10:55'],
      'zh-CN': ['你于 08:40 签到，时长从 08:45 起算。', '在岗 2 小时 10 分钟，班次共 3 小时（72%）。', '2 小时 10 分钟按 30 分钟向下取整：计 2 小时。', '在岗 33%，不足 60%，不计时长。', '应于 2026年12月1日 10:55 前审核'],
      'zh-TW': ['你於 08:40 簽到，時數從 08:45 起算。', '在崗 2 小時 10 分鐘，班次共 3 小時（72%）。', '2 小時 10 分鐘按 30 分鐘無條件捨去：計 2 小時。', '在崗 33%，不足 60%，不計時數。', '應於 2026年12月1日 10:55 前審核'],
    } as const;
    for (const [locale, sentences] of Object.entries(expected)) {
      serve();
      sessions += 1;
      SESSION = `vst_myhours${String(sessions).padStart(4, '0')}`;
      const el = await mount(locale);
      const all = text($(el, '[part~="records"]'));
      for (const sentence of sentences) expect(all, locale).to.contain(sentence);
      await expect(el).to.be.accessible();
      worker.resetHandlers();
    }
  });

  it('opens a dispute form with the keyboard, checks it, sends it, and says it was sent', async () => {
    const { disputes } = serve();
    const el = await mount();
    const button = $<HTMLButtonElement>(el, '[data-record="rec_pending01"] [part~="dispute-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const form = $(el, '[part~="dispute-form"]')!;
    expect(form).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal(form.querySelector('input[name="kind"]'));
    await expect(el).to.be.accessible();

    // Sending with nothing filled in: told to give the hours, focus on them, nothing sent.
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text($(el, '[part~="message"]'))).to.equal('Enter the right number of hours, from 0 to 24.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('claimedHours');
    await expect(el).to.be.accessible();

    await sendKeys({ type: '3' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '我9点到，12点才走' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => disputes.length === 1, 'no dispute sent');
    expect(JSON.stringify(disputes[0])).to.equal(JSON.stringify({ id: 'rec_pending01', body: { kind: 'wrong_hours', claimedHours: 3, reason: '我9点到，12点才走' } }));
    await waitUntil(() => text($(el, '[data-record="rec_pending01"]')).includes('Dispute sent'), 'not said');
    expect($(el, '[data-record="rec_pending01"] [part~="dispute-button"]'), 'no second dispute').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says why a dispute was refused and keeps what was typed; "never there" needs no hours', async () => {
    const { disputes } = serve({ dispute: () => problem(409, 'conflict', 'Conflict') });
    const el = await mount('zh-CN');
    $<HTMLButtonElement>(el, '[data-record="rec_pending01"] [part~="dispute-button"]')!.click();
    await el.updateComplete;
    // Arrow keys move within the radio group and choose.
    $<HTMLInputElement>(el, 'input[name="kind"][value="wrong_hours"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect($(el, 'input[name="claimedHours"]')).to.equal(null);
    $<HTMLTextAreaElement>(el, 'textarea[name="reason"]')!.focus();
    await sendKeys({ type: '那天我在外地' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(el, '[part~="message"]')) !== '', 'no message');
    expect(disputes[0]!.body).to.deep.equal({ kind: 'never_there', reason: '那天我在外地' });
    expect(text($(el, '[part~="message"]'))).to.equal('这条记录已经申诉过了。');
    expect($<HTMLTextAreaElement>(el, 'textarea[name="reason"]')!.value).to.equal('那天我在外地');
    await expect(el).to.be.accessible();
  });

  it('a dispute the server refuses for the session (401) sends vk-session-expired, says to sign in again and keeps what was typed', async () => {
    serve({ dispute: () => problem(401, 'unauthenticated', 'Session expired') });
    const el = await mount('zh-CN');
    const expired: Array<CustomEvent<{ widget: string }>> = [];
    el.addEventListener('vk-session-expired', (event) => expired.push(event as CustomEvent<{ widget: string }>));
    $<HTMLButtonElement>(el, '[data-record="rec_pending01"] [part~="dispute-button"]')!.click();
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name="kind"][value="wrong_hours"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    $<HTMLTextAreaElement>(el, 'textarea[name="reason"]')!.focus();
    await sendKeys({ type: '那天我在外地' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(el, '[part~="message"]')) !== '', 'no message');
    expect(expired.map((event) => event.detail.widget)).to.deep.equal(['vk-my-hours']);
    expect(text($(el, '[part~="message"]'))).to.equal('登录已过期。请重新登录后再试。');
    expect($<HTMLTextAreaElement>(el, 'textarea[name="reason"]')!.value).to.equal('那天我在外地');
    await expect(el).to.be.accessible();
  });

  it('without a session asks to sign in', async () => {
    const el = await fixture<VkMyHours>(html`<vk-my-hours locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}></vk-my-hours>`);
    await waitUntil(() => $(el, '[part~="sign-in"]'), 'no sign-in state', { timeout: 8000 });
    expect(text($(el, '[part~="sign-in"]'))).to.equal('Sign in to see your service hours.');
    await expect(el).to.be.accessible();
  });

  it('a session the server refuses (401) sends vk-session-expired, then asks to sign in again when nobody renews it', async () => {
    worker.use(
      http.get(api('/v1/me'), () => problem(401, 'unauthenticated', 'Session expired')),
      http.get(api('/v1/me/service-records'), () => problem(401, 'unauthenticated', 'Session expired')),
    );
    const expired: Event[] = [];
    const errors: unknown[] = [];
    // Heard on document: the event bubbles out of the shadow root, as the host page listens.
    const onExpired = (event: Event) => expired.push(event);
    document.addEventListener('vk-session-expired', onExpired);
    try {
      const el = await fixture<VkMyHours>(html`<vk-my-hours locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}
        @vk-error=${(event: CustomEvent<{ error: unknown }>) => errors.push(event.detail.error)}></vk-my-hours>`);
      await waitUntil(() => $(el, '[part~="sign-in"]'), 'no sign-in state', { timeout: 8000 });
      expect(expired.length).to.equal(1);
      expect((expired[0] as CustomEvent<{ widget: string }>).detail).to.deep.equal({ widget: 'vk-my-hours' });
      expect(expired[0]!.cancelable).to.equal(true);
      expect(text($(el, '[part~="sign-in"]'))).to.equal('Sign in to see your service hours.');
      expect($(el, '[part~="error"]')?.getAttribute('part') ?? null).to.equal(null);
      expect((errors[0] as { status?: number } | undefined)?.status, 'vk-error carries the refusal').to.equal(401);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('vk-session-expired', onExpired);
    }
  });

  it('a page that answers vk-session-expired with a new token gets the hours read with it', async () => {
    const renewed = `${SESSION}renewed`;
    const sessions: Array<string | null> = [];
    const refusedUnlessRenewed = (request: Request, answer: () => Response) => {
      sessions.push(request.headers.get('authorization'));
      return request.headers.get('authorization') === `Bearer ${renewed}` ? answer() : problem(401, 'unauthenticated', 'Session expired');
    };
    worker.use(
      http.get(api('/v1/me'), ({ request }) => refusedUnlessRenewed(request, () => HttpResponse.json(profile))),
      http.get(api('/v1/me/service-records'), ({ request }) => refusedUnlessRenewed(request, () => HttpResponse.json({ data: [makeRecord()], nextCursor: null }))),
    );
    let renew: (() => void) | undefined;
    const el = await fixture<VkMyHours>(html`<vk-my-hours locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}
      @vk-session-expired=${(event: Event) => {
        event.preventDefault(); // "I am getting a new token"
        renew = () => (el.session = renewed);
      }}></vk-my-hours>`);
    await waitUntil(() => renew !== undefined, 'no vk-session-expired', { timeout: 8000 });
    await el.updateComplete;
    // Renewing: still loading, neither the sign-in nor the error state.
    expect($(el, '[part~="skeleton"]')).to.exist;
    expect($(el, '[part~="sign-in"], [part~="error"]')?.getAttribute('part') ?? null).to.equal(null);
    await expect(el).to.be.accessible();
    renew!();
    await waitUntil(() => $(el, '[part~="totals"]'), 'the hours were not read with the new session', { timeout: 8000 });
    expect(sessions).to.include(`Bearer ${renewed}`);
    expect(el.shadowRoot!.querySelectorAll('[part~="record"]').length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('reads the hours again after a check-out on the page, not after a check-in', async () => {
    let reads = 0;
    let records = [approved];
    worker.use(
      http.get(api('/v1/me'), () => HttpResponse.json(profile)),
      http.get(api('/v1/me/service-records'), () => {
        reads += 1;
        return HttpResponse.json({ data: records, nextCursor: null });
      }),
    );
    const el = await mount();
    expect(reads).to.equal(1);
    expect(el.shadowRoot!.querySelectorAll('[part~="record"]').length).to.equal(1);
    const attendance = { id: 'att_00000001', shiftId: 'shf_morning001', signupId: 'sgn_00000001', checkInAt: '2026-11-28T08:40:00+08:00' };
    // Sent the way <vk-checkin> sends it: from another element, bubbling and composed.
    const checkin = document.createElement('div');
    document.body.append(checkin);
    const shown = (count: number) => waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="record"]').length === count, `${count} records not shown`, { timeout: 8000 });
    records = [makeRecord(), approved];
    checkin.dispatchEvent(new VkCheckinEvent({ action: 'check_out', attendance: { ...attendance, checkOutAt: '2026-11-28T10:55:00+08:00' } } as never));
    await shown(2);
    expect(reads).to.equal(2);
    expect(text($(el, '[part~="totals"]'))).to.contain('1.5 h');
    // A check-in changes no hours: nothing is read, so only the next check-out's read is counted.
    checkin.dispatchEvent(new VkCheckinEvent({ action: 'check_in', attendance } as never));
    records = [makeRecord(), makeRecord({ id: 'rec_pending02' }), approved];
    checkin.dispatchEvent(new VkCheckinEvent({ action: 'check_out', attendance: { ...attendance, checkOutAt: '2026-11-28T10:55:00+08:00' } } as never));
    await shown(3);
    expect(reads).to.equal(3);
    await expect(el).to.be.accessible();
    checkin.remove();
  });
});
