/**
 * The list and a signed-in volunteer: it marks the activities they signed up to, and after a
 * sign-up or a cancel in its dialog it shows the server's spots left without a reload. The API is
 * msw playing a tiny server: a sign-up takes a spot, a cancel frees it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { withGlobal } from '@sinonjs/fake-timers';
import type { Opportunity, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import '../define/vk-opportunity-list.js';
import '../define/vk-signup-form.js';
import '../define/vk-provider.js';
import type { VkOpportunityList } from './opportunity-list.js';
import type { VkSignupForm } from '../signup-form/vk-signup-form.js';
import { UNDO_WINDOW_MS, undoClock } from '../signup-form/undo-cancel.js';
import { VkSignupSuccessEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY, makeChannel, makeOpportunities } from '../../test/fixtures.js';
import { HttpResponse, api, http, listPage, startMockApi, worker } from '../../test/mock-api.js';

const CREATED = '2026-11-22T10:00:00+08:00';
const SESSION = 'vst_session0001';

const profile: VolunteerProfile = {
  id: 'vol_session001', displayName: '李*华', avatarUrl: null, starLevel: 2, approvedHours: 320, points: 3200,
  createdAt: CREATED, updatedAt: CREATED, name: '李小华', channelId: 'chn_news0001', mobile: '139****0000',
  email: null, studentId: null, employeeId: null, showName: false, hoursToNextStar: 280, starLevelReachedAt: '2026-09-20T10:00:00+08:00', starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 2000, birthDateOnFile: true,
};

function signupOf(opportunity: Opportunity, overrides: Partial<Signup> = {}): Signup {
  return {
    id: `sgn_${opportunity.id.slice(4)}`, reference: `VK-${opportunity.id.slice(-4)}`, opportunityId: opportunity.id, shiftId: opportunity.shifts[0]!.id,
    volunteerId: profile.id, displayName: '李*华', answers: {}, consent: { policyVersion: '2026-09', at: CREATED }, status: 'approved',
    waitlistPosition: null, source: { channelId: 'chn_news0001', widget: 'vk-signup-form' }, createdAt: CREATED, updatedAt: CREATED, ...overrides,
  };
}

/** A tiny platform: the opportunities, and the volunteer's sign-ups, kept consistent by writes. */
function platform(opportunities: Opportunity[], mine: Signup[]) {
  const reads = { detail: 0, mine: 0 };
  const find = (id: unknown) => opportunities.find((o) => o.id === id)!;
  worker.use(
    http.get(api('/v1/opportunities'), () => listPage(opportunities)),
    http.get(api('/v1/opportunities/:id'), ({ params }) => (reads.detail++, HttpResponse.json(find(params['id'])))),
    http.get(api('/v1/channel'), () => HttpResponse.json(makeChannel())),
    http.get(api('/v1/me'), () => HttpResponse.json(profile)),
    http.get(api('/v1/me/signups'), ({ request }) => {
      reads.mine++;
      const opportunityId = new URL(request.url).searchParams.get('opportunityId');
      return HttpResponse.json({ data: mine.filter((s) => !opportunityId || s.opportunityId === opportunityId), nextCursor: null });
    }),
    http.post(api('/v1/signups'), async ({ request }) => {
      const body = (await request.json()) as { opportunityId: string };
      const opportunity = find(body.opportunityId);
      opportunity.shifts[0]!.signedUp++;
      const signup = signupOf(opportunity);
      mine.push(signup);
      return HttpResponse.json(signup, { status: 201 });
    }),
    http.post(api('/v1/me/signups/:id/cancel'), ({ params }) => {
      const signup = mine.find((s) => s.id === params['id'])!;
      signup.status = 'cancelled';
      find(signup.opportunityId).shifts[0]!.signedUp--;
      return HttpResponse.json(signup);
    }),
  );
  return reads;
}

async function mountSignedIn(locale: string): Promise<VkOpportunityList> {
  const provider = await fixture(html`<vk-provider base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale=${locale} .session=${SESSION}>
    <vk-opportunity-list signup="dialog"></vk-opportunity-list></vk-provider>`);
  const el = provider.querySelector<VkOpportunityList>('vk-opportunity-list')!;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length === 3, 'the list did not load', { timeout: 8000 });
  return el;
}

const row = (el: VkOpportunityList, id: string) => el.shadowRoot!.querySelector(`[data-signup-for="${id}"]`)!.closest('[part~="item"]')!;
const badge = (el: VkOpportunityList, id: string) => row(el, id).querySelector('[part~="my-signup"]')?.textContent ?? null;
const spots = (el: VkOpportunityList, id: string) => row(el, id).querySelector('[part~="spots"]')!.textContent;

describe('<vk-opportunity-list> with a signed-in volunteer', () => {
  const pageTimers = { ...undoClock };
  before(() => startMockApi());
  afterEach(() => {
    Object.assign(undoClock, pageTimers);
    worker.resetHandlers();
    sessionStorage.clear();
  });

  it('marks what the volunteer signed up to: 已报名, 候补中, nothing for a cancelled one — axe-clean', async () => {
    const opportunities = makeOpportunities(3);
    platform(opportunities, [signupOf(opportunities[0]!), signupOf(opportunities[1]!, { status: 'waitlisted', waitlistPosition: 2 }), signupOf(opportunities[2]!, { status: 'cancelled' })]);
    const el = await mountSignedIn('zh-CN');
    await waitUntil(() => badge(el, 'opp_list0000'), 'no mark');
    expect(badge(el, 'opp_list0000')).to.equal('已报名');
    expect(badge(el, 'opp_list0001')).to.equal('候补中');
    expect(badge(el, 'opp_list0002')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('after a sign-up in its dialog shows one spot fewer and the mark; after a cancel (past the undo window) the spot is back — no reload', async () => {
    const opportunities = makeOpportunities(3);
    const reads = platform(opportunities, []);
    const el = await mountSignedIn('en');
    expect(spots(el, 'opp_list0001')).to.equal('10 spots left');
    expect(badge(el, 'opp_list0001')).to.equal(null);

    // Sign up in the dialog.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-signup-for="opp_list0001"]')!.click();
    const dialogForm = () => el.shadowRoot!.querySelector<VkSignupForm>('dialog vk-signup-form');
    await waitUntil(() => dialogForm()?.shadowRoot?.querySelector('form'), 'the form did not load', { timeout: 8000 });
    let form = dialogForm()!;
    const $ = (selector: string) => form.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
    if (!$('#field-shiftId-shf_list0001').checked) $('#field-shiftId-shf_list0001').click();
    $('#field-answers-q_tshirt-0').click();
    $('#field-consent').click();
    await form.updateComplete;
    $('[part~="submit-button"]').click();
    await waitUntil(() => spots(el, 'opp_list0001') === '9 spots left', 'spots left did not change after the sign-up', { timeout: 8000 });
    expect(badge(el, 'opp_list0001')).to.equal('Signed up');
    expect(spots(el, 'opp_list0000'), 'other rows untouched').to.equal('10 spots left');
    await expect(el).to.be.accessible();

    // Close, open again: the form shows the sign-up; cancel it and let the window pass.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dialog-close"]')!.click();
    await waitUntil(() => dialogForm() === null, 'the dialog did not close'); // after its close event
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-signup-for="opp_list0001"]')!.click();
    await waitUntil(() => dialogForm()?.shadowRoot?.querySelector('[part~="cancel-button"]'), 'the sign-up was not shown in the dialog', { timeout: 8000 });
    form = dialogForm()!;
    const clock = withGlobal(window).createClock();
    Object.assign(undoClock, { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    await form.updateComplete;
    clock.tick(UNDO_WINDOW_MS - 1);
    await form.updateComplete;
    expect(spots(el, 'opp_list0001'), 'nothing sent during the window').to.equal('9 spots left');
    const readsBefore = reads.detail;
    clock.tick(1);
    await waitUntil(() => spots(el, 'opp_list0001') === '10 spots left', 'spots left did not come back after the cancel', { timeout: 8000 });
    expect(reads.detail).to.be.greaterThan(readsBefore);
    expect(badge(el, 'opp_list0001')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  // Without a session the marks' code is not loaded with the list (a chunk of its own from the
  // CDN, my-signups-loader.ts): the first sign-up on the page loads it and is not lost meanwhile.
  it('a guest list reads no marks, and still shows the spots and the mark after a sign-up elsewhere on the page', async () => {
    // Ids of its own: a read of the previous test's opportunity may still be in flight (its form
    // re-reads spots after the cancel), and the SDK shares an in-flight GET of the same URL.
    const opportunities = makeOpportunities(3, 20);
    const reads = platform(opportunities, []);
    const provider = await fixture(html`<vk-provider base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en">
      <vk-opportunity-list signup="dialog"></vk-opportunity-list></vk-provider>`);
    const el = provider.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length === 3, 'the list did not load', { timeout: 8000 });
    expect(spots(el, 'opp_list0021')).to.equal('10 spots left');

    opportunities[1]!.shifts[0]!.signedUp++; // a form outside the list signed a guest up
    document.body.dispatchEvent(new VkSignupSuccessEvent({ signup: signupOf(opportunities[1]!), alreadySignedUp: false }));
    await waitUntil(() => spots(el, 'opp_list0021') === '9 spots left', 'spots left did not change after the sign-up', { timeout: 8000 });
    expect(badge(el, 'opp_list0021')).to.equal('Signed up');
    expect(reads.mine, 'no session: the volunteer’s sign-ups are never read').to.equal(0);
    await expect(el).to.be.accessible();
  });
});
