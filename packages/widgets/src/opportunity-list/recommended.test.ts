/**
 * `<vk-opportunity-list source="recommended">` against msw: the signed-in volunteer's
 * recommendations, "为什么推荐" on each card in three languages, and dismissing one with the
 * keyboard alone (focus moves to the next card, the live region says so); the loading, empty,
 * error and sign-in states; a failed dismissal keeps the card; 320 px with large text. axe after
 * each state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Recommendation, RecommendationReason } from '@volunteerkit/sdk/schemas';
import '../define/vk-opportunity-list.js';
import '../define/vk-provider.js';
import type { VkOpportunityList } from './opportunity-list.js';
import { VkRecommendationDismissEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY, makeOpportunities, summaryOf } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

// A session of its own per test: the SDK's response cache is per session.
let sessions = 0;
let SESSION = '';
beforeEach(() => {
  sessions += 1;
  SESSION = `vst_recommend${String(sessions).padStart(4, '0')}`;
});

const REASONS: RecommendationReason[][] = [
  [
    { code: 'skill_match', params: { skills: ['elderly_care', 'driving'] } },
    { code: 'you_liked_category', params: { category: 'elderly' } },
    { code: 'near_you', params: { regionCode: '330106', level: 'district' } },
  ],
  [
    { code: 'fits_your_time', params: { weekday: 6, partOfDay: 'morning' } },
    { code: 'short_of_people', params: { spotsLeft: 8, startsInHours: 30 } },
  ],
  [],
];

function recommendations(count = 3): Recommendation[] {
  return makeOpportunities(count).map((opportunity, index) => ({ ...summaryOf(opportunity), score: 70 - index * 20, reasons: REASONS[index % REASONS.length]! }));
}

/** A tiny server: the recommendations, less what was dismissed; each request recorded. */
function serve(items = recommendations(), { dismiss }: { dismiss?: () => Response | undefined } = {}) {
  const seen = { lists: [] as Array<{ url: URL; auth: string | null }>, dismissed: [] as string[] };
  worker.use(
    // The list marks what the volunteer signed up to (my-signups.ts): none here.
    http.get(api('/v1/me/signups'), () => HttpResponse.json({ data: [], nextCursor: null })),
    http.get(api('/v1/me/recommendations'), ({ request }) => {
      seen.lists.push({ url: new URL(request.url), auth: request.headers.get('authorization') });
      return HttpResponse.json({ data: items.filter((item) => !seen.dismissed.includes(item.id)), nextCursor: null });
    }),
    http.post(api('/v1/me/recommendations/:id/dismiss'), ({ params }) => {
      const failure = dismiss?.();
      if (failure) return failure;
      seen.dismissed.push(String(params['id']));
      return HttpResponse.json({ opportunityId: params['id'], dismissedAt: '2026-11-30T10:00:00+08:00' });
    }),
  );
  return seen;
}

async function mount({ locale = 'en', session = SESSION, width, attributes = '' }: { locale?: string; session?: string; width?: number; attributes?: string } = {}): Promise<VkOpportunityList> {
  const provider = await fixture(html`<vk-provider base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale=${locale} .session=${session || undefined}
    style=${width ? `display: block; width: ${width}px` : ''}></vk-provider>`);
  provider.innerHTML = `<vk-opportunity-list source="recommended" ${attributes}></vk-opportunity-list>`;
  const el = provider.querySelector<VkOpportunityList>('vk-opportunity-list')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="items"], [part~="empty"], [part~="error"], [part~="sign-in"], [part~="crash"]'), 'did not settle', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cards = (el: Element) => $$(el, '[part~="item"]');
const titles = (el: Element) => cards(el).map((card) => text(card.querySelector('[part~="title"]')));
const reasons = (card: Element) => [...card.querySelectorAll('[part~="reason"]')].map(text);
const liveRegion = (el: Element) => $(el, '[role="status"]');
// Compared by id: a failed comparison of two elements prints both, which is slow enough to time the run out.
const focusedId = (el: Element) => el.shadowRoot!.activeElement?.id ?? '(nothing focused)';

describe('<vk-opportunity-list source="recommended">', () => {
  it('shows each recommendation with why it was recommended, read with the volunteer session and the district', async () => {
    const seen = serve();
    const el = await mount({ attributes: 'region="330106" limit="5"' });
    await waitUntil(() => cards(el).length === 3, 'no cards');
    const [first, second, third] = cards(el);
    expect(text(first!.querySelector('.why-title'))).to.equal('Why recommended');
    expect(reasons(first!)).to.deep.equal([
      'Asks for skills you have used: elderly care and driving',
      'You took part in Elderly care before',
      'Near you: in your district',
    ]);
    expect(reasons(second!)).to.deep.equal(['You often take part on Saturday mornings', 'Short of people: 8 spots open, starts in 30 hours']);
    expect(reasons(third!), 'no reasons: only the hard filters speak for it').to.deep.equal(['You can join: it has a spot on a shift that fits your calendar']);
    // The reasons are a list named by the card's "why" heading.
    const list = first!.querySelector('[part~="reasons"]')!;
    expect(first!.querySelector(`#${list.getAttribute('aria-labelledby')}`)).to.equal(first!.querySelector('.why-title'));
    expect(seen.lists).to.have.length(1);
    expect(seen.lists[0]!.auth).to.equal(`Bearer ${SESSION}`);
    expect(Object.fromEntries(seen.lists[0]!.url.searchParams)).to.deep.equal({ limit: '5', regionCode: '330106', locale: 'en' });
    expect(first!.querySelector('[part~="signup-button"]'), 'the list\'s own sign-up stays').to.exist;
    await expect(el).to.be.accessible();
  });

  it('says why in Chinese (simplified and traditional)', async () => {
    serve();
    const cn = await mount({ locale: 'zh-CN' });
    await waitUntil(() => cards(cn).length === 3, 'no cards');
    expect(text(cards(cn)[0]!.querySelector('.why-title'))).to.equal('为什么推荐');
    expect(reasons(cards(cn)[0]!)).to.deep.equal(['需要你用过的技能：照护老人和驾驶', '你参加过「敬老助老」类活动', '离你近：在你所在的区']);
    expect(reasons(cards(cn)[1]!)).to.deep.equal(['时间合适：你常在星期六上午参加', '急需人手：还有 8 个名额，30 小时后开始']);
    expect(text(cards(cn)[0]!.querySelector('[part~="dismiss-button"]'))).to.equal('不感兴趣');

    SESSION = `${SESSION}tw`;
    serve();
    const tw = await mount({ locale: 'zh-TW' });
    await waitUntil(() => cards(tw).length === 3, 'no cards');
    expect(text(cards(tw)[0]!.querySelector('.why-title'))).to.equal('為什麼推薦');
    expect(reasons(cards(tw)[0]!)).to.deep.equal(['需要你用過的技能：照護長者和駕駛', '你參加過「敬老助老」類活動', '離你近：在你所在的區']);
    await expect(tw).to.be.accessible();
  });

  it('dismisses with the keyboard alone: the card goes once the server agreed, focus moves to the next card, the live region says so', async () => {
    const seen = serve();
    const el = await mount();
    await waitUntil(() => cards(el).length === 3, 'no cards');
    const [firstTitle, secondTitle, thirdTitle] = titles(el);
    const dismissed: VkRecommendationDismissEvent[] = [];
    el.addEventListener('vk-recommendation-dismiss', (event) => dismissed.push(event));

    // From the card's title, Tab reaches its dismiss button, named with the card's title.
    cards(el)[0]!.querySelector<HTMLElement>('[part~="title"]')!.focus();
    await sendKeys({ press: 'Tab' });
    const button = el.shadowRoot!.activeElement as HTMLElement;
    expect(button.getAttribute('part')).to.equal('dismiss-button');
    expect(button.getAttribute('aria-describedby')).to.equal(cards(el)[0]!.querySelector('[part~="title"]')!.id);
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => cards(el).length === 2, 'the card stayed');
    expect(seen.dismissed).to.deep.equal(['opp_list0000']);
    expect(titles(el)).to.deep.equal([secondTitle, thirdTitle]);
    expect(focusedId(el), 'focus on the card that took its place').to.equal(cards(el)[0]!.querySelector('[part~="title"]')!.id);
    await waitUntil(() => text(liveRegion(el)) === `“${firstTitle}” will not be recommended again.`, 'not announced');
    expect(dismissed.map((event) => event.detail)).to.deep.equal([{ opportunityId: 'opp_list0000', dismissedAt: '2026-11-30T10:00:00+08:00' }]);
    await expect(el).to.be.accessible();

    // The last card: focus goes to the one before it.
    cards(el)[1]!.querySelector<HTMLElement>('[part~="dismiss-button"]')!.focus();
    await sendKeys({ press: ' ' });
    await waitUntil(() => cards(el).length === 1, 'the last card stayed');
    expect(focusedId(el), 'focus on the card before it').to.equal(cards(el)[0]!.querySelector('[part~="title"]')!.id);

    // The only card: focus goes to the empty state.
    cards(el)[0]!.querySelector<HTMLElement>('[part~="dismiss-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part~="empty"]'), 'no empty state');
    expect(el.shadowRoot!.activeElement?.hasAttribute('data-empty-focus'), 'focus on the empty state').to.equal(true);
    expect(text($(el, '[part~="empty"]'))).to.contain('No recommendations right now');
    expect(seen.dismissed).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('keeps the card when the dismissal fails, says why, and a second try dismisses it', async () => {
    let failures = 1;
    const seen = serve(recommendations(), { dismiss: () => (failures-- > 0 ? problem(409, 'conflict', 'Conflict') : undefined) });
    const el = await mount();
    await waitUntil(() => cards(el).length === 3, 'no cards');
    const errors: unknown[] = [];
    el.addEventListener('vk-error', (event) => errors.push(event.detail.error));
    const first = () => cards(el)[0]!;
    first().querySelector<HTMLElement>('[part~="dismiss-button"]')!.click();
    await waitUntil(() => first().querySelector('[part~="dismiss-error"]'), 'no error shown');
    expect(cards(el)).to.have.length(3);
    expect(text(first().querySelector('[part~="dismiss-error"]'))).to.match(/^Could not remove it\. \S/);
    await waitUntil(() => text(liveRegion(el)).startsWith('Could not remove it.'), 'not announced');
    expect(errors).to.have.length(1);
    expect(first().querySelector('[part~="dismiss-button"]')!.getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();

    first().querySelector<HTMLElement>('[part~="dismiss-button"]')!.click();
    await waitUntil(() => cards(el).length === 2, 'the retry did not dismiss');
    expect(seen.dismissed).to.have.length(1);
  });

  it('shows a busy dismiss button while the server answers, and a second press sends nothing more', async () => {
    const hold = deferred();
    let posts = 0;
    serve();
    worker.use(http.post(api('/v1/me/recommendations/:id/dismiss'), async ({ params }) => {
      posts++;
      await hold.promise;
      return HttpResponse.json({ opportunityId: params['id'], dismissedAt: '2026-11-30T10:00:00+08:00' });
    }));
    const el = await mount();
    await waitUntil(() => cards(el).length === 3, 'no cards');
    const button = () => cards(el)[0]!.querySelector<HTMLElement>('[part~="dismiss-button"]')!;
    button().click();
    await waitUntil(() => button().getAttribute('aria-disabled') === 'true', 'not busy');
    expect(text(button())).to.equal('Removing…');
    button().click();
    await expect(el).to.be.accessible();
    hold.resolve();
    await waitUntil(() => cards(el).length === 2, 'not dismissed');
    expect(posts).to.equal(1);
  });

  it('shows the loading state, then the empty state; axe-clean in both', async () => {
    const hold = deferred();
    serve([]);
    worker.use(http.get(api('/v1/me/recommendations'), async () => {
      await hold.promise;
      return HttpResponse.json({ data: [], nextCursor: null });
    }));
    const provider = await fixture(html`<vk-provider base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en" .session=${SESSION}>
      <vk-opportunity-list source="recommended" limit="2"></vk-opportunity-list></vk-provider>`);
    const el = provider.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    await waitUntil(() => $(el, '[part~="skeleton"]'), 'no loading state');
    expect($(el, '.body')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    hold.resolve();
    await waitUntil(() => $(el, '[part~="empty"]'), 'no empty state');
    expect(text($(el, '[part~="empty"]'))).to.equal('No recommendations right now New activities are added often. Browse all activities or check back soon.');
    await expect(el).to.be.accessible();
  });

  it('without a volunteer session asks the reader to sign in and reads nothing', async () => {
    const seen = serve();
    const el = await mount({ locale: 'zh-CN', session: '' });
    expect(text($(el, '[part~="sign-in"]'))).to.equal('以志愿者身份登录后，即可看到为你推荐的活动。');
    expect(seen.lists).to.have.length(0);
    expect($(el, '[part~="retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the list\'s error state with a retry when the server fails, and recovers', async () => {
    let fail = true;
    serve();
    worker.use(http.get(api('/v1/me/recommendations'), () => (fail ? problem(500, 'internal', 'Internal', {}, { 'retry-after': '0' }) : undefined)));
    const el = await mount();
    await waitUntil(() => $(el, '[part~="error"]'), 'no error state');
    expect(text($(el, '[part~="error"]'))).to.contain('The volunteer platform had a problem. Please try again. Try again');
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part~="retry-button"]')!.click();
    await waitUntil(() => cards(el).length === 3, 'retry did not load');
  });

  it('a malformed answer is an error state, never an exception in the page', async () => {
    serve();
    worker.use(http.get(api('/v1/me/recommendations'), () => HttpResponse.json({ data: [{ id: 'not an opportunity' }], nextCursor: null })));
    const el = await mount();
    expect($(el, '[part~="crash"], [part~="error"]')).to.exist;
    expect(cards(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('fits 320 px in Chinese with large text: nothing clipped or sideways; axe-clean', async () => {
    serve();
    const el = await mount({ locale: 'zh-CN', width: 320, attributes: 'large-text layout="cards"' });
    await waitUntil(() => cards(el).length === 3, 'no cards');
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...$$(el, '*').filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
