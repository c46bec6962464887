import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Signup as SignupSchema, Opportunity as OpportunitySchema, Channel as ChannelSchema, VolunteerProfile as ProfileSchema } from '@volunteerkit/sdk/schemas';
import type { Channel, Opportunity, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import '../define/vk-signup-form.js';
import { loadValidation, signupWindow } from './form-model.js';
import type { VkSignupForm } from './vk-signup-form.js';
import { BASE_URL, HOSTILE_TEXT, PUBLISHABLE_KEY, makeChannel, makeOpportunities, makeOpportunity } from '../../test/fixtures.js';
import { animatedElements } from '../../test/animations.js';
import { HttpResponse, api, deferred, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { draftKey } from './draft-store.js';
import { configure, resetGlobalConfig } from '../shared/config.js';

const CREATED = '2026-11-22T10:00:00+08:00';

function makeSignup(overrides: Partial<Signup> = {}): Signup {
  return {
    id: 'sgn_test00001',
    reference: 'VK-7F3K2Q',
    opportunityId: 'opp_elderly001',
    shiftId: 'shf_morning001',
    volunteerId: 'vol_test00001',
    displayName: '王*明',
    answers: { q_tshirt: 'M' },
    consent: { policyVersion: '2026-09', at: CREATED },
    status: 'approved',
    waitlistPosition: null,
    source: { channelId: 'chn_news0001', widget: 'vk-signup-form' },
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

function makeProfile(overrides: Partial<VolunteerProfile> = {}): VolunteerProfile {
  return {
    id: 'vol_session001', displayName: '李*华', avatarUrl: null, starLevel: 2, approvedHours: 320, points: 3200,
    createdAt: CREATED, updatedAt: CREATED, name: '李小华', channelId: 'chn_campus001', mobile: '139****0000',
    email: null, studentId: '3190100001', employeeId: null, showName: false, hoursToNextStar: 280, starLevelReachedAt: '2026-09-20T10:00:00+08:00', starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 2000,
    birthDateOnFile: true, ...overrides,
  };
}

interface RecordedPost {
  body: Record<string, unknown>;
  idempotencyKey: string | null;
  authorization: string | null;
}

/** Serves the opportunity and channel; the POST handler is given per test. Records every POST. */
function serve(options: {
  opportunity?: Opportunity;
  channel?: Channel;
  profile?: VolunteerProfile;
  post?: (index: number) => Response | Promise<Response>;
  holdGet?: Promise<void>;
} = {}) {
  // No closing date by default: the shared fixture's closes in November 2026, and these tests
  // must not start failing on the calendar.
  const opportunity = options.opportunity ?? makeOpportunity();
  const channel = options.channel ?? makeChannel();
  const posts: RecordedPost[] = [];
  worker.use(
    http.get(api('/v1/opportunities/:id'), async ({ params }) => {
      await options.holdGet;
      return params['id'] === opportunity.id ? HttpResponse.json(opportunity) : problem(404, 'not_found', 'Not found');
    }),
    http.get(api('/v1/channel'), () => HttpResponse.json(channel)),
    http.get(api('/v1/me'), () => HttpResponse.json(options.profile ?? makeProfile())),
    // No earlier sign-up: the form shows (existing-signup.test.ts covers the volunteer who has one).
    http.get(api('/v1/me/signups'), () => HttpResponse.json({ data: [], nextCursor: null })),
    http.post(api('/v1/signups'), async ({ request }) => {
      posts.push({
        body: (await request.json()) as Record<string, unknown>,
        idempotencyKey: request.headers.get('idempotency-key'),
        authorization: request.headers.get('authorization'),
      });
      return options.post ? options.post(posts.length - 1) : HttpResponse.json(makeSignup(), { status: 201 });
    }),
  );
  return { posts, opportunity, channel };
}

/** The form with a volunteer session (`vst_session0001`), as a campus page sets it. */
async function mountSignedIn(): Promise<VkSignupForm> {
  return fixture<VkSignupForm>(html`<vk-signup-form locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}
    opportunity="opp_elderly001" .session=${'vst_session0001'}></vk-signup-form>`);
}

async function mount(opportunityId = 'opp_elderly001'): Promise<VkSignupForm> {
  return fixture<VkSignupForm>(html`<vk-signup-form locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity=${opportunityId}></vk-signup-form>`);
}

const $ = <T extends Element = HTMLElement>(el: VkSignupForm, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function ready(el: VkSignupForm): Promise<void> {
  await waitUntil(() => $(el, 'form'), 'the form did not appear', { timeout: 5000 });
  await el.updateComplete;
}

async function type(el: VkSignupForm, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Fills the default form (news channel: name + mobile; one choice question) with valid answers. */
async function fillValid(el: VkSignupForm): Promise<void> {
  $(el, '#field-shiftId-shf_morning001')!.click();
  await type(el, '#field-volunteer-name', '王小明');
  await type(el, '#field-volunteer-mobile', '13812345678');
  $(el, '#field-answers-q_tshirt-1')!.click();
  $(el, '#field-consent')!.click();
  await el.updateComplete;
}

const submitButton = (el: VkSignupForm) => $<HTMLButtonElement>(el, '[part~="submit-button"]')!;
const activeInShadow = (el: VkSignupForm) => el.shadowRoot!.activeElement;
const liveRegion = (el: VkSignupForm) => $(el, '[role="status"]')!.textContent!.trim();

async function successView(el: VkSignupForm): Promise<HTMLElement> {
  await waitUntil(() => $(el, '[part~="success-heading"]'), 'no success view', { timeout: 8000 });
  await el.updateComplete;
  return $(el, '[part~="success-heading"]')!;
}

const setOnline = (online: boolean | undefined) => {
  if (online === undefined) delete (navigator as { onLine?: boolean }).onLine;
  else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
};

describe('<vk-signup-form>', () => {
  // In a page the validation chunk arrives with the form's data, long before a person submits;
  // here the dev server serves zod as dozens of modules, so load it once up front. The CSP test
  // covers a submit that has to wait for it.
  before(() => Promise.all([startMockApi(), loadValidation()]));
  afterEach(() => {
    worker.resetHandlers();
    sessionStorage.clear();
    setOnline(undefined);
  });

  it('uses fixtures that the contract accepts', () => {
    expect(OpportunitySchema.safeParse(makeOpportunity()).success).to.equal(true);
    expect(ChannelSchema.safeParse(makeChannel()).success).to.equal(true);
    expect(SignupSchema.safeParse(makeSignup()).success).to.equal(true);
    expect(ProfileSchema.safeParse(makeProfile()).success).to.equal(true);
  });

  it('uses fixtures open for sign-up at the moment they are made for, whatever the calendar says', () => {
    for (const now of [new Date(), new Date('2031-06-01T12:00:00Z'), new Date('2024-01-01T00:00:00Z')]) {
      expect(signupWindow(makeOpportunity({}, now), now)).to.deep.equal({ open: true });
      expect(makeOpportunities(3, 0, now).map((o) => signupWindow(o, now).open)).to.deep.equal([true, true, true]);
    }
  });

  it('shows a skeleton that reserves height while loading, then the form; accessible in both', async () => {
    const hold = deferred();
    serve({ holdGet: hold.promise });
    const el = await mount();
    await waitUntil(() => $(el, '[part~="loading"]'));
    expect(el.getBoundingClientRect().height).to.be.greaterThan(300);
    // The placeholder pulses as one block (the shared skeleton styles), not each of its bars.
    const animated = animatedElements(el.shadowRoot!);
    expect(animated, 'animated elements').to.deep.equal([$(el, '[part~="skeleton"]')]);
    await expect(el).to.be.accessible();
    hold.resolve();
    await ready(el);
    expect($(el, '[part~="loading"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks only what the channel requires, with autocomplete, and says which fields are required in words', async () => {
    serve({ channel: makeChannel({ identityFields: ['name', 'mobile'] }) });
    const el = await mount();
    await ready(el);
    const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[data-field^="volunteer."]')];
    expect(inputs.map((i) => i.name)).to.deep.equal(['name', 'mobile']);
    const mobile = $<HTMLInputElement>(el, '#field-volunteer-mobile')!;
    expect(mobile.type).to.equal('tel');
    expect(mobile.getAttribute('autocomplete')).to.equal('tel-national');
    expect(mobile.getAttribute('inputmode')).to.equal('numeric');
    expect($(el, 'label[for="field-volunteer-mobile"]')!.textContent).to.match(/Mobile number\s*\(required\)/);
    // the afternoon shift is full: waitlist wording instead of "0 spots left"
    const shifts = [...el.shadowRoot!.querySelectorAll('[part~="shift-option"]')].map((s) => s.textContent!.replace(/\s+/g, ' '));
    expect(shifts[0]).to.match(/8 spots left/);
    // 09:00–11:30 in Asia/Shanghai, whatever the zone of the machine running the test
    expect(shifts[0]).to.match(/9:00/).and.to.match(/11:30/);
    expect(shifts[1]).to.match(/Full — join the waitlist/);
    const link = $<HTMLAnchorElement>(el, '[part~="privacy-link"]')!;
    expect(link.href).to.equal('https://news.example.cn/volunteer/privacy');
    expect(link.target).to.equal('_blank');
    expect(link.textContent).to.include('opens in a new tab');
  });

  it('asks a guest for a birth date when the activity has an age limit, unless an ID number carries it', async () => {
    serve({ opportunity: makeOpportunity({ requirements: { minAge: 16 } }), channel: makeChannel({ identityFields: ['name', 'mobile'] }) });
    const el = await mount();
    await ready(el);
    const names = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[data-field^="volunteer."]')].map((i) => i.name);
    expect(names).to.deep.equal(['name', 'mobile', 'birthDate']);
    expect($(el, 'label[for="field-volunteer-birthDate"]')!.textContent).to.match(/Date of birth/);
    await expect(el).to.be.accessible();
  });

  describe('birth date, as elderly readers write it', () => {
    const ageLimited = () => serve({ opportunity: makeOpportunity({ requirements: { minAge: 16 } }), channel: makeChannel({ identityFields: ['name', 'mobile'] }) });
    const birthDateError = (el: VkSignupForm) => $(el, '#field-volunteer-birthDate-error')?.textContent?.trim();

    it('opens a keypad with digits and a dot, shows an example, and sends 1956年3月8日 as 1956-03-08', async () => {
      const { posts } = ageLimited();
      const el = await mount();
      await ready(el);
      const input = $<HTMLInputElement>(el, '#field-volunteer-birthDate')!;
      expect(input.getAttribute('inputmode')).to.equal('decimal');
      expect(input.getAttribute('autocomplete')).to.equal('bday');
      const hint = $(el, '#field-volunteer-birthDate-hint')!;
      expect(input.getAttribute('aria-describedby')).to.include(hint.id);
      expect(hint.textContent).to.include('1956-03-08');

      await fillValid(el);
      await type(el, '#field-volunteer-birthDate', '1956年3月8日');
      submitButton(el).click();
      await successView(el);
      expect((posts[0]!.body['volunteer'] as Record<string, unknown>)['birthDate']).to.equal('1956-03-08');
      await expect(el).to.be.accessible();
    });

    it('says which of "not a real date", "in the future" and "not a form we read" is wrong, and keeps what was typed', async () => {
      const { posts } = ageLimited();
      const el = await mount();
      await ready(el);
      await loadValidation();
      await fillValid(el);
      const cases: Array<[string, RegExp]> = [
        ['1956-02-30', /does not exist/],
        ['2999-01-01', /must be in the past/],
        ['8 March 1956', /1956-03-08, 1956-3-8, 1956\/3\/8, 1956\.3\.8, 19560308 or 1956年3月8日/],
      ];
      for (const [text, message] of cases) {
        await type(el, '#field-volunteer-birthDate', text);
        submitButton(el).click();
        await waitUntil(() => message.test(birthDateError(el) ?? ''), `no specific message for ${text}`);
        expect($<HTMLInputElement>(el, '#field-volunteer-birthDate')!.value).to.equal(text);
        expect($(el, '[part~="error-summary"]')!.textContent).to.match(message);
        await expect(el).to.be.accessible();
      }
      expect(posts).to.have.length(0);
    });

    it('speaks to a Chinese reader in Chinese about an impossible date', async () => {
      ageLimited();
      const el = await fixture<VkSignupForm>(html`<vk-signup-form locale="zh-CN" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>`);
      await ready(el);
      expect($(el, '#field-volunteer-birthDate-hint')!.textContent).to.include('例如 1956-03-08');
      await fillValid(el);
      await type(el, '#field-volunteer-birthDate', '1956年2月30日');
      submitButton(el).click();
      await waitUntil(() => birthDateError(el), 'no message for 1956年2月30日');
      expect(birthDateError(el)).to.equal('没有这一天，请检查月份（1 到 12）和日期。');
      await expect(el).to.be.accessible();
    });
  });

  it('does not ask for a birth date twice when the channel collects ID numbers', async () => {
    serve({ opportunity: makeOpportunity({ requirements: { minAge: 16 } }), channel: makeChannel({ identityFields: ['name', 'idNumber'] }) });
    const el = await mount();
    await ready(el);
    const names = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[data-field^="volunteer."]')].map((i) => i.name);
    expect(names).to.deep.equal(['name', 'idNumber']);
  });

  it('asks for a student ID on a campus channel', async () => {
    serve({ channel: makeChannel({ identityFields: ['name', 'mobile', 'studentId'] }) });
    const el = await mount();
    await ready(el);
    expect($(el, '#field-volunteer-studentId')).not.to.equal(null);
    expect($(el, '#field-volunteer-email')).to.equal(null);
  });

  it('can be filled, submitted and finished with the keyboard alone', async () => {
    const { posts } = serve();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <vk-signup-form locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>
    </div>`);
    const el = wrapper.querySelector<VkSignupForm>('vk-signup-form')!;
    await ready(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' }); // the shift radio group
    expect(activeInShadow(el)?.id).to.equal('field-shiftId-shf_morning001');
    await sendKeys({ press: ' ' }); // Space (Firefox's BiDi knows no "Space" name)
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)?.id).to.equal('field-volunteer-name');
    await sendKeys({ type: '王小明' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '13812345678' });
    await sendKeys({ press: 'Tab' }); // the honor-board opt-in: left as it is
    expect(activeInShadow(el)?.id).to.equal('field-showName');
    await sendKeys({ press: 'Tab' }); // the T-shirt radio group
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'ArrowDown' }); // S → M
    await sendKeys({ press: 'Tab' }); // privacy link
    expect(activeInShadow(el)?.getAttribute('part')).to.equal('privacy-link');
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)?.id).to.equal('field-consent');
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)?.getAttribute('part')).to.equal('submit-button');
    await sendKeys({ press: 'Enter' });
    const heading = await successView(el);
    expect(activeInShadow(el)).to.equal(heading);
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.deep.equal({
      opportunityId: 'opp_elderly001',
      shiftId: 'shf_morning001',
      volunteer: { name: '王小明', mobile: '13812345678' },
      answers: { q_tshirt: 'M' },
      consent: { policyVersion: '2026-09', accepted: true },
      source: { widget: 'vk-signup-form' },
    });
    expect(posts[0]!.authorization).to.equal(`Bearer ${PUBLISHABLE_KEY}`);
    expect(posts[0]!.idempotencyKey).to.be.a('string').and.not.be.empty;
    await expect(el).to.be.accessible();
  });

  it('shows the status in plain words, the reference, the time, and announces the outcome', async () => {
    serve({ post: () => HttpResponse.json(makeSignup({ status: 'waitlisted', waitlistPosition: 3 }), { status: 201 }) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    const success = oneEvent(el, 'vk-signup-success');
    submitButton(el).click();
    const event = await success;
    expect(event.detail.signup.reference).to.equal('VK-7F3K2Q');
    expect(event.detail.alreadySignedUp).to.equal(false);
    expect(event.bubbles && event.composed).to.equal(true);
    const heading = await successView(el);
    expect(heading.textContent).to.equal('You’re on the waitlist');
    expect($(el, '[part~="status"]')!.textContent).to.include('number 3 on the waitlist');
    expect($(el, '[part~="reference"]')!.textContent).to.equal('VK-7F3K2Q');
    expect($(el, '[part~="details"]')!.textContent).to.match(/Nov 28/);
    expect(liveRegion(el)).to.equal('You’re on the waitlist. Reference number VK-7F3K2Q.');
    expect($(el, '[part~="calendar-link"]'), 'no calendar entry for a place the person does not have').to.equal(null);
    expect(sessionStorage.getItem(draftKey('opp_elderly001'))).to.equal(null);
  });

  it('says "Join the waitlist" on the submit button while a full shift is chosen', async () => {
    serve();
    const el = await mount();
    await ready(el);
    expect(submitButton(el).textContent!.trim()).to.equal('Sign up');
    $(el, '#field-shiftId-shf_afternoon01')!.click();
    await el.updateComplete;
    expect(submitButton(el).textContent!.trim()).to.equal('Join the waitlist');
    await expect(el).to.be.accessible();
    $(el, '#field-shiftId-shf_morning001')!.click();
    await el.updateComplete;
    expect(submitButton(el).textContent!.trim()).to.equal('Sign up');
  });

  it('sends one request when submit is double-clicked', async () => {
    const hold = deferred();
    const { posts } = serve({ post: async () => { await hold.promise; return HttpResponse.json(makeSignup(), { status: 201 }); } });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    let submitEvents = 0;
    el.addEventListener('vk-signup-submit', () => submitEvents++);
    submitButton(el).click();
    submitButton(el).click();
    await el.updateComplete;
    submitButton(el).click();
    await waitUntil(() => posts.length === 1);
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    hold.resolve();
    await successView(el);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).to.have.length(1);
    expect(submitEvents).to.equal(1);
  });

  it('a 503 then a 201 makes one sign-up, both requests carrying the same Idempotency-Key', async () => {
    const { posts } = serve({ post: (index) => (index === 0 ? problem(503, 'internal_error', 'Unavailable') : HttpResponse.json(makeSignup(), { status: 201 })) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    submitButton(el).click();
    await successView(el);
    expect(posts).to.have.length(2);
    expect(posts[0]!.idempotencyKey).to.be.a('string').and.not.be.empty;
    expect(posts[1]!.idempotencyKey).to.equal(posts[0]!.idempotencyKey);
  });

  it('after repeated 429s offers a retry that keeps the key and the answers', async () => {
    let failing = true;
    const { posts } = serve({
      post: () => (failing ? problem(429, 'rate_limited', 'Too many', {}) : HttpResponse.json(makeSignup(), { status: 201 })),
    });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    const error = oneEvent(el, 'vk-signup-error');
    submitButton(el).click();
    expect((await error).detail.retryable).to.equal(true);
    await waitUntil(() => $(el, '[part~="retry-button"]'), 'no retry button', { timeout: 8000 });
    expect($(el, '[part~="notice"]')!.textContent).to.include('Too many sign-ups');
    expect($<HTMLInputElement>(el, '#field-volunteer-mobile')!.value).to.equal('13812345678');
    await expect(el).to.be.accessible();
    const attempts = posts.length;
    failing = false;
    $(el, '[part~="retry-button"]')!.click();
    await successView(el);
    expect(posts).to.have.length(attempts + 1);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).to.equal(1);
  });

  it('after the SDK’s retries give up on 5xx, offers a retry with the same key', async () => {
    let failing = true;
    const { posts } = serve({ post: () => (failing ? problem(500, 'internal_error', 'Boom') : HttpResponse.json(makeSignup(), { status: 201 })) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="retry-button"]'), 'no retry button', { timeout: 10000 });
    expect(liveRegion(el)).to.include('the service had a problem');
    failing = false;
    $(el, '[part~="retry-button"]')!.click();
    await successView(el);
    expect(posts.length).to.be.greaterThan(1);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).to.equal(1);
  });

  it('puts each 422 message next to its field, and the summary takes focus and links to the fields', async () => {
    serve({
      post: () => problem(422, 'validation_failed', 'Invalid', {
        errors: [
          { path: 'volunteer.mobile', message: 'is already used by another volunteer', code: 'mobile_taken' },
          { path: 'answers.q_tshirt', message: 'must be one of the options', code: 'invalid_value' },
        ],
      }),
    });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    const error = oneEvent(el, 'vk-signup-error');
    submitButton(el).click();
    expect((await error).detail.retryable).to.equal(false);
    await waitUntil(() => activeInShadow(el)?.getAttribute('part') === 'error-summary', 'summary did not take focus');
    const mobile = $<HTMLInputElement>(el, '#field-volunteer-mobile')!;
    expect(mobile.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = mobile.getAttribute('aria-describedby')!.split(' ');
    const message = el.shadowRoot!.getElementById(describedBy.at(-1)!)!;
    expect(message.textContent).to.equal('Mobile number: is already used by another volunteer');
    expect(mobile.closest('[part~="field"]')!.contains(message)).to.equal(true);
    const question = $(el, '#field-answers-q_tshirt-error')!;
    expect(question.textContent).to.include('must be one of the options');
    expect($(el, '#field-volunteer-name')!.getAttribute('aria-invalid')).to.equal('false');
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="error-summary"] a')];
    expect(links.map((a) => a.hash)).to.deep.equal(['#field-volunteer-mobile', '#field-answers-q_tshirt-0']);
    await expect(el).to.be.accessible();
    const pageUrl = location.href;
    links[0]!.click();
    expect(activeInShadow(el)).to.equal(mobile);
    expect(location.href).to.equal(pageUrl); // the host page's URL is not touched
    // nothing typed is lost; fixing the field clears its message
    expect(mobile.value).to.equal('13812345678');
    // changing the value the server rejected takes its message away (the new value is unjudged)
    await type(el, '#field-volunteer-mobile', '13912345678');
    expect(mobile.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#field-volunteer-mobile-error')).to.equal(null);
  });

  it('validates on submit with the shared schemas: summary first, every message linked to its field', async () => {
    const { posts } = serve();
    const el = await mount();
    await ready(el);
    await type(el, '#field-volunteer-mobile', '2381234');
    submitButton(el).click();
    await waitUntil(() => activeInShadow(el)?.getAttribute('part') === 'error-summary');
    const items = [...el.shadowRoot!.querySelectorAll('[part~="error-summary"] li')].map((li) => li.textContent!.trim());
    expect(items).to.deep.equal([
      'Choose a time.',
      'Enter full name.',
      'Enter an 11-digit mainland mobile number starting with 1.',
      'Answer “T 恤尺码”.',
      'Tick the box to agree to the privacy policy; we cannot sign you up without it.',
    ]);
    expect(posts).to.have.length(0);
    for (const id of ['field-volunteer-name', 'field-volunteer-mobile', 'field-consent']) {
      const input = el.shadowRoot!.getElementById(id)!;
      expect(input.getAttribute('aria-invalid'), id).to.equal('true');
      expect(input.getAttribute('aria-describedby'), id).to.include(`${id}-error`);
    }
    await expect(el).to.be.accessible();
  });

  it('checks a field when the person leaves it, and clears the message once it is fixed', async () => {
    serve();
    const el = await mount();
    await ready(el);
    const mobile = $<HTMLInputElement>(el, '#field-volunteer-mobile')!;
    mobile.focus();
    await sendKeys({ type: '1381234' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(mobile.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#field-volunteer-mobile-error')!.textContent).to.include('11-digit');
    // leaving an empty field untouched is not an error
    $<HTMLInputElement>(el, '#field-volunteer-name')!.focus();
    submitButton(el).focus();
    await el.updateComplete;
    expect($(el, '#field-volunteer-name-error')).to.equal(null);
    mobile.focus();
    mobile.setSelectionRange(mobile.value.length, mobile.value.length);
    await sendKeys({ type: '5678' });
    await el.updateComplete;
    expect(mobile.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#field-volunteer-mobile-error')).to.equal(null);
  });

  it('restores the draft after a reload (but never the ID number or consent)', async () => {
    serve({ channel: makeChannel({ identityFields: ['name', 'mobile', 'idNumber'] }) });
    const first = await mount();
    await ready(first);
    await fillValid(first);
    await type(first, '#field-volunteer-idNumber', '11010519491231002X');
    first.remove();
    const el = await mount(); // the reloaded page
    await ready(el);
    expect($<HTMLInputElement>(el, '#field-volunteer-name')!.value).to.equal('王小明');
    expect($<HTMLInputElement>(el, '#field-volunteer-mobile')!.value).to.equal('13812345678');
    expect($<HTMLInputElement>(el, '#field-shiftId-shf_morning001')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#field-answers-q_tshirt-1')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#field-volunteer-idNumber')!.value).to.equal('');
    expect($<HTMLInputElement>(el, '#field-consent')!.checked).to.equal(false);
    expect(sessionStorage.getItem(draftKey('opp_elderly001'))).not.to.include('11010519491231002X');
  });

  it('while offline, queues the sign-up, tells the person, and sends exactly once when back online', async () => {
    const { posts } = serve();
    const el = await mount();
    await ready(el);
    await fillValid(el);
    setOnline(false);
    submitButton(el).click();
    await el.updateComplete;
    expect(liveRegion(el)).to.equal('You’re offline — we’ll send this when you’re back. Keep this page open.');
    expect($(el, '[part~="notice"]')!.textContent).to.include('you’re back');
    submitButton(el).click(); // an impatient second click while offline
    expect($(el, '[part~="notice"] [part~="retry-button"]')!.textContent).to.equal('Try now');
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 50));
    expect(posts).to.have.length(0);
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    await successView(el);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).to.have.length(1);
  });

  it('after a connection error, resends with the same key once the connection is back', async () => {
    let network = false;
    const { posts } = serve({ post: () => (network ? HttpResponse.json(makeSignup(), { status: 201 }) : HttpResponse.error()) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    submitButton(el).click();
    await waitUntil(() => liveRegion(el).includes('offline'), 'the person was not told', { timeout: 8000 });
    const failedAttempts = posts.length;
    expect(failedAttempts).to.be.greaterThan(0);
    network = true;
    window.dispatchEvent(new Event('online'));
    await successView(el);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).to.have.length(failedAttempts + 1);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).to.equal(1);
  });

  it('"Try now" sends a queued sign-up although the browser says it is offline', async () => {
    const { posts } = serve();
    const el = await mount();
    await ready(el);
    await fillValid(el);
    setOnline(false); // a browser that wrongly reports offline
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="notice"] [part~="retry-button"]'));
    $(el, '[part~="notice"] [part~="retry-button"]')!.click();
    await successView(el);
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).to.have.length(1);
  });

  it('shows an existing sign-up (409) as success: "already signed up"', async () => {
    serve({ post: () => problem(409, 'duplicate_signup', 'Already signed up', { existing: makeSignup({ reference: 'VK-FIRST1', status: 'pending_review' }) }) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    const success = oneEvent(el, 'vk-signup-success');
    submitButton(el).click();
    expect((await success).detail.alreadySignedUp).to.equal(true);
    await successView(el);
    expect($(el, '[part~="already-signed-up"]')!.textContent).to.include('already signed up');
    expect($(el, '[part~="reference"]')!.textContent).to.equal('VK-FIRST1');
    expect($(el, '[part~="success-heading"]')!.textContent).to.equal('Sign-up received');
  });

  it('offers an .ics file with the shift in UTC and the sign-up id as UID', async () => {
    serve();
    const el = await mount();
    await ready(el);
    await fillValid(el);
    submitButton(el).click();
    await successView(el);
    const link = $<HTMLAnchorElement>(el, '[part~="calendar-link"]')!;
    expect(link.href.startsWith('blob:')).to.equal(true);
    expect(link.getAttribute('download')).to.equal('volunteer-VK-7F3K2Q.ics');
    const ics = await (await fetch(link.href)).text();
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines).to.include('UID:sgn_test00001@volunteerkit');
    expect(lines).to.include('DTSTART:20261128T010000Z');
    expect(lines).to.include('DTEND:20261128T033000Z');
    expect(lines).to.include('SUMMARY:社区敬老院陪伴服务');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).to.include('VK-7F3K2Q');
  });

  it('renders markup from the API as text', async () => {
    delete (window as { __vkXss?: unknown }).__vkXss;
    serve({
      opportunity: makeOpportunity({
        title: HOSTILE_TEXT.img,
        questions: [
          { id: 'q_hostile', label: HOSTILE_TEXT.script, kind: 'choice', required: true, options: [HOSTILE_TEXT.mixed, 'ok'] },
          { id: 'q_note', label: HOSTILE_TEXT.img, kind: 'text', required: false },
        ],
      }),
    });
    const el = await mount();
    await ready(el);
    expect($(el, '[part~="heading"]')!.textContent).to.include(HOSTILE_TEXT.img);
    expect(el.shadowRoot!.textContent).to.include(HOSTILE_TEXT.script);
    expect(el.shadowRoot!.textContent).to.include(HOSTILE_TEXT.mixed);
    expect(el.shadowRoot!.querySelectorAll('img, script, b')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __vkXss?: unknown }).__vkXss).to.equal(undefined);
  });

  it('with a session: pre-fills from /v1/me, asks no identity and sends with the session token', async () => {
    const { posts } = serve({ channel: makeChannel({ identityFields: ['name', 'mobile', 'studentId'] }) });
    const el = await mountSignedIn();
    expect(el.hasAttribute('session')).to.equal(false);
    await ready(el);
    expect(el.shadowRoot!.querySelectorAll('input[data-field^="volunteer."]')).to.have.length(0);
    expect($(el, '[part~="signed-in"]')!.textContent).to.include('李小华');
    $(el, '#field-shiftId-shf_morning001')!.click();
    $(el, '#field-answers-q_tshirt-0')!.click();
    $(el, '#field-consent')!.click();
    await el.updateComplete;
    submitButton(el).click();
    await successView(el);
    expect(posts[0]!.authorization).to.equal('Bearer vst_session0001');
    expect(posts[0]!.body).not.to.have.property('volunteer');
  });

  it('with a session and no birth date on file, asks only for it on an age-limited activity', async () => {
    const ageLimited = makeOpportunity({ requirements: { minAge: 16 } });
    const { posts } = serve({ opportunity: ageLimited, profile: makeProfile({ birthDateOnFile: false }) });
    const el = await mountSignedIn();
    await ready(el);
    const names = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[data-field^="volunteer."]')].map((i) => i.name);
    expect(names).to.deep.equal(['birthDate']);
    expect($(el, '[part~="age-note"]')!.textContent).to.match(/age limit/);
    await expect(el).to.be.accessible();

    $(el, '#field-shiftId-shf_morning001')!.click();
    $(el, '#field-answers-q_tshirt-0')!.click();
    $(el, '#field-consent')!.click();
    await el.updateComplete;
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="error-summary"]'), 'no error summary for the missing birth date');
    expect(posts).to.have.length(0);
    await expect(el).to.be.accessible();

    const birthDate = $<HTMLInputElement>(el, '#field-volunteer-birthDate')!;
    birthDate.value = '2001-04-09';
    birthDate.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    submitButton(el).click();
    await successView(el);
    expect(posts[0]!.authorization).to.equal('Bearer vst_session0001');
    expect(posts[0]!.body['volunteer']).to.deep.equal({ name: '李小华', birthDate: '2001-04-09' });
  });

  it('with a session and a birth date on file, asks for nothing on an age-limited activity', async () => {
    serve({ opportunity: makeOpportunity({ requirements: { minAge: 16 } }) });
    const el = await mountSignedIn();
    await ready(el);
    expect(el.shadowRoot!.querySelectorAll('input[data-field^="volunteer."]')).to.have.length(0);
    expect($(el, '[part~="age-note"]')).to.equal(null);
  });

  it('tells the host before sending, without personal data, and lets it cancel', async () => {
    const { posts } = serve();
    const el = await mount();
    await ready(el);
    await fillValid(el);
    el.addEventListener('vk-signup-submit', (event) => event.preventDefault(), { once: true });
    const submit = oneEvent(el, 'vk-signup-submit');
    submitButton(el).click();
    const event = await submit;
    expect(event.detail).to.deep.equal({ opportunityId: 'opp_elderly001', shiftId: 'shf_morning001' });
    expect(JSON.stringify(event.detail)).not.to.include('138');
    await new Promise((r) => setTimeout(r, 50));
    expect(posts).to.have.length(0);
  });

  // A failed request shows the widget's error state; an answer outside the contract (the widgets
  // do not validate responses) is caught by the safety net. Both retry by loading again.
  for (const [what, failingChannel, part] of [
    ['a failed load', () => problem(403, 'origin_not_allowed', 'This origin may not use this key'), 'error'],
    ['a channel answer outside the contract', () => HttpResponse.json({ unexpected: true }), 'crash'],
  ] as const) {
    it(`shows ${what} as an error whose retry loads again, and recovers`, async () => {
      let fail = true;
      serve();
      worker.use(http.get(api('/v1/channel'), () => (fail ? failingChannel() : HttpResponse.json(makeChannel()))));
      const el = await mount();
      await waitUntil(() => $(el, `[part~="${part}"]`), `no ${part} state`, { timeout: 8000 });
      await expect(el).to.be.accessible();
      fail = false;
      $(el, `[part~="${part}"] [part~="retry-button"]`)!.click();
      await ready(el);
    });
  }

  it('says so when the opportunity does not exist, without throwing into the page', async () => {
    serve();
    const el = await mount('opp_missing01');
    await waitUntil(() => $(el, '[part~="error"]'), 'no error state', { timeout: 8000 });
    expect($(el, '[part~="error"]')!.textContent).to.include('could not be found');
  });

  it('is accessible in the dark theme with large text, with targets of at least 24 px and no style attributes', async () => {
    serve();
    const el = await fixture<VkSignupForm>(html`<vk-signup-form locale="en" theme="dark" large-text base-url=${BASE_URL}
      publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>`);
    await ready(el);
    // Large text scales what the form shows (1.25 × the reader's 16 px), not the host element.
    expect(getComputedStyle($(el, '[part~="form"]')!).fontSize).to.equal('20px');
    await expect(el).to.be.accessible();
    submitButton(el).click(); // the error summary and field messages in dark colours
    await waitUntil(() => $(el, '[part~="error-summary"]'));
    await expect(el).to.be.accessible();
    const targets = el.shadowRoot!.querySelectorAll<HTMLElement>('.choice, .input, button');
    expect(targets.length).to.be.greaterThan(8);
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(Math.min(box.width, box.height), target.outerHTML.slice(0, 60)).to.be.at.least(24);
    }
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
  });

  it('in dialog mode leaves the title to the dialog and takes no focus', async () => {
    serve();
    const el = await fixture<VkSignupForm>(html`<vk-signup-form mode="dialog" locale="en" base-url=${BASE_URL}
      publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>`);
    await ready(el);
    expect($(el, '[part~="heading"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(null);
    const inline = await mount();
    await ready(inline);
    expect($(inline, '[part~="heading"]')!.textContent).to.equal('Sign up: 社区敬老院陪伴服务');
    expect(inline.shadowRoot!.activeElement).to.equal(null);
  });

  it('starts a fresh form when the element is given another opportunity after a success', async () => {
    const { posts } = serve();
    const other = makeOpportunity({ id: 'opp_other0001', title: 'Another activity', shifts: [makeOpportunity().shifts[0]!] });
    worker.use(http.get(api('/v1/opportunities/opp_other0001'), () => HttpResponse.json(other)));
    const el = await mount();
    await ready(el);
    await fillValid(el);
    submitButton(el).click();
    await successView(el);
    el.opportunity = 'opp_other0001';
    await ready(el);
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Sign up: Another activity');
    expect($<HTMLInputElement>(el, '#field-volunteer-name')!.value).to.equal('');
    await type(el, '#field-volunteer-name', '王小明');
    await type(el, '#field-volunteer-mobile', '13812345678');
    $(el, '#field-answers-q_tshirt-0')!.click();
    $(el, '#field-consent')!.click();
    await el.updateComplete;
    submitButton(el).click(); // the only shift is preselected
    await successView(el);
    expect(posts).to.have.length(2);
    expect(posts[1]!.body['opportunityId']).to.equal('opp_other0001');
    expect(posts[1]!.idempotencyKey).not.to.equal(posts[0]!.idempotencyKey);
  });

  it('keeps everything typed, the ID number and consent included, when the page switches language', async () => {
    serve({ channel: makeChannel({ identityFields: ['name', 'mobile', 'idNumber'] }) });
    const el = await mount();
    await ready(el);
    await fillValid(el);
    await type(el, '#field-volunteer-idNumber', '11010519491231002X');
    el.locale = 'zh-TW';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect($(el, 'label[for="field-volunteer-mobile"]')!.textContent).to.include('手機號碼');
    expect($<HTMLInputElement>(el, '#field-volunteer-idNumber')!.value).to.equal('11010519491231002X');
    expect($<HTMLInputElement>(el, '#field-consent')!.checked).to.equal(true);
  });

  it('shows the host’s own content in the intro and success slots', async () => {
    serve();
    const el = await fixture<VkSignupForm>(html`<vk-signup-form locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001">
      <p slot="intro" id="intro">Bring your student card.</p>
      <p slot="success" id="next">We will text you the meeting point.</p>
    </vk-signup-form>`);
    await ready(el);
    const assigned = (name: string) => ($<HTMLSlotElement>(el, `slot[name="${name}"]`)?.assignedElements() ?? []).map((e) => e.id);
    expect(assigned('intro')).to.deep.equal(['intro']);
    expect(assigned('success')).to.deep.equal([]); // no success slot in the form view
    await fillValid(el);
    submitButton(el).click();
    await successView(el);
    expect(assigned('success')).to.deep.equal(['next']);
    await expect(el).to.be.accessible();
  });

  it('reflows in a 320 px column with large text: nothing scrolls sideways', async () => {
    serve();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <vk-signup-form locale="en" large-text base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>
    </div>`);
    const el = wrapper.querySelector<VkSignupForm>('vk-signup-form')!;
    await ready(el);
    const overflowing = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
      .filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1)
      .map((node) => node.outerHTML.slice(0, 80));
    expect(overflowing()).to.deep.equal([]);
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="error-summary"]'));
    expect(overflowing()).to.deep.equal([]);
    await fillValid(el);
    submitButton(el).click();
    await successView(el);
    expect(overflowing()).to.deep.equal([]);
  });

  it('says when sign-up is closed or not open yet instead of showing a form', async () => {
    const day = 24 * 3600 * 1000;
    const cases = [
      { opportunity: makeOpportunity({ signupClosesAt: new Date(Date.now() - day).toISOString() }), text: /Sign-up closed on/ },
      { opportunity: makeOpportunity({ signupOpensAt: new Date(Date.now() + 3 * day).toISOString(), signupClosesAt: null }), text: /Sign-up opens on .+ Please come back then\./ },
      { opportunity: makeOpportunity({ status: 'cancelled' }), text: /not taking sign-ups/ },
    ];
    for (const { opportunity, text } of cases) {
      worker.resetHandlers();
      serve({ opportunity });
      const el = await mount();
      await waitUntil(() => $(el, '[part~="empty"]'), 'no closed state', { timeout: 5000 });
      expect($(el, 'form')).to.equal(null);
      expect($(el, '[part~="empty"]')!.textContent).to.match(text);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('fits the page’s heading outline with heading-level', async () => {
    serve();
    const el = await fixture<VkSignupForm>(html`<vk-signup-form heading-level="3" locale="en" base-url=${BASE_URL}
      publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>`);
    await ready(el);
    expect($(el, '[part~="heading"]')!.getAttribute('role')).to.equal('heading');
    expect($(el, '[part~="heading"]')!.getAttribute('aria-level')).to.equal('3');
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="error-summary"]'));
    expect($(el, '#error-summary-title')!.getAttribute('aria-level')).to.equal('4');
    await fillValid(el);
    submitButton(el).click();
    expect((await successView(el)).getAttribute('aria-level')).to.equal('3');
    const inline = await mount();
    await ready(inline);
    expect($(inline, '[part~="heading"]')!.getAttribute('aria-level')).to.equal('2');
  });

  it('offers the honor-board name opt-in to guests, off by default, and sends it only when ticked', async () => {
    const { posts } = serve();
    const el = await mount();
    await ready(el);
    const optIn = $<HTMLInputElement>(el, '#field-showName')!;
    expect(optIn.checked).to.equal(false);
    expect($(el, 'label[for="field-showName"]')!.textContent).to.include('(optional)');
    await fillValid(el);
    optIn.click();
    await el.updateComplete;
    submitButton(el).click();
    await successView(el);
    expect(posts[0]!.body['volunteer']).to.deep.equal({ name: '王小明', mobile: '13812345678', showName: true });
  });

  it('without a publishable key or an opportunity, explains instead of throwing into the page', async () => {
    const pageErrors: unknown[] = [];
    const onError = (event: ErrorEvent) => pageErrors.push(event.error);
    const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const reported: unknown[] = [];
      const noKey = await fixture<VkSignupForm>(html`<vk-signup-form locale="en" opportunity="opp_elderly001"
        @vk-error=${(e: CustomEvent<{ error: unknown }>) => reported.push(e.detail.error)}></vk-signup-form>`);
      await waitUntil(() => $(noKey, '[part~="error"]'), 'no error state', { timeout: 3000 });
      expect(reported.map((e) => (e as Error).name)).to.deep.equal(['WidgetConfigurationError']);
      expect($(noKey, '[part~="error"]')!.textContent).to.include('publishable key');
      expect($(noKey, '[part~="retry-button"]')).to.equal(null); // retrying cannot help
      const noOpportunity = await fixture<VkSignupForm>(html`<vk-signup-form locale="en" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY}></vk-signup-form>`);
      await waitUntil(() => $(noOpportunity, '[part~="error"]'), 'no error state', { timeout: 3000 });
      expect($(noOpportunity, '[part~="error"]')!.textContent).to.include('needs the id of an activity');
      await expect(noOpportunity).to.be.accessible();
      await new Promise((r) => setTimeout(r, 50));
      expect(pageErrors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('waits for configure() called after it appeared, without flashing an error', async () => {
    serve();
    const errors: Event[] = [];
    const el = await fixture<VkSignupForm>(html`<vk-signup-form locale="en" opportunity="opp_elderly001" @vk-error=${(e: Event) => errors.push(e)}></vk-signup-form>`);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect($(el, '[part~="loading"]')).not.to.equal(null);
      configure({ baseUrl: BASE_URL, publishableKey: PUBLISHABLE_KEY });
      await ready(el);
      await new Promise((r) => setTimeout(r, 700)); // past the grace period
      expect($(el, '[part~="error"]')).to.equal(null);
      expect(errors).to.have.length(0);
    } finally {
      resetGlobalConfig();
    }
  });

  it('speaks Chinese: labels, spots and errors', async () => {
    serve();
    const el = await fixture<VkSignupForm>(html`<vk-signup-form locale="zh-CN" base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} opportunity="opp_elderly001"></vk-signup-form>`);
    await ready(el);
    expect($(el, 'label[for="field-volunteer-mobile"]')!.textContent).to.match(/手机号码\s*\(必填\)/);
    expect(el.shadowRoot!.textContent).to.include('剩余 8 个名额');
    submitButton(el).click();
    await waitUntil(() => $(el, '[part~="error-summary"]'));
    expect($(el, '[part~="error-summary"]')!.textContent).to.include('请选择班次。');
  });
});
