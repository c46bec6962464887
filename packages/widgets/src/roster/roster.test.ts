// The organizer's roster: statuses, row and bulk actions sent as the API expects, refusals shown
// in place with nothing changed, keyboard-only, axe-clean after each change, 320 px in Chinese.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RosterEntry, ServiceRecord } from '@volunteerkit/sdk/schemas';
import '../define/vk-roster.js';
import type { VkRoster } from './roster.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const SHIFT = 'shf_morning001';
let sessions = 0;
const nextSession = () => `ost_roster${String(++sessions).padStart(6, '0')}`;
const AT = '2026-12-05T09:00:00+08:00';

function entry(n: number, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    signupId: `sgn_roster00${n}`, reference: `VK-R${n}`, volunteerId: `vol_roster00${n}`, name: ['张*', '李*华', '王*'][n % 3]!,
    mobile: '138****5678', signupStatus: 'approved', attendance: null, serviceRecord: null, ...overrides,
  };
}
const attended = (n: number, out: string | null) => ({
  id: `att_roster00${n}`, signupId: `sgn_roster00${n}`, shiftId: SHIFT, volunteerId: `vol_roster00${n}`, checkInAt: '2026-12-05T08:58:00+08:00',
  checkOutAt: out, method: 'code' as const, serviceRecordId: out ? `rec_roster00${n}` : null, createdAt: AT, updatedAt: AT,
}) as RosterEntry['attendance'];

/** 张* expected, 李*华 checked in, 王* checked out with pending hours, 张* (3) checked out and pending. */
function roster(): RosterEntry[] {
  return [
    entry(0),
    entry(1, { attendance: attended(1, null) }),
    entry(2, { attendance: attended(2, '2026-12-05T12:00:00+08:00'), serviceRecord: { id: 'rec_roster002', status: 'pending', hours: 3 } }),
    entry(3, { attendance: attended(3, '2026-12-05T11:00:00+08:00'), serviceRecord: { id: 'rec_roster003', status: 'pending', hours: 2 } }),
  ];
}

function serve(entries = roster()) {
  const posts: Array<{ path: string; body: unknown; authorization: string | null }> = [];
  worker.use(
    http.get(api(`/v1/shifts/${SHIFT}/roster`), () => HttpResponse.json({ data: entries, nextCursor: null })),
    http.post(api(`/v1/shifts/${SHIFT}/roster/:signupId`), async ({ request, params }) => {
      const body = (await request.json()) as { action: string };
      posts.push({ path: `roster/${String(params['signupId'])}`, body, authorization: request.headers.get('authorization') });
      const found = entries.find((e) => e.signupId === params['signupId'])!;
      return HttpResponse.json({ ...found, attendance: attended(Number(found.signupId.slice(-1)), body.action === 'check_out' ? '2026-12-05T12:00:00+08:00' : null) });
    }),
    http.post(api('/v1/organizer/service-records/review'), async ({ request }) => {
      const body = (await request.json()) as { ids: string[] };
      posts.push({ path: 'review', body, authorization: request.headers.get('authorization') });
      return HttpResponse.json({ data: body.ids.map((id) => ({ id, status: 'approved', hours: id.endsWith('2') ? 3 : 2 }) as Partial<ServiceRecord>) });
    }),
  );
  return posts;
}

async function mount(locale = 'en', width = 900): Promise<{ el: VkRoster; session: string }> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width:${width}px"></div>`);
  holder.innerHTML = `<vk-roster base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="${locale}" shift-id="${SHIFT}"></vk-roster>`;
  const el = holder.querySelector<VkRoster>('vk-roster')!;
  const session = nextSession();
  el.session = session;
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="error"]'), 'roster did not load');
  return { el, session };
}
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const row = (el: VkRoster, n: number) => el.shadowRoot!.querySelector<HTMLElement>(`[data-signup="sgn_roster00${n}"]`)!;
const button = (el: VkRoster, name: string) => $$(el, 'button').find((b) => (b.getAttribute('aria-label') ?? text(b)) === name)!;

async function tabTo(el: VkRoster, target: HTMLElement) {
  for (let i = 0; i < 40 && el.shadowRoot!.activeElement !== target; i++) await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement, 'reached with Tab').to.equal(target);
}

describe('<vk-roster>', () => {
  it('lists each volunteer with status, times and hours, and only the actions that fit; axe-clean', async () => {
    serve();
    const { el } = await mount();
    expect($$(el, '[part="name"]').map(text)).to.deep.equal(['张*', '李*华', '王*', '张*']);
    expect($$(el, '[part="status"] .state').map(text)).to.deep.equal(['Not here yet', 'Checked in', 'Checked out', 'Checked out']);
    expect(text(row(el, 2).querySelector('[part="status"]'))).to.contain('08:58–12:00');
    expect(text(row(el, 2).querySelector('[part="record"]'))).to.equal('3 h, awaiting approval');
    expect([...row(el, 0).querySelectorAll('[part="action-button"]')].map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Check in: 张*', 'No-show: 张*', 'Fix times: 张*']);
    expect([...row(el, 1).querySelectorAll('[part="action-button"]')].map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Check out: 李*华', 'Fix times: 李*华']);
    expect([...row(el, 2).querySelectorAll('[part="action-button"]')].map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Approve hours of 王*', 'Fix times: 王*']);
    await expect(el).to.be.accessible();
  });

  it('checks a volunteer in with the keyboard alone, with the organizer session, and shows the answer', async () => {
    const posts = serve();
    const { el, session } = await mount();
    await tabTo(el, button(el, 'Check in: 张*'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(row(el, 0).querySelector('.state')) === 'Checked in', 'row not updated');
    expect(posts).to.deep.equal([{ path: 'roster/sgn_roster000', body: { action: 'check_in' }, authorization: `Bearer ${session}` }]);
    await expect(el).to.be.accessible();
  });

  it('approves the pending hours of the selected volunteers in one review, leaving the others alone', async () => {
    const alreadyApproved = entry(4, { attendance: attended(4, '2026-12-05T10:00:00+08:00'), serviceRecord: { id: 'rec_roster004', status: 'approved', hours: 1 } });
    const posts = serve([...roster(), alreadyApproved]);
    const { el } = await mount();
    // Native checkboxes, ticked with click(): with a checkbox focused, sendKeys hangs Firefox's BiDi session
    // (the keyboard path through the row buttons is the test above).
    for (const n of [0, 2, 3, 4]) row(el, n).querySelector<HTMLInputElement>('[part="select"]')!.click();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.selected-count'))).to.equal('4 selected');
    await tabTo(el, $$(el, '[part="bulk-button"]').find((b) => text(b) === 'Approve hours')!);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el.shadowRoot!.querySelector('[part="bulk-message"]')) !== '', 'no bulk message');
    expect(posts).to.deep.equal([{ path: 'review', body: { ids: ['rec_roster002', 'rec_roster003'], decision: 'approved' }, authorization: posts[0]!.authorization }]);
    expect(text(el.shadowRoot!.querySelector('[part="bulk-message"]'))).to.equal('Approve hours: 2 volunteers.');
    expect(text(row(el, 2).querySelector('[part="record"]'))).to.equal('3 h, approved');
    expect(text(row(el, 3).querySelector('[part="record"]'))).to.equal('2 h, approved');
    expect(text(row(el, 0).querySelector('[part="record"]'))).to.equal('');
    expect(row(el, 4).querySelector('[data-set-times]'), 'reviewed hours are disputed, not re-timed').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a refused action in its row and changes nothing', async () => {
    serve();
    worker.use(http.post(api(`/v1/shifts/${SHIFT}/roster/:signupId`), () => problem(403, 'forbidden', 'Forbidden')));
    const { el } = await mount();
    button(el, 'Check out: 李*华').click();
    await waitUntil(() => text(row(el, 1).querySelector('[part="row-error"]')) !== '', 'no row error');
    expect(text(row(el, 1).querySelector('[part="row-error"]'))).to.match(/^Not saved\. /);
    expect(text(row(el, 1).querySelector('.state'))).to.equal('Checked in');
    expect(button(el, 'Check out: 李*华').hasAttribute('disabled')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('in Chinese names its buttons with the volunteer and fits 320 px: nothing sideways', async () => {
    serve();
    const { el } = await mount('zh-CN', 320);
    expect(button(el, '为 张* 签到')).to.exist;
    const wrapper = el.parentElement!;
    const problems = [
      ...layoutProblems([el]),
      ...$$(el, '*').filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1).map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('fixes a forgotten check-out inline: each problem said at its field, before sending and from the server', async () => {
    const posts = serve();
    const { el } = await mount();
    const setTimes: unknown[] = [];
    let refuse = true;
    worker.use(http.post(api(`/v1/shifts/${SHIFT}/roster/sgn_roster001`), async ({ request }) => {
      const body = (await request.json()) as { checkInAt: string; checkOutAt: string };
      setTimes.push(body);
      if (refuse) return problem(422, 'invalid', 'Invalid', { errors: [{ path: 'checkOutAt', code: 'too_big', message: 'must be within 24 hours of checkInAt' }] });
      const base = roster()[1]!;
      return HttpResponse.json({ ...base, attendance: { ...base.attendance!, checkInAt: body.checkInAt, checkOutAt: body.checkOutAt }, serviceRecord: { id: 'rec_roster001', status: 'pending', hours: 3 } });
    }));
   
    button(el, 'Fix times: 李*华').click();
    await waitUntil(() => row(el, 1).querySelector('[part="times-form"]'), 'no times form');
   
    const form = row(el, 1).querySelector<HTMLFormElement>('[part="times-form"]')!;
    const input = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    const fieldError = (name: string) => text(form.querySelector(`#${name}-error-sgn_roster001`));
    expect(input('checkInAt').value, 'the check-in as recorded, on the shift\'s clock').to.equal('2026-12-05T08:58');
    expect(input('checkOutAt').value).to.equal('');
    expect(el.shadowRoot!.activeElement === input('checkInAt'), 'focus in the check-in time').to.equal(true);
    expect(button(el, 'Fix times: 李*华').getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    const type = async (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    };
    const save = async () => {
      form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
    };
    await save();
    expect(fieldError('checkOutAt')).to.equal('Enter the date and time.');
    expect(input('checkOutAt').getAttribute('aria-invalid')).to.equal('true');
    expect(input('checkInAt').getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.activeElement === input('checkOutAt'), 'focus at the field to fix').to.equal(true);
    await expect(el).to.be.accessible();

    await type('checkOutAt', '2026-12-05T08:30');
    expect(fieldError('checkOutAt'), 'typing clears the message').to.equal('');
    await save();
    expect(fieldError('checkOutAt')).to.equal('Check-out must come after check-in.');
    expect(setTimes, 'nothing sent while a field is wrong').to.deep.equal([]);

    await type('checkOutAt', '2026-12-05T12:00');
    await save();
    await waitUntil(() => fieldError('checkOutAt') !== '', 'the server\'s refusal not shown');
    expect(fieldError('checkOutAt')).to.equal('Check-out must be within 24 hours of check-in.');
    expect(el.shadowRoot!.activeElement === input('checkOutAt'), 'focus at the refused field').to.equal(true);
    expect(text(row(el, 1).querySelector('.state')), 'nothing changed').to.equal('Checked in');
    await expect(el).to.be.accessible();

    refuse = false;
    await save();
    await waitUntil(() => !row(el, 1).querySelector('[part="times-form"]'), 'the form did not close');
    expect(setTimes.at(-1)).to.deep.equal({ action: 'set_times', checkInAt: '2026-12-05T00:58:00.000Z', checkOutAt: '2026-12-05T04:00:00.000Z' });
    expect(text(row(el, 1).querySelector('[part="status"]'))).to.contain('08:58–12:00');
    expect(text(row(el, 1).querySelector('[part="record"]'))).to.equal('3 h, awaiting approval');
    expect(text(el.shadowRoot!.querySelector('[part="bulk-message"]'))).to.equal('Times saved; the hours were worked out again.');
    expect(el.shadowRoot!.activeElement === button(el, 'Fix times: 李*华'), 'focus back on the button that opened the form').to.equal(true);
    expect(posts).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});

describe('roster times on the activity\'s clock', () => {
  it('reads and writes datetime-local values in the shift\'s zone, summer time included', async () => {
    const { fromLocalInput, toLocalInput, timesProblems } = await import('./roster-model.js');
    expect(fromLocalInput('2026-12-05T08:58', 'Asia/Shanghai')).to.equal('2026-12-05T00:58:00.000Z');
    expect(toLocalInput('2026-12-05T00:58:00.000Z', 'Asia/Shanghai')).to.equal('2026-12-05T08:58');
    expect(fromLocalInput('2026-07-01T09:00', 'America/New_York')).to.equal('2026-07-01T13:00:00.000Z');
    expect(fromLocalInput('2026-12-01T09:00', 'America/New_York')).to.equal('2026-12-01T14:00:00.000Z');
    expect(fromLocalInput('2026-02-30T09:00', 'Asia/Shanghai'), 'no such day').to.equal(null);
    expect(fromLocalInput('09:00', 'Asia/Shanghai')).to.equal(null);
    expect(timesProblems('2026-12-05T08:00', '2026-12-06T08:01', 'Asia/Shanghai')).to.deep.equal({ checkOutAt: 'too_long' });
    expect(timesProblems('2026-12-05T08:00', '2026-12-06T08:00', 'Asia/Shanghai')).to.deep.equal({});
    expect(timesProblems('', 'x', 'Asia/Shanghai')).to.deep.equal({ checkInAt: 'required', checkOutAt: 'invalid' });
  });
});
