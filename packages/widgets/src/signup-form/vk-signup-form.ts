/**
 * `<vk-signup-form>`: signing up for one opportunity (docs/widgets/vk-signup-form.md).
 *
 * The pure parts live beside this file and carry the behaviour: `form-model.ts` (fields,
 * validation, request body), `submission-controller.ts` (idempotency, double-click guard,
 * retries, offline queue), `draft-store.ts` (draft across reloads) and `ics.ts` (calendar file).
 * This class loads data, renders state and moves focus.
 *
 * @module
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Channel, IdentityField, Opportunity, Question, Shift, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { Channels, Me, Opportunities, Signups, type BaseClient } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { formatDate, formatDateRange } from '../shared/i18n.js';
import { describeError, WidgetConfigurationError } from '../shared/errors.js';
import { configurationGrace } from '../shared/config.js';
import { signupFormMessages, type SignupFormMessages } from './signup-form.messages.js';
import { signupFormStyles } from './signup-form.styles.js';
import { DraftStore } from './draft-store.js';
import {
  IDENTITY_FIELD_ORDER, signupWindow, buildBody, emptyValues, fieldKeys, mapFieldErrors, validateField, validateForm,
  loadValidation, validationLoaded,
  type BodyContext, type FieldKey, type FieldProblem, type FormSpec, type FormValues,
} from './form-model.js';
import { SubmissionController, type SubmissionState } from './submission-controller.js';
import { createIcs, createIcsObjectUrl, signupEventUid } from './ics.js';

// ---------------------------------------------------------------------------------------------
// Events

const crossesShadowRoots = { bubbles: true, composed: true } as const;

/**
 * What the host learns before a sign-up is sent. No personal data: hosts often forward events to
 * analytics, and a phone number must not travel there by accident.
 */
export interface VkSignupSubmitDetail {
  opportunityId: string;
  shiftId: string;
}

/** The person submitted a valid form; sent before the request. Cancelable: `preventDefault()` stops it. */
export class VkSignupSubmitEvent extends CustomEvent<VkSignupSubmitDetail> {
  constructor(detail: VkSignupSubmitDetail) {
    super('vk-signup-submit', { ...crossesShadowRoots, cancelable: true, detail });
  }
}

export interface VkSignupSuccessDetail {
  /** The sign-up (with `status`, `reference`, `waitlistPosition`). */
  signup: Signup;
  /** `true` when the person was already signed up (the server answered 409 with the first sign-up). */
  alreadySignedUp: boolean;
}

/** The sign-up exists: created now, or found to exist already. */
export class VkSignupSuccessEvent extends CustomEvent<VkSignupSuccessDetail> {
  constructor(detail: VkSignupSuccessDetail) {
    super('vk-signup-success', { ...crossesShadowRoots, detail });
  }
}

export interface VkSignupErrorDetail {
  /** The SDK error: `ValidationError` (422), `RateLimitError`, `InternalServerError`, … */
  error: unknown;
  /** Whether the same submission can be sent again (the form shows a retry button). */
  retryable: boolean;
}

/** A submission failed. The form shows why; nothing the person typed is lost. */
export class VkSignupErrorEvent extends CustomEvent<VkSignupErrorDetail> {
  constructor(detail: VkSignupErrorDetail) {
    super('vk-signup-error', { ...crossesShadowRoots, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vk-signup-submit': VkSignupSubmitEvent;
    'vk-signup-success': VkSignupSuccessEvent;
    'vk-signup-error': VkSignupErrorEvent;
  }
}

// ---------------------------------------------------------------------------------------------

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; opportunity: Opportunity; channel: Channel; profile: VolunteerProfile | null };

interface IdentityInput {
  type: string;
  autocomplete: string;
  inputmode?: string;
  autocapitalize?: string;
  spellcheck?: boolean;
  hint?: 'hint_mobile' | 'hint_birthDate' | 'hint_idNumber';
}

/** How each identity field is typed on a phone and filled by the browser. */
const IDENTITY_INPUTS: Record<IdentityField, IdentityInput> = {
  name: { type: 'text', autocomplete: 'name' },
  mobile: { type: 'tel', autocomplete: 'tel-national', inputmode: 'numeric', hint: 'hint_mobile' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: false },
  birthDate: { type: 'text', autocomplete: 'bday', hint: 'hint_birthDate', spellcheck: false },
  studentId: { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: false },
  employeeId: { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: false },
  idNumber: { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, hint: 'hint_idNumber' },
};

/** An element id for a field key (`volunteer.mobile` → `field-volunteer-mobile`). */
const fieldId = (key: FieldKey) => `field-${key.replace(/\./g, '-')}`;
const errorId = (key: FieldKey) => `${fieldId(key)}-error`;
const hintId = (key: FieldKey) => `${fieldId(key)}-hint`;

/** Only http(s) links from the API become `href`s (the schema says so too; this is the last line). */
/** How the form names a signed-in volunteer: their name, else the name the platform shows. */
const signedInName = (profile: VolunteerProfile) => profile.name || profile.displayName;

const safeHttpUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/**
 * A sign-up form for one volunteer opportunity: shift choice with spots left, the identity fields
 * the channel requires, the opportunity's questions and consent to the channel's privacy policy.
 * Keeps a draft across reloads, sends exactly one sign-up per attempt (double clicks, retries,
 * offline → online) and ends with the status in plain words, a reference number and a calendar file.
 *
 * @summary Sign up for one volunteer opportunity.
 *
 * @slot intro - Shown under the heading, above the form: the host's own note ("Bring your student card").
 * @slot success - Shown in the success view after the details: next steps, a link to the host's own page.
 *
 * @csspart loading - The loading skeleton (reserves the form's height).
 * @csspart error - The error state when the form could not be loaded.
 * @csspart empty - Shown instead of the form when sign-up is not open (yet, or any more) or there is no shift.
 * @csspart retry-button - "Try again" (load error), "Send again" (failed submission), "Try now" (offline).
 * @csspart form - The `<form>`.
 * @csspart heading - The form's heading (the opportunity's title).
 * @csspart error-summary - The list of problems shown after a failed submit; takes focus.
 * @csspart fieldset - Each group: shifts, details, questions, consent.
 * @csspart legend - The title of each group.
 * @csspart shift-option - One shift (a radio with its time and spots left).
 * @csspart shift-time - The time of a shift, in the activity's time zone.
 * @csspart spots - "8 spots left" or the waitlist wording.
 * @csspart field - One labelled field (label, hint, input, message).
 * @csspart label - A field's label.
 * @csspart hint - Help text under a label.
 * @csspart input - Text inputs and text areas.
 * @csspart choice - One radio or checkbox with its label.
 * @csspart field-error - The message under a field with a problem.
 * @csspart consent - The consent checkbox and its label.
 * @csspart show-name - The opt-in to show the full name on public honor boards.
 * @csspart age-note - Why a signed-in volunteer is asked for a birth date (an age-limited activity, none on file).
 * @csspart signed-in - "Signing up as …" when a session says who signs up.
 * @csspart privacy-link - The link to the privacy policy (opens in a new tab).
 * @csspart notice - Offline, retry and "not accepted" messages above the submit button.
 * @csspart submit-button - The submit button.
 * @csspart success - The success view.
 * @csspart success-heading - Its heading; takes focus.
 * @csspart status - The status in plain words.
 * @csspart details - Reference number, time and place.
 * @csspart reference - The reference number.
 * @csspart calendar-link - The "add to calendar" download link.
 *
 * @cssproperty --vk-color-primary - Buttons, links, selected choices, focus ring.
 * @cssproperty --vk-color-danger - Error messages and the error summary.
 * @cssproperty --vk-color-surface - Background.
 * @cssproperty --vk-color-surface-alt - Background of notices.
 * @cssproperty --vk-color-text - Text.
 * @cssproperty --vk-color-muted - Hints, spots left.
 * @cssproperty --vk-color-border - Borders of inputs and choices.
 * @cssproperty --vk-radius - Corner radius.
 * @cssproperty --vk-font-size - Base size; everything scales from it.
 * @cssproperty --vk-space - Spacing unit (1em).
 *
 * @event vk-signup-submit - A valid form is about to be sent; cancelable. `detail: { opportunityId, shiftId }` (no personal data).
 * @event vk-signup-success - The sign-up exists. `detail: { signup, alreadySignedUp }`.
 * @event vk-signup-error - A submission failed. `detail: { error, retryable }`.
 * @event vk-error - The form could not be loaded. `detail: { error }`.
 */
export class VkSignupForm extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, signupFormStyles];

  /** The opportunity's id (`opp_…`). */
  @property({ reflect: true }) opportunity?: string;

  /** A shift to preselect (`shf_…`), e.g. the one the person clicked in a list. */
  @property({ reflect: true }) shift?: string;

  /**
   * `inline` (default) or `dialog`: inside a dialog the form draws no frame and no heading of its
   * own (the dialog's title names it). In neither mode does it take focus when it loads.
   */
  @property({ reflect: true }) mode: 'inline' | 'dialog' = 'inline';

  /**
   * The level of the form's headings (2–6, default 2); the error summary's title is one below.
   * Set it to fit the page: `3` for a form inside a section that already has an `<h2>`.
   */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /**
   * A volunteer session token (`vst_…`) minted by the partner's back end. With it, the form signs
   * up the signed-in volunteer and asks for no identity. A property only: never an attribute,
   * never read from the URL, so it does not end up in HTML, logs or referrers.
   */
  @property({ attribute: false }) session?: string;

  @state() private load: LoadState = { status: 'idle' };
  @state() private values: FormValues = emptyValues();
  @state() private fieldErrors = new Map<FieldKey, FieldProblem>();
  /** Problems that belong to no field (closed sign-up, server messages without a path). */
  @state() private generalErrors: string[] = [];
  @state() private showSummary = false;
  @state() private submission: SubmissionState<Signup> = { phase: 'idle' };
  /** A notice shown above the submit button (offline, withdrawn, retry). */
  @state() private notice: { text: string; kind: 'info' | 'problem' } | null = null;
  /** The text of the polite live region. */
  @state() private announcement = '';
  @state() private calendarUrl: string | undefined;

  private draft: DraftStore | undefined;
  private loadGeneration = 0;
  private readonly controller = new SubmissionController<ReturnType<typeof buildBody>, Signup>({
    send: (body, { idempotencyKey }) => {
      const client = this.activeClient();
      if (!client) return Promise.reject(new WidgetConfigurationError('no client'));
      return new Signups(client).create(body, { idempotencyKey });
    },
    existingFrom: (error) => {
      const existing = (error as { existing?: unknown }).existing;
      return existing && typeof existing === 'object' && 'reference' in existing ? (existing as Signup) : undefined;
    },
    onStateChange: (next) => this.onSubmissionChange(next),
  });

  /**
   * Dispatches one of the form's events. A helper rather than `this.dispatchEvent(new …)` inline:
   * the manifest analyzer turns inline dispatches into nameless duplicate entries next to the
   * documented `@event` tags.
   */
  private emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  private get messages(): SignupFormMessages {
    return signupFormMessages(this.config.locale);
  }

  /**
   * Loads when what the data depends on changed. In `updated`, not `willUpdate`: the config
   * controller resolves attributes during the update, after `willUpdate` has run. The locale is
   * not part of it: a page switching language re-renders the strings, it does not reload.
   */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('opportunity') && changed.get('opportunity') !== undefined) this.startOver();
    else if (changed.has('shift') && this.shift && this.load.status === 'ready' && this.submission.phase !== 'succeeded') {
      if (this.load.opportunity.shifts.some((s) => s.id === this.shift)) this.values = { ...this.values, shiftId: this.shift };
    }
    const client = this.config.client;
    const key = `${this.opportunity ?? ''}|${this.session ?? ''}|${client ? 'client' : ''}|${this.config.value.baseUrl ?? ''}|${this.config.value.publishableKey ?? ''}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.loadData();
    }
  }

  /**
   * Another opportunity in the same element (a list's dialog reuses it): a fresh form. A sign-up
   * still waiting for the connection is dropped with it; its draft stays for when that
   * opportunity is opened again.
   */
  private startOver(): void {
    this.controller.reset();
    this.submission = { phase: 'idle' };
    this.values = emptyValues();
    this.valuesFor = undefined;
    this.fieldErrors = new Map();
    this.generalErrors = [];
    this.showSummary = false;
    this.notice = null;
    this.announcement = '';
    if (this.calendarUrl) URL.revokeObjectURL(this.calendarUrl);
    this.calendarUrl = undefined;
  }

  private loadedFor: string | undefined;
  /** The opportunity `values` belong to; a reload of the same one keeps them. */
  private valuesFor: string | undefined;

  /** The client the form signs up with: the session's, or the publishable key's. */
  private activeClient(): BaseClient | null {
    const client = this.config.client;
    if (!client) return null;
    return this.session ? client.withSession(this.session) : client;
  }

  private async loadData(): Promise<void> {
    const generation = ++this.loadGeneration;
    if (this.submission.phase === 'succeeded') return; // never replace a success view
    void loadValidation().catch(() => {}); // beside the form's data; a failure is retried at submit
    const opportunityId = this.opportunity;
    const baseClient = this.config.client;
    if (!opportunityId || !baseClient) {
      // A refused key is final. A missing key or opportunity may still arrive (configure() after
      // the bundle, a provider defined later, a script setting the attribute): keep the skeleton
      // until the page has loaded, rather than flash "not set up" on a correctly set-up page.
      if (this.config.clientError === undefined) {
        this.load = { status: 'loading' };
        await configurationGrace();
        if (generation !== this.loadGeneration) return; // the configuration arrived meanwhile
      }
      const error = this.config.clientError ?? new WidgetConfigurationError(opportunityId ? 'no publishable key' : 'no opportunity');
      this.load = { status: 'error', error };
      this.dispatchError(error);
      return;
    }
    // A reload of the same opportunity keeps the form on screen instead of a skeleton.
    if (this.load.status !== 'ready' || this.load.opportunity.id !== opportunityId) this.load = { status: 'loading' };
    try {
      const client = this.activeClient()!;
      const [opportunity, channel, profile] = await Promise.all([
        new Opportunities(client).get(opportunityId),
        new Channels(client).get(),
        this.session ? new Me(client).get() : Promise.resolve(null),
      ]);
      if (generation !== this.loadGeneration) return;
      // Reloading the same opportunity (a retry, a new session) keeps what is on screen: the
      // draft has neither the ID number nor consent, the fields do.
      this.draft = new DraftStore(opportunity.id);
      if (this.valuesFor !== opportunity.id) {
        this.values = this.initialValues(opportunity);
        this.valuesFor = opportunity.id;
      }
      this.load = { status: 'ready', opportunity, channel, profile };
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      this.load = { status: 'error', error };
      this.dispatchError(error);
    }
  }

  /** The draft (if any) over empty values; the `shift` attribute, else a single shift, preselected. */
  private initialValues(opportunity: Opportunity): FormValues {
    const values = emptyValues();
    const draft = this.draft?.load();
    const shiftIds: string[] = opportunity.shifts.map((s) => s.id);
    if (draft) {
      values.volunteer = { ...draft.volunteer };
      values.answers = { ...draft.answers };
      if (draft.shiftId && shiftIds.includes(draft.shiftId)) values.shiftId = draft.shiftId;
    }
    if (this.shift && shiftIds.includes(this.shift)) values.shiftId = this.shift;
    else if (!values.shiftId && shiftIds.length === 1) values.shiftId = shiftIds[0]!;
    return values;
  }

  /** `aria-level` for a heading `offset` below the form's own level, kept within 1–6. */
  private level(offset: number): string {
    const base = Number.isInteger(this.headingLevel) ? this.headingLevel : 2;
    return String(Math.min(6, Math.max(1, base + offset)));
  }

  private spec(): FormSpec {
    if (this.load.status !== 'ready') return { identityFields: [], questions: [], shiftIds: [] };
    const { opportunity, channel, profile } = this.load;
    // A guest always gives a name (the contract requires it); then what the channel asks for;
    // and a birth date when the activity has an age limit, since the server checks it (an ID
    // number, where the channel asks for one, carries the birth date already). With a session
    // the server knows who signs up; only a birth date it does not have yet is asked for.
    const { minAge, maxAge } = opportunity.requirements;
    const ageLimited = minAge !== undefined || maxAge !== undefined;
    const identityFields: IdentityField[] = this.session
      ? (ageLimited && profile && !profile.birthDateOnFile ? ['birthDate'] : [])
      : IDENTITY_FIELD_ORDER.filter((field) => field === 'name' || channel.identityFields.includes(field)
        || (field === 'birthDate' && ageLimited && !channel.identityFields.includes('idNumber')));
    return { identityFields, questions: opportunity.questions, shiftIds: opportunity.shifts.map((s) => s.id) };
  }

  private bodyContext(): BodyContext {
    const ready = this.load.status === 'ready' ? this.load : undefined;
    const profile = ready?.profile;
    return {
      opportunityId: this.opportunity ?? '',
      policyVersion: ready?.channel.privacyPolicyVersion ?? '',
      hasSession: Boolean(this.session),
      ...(profile ? { sessionName: signedInName(profile) } : {}),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Input

  private readonly onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (target.dataset['field'] === 'showName') {
      // A preference, not an answer: not in the draft (like consent, it is a click on this page).
      this.values = { ...this.values, showName: (target as HTMLInputElement).checked };
      if (this.controller.formChanged()) this.setNotice(this.messages.withdrawn, 'info');
      return;
    }
    const key = target.dataset['field'] as FieldKey | undefined;
    if (!key) return;
    const values: FormValues = { ...this.values, volunteer: { ...this.values.volunteer }, answers: { ...this.values.answers } };
    if (key === 'shiftId') values.shiftId = target.value;
    else if (key === 'consent') values.consent = (target as HTMLInputElement).checked;

    else if (key.startsWith('volunteer.')) values.volunteer[key.slice(10) as IdentityField] = target.value;
    else {
      const questionId = key.slice(8);
      if (target instanceof HTMLInputElement && target.type === 'checkbox') {
        const current = Array.isArray(values.answers[questionId]) ? (values.answers[questionId] as string[]) : [];
        values.answers[questionId] = target.checked ? [...current.filter((v) => v !== target.value), target.value] : current.filter((v) => v !== target.value);
      } else {
        values.answers[questionId] = target.value;
      }
    }
    this.values = values;
    this.draft?.save({ shiftId: values.shiftId, volunteer: values.volunteer as Record<string, string>, answers: values.answers });
    if (this.controller.formChanged()) this.setNotice(this.messages.withdrawn, 'info');
    // A field that showed a problem is checked as the person types, so the message goes as soon
    // as it is fixed; a new problem is not raised mid-typing (that waits for blur or submit).
    if (this.fieldErrors.has(key) && !validateField(key, values, this.spec(), this.bodyContext())) {
      const errors = new Map(this.fieldErrors);
      errors.delete(key);
      this.fieldErrors = errors;
    }
  };

  /** On leaving a field: check it, unless it is still empty and untouched by errors. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target as HTMLElement;
    const key = target.dataset?.['field'] as FieldKey | undefined;
    if (!key || !(key.startsWith('volunteer.') || key.startsWith('answers.'))) return;
    // Leaving a group of radios or checkboxes for another option of the same group is not leaving the field.
    const next = event.relatedTarget as HTMLElement | null;
    if (next?.dataset?.['field'] === key) return;
    const value = key.startsWith('volunteer.') ? this.values.volunteer[key.slice(10) as IdentityField] : this.values.answers[key.slice(8)];
    const blank = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
    if (blank && !this.fieldErrors.has(key)) return; // tabbing through is not a mistake
    const problem = validateField(key, this.values, this.spec(), this.bodyContext());
    const errors = new Map(this.fieldErrors);
    if (problem) errors.set(key, problem);
    else errors.delete(key);
    this.fieldErrors = errors;
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Set while a submit waits for the validation schemas (a second click waits with it). */
  private validationWait: Promise<void> | undefined;

  /** Nothing is sending or queued, nothing has succeeded, and the form's data is there. */
  private canSubmit(): boolean {
    return !this.controller.busy && this.submission.phase !== 'succeeded' && this.load.status === 'ready';
  }

  private async submit(): Promise<void> {
    if (!this.canSubmit()) return;
    if (!validationLoaded()) {
      // They load when the form appears, so this is rare; if they cannot load (offline), the
      // required-field checks run here and the server checks the rest.
      if (this.validationWait) return;
      this.validationWait = loadValidation().catch(() => {});
      await this.validationWait;
      this.validationWait = undefined;
      if (!this.canSubmit()) return;
    }
    const spec = this.spec();
    const result = validateForm(this.values, spec, this.bodyContext());
    if (result.fields.size > 0 || result.unplaced.length > 0) {
      this.showProblems(result.fields, result.unplaced.map((p) => p.message));
      return;
    }
    this.fieldErrors = new Map();
    this.generalErrors = [];
    this.showSummary = false;
    const body = buildBody(this.values, spec, this.bodyContext());
    const submitEvent = new VkSignupSubmitEvent({ opportunityId: body.opportunityId, shiftId: body.shiftId });
    if (!this.emit(submitEvent)) return;
    await this.controller.submit(body);
  }

  private readonly onRetrySubmit = (): void => {
    if (!this.controller.busy) void this.controller.retry();
  };

  /** "Try now" while waiting for the connection: browsers sometimes report offline wrongly. */
  private readonly onSendNow = (): void => {
    void this.controller.flush();
  };

  private readonly onRetryLoad = (): void => {
    this.loadedFor = undefined;
    this.requestUpdate();
  };

  protected override reloadAfterCrash(): void {
    if (this.submission.phase !== 'succeeded') this.load = { status: 'loading' }; // drop what crashed the render
    this.onRetryLoad();
  }

  /** A link of the error summary: focus the field without touching the host page's URL. */
  private readonly onSummaryLinkClick = (event: MouseEvent): void => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).hash.slice(1);
    const field = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    field?.focus();
    field?.scrollIntoView?.({ block: 'center' });
  };

  // -------------------------------------------------------------------------------------------
  // Submission outcome

  private onSubmissionChange(next: SubmissionState<Signup>): void {
    const previous = this.submission;
    this.submission = next;
    const messages = this.messages;
    switch (next.phase) {
      case 'sending':
        if (previous.phase === 'queued') this.setNotice(messages.sentAfterReconnect, 'info');
        else this.notice = null;
        break;
      case 'queued':
        this.setNotice(messages.offlineQueued, 'info');
        break;
      case 'retryable': {
        const error = next.error as { name?: string; retryAfter?: number | null };
        const text = error?.name === 'RateLimitError' ? messages.retryableRateLimited({ seconds: error.retryAfter ?? null }) : messages.retryableServer;
        this.setNotice(text, 'problem');
        this.emit(new VkSignupErrorEvent({ error: next.error, retryable: true }));
        break;
      }
      case 'failed':
        this.notice = null;
        this.showServerProblems(next.error);
        this.emit(new VkSignupErrorEvent({ error: next.error, retryable: false }));
        break;
      case 'succeeded':
        void this.showSuccess(next.result!, next.alreadyExisted === true);
        break;
      case 'idle':
        break;
    }
  }

  private showServerProblems(error: unknown): void {
    const messages = this.messages;
    const problem = error as { name?: string; code?: string; errors?: unknown; problem?: { detail?: string } };
    if (problem?.name === 'ValidationError' && Array.isArray(problem.errors)) {
      const mapped = mapFieldErrors(problem.errors as never, this.spec());
      const general = mapped.unplaced.map((p) => this.generalText(p.code, p.message));
      if (mapped.fields.size === 0 && general.length === 0) general.push(messages.failedGeneric);
      this.showProblems(mapped.fields, general);
      return;
    }
    this.showProblems(new Map(), [this.generalText(problem?.code, problem?.problem?.detail)]);
  }

  private generalText(code: string | undefined, message: string | undefined): string {
    const messages = this.messages;
    if (code === 'signup_closed') return messages.signupClosed;
    if (code === 'requirements_not_met') return messages.requirementsNotMet;
    if (code === 'origin_not_allowed' || code === 'forbidden' || code === 'unauthorized') return messages.notAllowed;
    return message ? message : messages.failedGeneric;
  }

  /** Shows field and general problems, and moves focus to the summary so it is read first. */
  private async showProblems(fields: Map<FieldKey, FieldProblem>, general: string[]): Promise<void> {
    this.fieldErrors = fields;
    this.generalErrors = general;
    this.showSummary = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus();
  }

  private async showSuccess(signup: Signup, alreadySignedUp: boolean): Promise<void> {
    this.draft?.clear();
    this.notice = null;
    this.fieldErrors = new Map();
    this.showSummary = false;
    if (this.load.status === 'ready') {
      const { opportunity } = this.load;
      const shift = opportunity.shifts.find((s) => s.id === signup.shiftId);
      if (shift) {
        if (this.calendarUrl) URL.revokeObjectURL(this.calendarUrl);
        try {
          this.calendarUrl = createIcsObjectUrl(createIcs({
            uid: signupEventUid(signup.id),
            start: shift.start,
            end: shift.end,
            summary: opportunity.title,
            location: opportunity.location.online ? opportunity.location.name : `${opportunity.location.name}, ${opportunity.location.address}`,
            description: `${opportunity.orgName}\n${this.messages.referenceLabel}: ${signup.reference}`,
          }));
        } catch (error) {
          // A calendar file is a convenience: the success view must not depend on it.
          console.warn('VolunteerKit: <vk-signup-form> could not make the calendar file.', error);
          this.calendarUrl = undefined;
        }
      }
    }
    this.announcement = this.messages.announceSuccess({ heading: this.successHeading(signup), reference: signup.reference });
    this.emit(new VkSignupSuccessEvent({ signup, alreadySignedUp }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="success-heading"]')?.focus();
  }

  private setNotice(text: string, kind: 'info' | 'problem'): void {
    this.notice = { text, kind };
    this.announcement = text;
  }

  private successHeading(signup: Signup): string {
    const messages = this.messages;
    switch (signup.status) {
      case 'approved':
        return messages.successHeading_approved;
      case 'pending_review':
        return messages.successHeading_pending_review;
      case 'waitlisted':
        return messages.successHeading_waitlisted;
      default:
        return messages.successHeading_other;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    return html`${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="live-region">${this.announcement}</div>`;
  }

  private renderBody(): TemplateResult {
    if (this.submission.phase === 'succeeded' && this.submission.result) {
      return this.renderSuccess(this.submission.result, this.submission.alreadyExisted === true);
    }
    switch (this.load.status) {
      case 'idle':
      case 'loading':
        return this.renderLoading();
      case 'error':
        return this.renderLoadError(this.load.error);
      case 'ready':
        return this.load.opportunity.shifts.length === 0 || !signupWindow(this.load.opportunity).open
          ? this.renderNotOpen(this.load.opportunity)
          : this.renderForm(this.load.opportunity, this.load.channel, this.load.profile);
    }
  }

  private renderLoading(): TemplateResult {
    return html`<div part="loading" class="skeleton-form" aria-busy="true">
      <span class="visually-hidden">${this.messages.loadingLabel}</span>
      <span class="skeleton skeleton--title"></span>
      <span class="skeleton skeleton--line"></span>
      <span class="skeleton skeleton--block"></span>
      <span class="skeleton skeleton--block"></span>
      <span class="skeleton skeleton--line"></span>
      <span class="skeleton skeleton--block"></span>
      <span class="skeleton skeleton--block"></span>
      <span class="skeleton skeleton--block"></span>
    </div>`;
  }

  private renderLoadError(error: unknown): TemplateResult {
    const messages = this.messages;
    const name = (error as { name?: string })?.name;
    const text =
      name === 'NotFoundError' ? messages.notFound
      : !this.opportunity ? messages.missingOpportunity
      : describeError(this.config.locale, error);
    const canRetry = name !== 'WidgetConfigurationError' && name !== 'NotFoundError';
    return html`<div part="error" class="state state--error" role="alert">
      <p class="state__title">${messages.loadFailed}</p>
      <p>${text}</p>
      ${canRetry
        ? html`<button part="retry-button" class="button button--secondary" type="button" @click=${this.onRetryLoad}>${messages.retryLoad}</button>`
        : nothing}
    </div>`;
  }

  /** No form to fill: sign-up is not open (yet, or any more), or there is no shift. */
  private renderNotOpen(opportunity: Opportunity): TemplateResult {
    const messages = this.messages;
    const signup = signupWindow(opportunity);
    const date = (value: string) =>
      formatDate(this.config.locale, value, opportunity.timezone, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    const text = signup.open
      ? messages.noShifts
      : signup.reason === 'not_open_yet'
        ? messages.notOpenYet({ date: date(signup.opensAt) })
        : signup.reason === 'closed'
          ? messages.closedOn({ date: date(signup.closedAt) })
          : messages.notRecruiting;
    return html`<div part="empty" class="state">
      ${this.mode === 'dialog' ? nothing : html`<div part="heading" class="heading" role="heading" aria-level=${this.level(0)}>${messages.heading({ title: opportunity.title })}</div>`}
      <p>${text}</p>
    </div>`;
  }

  private renderForm(opportunity: Opportunity, channel: Channel, profile: VolunteerProfile | null): TemplateResult {
    const messages = this.messages;
    const spec = this.spec();
    const busy = this.controller.busy;
    return html`<form part="form" novalidate @submit=${this.onSubmit} @input=${this.onInput} @change=${this.onInput} @focusout=${this.onFocusOut}>
      ${this.mode === 'dialog' ? nothing : html`<div part="heading" class="heading" role="heading" aria-level=${this.level(0)}>${messages.heading({ title: opportunity.title })}</div>`}
      <slot name="intro" part="intro"></slot>
      ${this.showSummary ? this.renderSummary(spec) : nothing}
      ${this.renderShifts(opportunity)}
      ${profile ? html`<p part="signed-in">${messages.signedInAs({ name: signedInName(profile) })}</p>` : nothing}
      ${spec.identityFields.length > 0
        ? html`<fieldset part="fieldset">
            <legend part="legend">${messages.detailsLegend}</legend>
            ${profile ? html`<p part="age-note" class="hint">${messages.birthDateForAgeLimit}</p>` : nothing}
            ${spec.identityFields.map((field) => this.renderIdentityField(field))}
            ${profile ? nothing : this.renderShowName()}
          </fieldset>`
        : nothing}
      ${opportunity.questions.length > 0
        ? html`<fieldset part="fieldset">
            <legend part="legend">${messages.questionsLegend}</legend>
            ${opportunity.questions.map((question) => this.renderQuestion(question))}
          </fieldset>`
        : nothing}
      ${this.renderConsent(channel)}
      ${this.notice
        ? html`<div part="notice" class="notice ${this.notice.kind === 'problem' ? 'notice--problem' : ''}">
            <p>${this.notice.text}</p>
            ${this.submission.phase === 'retryable'
              ? html`<button part="retry-button" class="button" type="button" @click=${this.onRetrySubmit}>${messages.retrySubmit}</button>`
              : nothing}
            ${this.submission.phase === 'queued'
              ? html`<button part="retry-button" class="button button--secondary" type="button" @click=${this.onSendNow}>${messages.sendNow}</button>`
              : nothing}
          </div>`
        : nothing}
      <div class="actions">
        <button part="submit-button" class="button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${this.submission.phase === 'sending' ? messages.sending : messages.submit}
        </button>
      </div>
    </form>`;
  }

  private renderSummary(spec: FormSpec): TemplateResult {
    const messages = this.messages;
    const fieldItems = fieldKeys(spec).filter((key) => this.fieldErrors.has(key));
    const count = fieldItems.length + this.generalErrors.length;
    return html`<div part="error-summary" class="error-summary" tabindex="-1" role="group" aria-labelledby="error-summary-title">
      <div class="subheading" id="error-summary-title" role="heading" aria-level=${this.level(1)}>${messages.summaryTitle({ count })}</div>
      <ul>
        ${this.generalErrors.map((text) => html`<li>${text}</li>`)}
        ${fieldItems.map((key) => html`<li><a href="#${this.focusTargetId(key)}" @click=${this.onSummaryLinkClick}>${this.problemText(key, this.fieldErrors.get(key)!)}</a></li>`)}
      </ul>
    </div>`;
  }

  /** The element a summary link focuses: the input, or the first (or checked) option of a group. */
  private focusTargetId(key: FieldKey): string {
    if (key === 'shiftId') {
      const shifts = this.load.status === 'ready' ? this.load.opportunity.shifts : [];
      const chosen = shifts.find((s) => s.id === this.values.shiftId) ?? shifts[0];
      return chosen ? `${fieldId(key)}-${chosen.id}` : fieldId(key);
    }
    if (key.startsWith('answers.')) {
      const question = this.load.status === 'ready' ? this.load.opportunity.questions.find((q) => `answers.${q.id}` === key) : undefined;
      if (question && question.kind !== 'text') return `${fieldId(key)}-0`;
    }
    return fieldId(key);
  }

  private labelFor(key: FieldKey): string {
    const messages = this.messages;
    if (key === 'shiftId') return messages.shiftLegend;
    if (key === 'consent') return messages.consentLegend;
    if (key.startsWith('volunteer.')) return messages[`label_${key.slice(10) as IdentityField}`];
    const question = this.load.status === 'ready' ? this.load.opportunity.questions.find((q) => `answers.${q.id}` === key) : undefined;
    return question?.label ?? key;
  }

  /** The sentence shown for a problem: ours for codes we know, else the server's words with the label. */
  private problemText(key: FieldKey, problem: FieldProblem): string {
    const messages = this.messages;
    const label = this.labelFor(key);
    switch (problem.code) {
      case 'required': {
        const question = key.startsWith('answers.') && this.load.status === 'ready' ? this.load.opportunity.questions.find((q) => `answers.${q.id}` === key) : undefined;
        return question ? messages.error_choose({ label }) : messages.error_required({ label });
      }
      case 'shift_required':
        return messages.error_shift_required;
      case 'consent_required':
        return messages.error_consent_required;
      case 'invalid_mobile':
        return messages.error_invalid_mobile;
      case 'invalid_email':
        return messages.error_invalid_email;
      case 'invalid_birth_date':
        return messages.error_invalid_birth_date;
      case 'invalid_resident_id':
        return messages.error_invalid_resident_id;
      case 'invalid_student_id':
        return messages.error_invalid_student_id;
      case 'invalid_employee_id':
        return messages.error_invalid_employee_id;
      case 'too_big':
        return messages.error_too_big;
      default:
        return messages.error_other({ label, message: problem.message });
    }
  }

  private renderFieldError(key: FieldKey): TemplateResult | typeof nothing {
    const problem = this.fieldErrors.get(key);
    return problem ? html`<p part="field-error" class="field-error" id=${errorId(key)}>${this.problemText(key, problem)}</p>` : nothing;
  }

  private describedBy(key: FieldKey, hasHint: boolean): string | typeof nothing {
    const ids = [hasHint ? hintId(key) : '', this.fieldErrors.has(key) ? errorId(key) : ''].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : nothing;
  }

  private marker(required: boolean): TemplateResult {
    return html` <span class="marker">(${required ? this.messages.required : this.messages.optional})</span>`;
  }

  private renderShifts(opportunity: Opportunity): TemplateResult {
    const messages = this.messages;
    const key: FieldKey = 'shiftId';
    const invalid = this.fieldErrors.has(key);
    return html`<fieldset part="fieldset" aria-describedby=${this.describedBy(key, false)}>
      <legend part="legend">${messages.shiftLegend}${this.marker(true)}</legend>
      ${this.renderFieldError(key)}
      <div class="choices ${invalid ? 'choices--invalid' : ''}">
        ${opportunity.shifts.map((shift) => this.renderShiftOption(opportunity, shift, invalid))}
      </div>
    </fieldset>`;
  }

  private renderShiftOption(opportunity: Opportunity, shift: Shift, invalid: boolean): TemplateResult {
    const messages = this.messages;
    const left = Math.max(0, shift.capacity - shift.signedUp);
    const id = `${fieldId('shiftId')}-${shift.id}`;
    return html`<label part="shift-option choice" class="choice" for=${id}>
      <input type="radio" id=${id} name="shift" data-field="shiftId" .value=${shift.id} .checked=${this.values.shiftId === shift.id}
        required aria-invalid=${invalid ? 'true' : 'false'} />
      <span class="choice__text">
        <span part="shift-time">${formatDateRange(this.config.locale, shift.start, shift.end, opportunity.timezone)}</span>
        <span part="spots" class="spots ${left === 0 ? 'spots--full' : ''}">${left > 0 ? messages.spotsLeft({ count: left }) : messages.fullWaitlist({ waitlisted: shift.waitlisted })}</span>
      </span>
    </label>`;
  }

  private renderIdentityField(field: IdentityField): TemplateResult {
    const messages = this.messages;
    const key = `volunteer.${field}` as const;
    const input = IDENTITY_INPUTS[field];
    const id = fieldId(key);
    const invalid = this.fieldErrors.has(key);
    return html`<div part="field" class="field">
      <label part="label" for=${id}>${messages[`label_${field}`]}${this.marker(true)}</label>
      ${input.hint ? html`<span part="hint" class="hint" id=${hintId(key)}>${messages[input.hint]}</span>` : nothing}
      ${this.renderFieldError(key)}
      <input part="input" class="input" id=${id} name=${field} data-field=${key} type=${input.type} autocomplete=${input.autocomplete}
        inputmode=${input.inputmode ?? nothing} autocapitalize=${input.autocapitalize ?? nothing}
        spellcheck=${input.spellcheck === false ? 'false' : nothing}
        required aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${this.describedBy(key, Boolean(input.hint))}
        .value=${this.values.volunteer[field] ?? ''} />
    </div>`;
  }

  /** The honor-board opt-in: names are masked in public (张*明) unless the person ticks this. */
  private renderShowName(): TemplateResult {
    const messages = this.messages;
    return html`<label part="show-name choice" class="choice consent" for="field-showName">
      <input id="field-showName" type="checkbox" data-field="showName" .checked=${this.values.showName} />
      <span>${messages.showNameLabel}${this.marker(false)}</span>
    </label>`;
  }

  private renderQuestion(question: Question): TemplateResult {
    const key = `answers.${question.id}` as const;
    const id = fieldId(key);
    const invalid = this.fieldErrors.has(key);
    const value = this.values.answers[question.id];
    if (question.kind === 'text') {
      return html`<div part="field" class="field">
        <label part="label" for=${id}>${question.label}${this.marker(question.required)}</label>
        ${this.renderFieldError(key)}
        <textarea part="input" class="input" id=${id} data-field=${key} rows="3" ?required=${question.required}
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${this.describedBy(key, false)}
          .value=${typeof value === 'string' ? value : ''}></textarea>
      </div>`;
    }
    const multi = question.kind === 'multi';
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return html`<fieldset part="fieldset" aria-describedby=${this.describedBy(key, false)}>
      <legend part="legend">${question.label}${this.marker(question.required)}</legend>
      ${this.renderFieldError(key)}
      <div class="choices ${invalid ? 'choices--invalid' : ''}">
        ${(question.options ?? []).map((option, index) => html`<label part="choice" class="choice" for="${id}-${index}">
          <input id="${id}-${index}" type=${multi ? 'checkbox' : 'radio'} name=${question.id} data-field=${key} .value=${option}
            .checked=${chosen.includes(option)} ?required=${question.required && !multi} aria-invalid=${invalid ? 'true' : 'false'} />
          <span>${option}</span>
        </label>`)}
      </div>
    </fieldset>`;
  }

  private renderConsent(channel: Channel): TemplateResult {
    const messages = this.messages;
    const key: FieldKey = 'consent';
    const id = fieldId(key);
    const invalid = this.fieldErrors.has(key);
    const policyUrl = safeHttpUrl(channel.privacyPolicyUrl);
    return html`<fieldset part="fieldset">
      <legend part="legend">${messages.consentLegend}${this.marker(true)}</legend>
      ${this.renderFieldError(key)}
      ${policyUrl
        ? html`<p><a part="privacy-link" href=${policyUrl} target="_blank" rel="noopener noreferrer">${messages.privacyLink} ${messages.opensInNewTab}</a></p>`
        : nothing}
      <label part="consent choice" class="choice consent" for=${id}>
        <input id=${id} type="checkbox" data-field=${key} .checked=${this.values.consent} required
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${this.describedBy(key, false)} />
        <span>${messages.consentLabel}</span>
      </label>
    </fieldset>`;
  }

  private renderSuccess(signup: Signup, alreadySignedUp: boolean): TemplateResult {
    const messages = this.messages;
    const opportunity = this.load.status === 'ready' ? this.load.opportunity : undefined;
    const shift = opportunity?.shifts.find((s) => s.id === signup.shiftId);
    const statusText =
      signup.status === 'waitlisted'
        ? messages.status_waitlisted({ position: signup.waitlistPosition })
        : (messages[`status_${signup.status}` as keyof SignupFormMessages] as string);
    return html`<section part="success" class="success" aria-labelledby="success-heading">
      <div part="success-heading" class="heading" id="success-heading" role="heading" aria-level=${this.level(0)} tabindex="-1">${this.successHeading(signup)}</div>
      ${alreadySignedUp ? html`<p part="already-signed-up">${messages.alreadySignedUp}</p>` : nothing}
      <p part="status" class="status--${signup.status}">${statusText}</p>
      <dl part="details" class="details">
        <dt>${messages.referenceLabel}</dt>
        <dd part="reference" class="reference">${signup.reference}</dd>
        ${opportunity && shift
          ? html`<dt>${messages.timeLabel}</dt>
              <dd>${formatDateRange(this.config.locale, shift.start, shift.end, opportunity.timezone)}</dd>`
          : nothing}
        ${opportunity
          ? html`<dt>${messages.placeLabel}</dt>
              <dd>${opportunity.location.name}</dd>`
          : nothing}
      </dl>
      ${this.calendarUrl
        ? html`<p><a part="calendar-link" class="button button--secondary" href=${this.calendarUrl} download="volunteer-${signup.reference}.ics">${messages.addToCalendar}</a></p>`
        : nothing}
      <slot name="success" part="success-extra"></slot>
    </section>`;
  }
}
