import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Opportunity } from '@volunteerkit/sdk';
import '../define/vk-opportunity-list.js';
import type { VkOpportunityList } from './opportunity-list.js';
import { listRenderCounts } from './item-view.js';
import { intlConstructions } from '../shared/i18n.js';
import { BASE_URL, HOSTILE_TEXT, PUBLISHABLE_KEY, makeOpportunities, makeOpportunity } from '../../test/fixtures.js';
import { animatedElements } from '../../test/animations.js';
import { HttpResponse, api, holdListAnswer, http, problem, recordRequests, startMockApi, worker, listPage } from '../../test/mock-api.js';
import type { VkLoadEvent } from '../shared/events.js';
import { configure, resetGlobalConfig } from '../shared/config.js';

before(() => startMockApi());

// The virtualizer measures items with a ResizeObserver; when a measurement changes layout,
// Chromium reports the benign "ResizeObserver loop completed with undelivered notifications" as a
// window error, sometimes after the test that caused it (it is a notice, not an exception:
// nothing failed). Keep only that notice from failing tests; any other error still does.
window.addEventListener(
  'error',
  (event) => {
    if (/ResizeObserver loop/.test(event.message)) event.stopImmediatePropagation();
  },
  true,
);
afterEach(() => worker.resetHandlers());

function listAnswers(...pages: Array<{ data: Opportunity[]; nextCursor: string | null }>) {
  let call = 0;
  worker.use(
    http.get(api('/v1/opportunities'), ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      const page = cursor ? pages[Number(cursor)] : pages[0];
      call += 1;
      return listPage(page?.data ?? [], page?.nextCursor ?? null);
    }),
  );
  return () => call;
}

async function mount(attributes = '', width = 640): Promise<VkOpportunityList> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${width}px"></div>`);
  holder.innerHTML = `<vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en" ${attributes}></vk-opportunity-list>`;
  const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
  await el.updateComplete;
  return el;
}

const shadow = (el: Element) => el.shadowRoot!;
const loaded = (el: VkOpportunityList) => waitUntil(() => shadow(el).querySelector('[part~="items"], [part~="empty"], [part~="error"]'), 'list did not settle', { timeout: 8000 });
/** A list with no locale of its own in a zh-CN page (it takes the page's language), once settled. */
async function mountInChinesePage(): Promise<VkOpportunityList> {
  const holder = await fixture<HTMLDivElement>(html`<div lang="zh-CN"></div>`);
  holder.innerHTML = `<vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}"></vk-opportunity-list>`;
  const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
  await loaded(el);
  return el;
}
/** The element focused inside the widget's shadow root. */
const focusedInside = (el: Element) => shadow(el).activeElement as HTMLElement | null;

describe('<vk-opportunity-list>', () => {
  it('shows a skeleton as tall as the loaded page in every layout (no layout shift), axe-clean', async () => {
    for (const layout of ['cards', 'list', 'compact'] as const) {
      const answer = holdListAnswer(makeOpportunities(4), '1');
      const el = await mount(`limit="4" layout="${layout}"`);
      expect(shadow(el).querySelector('[part="skeleton"]'), layout).to.exist;
      await expect(el).to.be.accessible();
      const loadingHeight = el.getBoundingClientRect().height;
      expect(loadingHeight, 'the skeleton reserves real space').to.be.greaterThan(100);
      answer.release();
      await loaded(el);
      await el.updateComplete;
      const loadedHeight = el.getBoundingClientRect().height;
      expect(Math.abs(loadedHeight - loadingHeight), `${layout}: ${loadingHeight} → ${loadedHeight}`).to.be.lessThan(1);
      worker.resetHandlers();
    }
  });

  it('pulses its placeholder as one block, not bar by bar (one animation, however many items)', async () => {
    const answer = holdListAnswer(makeOpportunities(10));
    const el = await mount('limit="10"');
    const skeleton = shadow(el).querySelector('[part="skeleton"]')!;
    expect(skeleton.querySelectorAll('.skeleton').length, 'the placeholder has its bars').to.be.greaterThan(50);
    const animated = animatedElements(shadow(el));
    // The list's placeholder, and the one bar of its "load more" placeholder beside it.
    expect(animated, 'animated elements').to.have.length(2);
    expect(animated).to.include(skeleton);
    answer.release();
    await loaded(el);
  });

  it('shows status, spots left, hours, place and the time in the activity’s zone, and reports vk-load', async () => {
    const opportunity = makeOpportunity();
    listAnswers({ data: [opportunity, makeOpportunity({ id: 'opp_online001', title: 'Online tutoring', location: { ...opportunity.location, online: true } })], nextCursor: null });
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const loadEvent = new Promise<VkLoadEvent>((resolve) => holder.addEventListener('vk-load', resolve, { once: true }));
    holder.innerHTML = `<vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en"></vk-opportunity-list>`;
    const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    const event = await loadEvent;
    expect(event.detail).to.deep.equal({ count: 2, added: 2, page: 1, hasMore: false });
    expect(event.composed && event.bubbles).to.equal(true);
    await el.updateComplete;
    const first = shadow(el).querySelector('[part="item"]')!;
    const text = (part: string) => first.querySelector(`[part="${part}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(text('title')).to.equal('社区敬老院陪伴服务');
    expect(first.querySelector('[part="title"]')!.getAttribute('role')).to.equal('heading');
    expect(first.querySelector('[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    expect(text('status')).to.equal('Recruiting');
    expect(text('category')).to.equal('Elderly care');
    expect(text('spots')).to.equal('8 spots left'); // 20 − 12 on the morning shift, afternoon full
    expect(text('hours')).to.equal('2.5 hours credited');
    expect(text('place')).to.contain('翠苑社区敬老院');
    // 09:00–11:30 in Asia/Shanghai whatever the reader's zone.
    expect(text('time')).to.match(/Nov 28.*9:00.*11:30/);
    expect(first.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-28T01:00:00.000Z');
    expect(shadow(el).querySelectorAll('[part="item"]')[1]!.querySelector('[part="place"]')!.textContent).to.contain('Online');
    await waitUntil(() => shadow(el).querySelector('[role="status"]')!.textContent!.includes('2 opportunities shown'), 'results not announced');
    await expect(el).to.be.accessible();
    // Dark theme and large text stay axe-clean (contrast of every token pair).
    el.setAttribute('theme', 'dark');
    el.setAttribute('large-text', '');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('speaks Chinese when the page does', async () => {
    listAnswers({ data: [makeOpportunity()], nextCursor: null });
    const el = await mountInChinesePage();
    expect(shadow(el).querySelector('[part="spots"]')!.textContent).to.equal('剩余 8 个名额');
    expect(shadow(el).querySelector('[part="signup-button"]')!.textContent!.trim()).to.equal('报名');
    expect(shadow(el).querySelector('[part="time"]')!.textContent).to.contain('11月28日');
  });

  it('labels organizer, time and place for screen readers as generated text, not as boxes', async () => {
    listAnswers({ data: [makeOpportunity()], nextCursor: null });
    const el = await mountInChinesePage();
    const item = shadow(el).querySelector('[part="item"]')!;
    expect(item.querySelectorAll('.visually-hidden'), 'no hidden label elements in a row').to.have.length(0);
    for (const [part, label] of [['organizer', '组织方: '], ['time', '时间: '], ['place', '地点: ']] as const) {
      const line = item.querySelector<HTMLElement>(`[part="${part}"]`)!;
      expect(line.dataset.label, part).to.equal(label);
      // Alternative text of an empty generated box: read before the line, never shown. Chromium and
      // WebKit give the resolved text, Firefox the attr() it comes from.
      const content = getComputedStyle(line, '::before').content;
      expect(content, part).to.match(new RegExp(`^"" / (${JSON.stringify(label)}|attr\\(data-label\\))$`));
      expect(line.innerText, part).not.to.contain(label.trim());
    }
    await expect(el).to.be.accessible();
  });

  it('renders markup from the API as text', async () => {
    (window as unknown as { __vkXss?: number }).__vkXss = undefined;
    listAnswers({
      data: [makeOpportunity({ title: HOSTILE_TEXT.img, orgName: HOSTILE_TEXT.script, location: { ...makeOpportunity().location, name: HOSTILE_TEXT.mixed } })],
      nextCursor: null,
    });
    const el = await mount();
    await loaded(el);
    await aTimeout(50);
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal(HOSTILE_TEXT.img);
    expect(shadow(el).querySelector('[part="organizer"]')!.textContent).to.contain(HOSTILE_TEXT.script);
    expect(shadow(el).querySelector('[part="place"]')!.textContent).to.contain(HOSTILE_TEXT.mixed);
    expect(shadow(el).querySelectorAll('img, script, b')).to.have.length(0);
    expect((window as unknown as { __vkXss?: number }).__vkXss).to.equal(undefined);
  });

  it('shows an empty state that offers to clear filters, axe-clean', async () => {
    listAnswers({ data: [], nextCursor: null });
    const el = await mount('category="health" filters="category"');
    await loaded(el);
    const empty = shadow(el).querySelector('[part="empty"]')!;
    expect(empty.textContent).to.contain('Nothing matches these filters');
    await expect(el).to.be.accessible();
    empty.querySelector('button')!.click();
    await el.updateComplete;
    expect(el.hasAttribute('category')).to.equal(false);
  });

  it('shows an error with a retry after a 500, reports vk-error, and recovers on retry', async () => {
    let failing = true;
    worker.use(
      http.get(api('/v1/opportunities'), () =>
        failing ? problem(500, 'internal_error', 'Internal error', {}, { 'retry-after': '0' }) : listPage(makeOpportunities(2)),
      ),
    );
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const errorEvent = new Promise<Event>((resolve) => holder.addEventListener('vk-error', resolve, { once: true }));
    holder.innerHTML = `<vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en"></vk-opportunity-list>`;
    const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    const event = (await errorEvent) as CustomEvent<{ error: { name: string } }>;
    expect(event.detail.error.name).to.equal('InternalServerError');
    await loaded(el);
    const error = shadow(el).querySelector('[part="error"]')!;
    expect(error.textContent).to.contain('The volunteer platform had a problem');
    await expect(el).to.be.accessible();
    failing = false;
    error.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 2, 'retry did not load');
  });

  it('shows an answer outside the contract as an error whose retry loads again, never throwing into the page', async () => {
    let malformed = true;
    worker.use(http.get(api('/v1/opportunities'), () => (malformed
      ? HttpResponse.json({ data: [{ id: 'nonsense' }], nextCursor: null })
      : listPage(makeOpportunities(2)))));
    const errors: Event[] = [];
    const el = await mount();
    el.addEventListener('vk-error', (event) => errors.push(event));
    await waitUntil(() => shadow(el).querySelector('[part="crash"]'), 'no error shown for the malformed answer');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    malformed = false;
    shadow(el).querySelector<HTMLButtonElement>('[part="crash"] [part="retry-button"]')!.click();
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 2, 'retry did not load the good answer');
  });

  it('waits for configure() called after the widget appeared, without flashing an error', async () => {
    listAnswers({ data: makeOpportunities(2), nextCursor: null });
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const errors: Event[] = [];
    holder.addEventListener('vk-error', (event) => errors.push(event));
    holder.innerHTML = `<vk-opportunity-list locale="en"></vk-opportunity-list>`;
    const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    try {
      await aTimeout(100);
      expect(shadow(el).querySelector('[part="skeleton"]')).to.exist;
      configure({ baseUrl: BASE_URL, publishableKey: PUBLISHABLE_KEY });
      await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 2, 'did not load once configured');
      await aTimeout(600);
      expect(errors).to.have.length(0);
    } finally {
      resetGlobalConfig();
    }
  });

  it('says what is missing when it has no key', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<vk-opportunity-list locale="en"></vk-opportunity-list>`;
    const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    await loaded(el);
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('publishable-key');
  });

  it('filters by keyboard alone and reflects the filters into attributes and the request', async () => {
    const requests = recordRequests();
    listAnswers({ data: makeOpportunities(3), nextCursor: null });
    const el = await mount('filters="search category date"');
    await loaded(el);
    const search = shadow(el).querySelector<HTMLInputElement>('[part="search-input"]')!;
    search.focus();
    await sendKeys({ type: 'park' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getAttribute('query') === 'park', 'query not reflected');
    await loaded(el);
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(el)?.getAttribute('part')).to.equal('category-select');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => el.getAttribute('category') === 'community', 'category not chosen by keyboard');
    await waitUntil(() => requests.urls.some((url) => url.searchParams.get('category') === 'community' && url.searchParams.get('q') === 'park'), 'filters did not reach the API');
    await loaded(el);
    await expect(el).to.be.accessible();
    // The host page can also set a filter, and the control shows it.
    el.setAttribute('category', 'health');
    await el.updateComplete;
    expect(shadow(el).querySelector<HTMLSelectElement>('[part="category-select"]')!.value).to.equal('health');
  });

  it('loads more from the keyboard, announces it and moves focus to the first new item', async () => {
    listAnswers({ data: makeOpportunities(3), nextCursor: '1' }, { data: makeOpportunities(2, 3), nextCursor: null });
    const el = await mount('limit="3"');
    await loaded(el);
    const more = shadow(el).querySelector<HTMLButtonElement>('[part="load-more"]')!;
    more.focus();
    const loadEvent = oneEvent(el, 'vk-load');
    await sendKeys({ press: 'Enter' });
    const event = (await loadEvent) as VkLoadEvent;
    expect(event.detail).to.deep.equal({ count: 5, added: 2, page: 2, hasMore: false });
    await waitUntil(() => focusedInside(el)?.getAttribute('part') === 'title', 'focus did not move to the new item');
    expect(focusedInside(el)!.closest('[part="item"]')!.getAttribute('data-index')).to.equal('3');
    await waitUntil(() => shadow(el).querySelector('[role="status"]')!.textContent!.includes('2 more opportunities loaded'), 'not announced');
    expect(shadow(el).querySelector('[part="load-more"]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('opens the sign-up dialog from the keyboard, closes it with Escape and gives focus back', async () => {
    listAnswers({ data: makeOpportunities(3), nextCursor: null });
    const el = await mount('signup="dialog"');
    await loaded(el);
    const button = shadow(el).querySelectorAll<HTMLButtonElement>('[part="signup-button"]')[1]!;
    button.focus();
    const select = oneEvent(el, 'vk-opportunity-select');
    await sendKeys({ press: 'Enter' });
    expect(((await select) as CustomEvent).detail.opportunity.id).to.equal('opp_list0001');
    const dialog = shadow(el).querySelector<HTMLDialogElement>('dialog')!;
    await waitUntil(() => dialog.open, 'dialog did not open');
    const form = dialog.querySelector('vk-signup-form')!;
    expect(form.getAttribute('opportunity')).to.equal('opp_list0001');
    expect(form.getAttribute('mode')).to.equal('dialog');
    expect(form.getAttribute('publishable-key')).to.equal(PUBLISHABLE_KEY);
    expect(dialog.contains(focusedInside(el))).to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
    await waitUntil(() => focusedInside(el) === shadow(el).querySelector('[data-signup-for="opp_list0001"]'), 'focus not restored');
  });

  it('lets the host cancel the sign-up action', async () => {
    listAnswers({ data: makeOpportunities(1), nextCursor: null });
    const el = await mount();
    await loaded(el);
    el.addEventListener('vk-opportunity-select', (event) => event.preventDefault());
    shadow(el).querySelector<HTMLButtonElement>('[part="signup-button"]')!.click();
    await aTimeout(20);
    expect(shadow(el).querySelector('dialog')!.open).to.equal(false);
  });

  it('links to the detail page with signup="link"', async () => {
    listAnswers({ data: makeOpportunities(1), nextCursor: null });
    const el = await mount('signup="link" detail-url="/opportunities/{id}?from=list"');
    await loaded(el);
    const link = shadow(el).querySelector<HTMLAnchorElement>('[part="details-link"]')!;
    expect(link.getAttribute('href')).to.equal('/opportunities/opp_list0000?from=list');
    expect(shadow(el).querySelector('[part="signup-button"]')).to.not.exist;
  });

  it('builds its date formatters while the list request is in flight (the first zh-TW list in this file)', async () => {
    const opportunities = makeOpportunities(3);
    const answer = holdListAnswer(opportunities);
    const before = intlConstructions.count;
    const el = await fixture<VkOpportunityList>(html`<vk-opportunity-list base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="zh-TW"></vk-opportunity-list>`);
    // The zh-TW day and time formats (the activity's clock, shared by every locale, may exist
    // already; plurals and counts need no formatter): built while the answer is held back.
    await waitUntil(() => intlConstructions.count - before >= 2, 'the formatters were not built while the answer was awaited', { timeout: 8000 });
    const built = intlConstructions.count;
    answer.release();
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 3, 'list did not load');
    const [, month, day] = opportunities[0]!.shifts[0]!.start.match(/^\d{4}-(\d\d)-(\d\d)/)!.map(Number);
    expect(shadow(el).querySelector('[part="time"] time')!.textContent).to.match(new RegExp(`^${month}月${day}日`));
    // Nothing is left to build when the items arrive.
    expect(intlConstructions.count - built).to.equal(0);
  });

  it('builds no Intl formatter for a zh-CN list in Asia/Shanghai, whose dates, counts and plurals need none', async () => {
    const before = intlConstructions.count;
    listAnswers({ data: makeOpportunities(5), nextCursor: null });
    const el = await fixture<VkOpportunityList>(html`<vk-opportunity-list base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="zh-CN"></vk-opportunity-list>`);
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 5, 'list did not load');
    await new Promise((resolve) => setTimeout(resolve, 0)); // the warm-up timer has run
    expect(shadow(el).querySelector('[part="time"] time')!.textContent).to.match(/^\d+月\d+日周[日一二三四五六] (GMT\+8 )?\d\d:\d\d/);
    expect(intlConstructions.count - before).to.equal(0);
  });

  it('formats each item once, and builds no formatter for a second list of the same locale', async () => {
    listAnswers({ data: makeOpportunities(20), nextCursor: null });
    const first = await mount();
    await waitUntil(() => shadow(first).querySelectorAll('[part="item"]').length === 20, 'first list did not load');
    const constructions = intlConstructions.count;
    const views = listRenderCounts.views;
    listAnswers({ data: makeOpportunities(20, 20), nextCursor: null });
    const second = await mount();
    await waitUntil(() => shadow(second).querySelectorAll('[part="item"]').length === 20, 'second list did not load');
    expect(intlConstructions.count, 'formatters are shared, not built per list or item').to.equal(constructions);
    expect(listRenderCounts.views - views, 'one view per item').to.equal(20);
    second.requestUpdate();
    await second.updateComplete;
    expect(listRenderCounts.views - views, 'a re-render formats nothing again').to.equal(20);
  });

  it('leaves rows alone when a page is added or the layout changes: the same nodes, not rebuilt', async () => {
    listAnswers({ data: makeOpportunities(3), nextCursor: '1' }, { data: makeOpportunities(2, 3), nextCursor: '2' });
    const el = await mount('limit="3"');
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 3, 'list did not load');
    const firstRow = shadow(el).querySelector('[part="item"]');
    const rows = listRenderCounts.rows;
    const views = listRenderCounts.views;
    shadow(el).querySelector<HTMLButtonElement>('[part="load-more"]')!.click();
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 5, 'second page not shown');
    expect(listRenderCounts.rows - rows, 'only the two new rows are built').to.equal(2);
    expect(listRenderCounts.views - views, 'only the two new items are formatted').to.equal(2);
    expect(shadow(el).querySelector('[part="item"]'), 'the first row is the same node').to.equal(firstRow);
    el.layout = 'list';
    await el.updateComplete;
    expect(listRenderCounts.rows - rows, 'a layout change rebuilds no row').to.equal(2);
  });

  it('keeps the DOM bounded for a long list (virtualized)', async () => {
    listAnswers({ data: makeOpportunities(100), nextCursor: '1' }, { data: makeOpportunities(100, 100), nextCursor: null });
    const el = await mount('limit="100" layout="compact"');
    await loaded(el);
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length > 0, 'no items rendered');
    const rendered = shadow(el).querySelectorAll('[part="item"]').length;
    expect(rendered).to.be.greaterThan(0);
    expect(rendered).to.be.lessThan(60);
    shadow(el).querySelector<HTMLButtonElement>('[part="load-more"]')!.click();
    await waitUntil(() => shadow(el).querySelector('[role="status"]')!.textContent!.includes('100 more'), 'second page not loaded');
    expect(shadow(el).querySelectorAll('[part="item"]').length).to.be.lessThan(60);
  });
});
