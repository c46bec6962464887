// The need form: service tiles from the menu, the resident's body or the helper's consent as the
// API takes them, field problems from the server next to their fields with nothing lost, the same
// Idempotency-Key on a retry, no resident data in the draft; axe-clean in every state; 320 px.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Need, ServiceMenuItem } from '@volunteerkit/sdk/schemas';
import '../define/vk-need-form.js';
import type { VkNeedForm } from './need-form.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => {
  worker.resetHandlers();
  sessionStorage.clear();
});

const MENU: ServiceMenuItem[] = [
  { code: 'haircut', names: { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' }, typicalMinutes: 40, weeklyCap: 1 },
  { code: 'tech_help', names: { 'zh-CN': '手机教学', 'zh-TW': '手機教學', en: 'Phone help' }, typicalMinutes: 60, weeklyCap: 2 },
];
const AT = '2026-12-01T09:00:00+08:00';
const filed = (status: Need['status']): Need => ({
  id: 'ned_form00000001', serviceCode: 'haircut', title: 'Haircut at home', details: '', regionCode: '330106', organizationId: 'org_community001',
  requester: '王*英', filedOnBehalf: status === 'open', preferredTimes: '', status, statusReason: null, waitingSince: null, dueAt: null,
  claimedAt: null, fulfilledAt: null, confirmedAt: null, serviceRecordId: null, rating: null, createdAt: AT, updatedAt: AT,
});

function serve(answer: (attempt: number) => Response = () => HttpResponse.json(filed('submitted'), { status: 201 })) {
  const posts: Array<{ body: Record<string, unknown>; key: string | null; authorization: string | null }> = [];
  worker.use(
    http.get(api('/v1/service-menu'), () => HttpResponse.json({ data: MENU })),
    http.post(api('/v1/needs'), async ({ request }) => {
      posts.push({ body: (await request.json()) as Record<string, unknown>, key: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization') });
      return answer(posts.length);
    }),
  );
  return posts;
}

async function mount(options: { locale?: string; width?: number; helper?: boolean; session?: string } = {}): Promise<VkNeedForm> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${options.width ?? 700}px">
    <vk-need-form base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale=${options.locale ?? 'en'} region-code="330106" policy-version="2026-01"
      ?helper=${options.helper ?? false} .session=${options.session}></vk-need-form>
  </div>`);
  const el = holder.querySelector('vk-need-form')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part="form"], [part="error"]'), 'form did not load');
  return el;
}
const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
function type(el: VkNeedForm, name: string, value: string) {
  const input = $<HTMLInputElement>(el, `[name="${name}"]`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
function fill(el: VkNeedForm) {
  $<HTMLInputElement>(el, 'input[value="haircut"]').click();
  type(el, 'details', '腿脚不便，请上门');
  type(el, 'preferredTimes', '工作日上午');
  type(el, 'name', '王秀英');
  type(el, 'mobile', '138 0000 1234');
  type(el, 'address', '文一西路 88 号 3 幢 301');
}
const send = async (el: VkNeedForm) => {
  $<HTMLButtonElement>(el, '[part="submit-button"]').click();
  await el.updateComplete;
};

describe('<vk-need-form>', () => {
  it('shows the service menu as large tiles after loading; axe-clean in both states', async () => {
    const held = deferred();
    worker.use(http.get(api('/v1/service-menu'), async () => {
      await held.promise;
      return HttpResponse.json({ data: MENU });
    }));
    const holder = await fixture<HTMLDivElement>(html`<div><vk-need-form base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en" region-code="330106"></vk-need-form></div>`);
    const el = holder.querySelector('vk-need-form')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="skeleton"]'), 'no skeleton');
    await expect(el).to.be.accessible();
    held.resolve();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="form"]'), 'no form');
    expect([...el.shadowRoot!.querySelectorAll('[part="tile"]')].map(text)).to.deep.equal(['Haircut at home', 'Phone help']);
    expect($(el, '[part="tile"]').getBoundingClientRect().height).to.be.at.least(48);
    await expect(el).to.be.accessible();
  });

  it('checks the fields before sending and marks each one; nothing is sent; axe-clean', async () => {
    const posts = serve();
    const el = await mount();
    type(el, 'mobile', '12345');
    await send(el);
    expect(posts).to.have.length(0);
    expect(text($(el, '#error-serviceCode'))).to.equal('Please fill this in.');
    expect(text($(el, '#error-mobile'))).to.equal('Please enter an 11-digit mobile number starting with 1.');
    expect(text($(el, '#error-accepted'))).to.equal('Please fill this in.');
    expect($(el, '[name="mobile"]').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '[name="mobile"]').getAttribute('aria-describedby')).to.equal('error-mobile');
    await expect(el).to.be.accessible();
  });

  it('files the resident\'s wish with the publishable key: the body the API takes, then a thank-you; axe-clean', async () => {
    const posts = serve();
    const el = await mount();
    const created: Need[] = [];
    el.addEventListener('vk-need-create', (event) => created.push(event.detail.need));
    fill(el);
    $<HTMLInputElement>(el, '[name="accepted"]').click();
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="success"]'), 'no success');
    expect(posts).to.have.length(1);
    expect(posts[0]!.authorization, 'the publishable key, no session').to.equal(`Bearer ${PUBLISHABLE_KEY}`);
    expect(posts[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    expect(posts[0]!.body).to.deep.equal({
      serviceCode: 'haircut', title: 'Haircut at home', regionCode: '330106', details: '腿脚不便，请上门', preferredTimes: '工作日上午',
      resident: { name: '王秀英', mobile: '13800001234', address: '文一西路 88 号 3 幢 301' }, consent: { accepted: true, policyVersion: '2026-01' },
    });
    expect(text($(el, '[part="success"]'))).to.contain('the community will review it soon');
    expect(created.map((need) => need.id)).to.deep.equal(['ned_form00000001']);
    await expect(el).to.be.accessible();
  });

  it('shows the server\'s field problems by path next to their fields, keeps everything typed; axe-clean', async () => {
    serve(() => problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'serviceCode', code: 'weekly_cap_reached', message: 'cap' }, { path: 'resident.address', code: 'required', message: 'is required' }] }));
    const el = await mount();
    fill(el);
    $<HTMLInputElement>(el, '[name="accepted"]').click();
    await send(el);
    await waitUntil(() => text($(el, '#error-serviceCode')) !== '', 'no field problem');
    expect(text($(el, '#error-serviceCode'))).to.equal('This resident has already asked for this service as often as allowed this week. Please try again next week.');
    expect(text($(el, '#error-address'))).to.equal('Please fill this in.');
    expect(text($(el, '[part="message"]'))).to.equal('Please check the marked fields.');
    expect($<HTMLInputElement>(el, '[name="name"]').value).to.equal('王秀英');
    expect($<HTMLTextAreaElement>(el, '[name="details"]').value).to.equal('腿脚不便，请上门');
    await expect(el).to.be.accessible();
  });

  it('sends again with the same Idempotency-Key after a server failure, nothing lost', async () => {
    const posts = serve((attempt) => (attempt <= 3 ? problem(503, 'unavailable', 'Down', {}, { 'retry-after': '0' }) : HttpResponse.json(filed('submitted'), { status: 201 })));
    const el = await mount();
    fill(el);
    $<HTMLInputElement>(el, '[name="accepted"]').click();
    await send(el);
    await waitUntil(() => text($(el, '[part="message"]')).startsWith('The wish was not sent'), 'no retry message');
    expect($<HTMLInputElement>(el, '[name="address"]').value).to.equal('文一西路 88 号 3 幢 301');
    await expect(el).to.be.accessible();
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="success"]'), 'retry did not succeed');
    expect(new Set(posts.map((post) => post.key)).size, 'one key for every attempt').to.equal(1);
  });

  it('keeps the wish in the draft but never the resident\'s name, mobile or address', async () => {
    serve();
    const el = await mount();
    fill(el);
    const stored = Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)).join('');
    expect(stored).to.contain('腿脚不便');
    for (const secret of ['王秀英', '1234', '文一西路']) expect(stored).to.not.contain(secret);
  });

  it('in helper mode records how the resident agreed, on the organizer session; in Chinese fits 320 px; axe-clean', async () => {
    const posts = serve(() => HttpResponse.json(filed('open'), { status: 201 }));
    const el = await mount({ helper: true, session: 'ost_helper000001', locale: 'zh-CN', width: 320 });
    expect(el.shadowRoot!.querySelector('[name="accepted"]')).to.not.exist;
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
    fill(el);
    $<HTMLInputElement>(el, 'input[value="written"]').click();
    type(el, 'evidenceRef', '同意书 2026-118');
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="success"]'), 'no success');
    expect(posts[0]!.authorization).to.equal('Bearer ost_helper000001');
    const consent = posts[0]!.body['consent'] as Record<string, string>;
    expect(consent['method']).to.equal('written');
    expect(consent['evidenceRef']).to.equal('同意书 2026-118');
    expect(Date.parse(consent['obtainedAt']!)).to.be.closeTo(Date.now(), 60_000);
    expect(text($(el, '[part="success"]'))).to.contain('心愿已发布');
    await expect(el).to.be.accessible();
  });
});
