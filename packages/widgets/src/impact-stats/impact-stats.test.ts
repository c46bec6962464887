// <vk-impact-stats>: counters, the trend and its table, hidden figures, loading/empty/error; axe-clean in every state; 320 px.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ImpactStats, StatsGroup } from '@volunteerkit/sdk';
import '../define/vk-impact-stats.js';
import type { VkImpactStats } from './impact-stats.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, recordRequests, startMockApi, worker } from '../../test/mock-api.js';
import type { VkLoadEvent } from '../shared/events.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const hidden: StatsGroup['suppressed'] = ['approvedHours', 'activeVolunteers'];
function month(key: string, hours: number | null, volunteers: number | null): StatsGroup {
  return { key, approvedHours: hours, activeVolunteers: volunteers, fillRate: 0.75, needsFulfilled: 0, medianApprovalHours: 20, suppressed: hours === null ? hidden : [] };
}
function makeStats(overrides: Partial<ImpactStats> = {}): ImpactStats {
  return {
    scope: 'platform', period: 'year', registeredVolunteers: 3000, organizations: 40, openOpportunities: 12, approvedHours: 1234.5, signupsInPeriod: 900,
    approvalTimes: [],
    metrics: { approvedHours: 1234.5, activeVolunteers: 321, fillRate: 0.8125, needsFulfilled: null, medianApprovalHours: 20.5, suppressed: ['needsFulfilled'] },
    groupBy: 'month',
    groups: [month('2026-09', 400, 120), month('2026-10', null, null), month('2026-11', 834.5, 200)],
    minPublishedCount: 5,
    generatedAt: '2026-11-22T08:00:00+08:00',
    ...overrides,
  };
}

function serve(stats: ImpactStats = makeStats()) {
  worker.use(http.get(api('/v1/stats'), () => HttpResponse.json(stats)));
}

async function mount(options: { attributes?: string; width?: number; locale?: string } = {}): Promise<VkImpactStats> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${options.width ?? 720}px"></div>`);
  holder.innerHTML = `<vk-impact-stats base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="${options.locale ?? 'en'}" ${options.attributes ?? ''}></vk-impact-stats>`;
  const el = holder.querySelector<VkImpactStats>('vk-impact-stats')!;
  await el.updateComplete;
  return el;
}
const settled = (el: VkImpactStats) =>
  waitUntil(() => el.shadowRoot!.querySelector('[part="counters"], [part="empty"], [part="error"]'), 'figures did not settle', { timeout: 8000 });
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<vk-impact-stats>', () => {
  it('shows a skeleton while loading, then counters, a chart hidden from assistive tech and a table behind it; axe-clean in both', async () => {
    const gate = deferred();
    const requests = recordRequests();
    worker.use(http.get(api('/v1/stats'), async () => {
      await gate.promise;
      return HttpResponse.json(makeStats());
    }));
    const el = await mount({ attributes: 'scope="region:3301"' });
    const loaded = new Promise<VkLoadEvent>((resolve) => el.addEventListener('vk-load', resolve as EventListener, { once: true }));
    expect($(el, '[part="skeleton"]')).to.exist;
    await expect(el).to.be.accessible();
    gate.resolve();
    expect((await loaded).detail.count).to.equal(3);
    await settled(el);
    const asked = requests.urls.find((url) => url.pathname.endsWith('/v1/stats'))!;
    expect([asked.searchParams.get('scope'), asked.searchParams.get('period'), asked.searchParams.get('groupBy')]).to.deep.equal(['region:3301', 'year', 'month']);

    const counters = $$(el, '[part="counter"]').map((counter) => [text(counter.querySelector('[part="counter-label"]')), text(counter.querySelector('[part="counter-value"]'))]);
    expect(counters).to.deep.equal([
      ['Service hours', '1,234.5'],
      ['Active volunteers', '321'],
      ['Spots filled', '81.3%'],
      ['Needs met', '— not shown: fewer than 5'],
      ['Median time to approval', '20.5 h'],
    ]);
    expect($(el, '[part="chart"]')!.getAttribute('aria-hidden')).to.equal('true');
    const bars = $$(el, '[part="bar"]').map((bar) => Number(bar.getAttribute('height')));
    expect(bars).to.have.length(3);
    expect([bars[0]! > 0, bars[1], bars[2]]).to.deep.equal([true, 0, 96]);
    const rows = $$(el, '[part="table"] tbody tr').map((row) => [...row.children].map((cell) => text(cell)));
    expect(rows.map((row) => row.slice(1, 3))).to.deep.equal([['400', '120'], ['— not shown: fewer than 5', '— not shown: fewer than 5'], ['834.5', '200']]);
    expect(text($(el, '[part="note"]'))).to.contain('not shown');
    await expect(el).to.be.accessible();
  });

  it('shows the table on request (the toggle says so), axe-clean', async () => {
    serve();
    const el = await mount();
    await settled(el);
    const toggle = $(el, '[part="table-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '#trend-table')!.classList.contains('visually-hidden')).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect([toggle.getAttribute('aria-expanded'), text(toggle)]).to.deep.equal(['true', 'Hide the numbers']);
    expect($(el, '#trend-table')!.classList.contains('visually-hidden')).to.equal(false);
    expect($(el, '[part="table"]')!.getBoundingClientRect().height).to.be.greaterThan(40);
    await expect(el).to.be.accessible();
  });

  it('charts the figure asked for, shows only the counters asked for, and no trend with trend="none"', async () => {
    serve();
    const el = await mount({ attributes: 'trend="activeVolunteers" counters="activeVolunteers approvedHours"' });
    await settled(el);
    expect($$(el, '[part="counter-label"]').map(text)).to.deep.equal(['Service hours', 'Active volunteers']);
    expect(text($(el, 'figcaption'))).to.equal('Active volunteers by month, the last 12 months');
    el.trend = 'none';
    await el.updateComplete;
    expect($(el, '[part="trend"]')).to.equal(null);
  });

  it('the bars grow in only when the reader has not asked for reduced motion', async () => {
    serve();
    const el = await mount();
    await settled(el);
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const animated = rules.filter((rule) => rule instanceof CSSStyleRule && rule.selectorText === '.bar' && rule.style.animationName);
    const motionRules = rules.filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-reduced-motion: no-preference'));
    expect(animated, 'no animation outside the media query').to.deep.equal([]);
    expect(motionRules.some((rule) => [...rule.cssRules].some((inner) => (inner as CSSStyleRule).selectorText === '.bar' && (inner as CSSStyleRule).style.animationName === 'vk-grow'))).to.equal(true);
  });

  it('an empty period shows the empty state, axe-clean', async () => {
    serve(makeStats({ metrics: { approvedHours: 0, activeVolunteers: 0, fillRate: null, needsFulfilled: 0, medianApprovalHours: null, suppressed: [] }, groups: [] }));
    const el = await mount({ locale: 'zh-CN' });
    await settled(el);
    expect(text($(el, '[part="empty"] .state__title'))).to.equal('暂无数据');
    await expect(el).to.be.accessible();
  });

  it('a server error and a network failure show an error with a retry (never thrown to the page), axe-clean; the retry loads', async () => {
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    window.addEventListener('error', onError);
    try {
      worker.use(http.get(api('/v1/stats'), () => problem(500, 'internal_error', 'Internal error')));
      const el = await mount();
      await settled(el);
      expect($(el, '[part="error"]')).to.exist;
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      worker.use(http.get(api('/v1/stats'), () => HttpResponse.error()));
      ($(el, '[part="retry-button"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect($(el, '[part="skeleton"]'), 'loading again').to.exist;
      await waitUntil(() => $(el, '[part="retry-button"]'), 'no error after the fault', { timeout: 8000 });
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      serve();
      ($(el, '[part="retry-button"]') as HTMLButtonElement).click();
      await waitUntil(() => $(el, '[part="counters"]'), 'the retry did not load', { timeout: 8000 });
      expect(thrown).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('in Chinese and Traditional Chinese, with large text, fits 320 px: nothing clipped or sideways; axe-clean', async () => {
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      serve();
      const el = await mount({ locale, width: 320 });
      el.largeText = true;
      await settled(el);
      await el.updateComplete;
      expect(text($(el, '[part="counter-label"]'))).to.equal(locale === 'zh-CN' ? '服务时长' : '服務時數');
      ($(el, '[part="table-toggle"]') as HTMLButtonElement).click();
      await el.updateComplete;
      const wrapper = el.parentElement!;
      const problems = [
        ...layoutProblems([el]),
        ...$$(el, '*').filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1 && !node.closest('.table-wrap'))
          .map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
      ];
      expect(problems, locale).to.deep.equal([]);
      await expect(el).to.be.accessible();
      worker.resetHandlers();
    }
  });
});
