// A signed-in volunteer who already signed up sees that sign-up, not a blank form, and can cancel
// it with five seconds to undo. The undo window runs on a fake clock (@sinonjs/fake-timers)
// injected as `undoClock`, so it moves only when a test ticks while msw, axe and the helpers keep
// real time.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { withGlobal, type Clock } from '@sinonjs/fake-timers';
import type { Opportunity, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import '../define/vk-signup-form.js';
import '../define/vk-provider.js';
import type { VkSignupForm } from './vk-signup-form.js';
import type { VkSignupCancelEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY, makeChannel, makeOpportunity } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { UNDO_WINDOW_MS, undoClock } from './undo-cancel.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

const CREATED = '2026-11-22T10:00:00+08:00';
/**
 * A session token of the test's own: identical GETs in flight are shared by URL and credential, so
 * a read a previous test's form still has under way must not answer this test's form.
 */
let SESSION = 'vst_session0000';
let sessions = 0;

function makeSignup(overrides: Partial<Signup> = {}): Signup {
  return {
    id: 'sgn_mine00001', reference: 'VK-7F3K2Q', opportunityId: 'opp_elderly001', shiftId: 'shf_morning001',
    volunteerId: 'vol_session001', displayName: '李*华', answers: { q_tshirt: 'M' }, consent: { policyVersion: '2026-09', at: CREATED },
    status: 'approved', waitlistPosition: null, source: { channelId: 'chn_campus001', widget: 'vk-signup-form' },
    createdAt: CREATED, updatedAt: CREATED, ...overrides,
  };
}

const profile: VolunteerProfile = {
  id: 'vol_session001', displayName: '李*华', avatarUrl: null, starLevel: 2, approvedHours: 320, points: 3200,
  createdAt: CREATED, updatedAt: CREATED, name: '李小华', channelId: 'chn_campus001', mobile: '139****0000',
  email: null, studentId: '3190100001', employeeId: null, showName: false, hoursToNextStar: 280, starLevelReachedAt: '2026-09-20T10:00:00+08:00', starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 2000, birthDateOnFile: true,
};

/** The API a signed-in volunteer meets: `mine` are their sign-ups; records cancels and opportunity reads. */
function serve({ mine = [makeSignup()], cancel }: { mine?: Signup[]; cancel?: (index: number) => Response | undefined } = {}) {
  const opportunity: Opportunity = makeOpportunity();
  const cancels: Array<{ id: string; idempotencyKey: string | null; authorization: string | null }> = [];
  const reads = { opportunity: 0, mine: 0 };
  worker.use(
    http.get(api('/v1/opportunities/:id'), () => (reads.opportunity++, HttpResponse.json(opportunity))),
    http.get(api('/v1/channel'), () => HttpResponse.json(makeChannel())),
    http.get(api('/v1/me'), () => HttpResponse.json(profile)),
    http.get(api('/v1/me/signups'), ({ request }) => {
      reads.mine++;
      expect(new URL(request.url).searchParams.get('opportunityId')).to.equal('opp_elderly001');
      return HttpResponse.json({ data: mine, nextCursor: null });
    }),
    http.post(api('/v1/me/signups/:id/cancel'), ({ request, params }) => {
      cancels.push({ id: String(params['id']), idempotencyKey: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization') });
      const answer = cancel?.(cancels.length - 1);
      if (answer) return answer;
      const signup = mine.find((s) => s.id === params['id'])!;
      mine = mine.filter((s) => s !== signup); // the server no longer lists it as live
      return HttpResponse.json({ ...signup, status: 'cancelled' });
    }),
  );
  return { cancels, reads };
}

async function mountSignedIn(locale = 'en'): Promise<VkSignupForm> {
  return fixture<VkSignupForm>(html`<vk-signup-form locale=${locale} base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}
    opportunity="opp_elderly001" .session=${SESSION}></vk-signup-form>`);
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const active = (el: VkSignupForm) => el.shadowRoot!.activeElement as HTMLElement | null;
const liveRegion = (el: VkSignupForm) => $(el, '[part~="live-region"]')!.textContent!.trim();

async function existingView(el: VkSignupForm): Promise<HTMLElement> {
  await waitUntil(() => $(el, '[part~="existing-signup"]'), 'the sign-up on file was not shown', { timeout: 5000 }).catch((error: Error) => {
    throw new Error(`${error.message}; the form showed: ${el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
  });
  await el.updateComplete;
  return $(el, '[part~="existing-signup"]')!;
}

const STRINGS = {
  en: { heading: 'You are signed up for this activity', cancel: 'Cancel this sign-up', pending5: 'Cancelling in 5 s…', pending4: 'Cancelling in 4 s…', undo: 'Undo', undone: 'Undone: you are still signed up.', cancelled: 'Sign-up cancelled', again: 'Sign up again' },
  'zh-CN': { heading: '您已报名这个活动', cancel: '取消报名', pending5: '5 秒后取消…', pending4: '4 秒后取消…', undo: '撤销', undone: '已撤销，您的报名仍然有效。', cancelled: '已取消报名', again: '重新报名' },
  'zh-TW': { heading: '您已報名這個活動', cancel: '取消報名', pending5: '5 秒後取消…', pending4: '4 秒後取消…', undo: '復原', undone: '已復原，您的報名仍然有效。', cancelled: '已取消報名', again: '重新報名' },
} as const;

describe('<vk-signup-form> with a sign-up on file', () => {
  const pageTimers = { ...undoClock };
  let clock: Clock;
  before(() => startMockApi());
  beforeEach(() => {
    SESSION = `vst_session${String(++sessions).padStart(4, '0')}`;
    clock = withGlobal(window).createClock();
    Object.assign(undoClock, { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });
  });
  afterEach(() => {
    Object.assign(undoClock, pageTimers);
    worker.resetHandlers();
    sessionStorage.clear();
  });

  for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
    it(`${locale}: shows the sign-up instead of a blank form; cancel, undo, cancel again — keyboard only, axe-clean in every state`, async () => {
      const t = STRINGS[locale];
      const { cancels, reads } = serve();
      const el = await mountSignedIn(locale);
      const view = await existingView(el);
      expect($(el, 'form'), 'no blank form').to.equal(null);
      expect(view.querySelector('[role="heading"]')!.textContent).to.equal(t.heading);
      expect($(el, '[part~="reference"]')!.textContent).to.equal('VK-7F3K2Q');
      expect(view.textContent).to.include('翠苑社区敬老院');
      await expect(el).to.be.accessible();

      // Keyboard: the cancel button is a button; Enter on it opens the undo window.
      const cancelButton = $<HTMLButtonElement>(el, '[part~="cancel-button"]')!;
      expect(cancelButton.textContent!.trim()).to.equal(t.cancel);
      cancelButton.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await el.updateComplete; // focus moves after the render
      expect($(el, '[part~="cancel-pending"]')!.textContent).to.include(t.pending5);
      expect(active(el)?.getAttribute('part')).to.equal('undo-button');
      expect(active(el)!.textContent!.trim()).to.equal(t.undo);
      expect(liveRegion(el)).to.match(/5/);
      await expect(el).to.be.accessible();

      clock.tick(1000);
      await el.updateComplete;
      expect($(el, '[part~="cancel-pending"]')!.textContent).to.include(t.pending4);
      await sendKeys({ press: 'Enter' }); // Undo
      await el.updateComplete;
      await el.updateComplete;
      expect(liveRegion(el)).to.equal(t.undone);
      expect(active(el)?.getAttribute('part')).to.equal('cancel-button');
      clock.tick(60_000);
      await el.updateComplete;
      expect(cancels, 'an undone cancel is never sent').to.have.length(0);
      expect($(el, '[part~="reference"]')!.textContent).to.equal('VK-7F3K2Q');
      await expect(el).to.be.accessible();

      // Again, and let the window pass: now it is sent, once, with the session and a key.
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const cancelledEvent = oneEvent(document, 'vk-signup-cancel') as Promise<VkSignupCancelEvent>;
      clock.tick(UNDO_WINDOW_MS);
      const event = await cancelledEvent;
      expect(event.detail.signup.status).to.equal('cancelled');
      expect(event.detail.signup.reference).to.equal('VK-7F3K2Q');
      expect(cancels).to.have.length(1);
      expect(cancels[0]).to.deep.include({ id: 'sgn_mine00001', authorization: `Bearer ${SESSION}` });
      expect(cancels[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
      await waitUntil(() => active(el)?.id === 'cancelled-heading', 'focus did not move to the confirmation');
      expect(active(el)!.textContent).to.equal(t.cancelled);
      expect(liveRegion(el)).to.include('VK-7F3K2Q');
      // The spots left are read again (the SDK revalidates what the cancel made stale).
      await waitUntil(() => reads.opportunity >= 2 && reads.mine >= 2, 'the form did not reload its data after the cancel');
      await el.updateComplete;
      expect($(el, '[part~="cancelled"]'), 'the confirmation stays after the reload').to.exist;
      await expect(el).to.be.accessible();

      // "Sign up again" brings the form, focus on its first control.
      const again = $<HTMLButtonElement>(el, '[part~="sign-up-again"]')!;
      expect(again.textContent!.trim()).to.equal(t.again);
      again.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, 'form'), 'the form did not come back');
      await el.updateComplete;
      await waitUntil(() => active(el)?.tagName === 'INPUT', 'focus did not move into the form');
      await expect(el).to.be.accessible();
    });
  }

  it('a waitlisted sign-up says so; cancelled and rejected ones are not shown', async () => {
    serve({ mine: [makeSignup({ id: 'sgn_old000001', status: 'cancelled' }), makeSignup({ id: 'sgn_wait00001', reference: 'VK-WAIT01', status: 'waitlisted', waitlistPosition: 3, shiftId: 'shf_afternoon01' })] });
    const el = await mountSignedIn();
    await existingView(el);
    expect(el.shadowRoot!.querySelectorAll('[part~="cancel-button"]')).to.have.length(1);
    expect($(el, '[part~="status"]')!.textContent).to.include('number 3 on the waitlist');
    expect($(el, '[part~="reference"]')!.textContent).to.equal('VK-WAIT01');
    // Another time is still free: the form is one button away.
    expect($(el, '[part~="sign-up-again"]')!.textContent!.trim()).to.equal('Sign up for another time');
    await expect(el).to.be.accessible();
  });

  it('with no live sign-up shows the form', async () => {
    serve({ mine: [makeSignup({ status: 'rejected' })] });
    const el = await mountSignedIn();
    await waitUntil(() => $(el, 'form'), 'no form');
    expect($(el, '[part~="existing-signup"]')).to.equal(null);
  });

  it('takes the session from <vk-provider> too', async () => {
    serve();
    const provider = await fixture(html`<vk-provider base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en" .session=${SESSION}>
      <vk-signup-form opportunity="opp_elderly001"></vk-signup-form></vk-provider>`);
    expect(provider.hasAttribute('session')).to.equal(false);
    await existingView(provider.querySelector<VkSignupForm>('vk-signup-form')!);
  });

  it('a failed cancel says so, keeps the sign-up, and retries with the same key', async () => {
    // The SDK retries a 500 twice by itself (same key); the third failure reaches the reader.
    const { cancels, reads } = serve({ cancel: (index) => (index < 3 ? problem(500, 'internal_error', 'Down', {}, { 'retry-after': '0' }) : undefined) });
    const el = await mountSignedIn();
    await existingView(el);
    $(el, '[part~="cancel-button"]')!.click();
    await el.updateComplete;
    clock.tick(UNDO_WINDOW_MS);
    await waitUntil(() => $(el, '[role="alert"]'), 'no failure shown', { timeout: 8000 });
    expect($(el, '[role="alert"]')!.textContent).to.include('you are still signed up');
    await waitUntil(() => active(el)?.getAttribute('part') === 'retry-button', 'focus did not move to the retry');
    await expect(el).to.be.accessible();
    const firstKey = cancels[0]!.idempotencyKey;
    active(el)!.click();
    await waitUntil(() => $(el, '[part~="cancelled"]'), 'the retry did not cancel', { timeout: 8000 });
    expect(cancels.every((c) => c.idempotencyKey === firstKey)).to.equal(true);
    // The form reads its data again after a cancel: let that finish inside this test.
    await waitUntil(() => reads.opportunity >= 2 && reads.mine >= 2, 'the form did not reload after the cancel');
  });

  it('fits a 320 px column in large text and dark, in every state: nothing clipped, nothing sideways, axe-clean', async () => {
    serve({ mine: [makeSignup(), makeSignup({ id: 'sgn_wait00001', reference: 'VK-WAIT01', status: 'waitlisted', waitlistPosition: 12, shiftId: 'shf_afternoon01' })] });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <vk-signup-form locale="zh-CN" large-text theme="dark" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001" .session=${SESSION}></vk-signup-form>
    </div>`);
    const el = wrapper.querySelector<VkSignupForm>('vk-signup-form')!;
    await existingView(el);
    const problems = () => [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
        .filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1)
        .map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems()).to.deep.equal([]);
    $(el, '[part~="cancel-button"]')!.click();
    await el.updateComplete;
    expect(problems()).to.deep.equal([]);
    await expect(el).to.be.accessible();
    clock.tick(UNDO_WINDOW_MS);
    await waitUntil(() => $(el, '[part~="cancelled"]'), 'no confirmation');
    await el.updateComplete;
    expect(problems()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('at a 24 px browser font on a 320 px phone (a card\'s 190 px column), each label sits above its value and the reference stays whole', async () => {
    serve({ mine: [makeSignup({ reference: 'VK-7F3K2Q9A' })] });
    document.documentElement.style.fontSize = '24px';
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 190px">
        <vk-signup-form locale="zh-CN" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001" .session=${SESSION}></vk-signup-form>
      </div>`);
      const el = wrapper.querySelector<VkSignupForm>('vk-signup-form')!;
      await existingView(el);
      expect(layoutProblems([el])).to.deep.equal([]);
      const reference = $(el, '[part~="reference"]')!;
      const label = reference.previousElementSibling!.getBoundingClientRect();
      expect(reference.getBoundingClientRect().top, 'the value under its label').to.be.at.least(label.bottom - 1);
      expect(reference.getClientRects().length === 1 && reference.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(reference).lineHeight || '40'),
        'the reference on one line').to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('a reader who leaves during the window (a dialog closed) cancels nothing', async () => {
    const { cancels } = serve();
    const el = await mountSignedIn();
    await existingView(el);
    $(el, '[part~="cancel-button"]')!.click();
    await el.updateComplete;
    clock.tick(2000);
    el.remove();
    clock.tick(60_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(cancels).to.have.length(0);
  });
});
