// <vk-need-confirm> against msw: the resident types the volunteer's code (spaces ignored) and an
// optional rating with the keyboard and confirms with the publishable key; a short or wrong code
// is said under the field, which keeps what was typed; too many wrong codes; a helper confirms
// without the code on an organizer session; the same Idempotency-Key on a retry; axe after each
// state; 320 px with large text in Chinese.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Need } from '@volunteerkit/sdk/schemas';
import '../define/vk-need-confirm.js';
import type { VkNeedConfirm } from './need-confirm.js';
import type { VkNeedStepEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const AT = '2026-11-20T02:00:00.000Z';
const NEED_ID = 'ned_confirm0000001';
const confirmed: Need = {
  id: NEED_ID, serviceCode: 'haircut', title: '上门理发', details: '', regionCode: '330106', organizationId: 'org_community001',
  requester: '王*英', filedOnBehalf: true, preferredTimes: '', status: 'confirmed', statusReason: null, waitingSince: AT, dueAt: null,
  claimedAt: AT, fulfilledAt: AT, confirmedAt: AT, serviceRecordId: 'rec_confirm0000001', rating: 5, createdAt: AT, updatedAt: AT,
};
const wrongCode = () => problem(422, 'validation_failed', 'That is not the code the volunteer shows.', { errors: [{ path: 'code', code: 'wrong_code', message: 'is not the code the volunteer shows' }] });

function serve(answer?: (attempt: number) => Response | undefined) {
  const sent: Array<{ body: unknown; key: string | null; authorization: string | null; path: string }> = [];
  worker.use(http.post(api('/v1/needs/:id/confirm'), async ({ request }) => {
    sent.push({ body: await request.json(), key: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization'), path: new URL(request.url).pathname });
    return answer?.(sent.length) ?? HttpResponse.json(confirmed);
  }));
  return sent;
}

async function mount(options: { locale?: string; width?: number; helper?: boolean; session?: string; needId?: string } = {}): Promise<VkNeedConfirm> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${options.width ?? 600}px"><vk-need-confirm base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}
    locale=${options.locale ?? 'en'} need-id=${options.needId ?? NEED_ID} ?helper=${options.helper ?? false} .session=${options.session}></vk-need-confirm></div>`);
  const el = holder.querySelector('vk-need-confirm')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part="form"], [part="error"]'), 'did not render');
  return el;
}
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const $ = (el: VkNeedConfirm, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<vk-need-confirm>', () => {
  it('with the keyboard: a short code is said inline and kept; the full code (spaces ignored) and 4 stars confirm with the publishable key; axe-clean', async () => {
    const sent = serve();
    const steps: VkNeedStepEvent[] = [];
    const el = await mount();
    el.addEventListener('vk-need-step', (event) => steps.push(event));
    await expect(el).to.be.accessible();
    ($(el, 'code-input') as HTMLInputElement).focus();
    await sendKeys({ type: '4829' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(el, 'field-error')) !== '', 'no inline error');
    expect(text($(el, 'field-error'))).to.equal('The code is 6 digits, e.g. 482913.');
    expect($(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(($(el, 'code-input') as HTMLInputElement).value).to.equal('4829');
    expect(sent).to.have.length(0);
    await expect(el).to.be.accessible();
    await sendKeys({ type: ' 13' });
    // Tab to the rating group, then arrow keys choose within it: no rating → 1 → … → 4 stars.
    await sendKeys({ press: 'Tab' });
    for (let i = 0; i < 4; i += 1) await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="rating"][value="4"]')!.checked, 'rating not chosen');
    $(el, 'submit-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, 'success'), 'not confirmed');
    expect(sent.map((s) => s.body)).to.deep.equal([{ method: 'code', code: '482913', rating: 4 }]);
    expect(sent[0]!.authorization, 'the resident confirms with the publishable key, no session').to.equal(`Bearer ${PUBLISHABLE_KEY}`);
    expect(sent[0]!.path).to.equal(`/v1/needs/${NEED_ID}/confirm`);
    expect(text($(el, 'success'))).to.equal('Confirmed. Thank you! The volunteer\'s hours now count.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'success'));
    expect(steps.map((s) => [s.detail.step, s.detail.needId, s.detail.need.status])).to.deep.equal([['confirm', NEED_ID, 'confirmed']]);
    await expect(el).to.be.accessible();
  });

  it('a wrong code is said under the field, which keeps it; too many wrong codes send the resident to the helper', async () => {
    const sent = serve((attempt) => (attempt === 1 ? wrongCode() : problem(409, 'conflict', 'Too many wrong codes')));
    const el = await mount();
    ($(el, 'code-input') as HTMLInputElement).value = '111111';
    $(el, 'code-input')!.dispatchEvent(new Event('input'));
    $(el, 'submit-button')!.click();
    await waitUntil(() => text($(el, 'field-error')) !== '', 'no inline error');
    expect(text($(el, 'field-error'))).to.equal('That is not the volunteer\'s code. Please check the 6 digits.');
    expect(($(el, 'code-input') as HTMLInputElement).value).to.equal('111111');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'code-input'));
    await expect(el).to.be.accessible();
    ($(el, 'code-input') as HTMLInputElement).value = '222222';
    $(el, 'code-input')!.dispatchEvent(new Event('input'));
    $(el, 'submit-button')!.click();
    await waitUntil(() => text($(el, 'message')) !== '', 'no refusal');
    expect(text($(el, 'message'))).to.include('too many wrong codes');
    expect(sent.map((s) => s.key)[0], 'a different code is a different request').to.not.equal(sent[1]!.key);
    await expect(el).to.be.accessible();
  });

  it('a failed confirmation is retried with the same Idempotency-Key', async () => {
    const sent = serve((attempt) => (attempt === 1 ? problem(400, 'bad_request', 'Bad') : undefined));
    const el = await mount();
    ($(el, 'code-input') as HTMLInputElement).value = '482913';
    $(el, 'code-input')!.dispatchEvent(new Event('input'));
    $(el, 'submit-button')!.click();
    await waitUntil(() => text($(el, 'message')) !== '', 'no failure');
    $(el, 'submit-button')!.click();
    await waitUntil(() => $(el, 'success'), 'retry did not confirm');
    expect(sent.map((s) => s.key)).to.deep.equal([sent[0]!.key, sent[0]!.key]);
  });

  it('a helper with an organizer session confirms without the code; the next wish starts afresh', async () => {
    const sent = serve();
    const el = await mount({ helper: true, session: 'ost_helper00000001' });
    await expect(el).to.be.accessible();
    $(el, 'helper-button')!.click();
    await waitUntil(() => $(el, 'success'), 'not confirmed');
    expect(sent.map((s) => [s.body, s.authorization])).to.deep.equal([[{ method: 'helper' }, 'Bearer ost_helper00000001']]);
    // The page reuses the element for the next wish: it starts afresh.
    el.needId = 'ned_confirm0000002';
    await el.updateComplete;
    expect($(el, 'form'), 'the form is back for the next wish').to.exist;
    expect(($(el, 'code-input') as HTMLInputElement).value).to.equal('');
  });

  it('without a helper session there is no helper button; without need-id it says so', async () => {
    serve();
    const resident = await mount({ helper: true });
    expect($(resident, 'helper-button')).to.not.exist;
    const unset = await mount({ needId: '' });
    expect(text($(unset, 'error'))).to.equal('This confirmation has no wish set (need-id).');
    await expect(unset).to.be.accessible();
  });

  it('in Chinese, with large text and an error shown, fits 320 px: nothing clipped or sideways; axe-clean', async () => {
    serve(() => wrongCode());
    const el = await mount({ locale: 'zh-CN', width: 320, helper: true, session: 'ost_helper00000002' });
    el.largeText = true;
    ($(el, 'code-input') as HTMLInputElement).value = '111111';
    $(el, 'code-input')!.dispatchEvent(new Event('input'));
    $(el, 'submit-button')!.click();
    await waitUntil(() => text($(el, 'field-error')) !== '', 'no inline error');
    expect(text($(el, 'field-error'))).to.equal('确认码不对，请核对这 6 位数字。');
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
