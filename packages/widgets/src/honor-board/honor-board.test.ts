import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HonorBoard } from '@volunteerkit/sdk';
import '../define/vk-honor-board.js';
import type { VkHonorBoard } from './honor-board.js';
import { BASE_URL, HOSTILE_TEXT, PUBLISHABLE_KEY, makeHonor, makeHonorBoard, makeHonorEntries } from '../../test/fixtures.js';
import { animatedElements } from '../../test/animations.js';
import { HttpResponse, api, deferred, http, problem, recordRequests, startMockApi, worker } from '../../test/mock-api.js';
import type { VkLoadEvent } from '../shared/events.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

/** Answers with a board shaped by the request (period, metric, subject echo back). */
function boardAnswers(make: (url: URL) => HonorBoard = () => makeHonorBoard()) {
  let calls = 0;
  worker.use(
    http.get(api('/v1/honor-board'), ({ request }) => {
      calls += 1;
      const url = new URL(request.url);
      const board = make(url);
      return HttpResponse.json({
        ...board,
        period: (url.searchParams.get('period') ?? board.period) as HonorBoard['period'],
        metric: (url.searchParams.get('metric') ?? board.metric) as HonorBoard['metric'],
      });
    }),
  );
  return { get calls() { return calls; } };
}

async function mount(attributes = '', width = 640): Promise<VkHonorBoard> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${width}px"></div>`);
  holder.innerHTML = `<vk-honor-board base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en" ${attributes}></vk-honor-board>`;
  const el = holder.querySelector<VkHonorBoard>('vk-honor-board')!;
  await el.updateComplete;
  return el;
}
const shadow = (el: Element) => el.shadowRoot!;
const settled = (el: VkHonorBoard) => waitUntil(() => shadow(el).querySelector('[part~="board"], [part~="empty"], [part~="error"]'), 'board did not settle', { timeout: 8000 });
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<vk-honor-board>', () => {
  it('reserves the loaded height while loading, in every layout, axe-clean', async () => {
    for (const layout of ['table', 'podium', 'ticker'] as const) {
      const gate = deferred();
      worker.use(
        http.get(api('/v1/honor-board'), async () => {
          await gate.promise;
          return HttpResponse.json(makeHonorBoard({ entries: makeHonorEntries(6), featured: [makeHonor(), makeHonor({ id: 'hon_team0001', kind: 'team', title: '优秀志愿服务组织', subject: { type: 'organization', id: 'org_xihu0001', name: '西湖区志愿者协会' } })] }));
        }),
      );
      const el = await mount(`layout="${layout}" limit="6" featured="2"`);
      const skeleton = shadow(el).querySelector('[part="skeleton"]');
      expect(skeleton, layout).to.exist;
      // The placeholder pulses as one block (the shared skeleton styles), not each of its bars.
      const animated = animatedElements(shadow(el));
      expect(animated, `${layout}: animated elements`).to.deep.equal([skeleton]);
      await expect(el).to.be.accessible();
      const before = el.getBoundingClientRect().height;
      expect(before, 'the skeleton reserves real space').to.be.greaterThan(150);
      gate.resolve();
      await settled(el);
      await el.updateComplete;
      const after = el.getBoundingClientRect().height;
      expect(Math.abs(after - before), `${layout}: ${before} → ${after}`).to.be.lessThan(1);
      await expect(el).to.be.accessible();
      worker.resetHandlers();
    }
  });

  it('shows ranks (ties shared), masked names as given, star levels as text, and values; reports vk-load', async () => {
    boardAnswers();
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const load = new Promise<VkLoadEvent>((resolve) => holder.addEventListener('vk-load', resolve, { once: true }));
    holder.innerHTML = `<vk-honor-board base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en"></vk-honor-board>`;
    const el = holder.querySelector<VkHonorBoard>('vk-honor-board')!;
    expect((await load).detail.count).to.equal(10);
    await el.updateComplete;
    const rows = [...shadow(el).querySelectorAll('[part="row"]')];
    expect(rows).to.have.length(10);
    expect(rows.map((row) => text(row.querySelector('[part="rank"]'))).slice(0, 5)).to.deep.equal(['1', '2', '3', '3', '5']);
    expect(text(rows[0]!.querySelector('[part="name"]'))).to.equal('张*明');
    expect(text(rows[0]!.querySelector('[part="stars"] .visually-hidden'))).to.equal('5-star volunteer');
    expect(rows[0]!.querySelector('[part="stars"] [aria-hidden="true"]')!.textContent).to.contain('★★★★★');
    expect(text(rows[0]!.querySelector('[part="value"]'))).to.equal('420 hours');
    expect(text(shadow(el).querySelector('caption'))).to.equal('Honor board: This month, by service hours');
    await expect(el).to.be.accessible();
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('lets the reader switch period and metric by keyboard, reflects them and asks the API', async () => {
    const requests = recordRequests();
    boardAnswers();
    const el = await mount();
    await settled(el);
    const month = shadow(el).querySelector<HTMLInputElement>('input[name="period"][value="month"]')!;
    expect(month.checked).to.equal(true);
    month.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.getAttribute('period') === 'year', 'period not switched');
    await waitUntil(() => requests.urls.some((url) => url.pathname === '/v1/honor-board' && url.searchParams.get('period') === 'year'), 'period not requested');
    await settled(el);
    await waitUntil(() => text(shadow(el).querySelector('[role="status"]')).includes('This year, by service hours: 10 entries'), 'switch not announced');
    shadow(el).querySelector<HTMLInputElement>('input[name="metric"][value="hours"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.getAttribute('metric') === 'points', 'metric not switched');
    await waitUntil(() => text(shadow(el).querySelector('[part="value"]')) === '420 points', 'points not shown');
    await expect(el).to.be.accessible();
  });

  it('passes its attributes to the API and ranks teams without star levels', async () => {
    const requests = recordRequests();
    boardAnswers(() => makeHonorBoard({ subject: 'organization', entries: makeHonorEntries(3, 'organization'), featured: [] }));
    const el = await mount('scope="region:3301" subject="organization" period="week" metric="points" limit="3" featured="0" controls="none"');
    await settled(el);
    const url = requests.urls.find((u) => u.pathname === '/v1/honor-board')!;
    expect(Object.fromEntries(url.searchParams)).to.include({ scope: 'region:3301', subject: 'organization', period: 'week', metric: 'points', limit: '3', featured: '0', key: PUBLISHABLE_KEY });
    expect(shadow(el).querySelector('[part="controls"]')).to.not.exist;
    expect(shadow(el).querySelector('[part="stars"]')).to.not.exist;
    expect(text(shadow(el).querySelector('thead'))).to.contain('Team');
    await expect(el).to.be.accessible();
  });

  it('shows featured honors with their citations, and markup from the API as text', async () => {
    (window as unknown as { __vkXss?: number }).__vkXss = undefined;
    boardAnswers(() =>
      makeHonorBoard({
        entries: makeHonorEntries(2).map((entry, i) => (i === 0 ? { ...entry, subject: { ...entry.subject, name: HOSTILE_TEXT.img } } : entry)),
        featured: [makeHonor({ citation: HOSTILE_TEXT.script }), makeHonor({ id: 'hon_second01' })],
      }),
    );
    const el = await mount('featured="2" layout="podium" heading-level="2"');
    await settled(el);
    await aTimeout(50);
    const honors = shadow(el).querySelectorAll('[part="honor"]');
    expect(honors).to.have.length(2);
    expect(shadow(el).querySelector('#vk-featured-title')!.getAttribute('aria-level')).to.equal('2');
    expect(honors[0]!.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect(honors[0]!.querySelector('[part="citation"]')!.textContent).to.equal(HOSTILE_TEXT.script);
    expect(text(honors[1]!.querySelector('[part="citation"]'))).to.contain('累计服务 1,200 小时');
    expect(text(shadow(el).querySelector('[part="podium-step"] [part="name"]'))).to.equal(HOSTILE_TEXT.img);
    expect(shadow(el).querySelectorAll('img, script')).to.have.length(0);
    expect((window as unknown as { __vkXss?: number }).__vkXss).to.equal(undefined);
    // The podium keeps reading order 1, 2, 3 for screen readers; only the visual order changes.
    expect([...shadow(el).querySelectorAll('[part="podium-step"]')].map((s) => s.classList.contains('step-1'))).to.deep.equal([true, false]);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state, axe-clean', async () => {
    boardAnswers(() => makeHonorBoard({ entries: [], featured: [] }));
    const el = await mount();
    await settled(el);
    expect(text(shadow(el).querySelector('[part="empty"]'))).to.contain('No one on the board yet');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry after a failure, and reports vk-error', async () => {
    let failing = true;
    worker.use(http.get(api('/v1/honor-board'), () => (failing ? problem(429, 'rate_limited', 'Too many requests', {}, { 'retry-after': '0' }) : HttpResponse.json(makeHonorBoard()))));
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const errorEvent = new Promise<Event>((resolve) => holder.addEventListener('vk-error', resolve, { once: true }));
    holder.innerHTML = `<vk-honor-board base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en"></vk-honor-board>`;
    const el = holder.querySelector<VkHonorBoard>('vk-honor-board')!;
    expect(((await errorEvent) as CustomEvent).detail.error.name).to.equal('RateLimitError');
    await settled(el);
    expect(text(shadow(el).querySelector('[part="error"]'))).to.contain('Too many requests');
    await expect(el).to.be.accessible();
    failing = false;
    shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => shadow(el).querySelectorAll('[part="row"]').length === 10, 'retry did not load');
  });

  it('lets the reader pause the ticker, and hides the looping copy from assistive tech', async () => {
    boardAnswers(() => makeHonorBoard({ entries: makeHonorEntries(4) }));
    const el = await mount('layout="ticker"');
    await settled(el);
    const items = shadow(el).querySelectorAll('.ticker-item');
    expect(items).to.have.length(8);
    expect([...items].filter((item) => item.getAttribute('aria-hidden') === 'true')).to.have.length(4);
    const toggle = shadow(el).querySelector<HTMLButtonElement>('[part="ticker-toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(shadow(el).querySelector('[part="ticker"]')!.classList.contains('paused')).to.equal(true);
    expect(getComputedStyle(shadow(el).querySelector('[part="ticker"]')!).animationPlayState).to.equal('paused');
    await expect(el).to.be.accessible();
  });

  it('refreshes on its interval while visible, pauses while the tab is hidden, and catches up when shown', async () => {
    const answers = boardAnswers();
    const el = await mount('refresh="2"');
    await settled(el);
    expect(answers.calls).to.equal(1);
    await oneEvent(el, 'vk-load'); // the refresh ~2 s later
    expect(answers.calls).to.equal(2);
    // The board stays on screen during a refresh (no skeleton flash).
    expect(shadow(el).querySelector('[part="skeleton"]')).to.not.exist;

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      await aTimeout(2600);
      expect(answers.calls, 'no refresh while hidden').to.equal(2);
    } finally {
      delete (document as unknown as { visibilityState?: string }).visibilityState;
    }
    const refreshed = oneEvent(el, 'vk-load');
    document.dispatchEvent(new Event('visibilitychange'));
    await refreshed; // overdue: refreshes at once
    expect(answers.calls).to.equal(3);
    el.remove();
  });
});
