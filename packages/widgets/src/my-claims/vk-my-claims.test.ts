// <vk-my-claims> against msw: the volunteer's claims with deadline and status; the address and
// contact read only on request (one GET /v1/me/claims/{id} each); "done" with the keyboard, the
// minutes checked inline (what was typed stays), then the 6-digit code shown; give back; a claim
// that ended meanwhile said in the card; sign-in, empty and error states; axe after each state;
// 320 px with large text in Chinese.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Claim, Need, ServiceMenuItem } from '@volunteerkit/sdk/schemas';
import '../define/vk-my-claims.js';
import type { VkMyClaims } from './vk-my-claims.js';
import type { VkNeedStepEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, deferred, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

let sessions = 0;
let SESSION = '';
beforeEach(() => {
  sessions += 1;
  SESSION = `vst_claims${String(sessions).padStart(6, '0')}`;
});

const MENU: ServiceMenuItem[] = [
  { code: 'haircut', names: { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' }, typicalMinutes: 40, weeklyCap: 1 },
];
const AT = '2026-11-20T02:00:00.000Z';
const DUE = '2026-11-22T10:30:00.000Z'; // 18:30 in China

function need(n: number, overrides: Partial<Need> = {}): Need {
  return {
    id: `ned_claims000000${n}`, serviceCode: 'haircut', title: `Wish ${n}`, details: '', regionCode: '330106', organizationId: 'org_community001',
    requester: '王*英', filedOnBehalf: true, preferredTimes: '', status: 'claimed', statusReason: null, waitingSince: AT, dueAt: DUE,
    claimedAt: AT, fulfilledAt: null, confirmedAt: null, serviceRecordId: null, rating: null, createdAt: AT, updatedAt: AT, ...overrides,
  };
}
const claim = (n: number, overrides: Partial<Need> = {}, code: string | null = null): Claim => ({ need: need(n, overrides), address: null, contact: null, confirmationCode: code });
const ADDRESS = '文新街道古荡湾新村 3 幢 2 单元 301';

function serve(claims: Claim[] = [claim(1), claim(2, { status: 'fulfilled', dueAt: DUE }, '048213')], options: { fulfil?: (attempt: number) => Response | undefined } = {}) {
  const sent = { reveals: 0, fulfils: [] as Array<{ body: unknown; key: string | null }>, releases: 0, auth: new Set<string>() };
  worker.use(
    http.get(api('/v1/service-menu'), () => HttpResponse.json({ data: MENU })),
    http.get(api('/v1/me/claims'), ({ request }) => {
      sent.auth.add(request.headers.get('authorization') ?? '');
      return HttpResponse.json({ data: claims, nextCursor: null });
    }),
    http.get(api('/v1/me/claims/:id'), ({ params }) => {
      sent.reveals += 1;
      const shown = claims.find((c) => c.need.id === params['id'])!;
      return HttpResponse.json({ ...shown, address: ADDRESS, contact: { name: '王秀英', mobile: '13800002001' } });
    }),
    http.post(api('/v1/needs/:id/fulfil'), async ({ request, params }) => {
      sent.fulfils.push({ body: await request.json(), key: request.headers.get('idempotency-key') });
      const refused = options.fulfil?.(sent.fulfils.length);
      if (refused) return refused;
      return HttpResponse.json({ need: need(1, { id: String(params['id']), status: 'fulfilled', fulfilledAt: AT }), address: null, contact: null, confirmationCode: '482913' });
    }),
    http.post(api('/v1/needs/:id/release'), ({ params }) => {
      sent.releases += 1;
      return HttpResponse.json(need(1, { id: String(params['id']), status: 'open', claimedAt: null, dueAt: null }));
    }),
  );
  return sent;
}

async function mount(options: { locale?: string; width?: number; session?: string | null } = {}): Promise<VkMyClaims> {
  const session = options.session === null ? undefined : options.session ?? SESSION;
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${options.width ?? 700}px">
    <vk-my-claims base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale=${options.locale ?? 'en'} .session=${session}></vk-my-claims></div>`);
  const el = holder.querySelector('vk-my-claims')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part="list"], [part="error"], [part="empty"], [part~="sign-in"]'), 'did not settle', { timeout: 8000 });
  return el;
}
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const card = (el: VkMyClaims, n: number) => el.shadowRoot!.querySelector<HTMLElement>(`[data-need="ned_claims000000${n}"]`)!;
const part = (el: VkMyClaims, n: number, name: string) => card(el, n).querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<vk-my-claims>', () => {
  it('shows a skeleton, then the claims with service, status and deadline, the fulfilled one with its code; no address until asked; axe-clean', async () => {
    const held = deferred();
    const sent = serve();
    worker.use(http.get(api('/v1/me/claims'), async () => {
      await held.promise;
      return HttpResponse.json({ data: [claim(1), claim(2, { status: 'fulfilled' }, '048213')], nextCursor: null });
    }));
    const el = await fixture<VkMyClaims>(html`<vk-my-claims base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="en" .session=${SESSION}></vk-my-claims>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="skeleton"]'), 'no skeleton');
    await expect(el).to.be.accessible();
    held.resolve();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="list"]'), 'no list');
    expect(text(part(el, 1, 'service'))).to.equal('Haircut at home');
    expect(text(part(el, 1, 'status'))).to.equal('Taken by me');
    expect(text(part(el, 1, 'due'))).to.match(/^Do it by Nov 22, 18:30$/);
    expect(part(el, 1, 'private'), 'no address before asking').to.not.exist;
    expect(text(part(el, 2, 'status'))).to.equal('Done — awaiting the resident\'s confirmation');
    expect(text(part(el, 2, 'code'))).to.equal('048213 Confirmation code 0 4 8 2 1 3');
    expect(part(el, 2, 'fulfil-button'), 'a fulfilled wish has no steps left').to.not.exist;
    expect(sent.reveals).to.equal(0);
    expect(el.shadowRoot!.textContent).to.not.include(ADDRESS);
    await expect(el).to.be.accessible();
  });

  it('reads the address and contact once, on request, and shows them with a call link; axe-clean', async () => {
    const sent = serve();
    const el = await mount({ session: SESSION });
    part(el, 1, 'reveal-button')!.click();
    await waitUntil(() => part(el, 1, 'private'), 'address not shown');
    expect(text(part(el, 1, 'private'))).to.include(ADDRESS);
    expect(part(el, 1, 'private')!.querySelector('a')!.getAttribute('href')).to.equal('tel:13800002001');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 1, 'private'));
    expect(sent.reveals).to.equal(1);
    expect([...sent.auth]).to.deep.equal([`Bearer ${SESSION}`]);
    await expect(el).to.be.accessible();
  });

  it('with the keyboard: "done" opens the minutes (the usual 40), a bad number is said inline and kept, then the code is shown and focused', async () => {
    const sent = serve();
    const steps: VkNeedStepEvent[] = [];
    const el = await mount();
    el.addEventListener('vk-need-step', (event) => steps.push(event));
    part(el, 1, 'fulfil-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 1, 'minutes'), 'no minutes field');
    const minutes = part(el, 1, 'minutes') as HTMLInputElement;
    expect(minutes.value).to.equal('40');
    await waitUntil(() => el.shadowRoot!.activeElement === minutes, 'minutes not focused');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '4.5' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(part(el, 1, 'field-error')) !== '', 'no inline error');
    expect(text(part(el, 1, 'field-error'))).to.equal('Enter a whole number of minutes.');
    expect(minutes.getAttribute('aria-invalid')).to.equal('true');
    expect((part(el, 1, 'minutes') as HTMLInputElement).value, 'what was typed stays').to.equal('4.5');
    expect(sent.fulfils).to.have.length(0);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '45' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 1, 'code-panel'), 'no code');
    expect(text(part(el, 1, 'code'))).to.equal('482913 Confirmation code 4 8 2 9 1 3');
    expect(sent.fulfils.map((f) => f.body)).to.deep.equal([{ minutes: 45 }]);
    expect(sent.fulfils[0]!.key).to.be.a('string').and.not.empty;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 1, 'code-panel')!.querySelector('h4'));
    expect(steps.map((s) => [s.detail.step, s.detail.needId, s.detail.need.status])).to.deep.equal([['fulfil', 'ned_claims0000001', 'fulfilled']]);
    expect(JSON.stringify(steps[0]!.detail)).to.not.include('482913');
    await expect(el).to.be.accessible();
  });

  it('a failed fulfilment says so in the card and its retry sends the same Idempotency-Key', async () => {
    const sent = serve(undefined, { fulfil: (attempt) => (attempt === 1 ? problem(400, 'bad_request', 'Bad') : undefined) });
    const el = await mount();
    part(el, 1, 'fulfil-button')!.click();
    await waitUntil(() => part(el, 1, 'send-button'), 'no form');
    part(el, 1, 'send-button')!.click();
    await waitUntil(() => text(part(el, 1, 'message')) !== '', 'no refusal');
    expect(text(part(el, 1, 'message'))).to.equal('That did not work just now. Please try again.');
    expect(part(el, 1, 'message')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    part(el, 1, 'send-button')!.click();
    await waitUntil(() => part(el, 1, 'code-panel'), 'retry did not fulfil');
    expect(sent.fulfils.map((f) => f.key)).to.deep.equal([sent.fulfils[0]!.key, sent.fulfils[0]!.key]);
  });

  it('a step the server refuses for the session (401) sends vk-session-expired, says to sign in again and keeps the minutes typed', async () => {
    serve(undefined, { fulfil: () => problem(401, 'unauthenticated', 'Session expired') });
    const el = await mount();
    const expired: string[] = [];
    el.addEventListener('vk-session-expired', (event) => expired.push((event as CustomEvent<{ widget: string }>).detail.widget));
    part(el, 1, 'fulfil-button')!.click();
    await waitUntil(() => part(el, 1, 'send-button'), 'no form');
    const minutes = (part(el, 1, 'minutes') as HTMLInputElement);
    minutes.value = '55';
    minutes.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    part(el, 1, 'send-button')!.click();
    await waitUntil(() => text(part(el, 1, 'message')) !== '', 'no refusal');
    expect(expired).to.deep.equal(['vk-my-claims']);
    expect(text(part(el, 1, 'message'))).to.equal('Your sign-in has expired. Sign in again, then try again.');
    expect((part(el, 1, 'minutes') as HTMLInputElement).value).to.equal('55');
    await expect(el).to.be.accessible();
  });

  it('gives a wish back, and says when a claim has ended meanwhile', async () => {
    const sent = serve();
    const el = await mount();
    part(el, 1, 'release-button')!.click();
    await waitUntil(() => text(part(el, 1, 'message')) !== '', 'no answer');
    expect(text(part(el, 1, 'message'))).to.equal('Given back: the wish waits on the board again.');
    expect(text(part(el, 1, 'status'))).to.equal('Back on the board');
    expect(part(el, 1, 'release-button')).to.not.exist;
    expect(sent.releases).to.equal(1);
    await expect(el).to.be.accessible();

    worker.use(http.post(api('/v1/needs/:id/release'), () => problem(409, 'conflict', 'Not claimed by you')));
    const other = await mount();
    part(other, 1, 'release-button')!.click();
    await waitUntil(() => text(part(other, 1, 'message')) !== '', 'no refusal');
    expect(text(part(other, 1, 'message'))).to.equal('This wish is no longer yours (its time ran out, or it was closed).');
  });

  it('without a session asks to sign in; with none taken says so; a failed load offers a retry; axe-clean in each', async () => {
    serve();
    const signedOut = await mount({ session: null });
    expect(text(signedOut.shadowRoot!.querySelector('[part~="sign-in"]'))).to.equal('Sign in as a volunteer to see the wishes you have taken.');
    await expect(signedOut).to.be.accessible();

    serve([]);
    const empty = await mount();
    expect(empty.shadowRoot!.querySelector('[part="empty"]')).to.exist;
    await expect(empty).to.be.accessible();

    let failing = true;
    worker.use(http.get(api('/v1/me/claims'), () => (failing ? problem(500, 'internal', 'Boom', {}, { 'retry-after': '0' }) : HttpResponse.json({ data: [claim(1)], nextCursor: null }))));
    const failed = await mount();
    expect(failed.shadowRoot!.querySelector('[part="error"]')).to.exist;
    await expect(failed).to.be.accessible();
    failing = false;
    failed.shadowRoot!.querySelector<HTMLElement>('[part="retry-button"]')!.click();
    await waitUntil(() => failed.shadowRoot!.querySelector('[part="list"]'), 'retry did not load');
  });

  it('a session the server refuses (401) sends vk-session-expired and, not renewed, asks to sign in again; axe-clean', async () => {
    worker.use(http.all(api('/v1/*'), () => problem(401, 'unauthenticated', 'Session expired')));
    const expired: string[] = [];
    const onExpired = (event: Event) => expired.push((event as CustomEvent<{ widget: string }>).detail.widget);
    document.addEventListener('vk-session-expired', onExpired);
    try {
      const el = await mount();
      expect(expired).to.deep.equal(['vk-my-claims']);
      expect(text(el.shadowRoot!.querySelector('[part~="sign-in"]'))).to.equal('Sign in as a volunteer to see the wishes you have taken.');
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('vk-session-expired', onExpired);
    }
  });

  it('in Chinese, with large text and the code shown, fits 320 px: nothing clipped or sideways; axe-clean', async () => {
    serve();
    const el = await mount({ locale: 'zh-CN', width: 320 });
    el.largeText = true;
    part(el, 1, 'reveal-button')!.click();
    await waitUntil(() => part(el, 1, 'private'), 'address not shown');
    part(el, 1, 'fulfil-button')!.click();
    await el.updateComplete;
    expect(text(part(el, 2, 'status'))).to.equal('已完成，等居民确认');
    expect(text(part(el, 1, 'due'))).to.include('请在');
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
