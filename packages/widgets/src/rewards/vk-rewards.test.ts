// <vk-rewards> against msw: the balance and the catalog, redeeming with the keyboard (the code in
// large digits, focus on it), undo within the window, a refusal explained on the reward, the codes
// waiting at the desk, the sign-in state. axe after each state change.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Redemption, Reward } from '@volunteerkit/sdk';
import '../define/vk-rewards.js';
import type { VkRewards } from './vk-rewards.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

let sessions = 0;
let SESSION = 'vst_rewards0000';
beforeEach(() => {
  sessions += 1;
  SESSION = `vst_rewards${String(sessions).padStart(4, '0')}`;
});

const CREATED = '2026-11-22T10:00:00+08:00';
const reward = (id: string, title: string, cost: number, stockLeft: number): Reward => ({
  id, title, description: '志愿者专享', terms: '凭兑换码到服务台领取。', imageUrl: null, cost, stockLeft, validityDays: 30,
  organizationId: null, organizationName: null, availableUntil: null, createdAt: CREATED, updatedAt: CREATED,
} as Reward);
const museum = reward('rwd_museum0001', '博物馆门票', 200, 5);
const cinema = reward('rwd_cinema0001', '电影兑换券', 300, 0);
const mug = reward('rwd_mugmug0001', '纪念马克杯', 900, 3);

function redemptionOf(r: Reward, code: string, status: Redemption['status'] = 'held'): Redemption {
  const now = Date.now();
  return {
    id: `rdm_${code}xx`, rewardId: r.id, rewardTitle: r.title, points: r.cost, code, status, undoUntil: new Date(now + 10 * 60_000).toISOString(),
    expiresAt: new Date(now + 30 * 86_400_000).toISOString(), capturedBy: null, settledAt: null, createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(),
  } as Redemption;
}

function serve({ redeem }: { redeem?: () => Response } = {}) {
  let available = 500;
  const held: Redemption[] = [redemptionOf(mug, '004417')];
  const sent: { redeemed: unknown[]; undone: string[]; keys: string[] } = { redeemed: [], undone: [], keys: [] };
  worker.use(
    http.get(api('/v1/rewards'), () => HttpResponse.json({ data: [museum, cinema, mug], nextCursor: null })),
    http.get(api('/v1/me/points'), () => HttpResponse.json({ available, held: 0, data: [], nextCursor: null })),
    http.get(api('/v1/me/redemptions'), () => HttpResponse.json({ data: held, nextCursor: null })),
    http.post(api('/v1/me/redemptions'), async ({ request }) => {
      sent.redeemed.push(await request.json());
      sent.keys.push(request.headers.get('idempotency-key') ?? '');
      const refused = redeem?.();
      if (refused) return refused;
      available -= museum.cost;
      const made = redemptionOf(museum, '048213');
      held.unshift(made);
      return HttpResponse.json(made, { status: 201 });
    }),
    http.post(api('/v1/me/redemptions/:id/undo'), ({ params }) => {
      sent.undone.push(String(params['id']));
      available += museum.cost;
      held.shift();
      return HttpResponse.json({ ...redemptionOf(museum, '048213', 'undone') });
    }),
  );
  return sent;
}

async function mount(locale = 'en'): Promise<VkRewards> {
  const el = await fixture<VkRewards>(html`<vk-rewards locale=${locale} base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}></vk-rewards>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="balance"], [part~="error"], [part~="sign-in"]'), 'did not settle', { timeout: 8000 });
  return el;
}
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<vk-rewards>', () => {
  it('shows the points to spend, each reward with its cost and stock, why one cannot be redeemed, and the codes waiting at the desk', async () => {
    serve();
    const el = await mount();
    expect(text($(el, '[part~="balance"]'))).to.equal('Points to spend 500 points');
    const rewards = [...el.shadowRoot!.querySelectorAll('[part~="reward"]')];
    expect(rewards.map((r) => text(r.querySelector('[part~="redeem-button"]')))).to.deep.equal(['Redeem for 200 points', 'Redeem for 300 points', 'Redeem for 900 points']);
    expect(rewards.map((r) => text(r.querySelector('[part~="message"]')))).to.deep.equal(['', 'None left.', 'Not enough points yet.']);
    expect(rewards.map((r) => r.querySelector('[part~="redeem-button"]')!.getAttribute('aria-disabled'))).to.deep.equal(['false', 'true', 'true']);
    expect(text($(el, '[part~="held"] li [aria-hidden="true"]'))).to.equal('004417');
    expect(text($(el, '[part~="held"] li .visually-hidden')), 'read digit by digit').to.equal('Redemption code 0 0 4 4 1 7');
    await expect(el).to.be.accessible();
  });

  it('redeems with the keyboard: the code in large digits gets focus, an Idempotency-Key is sent, and undo returns the points', async () => {
    const sent = serve();
    const el = await mount();
    const events: string[] = [];
    el.addEventListener('vk-redeem', (e) => events.push(e.detail.status));
    $<HTMLButtonElement>(el, '[data-reward="rwd_museum0001"] [part~="redeem-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part~="code"]'), 'no code shown');
    expect(sent.redeemed).to.deep.equal([{ rewardId: 'rwd_museum0001' }]);
    expect(sent.keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(text($(el, '[part~="code"] [aria-hidden="true"]'))).to.equal('048213');
    expect(text($(el, '[part~="code"] .visually-hidden'))).to.equal('Redemption code 0 4 8 2 1 3');
    expect(parseFloat(getComputedStyle($(el, '[part~="code"]')!).fontSize)).to.be.greaterThan(2 * parseFloat(getComputedStyle(el).fontSize));
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'code-title', 'focus not on the code');
    await waitUntil(() => text($(el, '[part~="balance"]')).includes('300 points'), 'balance not read again');
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[part~="undo-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.undone.length === 1 && !$(el, '[part~="code-panel"]'), 'not undone');
    await waitUntil(() => text($(el, '[part~="balance"]')).includes('500 points'), 'points not back');
    expect(text($(el, '[part~="notice"]'))).to.equal('Undone: the points are back.');
    expect(events).to.deep.equal(['held', 'undone']);
    await expect(el).to.be.accessible();
  });

  it('explains a refusal on the reward it concerns, in the reader\'s language', async () => {
    serve({ redeem: () => problem(422, 'validation_failed', 'Invalid', { errors: [{ path: 'rewardId', code: 'out_of_stock', message: 'has none left' }] }) });
    const el = await mount('zh-CN');
    $<HTMLButtonElement>(el, '[data-reward="rwd_museum0001"] [part~="redeem-button"]')!.click();
    await waitUntil(() => text($(el, '[data-reward="rwd_museum0001"] [part~="message"]')) !== '', 'no message');
    expect(text($(el, '[data-reward="rwd_museum0001"] [part~="message"]'))).to.equal('已兑完。');
    expect($(el, '[part~="code-panel"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a redemption the server refuses for the session (401) sends vk-session-expired and says to sign in again on that reward', async () => {
    serve({ redeem: () => problem(401, 'unauthenticated', 'Session expired') });
    const el = await mount('zh-CN');
    const expired: string[] = [];
    el.addEventListener('vk-session-expired', (event) => expired.push((event as CustomEvent<{ widget: string }>).detail.widget));
    $<HTMLButtonElement>(el, '[data-reward="rwd_museum0001"] [part~="redeem-button"]')!.click();
    await waitUntil(() => text($(el, '[data-reward="rwd_museum0001"] [part~="message"]')) !== '', 'no message');
    expect(expired).to.deep.equal(['vk-rewards']);
    expect(text($(el, '[data-reward="rwd_museum0001"] [part~="message"]'))).to.equal('登录已过期。请重新登录后再试。');
    expect($(el, '[part~="code-panel"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('clips nothing at 320 px in large text at a 24 px base size, the code panel open', async () => {
    serve();
    const holder = await fixture<HTMLDivElement>(html`<div lang="zh-CN" style="width: 320px; --vk-font-size: 24px"></div>`);
    holder.innerHTML = `<vk-rewards locale="zh-CN" base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" large-text></vk-rewards>`;
    const el = holder.firstElementChild as VkRewards;
    el.session = SESSION;
    await waitUntil(() => $(el, '[part~="rewards"]'), 'did not load', { timeout: 8000 });
    $<HTMLButtonElement>(el, '[data-reward="rwd_museum0001"] [part~="redeem-button"]')!.click();
    await waitUntil(() => $(el, '[part~="code"]') && text($(el, '[part~="balance"]')).includes('300'), 'no code shown, or the points not read again');
    expect(layoutProblems([el])).to.deep.equal([]);
    expect(el.getBoundingClientRect().width).to.be.at.most(321);
    await expect(el).to.be.accessible();
  });

  it('without a session asks to sign in', async () => {
    const el = await fixture<VkRewards>(html`<vk-rewards locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}></vk-rewards>`);
    await waitUntil(() => $(el, '[part~="sign-in"]'), 'no sign-in state', { timeout: 8000 });
    expect(text($(el, '[part~="sign-in"]'))).to.equal('Sign in to redeem rewards with your points.');
    await expect(el).to.be.accessible();
  });
  it('a session the server refuses (401) sends vk-session-expired and, not renewed, asks to sign in again', async () => {
    worker.use(http.all(api('/v1/*'), () => problem(401, 'unauthenticated', 'Session expired')));
    const expired: Array<CustomEvent<{ widget: string }>> = [];
    const el = await fixture<VkRewards>(html`<vk-rewards locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} .session=${SESSION}
      @vk-session-expired=${(event: CustomEvent<{ widget: string }>) => expired.push(event)}></vk-rewards>`);
    await waitUntil(() => $(el, '[part~="sign-in"]'), 'no sign-in state', { timeout: 8000 });
    expect(expired.map((event) => event.detail.widget)).to.deep.equal(['vk-rewards']);
    expect(text($(el, '[part~="sign-in"]'))).to.equal('Sign in to redeem rewards with your points.');
    await expect(el).to.be.accessible();
  });
});
