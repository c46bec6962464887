// The needs board: cards with the service's name, the masked resident, the community, waiting time
// and status, longest waiting first; filters reach the API; "show more"; claiming with a session
// (Idempotency-Key, the same on a retry), refusals in the card; axe-clean in every state; 320 px.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Need, ServiceMenuItem } from '@volunteerkit/sdk/schemas';
import '../define/vk-needs-board.js';
import type { VkNeedsBoard } from './needs-board.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, recordRequests, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const MENU: ServiceMenuItem[] = [
  { code: 'haircut', names: { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' }, typicalMinutes: 40, weeklyCap: 1 },
  { code: 'tech_help', names: { 'zh-CN': '手机教学', 'zh-TW': '手機教學', en: 'Phone help' }, typicalMinutes: 60, weeklyCap: 2 },
];
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function need(n: number, overrides: Partial<Need> = {}): Need {
  const at = hoursAgo(100);
  return {
    id: `ned_board0000000${n}`, serviceCode: 'haircut', title: `Wish ${n}`, details: '', regionCode: '330106', organizationId: 'org_community001',
    requester: '王*英', filedOnBehalf: false, preferredTimes: '', status: 'open', statusReason: null, waitingSince: hoursAgo(n), dueAt: null,
    claimedAt: null, fulfilledAt: null, confirmedAt: null, serviceRecordId: null, rating: null, createdAt: at, updatedAt: at, ...overrides,
  };
}

let sessions = 0;
const nextSession = () => `vst_board${String(++sessions).padStart(8, '0')}`;

function serve(pages: Need[][] = [[need(50, { filedOnBehalf: true }), need(3, { serviceCode: 'tech_help', regionCode: '330108' })]]) {
  worker.use(
    http.get(api('/v1/service-menu'), () => HttpResponse.json({ data: MENU })),
    http.get(api('/v1/needs'), ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      const index = cursor ? Number(cursor) : 0;
      return HttpResponse.json({ data: pages[index] ?? [], nextCursor: index + 1 < pages.length ? String(index + 1) : null });
    }),
  );
}

function serveClaims(answer: (request: Request, attempt: number) => Response | Promise<Response>) {
  const claims: Array<{ key: string | null; authorization: string | null }> = [];
  worker.use(
    http.post(api('/v1/needs/:id/claim'), ({ request, params }) => {
      claims.push({ key: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization') });
      return answer(request, claims.length) ?? HttpResponse.json({ need: need(50, { id: String(params['id']), status: 'claimed' }), address: null, contact: null, confirmationCode: null });
    }),
  );
  return claims;
}
const claimed = (id: string) => HttpResponse.json({ need: need(50, { id, status: 'claimed', waitingSince: hoursAgo(50) }), address: null, contact: null, confirmationCode: null });

async function mount(options: { locale?: string; width?: number; session?: string } = {}): Promise<VkNeedsBoard> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${options.width ?? 900}px">
    <vk-needs-board base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale=${options.locale ?? 'en'} .session=${options.session}></vk-needs-board>
  </div>`);
  const el = holder.querySelector('vk-needs-board')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part="list"], [part="error"], [part="empty"]'), 'board did not load');
  return el;
}
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const card = (el: VkNeedsBoard, n: number) => el.shadowRoot!.querySelector<HTMLElement>(`[data-need="ned_board0000000${n}"]`)!;

describe('<vk-needs-board>', () => {
  it('shows a skeleton while loading, then cards longest waiting first with service, resident, community, waiting and status; axe-clean in both', async () => {
    const held = deferred();
    worker.use(
      http.get(api('/v1/service-menu'), () => HttpResponse.json({ data: MENU })),
      // The server answers in its own order; the board still shows the longest waiting first.
      http.get(api('/v1/needs'), async () => {
        await held.promise;
        return HttpResponse.json({ data: [need(3, { serviceCode: 'tech_help', regionCode: '330108' }), need(50, { filedOnBehalf: true })], nextCursor: null });
      }),
    );
    const holder = await fixture<HTMLDivElement>(html`<div><vk-needs-board base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en"></vk-needs-board></div>`);
    const el = holder.querySelector('vk-needs-board')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="skeleton"]'), 'no skeleton');
    expect(el.shadowRoot!.querySelector('.body')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    held.resolve();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="list"]'), 'no list');
    expect($$(el, '[part="title"]').map(text)).to.deep.equal(['Wish 50', 'Wish 3']);
    expect(text(card(el, 50).querySelector('[part="service"]'))).to.equal('Haircut at home');
    expect(text(card(el, 3).querySelector('[part="service"]'))).to.equal('Phone help');
    expect(text(card(el, 50).querySelector('[part="requester"]'))).to.equal('For 王*英 (filed by a community helper)');
    expect(text(card(el, 3).querySelector('[part="community"]'))).to.equal('Community 330108');
    expect(text(card(el, 50).querySelector('[part="waiting"]'))).to.equal('Waiting 2 days');
    expect(text(card(el, 3).querySelector('[part="waiting"]'))).to.equal('Waiting 3 hours');
    expect(text(card(el, 50).querySelector('[part="status"]'))).to.equal('Waiting for a volunteer');
    expect(el.shadowRoot!.querySelector('[part="claim-button"]'), 'no claim without a session').to.not.exist;
    expect(el.shadowRoot!.querySelector('[part="sign-in"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('sends the chosen service and community to the API, and keeps the other communities to choose from', async () => {
    serve();
    const requests = recordRequests();
    const el = await mount();
    const community = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="community-filter"]')!;
    expect([...community.options].map((o) => o.value)).to.deep.equal(['', '330106', '330108']);
    community.value = '330108';
    community.dispatchEvent(new Event('change'));
    const service = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="service-filter"]')!;
    expect([...service.options].map((o) => text(o))).to.deep.equal(['All', 'Haircut at home', 'Phone help']);
    service.value = 'tech_help';
    service.dispatchEvent(new Event('change'));
    await waitUntil(() => requests.urls.some((url) => url.searchParams.get('serviceCode') === 'tech_help'), 'service filter not sent');
    const last = requests.urls.filter((url) => url.pathname === '/v1/needs').at(-1)!;
    expect(last.searchParams.get('regionCode')).to.equal('330108');
    expect(last.searchParams.get('sort')).to.equal('longest_waiting');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="list"]'), 'no list after filtering');
    expect([...el.shadowRoot!.querySelector<HTMLSelectElement>('[part="community-filter"]')!.options].map((o) => o.value)).to.deep.equal(['', '330106', '330108']);
  });

  it('shows more wishes on request and hides the button on the last page', async () => {
    serve([[need(60), need(50)], [need(40)]]);
    const el = await mount();
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]')!;
    more.click();
    await waitUntil(() => $$(el, '[part="card"]').length === 3, 'second page not shown');
    expect($$(el, '[part="title"]').map(text)).to.deep.equal(['Wish 60', 'Wish 50', 'Wish 40']);
    expect(el.shadowRoot!.querySelector('[part="load-more"]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('says when no wish is waiting; axe-clean', async () => {
    serve([[]]);
    const el = await mount();
    expect(text(el.shadowRoot!.querySelector('[part="empty"]'))).to.equal('No wishes are waiting right now. Thank you for looking!');
    await expect(el).to.be.accessible();
  });

  it('shows a failed load as an alert with a retry that loads again; axe-clean', async () => {
    worker.use(
      http.get(api('/v1/service-menu'), () => HttpResponse.json({ data: MENU })),
      http.get(api('/v1/needs'), () => problem(500, 'internal', 'Internal', {}, { 'retry-after': '0' })),
    );
    const errors: unknown[] = [];
    document.addEventListener('vk-error', (event) => errors.push(event.detail.error), { once: true });
    const el = await mount();
    expect(el.shadowRoot!.querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    serve();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="list"]'), 'retry did not load');
  });

  it('claims a wish with the keyboard and the volunteer session, with an Idempotency-Key, and says so in the card; axe-clean', async () => {
    serve();
    const claims = serveClaims((request) => claimed(new URL(request.url).pathname.split('/')[3]!));
    const session = nextSession();
    const el = await mount({ session });
    const events: string[] = [];
    el.addEventListener('vk-need-claim', (event) => events.push(event.detail.needId));
    const button = card(el, 50).querySelector<HTMLButtonElement>('[part="claim-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal("I'll help: Wish 50");
    for (let i = 0; i < 20 && el.shadowRoot!.activeElement !== button; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement, 'reached with Tab').to.equal(button);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(card(el, 50).querySelector('[part="claim-message"]')) !== '', 'no claim message');
    expect(text(card(el, 50).querySelector('[part="claim-message"]'))).to.equal('You have taken this wish. Your list of claims shows the address and phone number.');
    expect(text(card(el, 50).querySelector('[part="status"]'))).to.equal('Taken by a volunteer');
    expect(card(el, 50).querySelector('[part="claim-button"]')).to.not.exist;
    expect(claims).to.have.length(1);
    expect(claims[0]!.authorization).to.equal(`Bearer ${session}`);
    expect(claims[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    expect(events).to.deep.equal(['ned_board000000050']);
    await expect(el).to.be.accessible();
  });

  it('says in the card when another volunteer was first, and offers no retry; axe-clean', async () => {
    serve();
    serveClaims(() => problem(409, 'conflict', 'Conflict'));
    const el = await mount({ session: nextSession() });
    card(el, 3).querySelector<HTMLButtonElement>('[part="claim-button"]')!.click();
    await waitUntil(() => text(card(el, 3).querySelector('[part="claim-message"]')) !== '', 'no refusal');
    const message = card(el, 3).querySelector('[part="claim-message"]')!;
    expect(text(message)).to.equal('Another volunteer has just taken this wish, or it was closed.');
    expect(message.getAttribute('role')).to.equal('alert');
    expect(card(el, 3).querySelector('[part="claim-button"]')).to.not.exist;
    expect(card(el, 50).querySelector('[part="claim-button"]'), 'the other wish can still be taken').to.exist;
    await expect(el).to.be.accessible();
  });

  it('retries a failed claim with the same Idempotency-Key', async () => {
    serve();
    const claims = serveClaims((request, attempt) => (attempt === 1 ? problem(400, 'bad_request', 'Bad') : claimed(new URL(request.url).pathname.split('/')[3]!)));
    const el = await mount({ session: nextSession() });
    card(el, 50).querySelector<HTMLButtonElement>('[part="claim-button"]')!.click();
    await waitUntil(() => text(card(el, 50).querySelector('[part="claim-message"]')) === 'It could not be taken just now. Please try again.', 'no failure');
    card(el, 50).querySelector<HTMLButtonElement>('[part="claim-button"]')!.click();
    await waitUntil(() => text(card(el, 50).querySelector('[part="status"]')) === 'Taken by a volunteer', 'retry did not claim');
    expect(claims.map((c) => c.key)).to.deep.equal([claims[0]!.key, claims[0]!.key]);
  });

  it('in Chinese, with large text, fits 320 px: nothing clipped or sideways; axe-clean', async () => {
    serve();
    const el = await mount({ locale: 'zh-CN', width: 320, session: nextSession() });
    el.largeText = true;
    await el.updateComplete;
    expect(text(card(el, 50).querySelector('[part="claim-button"]'))).to.equal('认领');
    expect(text(card(el, 50).querySelector('[part="waiting"]'))).to.equal('已等待 2 天');
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...$$(el, '*').filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
