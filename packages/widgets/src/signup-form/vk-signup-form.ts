/**
 * `<vk-signup-form>`: signing up for one opportunity (docs/widgets/vk-signup-form.md).
 *
 * This class loads the form's data, keeps its state, renders it and moves focus. The rest lives
 * beside it and knows nothing of the class: `form-model.ts` (fields, validation, request body),
 * `identity-rule.ts` (which identity fields are asked), `form-fields.ts` (field templates and ARIA
 * wiring), `form-feedback.ts` (problem → message), `form-views.ts` (loading, error, "not open",
 * success), `submission-controller.ts` (idempotency, retries, offline queue), `existing-signup.ts`
 * and `undo-cancel.ts` (a signed-in volunteer's sign-up and its cancel), `draft-store.ts` and
 * `ics.ts`. Its events are classes in `../shared/events.ts`.
 *
 * @module
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Channel, Opportunity, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { Signups, type BaseClient } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { WidgetConfigurationError } from '../shared/errors.js';
import { FORM_HEADINGS, headingLevel } from '../shared/heading-level.js';
import { VkSignupErrorEvent, VkSignupSubmitEvent, VkSignupSuccessEvent } from '../shared/events.js';
import { signupFormMessages, type SignupFormMessages } from './signup-form.messages.js';
import { signupFormStyles } from './signup-form.styles.js';
import { DraftStore } from './draft-store.js';
import { signupWindow, buildBody, emptyValues, initialValues, problemsAfterBlur, problemsAfterInput, validateForm, loadValidation, validationLoaded,
  type BodyContext, type FieldKey, type FieldProblem, type FormSpec, type FormValues } from './form-model.js';
import { bodyContextFor, formSpecFor } from './identity-rule.js';
import { configurationProblem, loadFormData, type LoadState } from './form-data.js';
import { fieldLeft, renderFieldsets, renderSummary, submitLabel, withInput, type FieldView } from './form-fields.js';
import { existingSignupIn, loadErrorText, problemText, retryableText, submissionProblems, successHeading } from './form-feedback.js';
import { renderHeading, renderLoadError, renderLoading, renderNotice, renderNotOpen, renderSuccess } from './form-views.js';
import { SubmissionController, type SubmissionState } from './submission-controller.js';
import { signupCalendarUrl } from './ics.js';
import { ExistingSignupController } from './existing-signup.js';

// Also exported here, for `@volunteerkit/widgets/signup-form.js`.
export { VkSignupCancelEvent, VkSignupErrorEvent, VkSignupSubmitEvent, VkSignupSuccessEvent } from '../shared/events.js';
export type { VkSignupCancelDetail, VkSignupErrorDetail, VkSignupSubmitDetail, VkSignupSuccessDetail } from '../shared/events.js';

/**
 * A sign-up form for one volunteer opportunity: shift choice with spots left, the identity fields
 * the channel requires, the opportunity's questions and consent to the channel's privacy policy.
 * Keeps a draft across reloads, sends exactly one sign-up per attempt (double clicks, retries,
 * offline → online) and ends with the status in plain words, a reference number and a calendar file.
 * With a volunteer session it shows the volunteer's live sign-ups for the activity instead of a
 * blank form, each with a cancel that can be undone for five seconds.
 *
 * @summary Sign up for one volunteer opportunity.
 *
 * @slot intro - Shown under the heading, above the form: the host's own note ("Bring your student card").
 * @slot success - Shown in the success view after the details: next steps, a link to the host's own page.
 *
 * @csspart skeleton - The loading placeholder (reserves the form's height); it pulses as one block.
 * @csspart loading - The same placeholder, by the name it had first.
 * @csspart error - The error state when the form could not be loaded.
 * @csspart empty - Shown instead of the form when sign-up is not open (yet, or any more) or there is no shift.
 * @csspart retry-button - "Try again" (load error), "Send again" (failed submission), "Try now" (offline).
 * @csspart form - The `<form>`.
 * @csspart intro - The `intro` slot.
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
 * @csspart already-signed-up - "You were already signed up" when the server found an earlier sign-up.
 * @csspart status - The status in plain words.
 * @csspart details - Reference number, time and place.
 * @csspart reference - The reference number.
 * @csspart calendar-link - The "add to calendar" download link.
 * @csspart success-extra - The `success` slot.
 * @csspart live-region - The visually hidden polite live region that announces notices and success.
 * @csspart existing-signup - With a session: the volunteer's live sign-ups, shown instead of the form.
 * @csspart cancel-button - "Cancel this sign-up".
 * @csspart cancel-pending - "Cancelling in 5 s…" with the undo button, then "Cancelling…".
 * @csspart undo-button - Takes the cancel back during the undo window; takes focus.
 * @csspart cancelled - The confirmation once a cancel went through; its heading takes focus.
 * @csspart sign-up-again - Shows the form: "Sign up again" or "Sign up for another time".
 *
 * @cssproperty --vk-space - Spacing unit (1em). The colour, radius and font properties are the base class's.
 *
 * @event {VkSignupSubmitEvent} vk-signup-submit - A valid form is about to be sent; cancelable. `detail: { opportunityId, shiftId }` (no personal data).
 * @event {VkSignupSuccessEvent} vk-signup-success - The sign-up exists. `detail: { signup, alreadySignedUp }`.
 * @event {VkSignupErrorEvent} vk-signup-error - A submission failed. `detail: { error, retryable }`.
 * @event {VkSignupCancelEvent} vk-signup-cancel - The volunteer cancelled a sign-up (after the undo window) and the server confirmed it. `detail: { signup }`.
 * @event {VkErrorEvent} vk-error - The form could not be loaded. `detail: { error }`.
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
   * The level of the form's headings (1–6, default 2); the error summary's title is one below.
   * Set it to fit the page: `3` for a form inside a section that already has an `<h2>`.
   */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /**
   * A volunteer session token (`vst_…`) minted by the partner's back end (else the provider's or
   * `configure()`'s). With it, the form signs up the signed-in volunteer, asks for no identity and
   * shows their sign-ups. A property only: never an attribute, never read from the URL.
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
  /** What the loaded data depends on (opportunity, session, client); a change reloads. */
  private loadedFor: string | undefined;
  /** The opportunity `values` belong to; a reload of the same one keeps them. */
  private valuesFor: string | undefined;
  /** Set while a submit waits for the validation schemas (a second click waits with it). */
  private validationWait: Promise<void> | undefined;

  private readonly controller = new SubmissionController<ReturnType<typeof buildBody>, Signup>({
    send: (body, { idempotencyKey }) => {
      const client = this.activeClient();
      if (!client) return Promise.reject(new WidgetConfigurationError('no client'));
      return new Signups(client).create(body, { idempotencyKey });
    },
    existingFrom: existingSignupIn,
    onStateChange: (next) => this.onSubmissionChange(next),
  });

  /** With a session: the volunteer's sign-ups for this activity and their cancel. */
  private readonly existing = new ExistingSignupController(this, { client: () => this.activeClient(), announce: (text) => (this.announcement = text), onCancelled: () => this.onRetryLoad() });

  private get messages(): SignupFormMessages {
    return signupFormMessages(this.config.locale);
  }

  /** `aria-level` for a heading `offset` below the form's own level (see shared/heading-level.ts). */
  private level(offset: number): number {
    return headingLevel(this.headingLevel, FORM_HEADINGS, offset);
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
    const key = `${this.opportunity ?? ''}|${this.config.value.session ?? ''}|${client ? 'client' : ''}|${this.config.value.baseUrl ?? ''}|${this.config.value.publishableKey ?? ''}`;
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
    this.existing.reset();
    this.submission = { phase: 'idle' };
    this.values = emptyValues();
    this.valuesFor = undefined;
    this.clearProblems();
    this.notice = null;
    this.announcement = '';
    if (this.calendarUrl) URL.revokeObjectURL(this.calendarUrl);
    this.calendarUrl = undefined;
  }

  /** The client the form signs up with: the session's, or the publishable key's. */
  private activeClient(): BaseClient | null {
    const client = this.config.client;
    if (!client) return null;
    return this.config.value.session ? client.withSession(this.config.value.session) : client;
  }

  private async loadData(): Promise<void> {
    const generation = ++this.loadGeneration;
    if (this.submission.phase === 'succeeded') return; // never replace a success view
    void loadValidation().catch(() => {}); // beside the form's data; a failure is retried at submit
    const opportunityId = this.opportunity;
    if (!opportunityId || !this.config.client) {
      if (this.config.clientError === undefined) this.load = { status: 'loading' }; // the skeleton while it may still arrive
      const error = await configurationProblem(() => this.config.clientError, opportunityId, () => generation !== this.loadGeneration);
      if (error !== undefined) this.failLoad(error);
      return;
    }
    // A reload of the same opportunity keeps the form on screen instead of a skeleton.
    if (this.load.status !== 'ready' || this.load.opportunity.id !== opportunityId) this.load = { status: 'loading' };
    try {
      const data = await loadFormData(this.activeClient()!, opportunityId, Boolean(this.config.value.session));
      const { opportunity, mine } = data;
      if (generation !== this.loadGeneration) return;
      // Reloading the same opportunity (a retry, a new session) keeps what is on screen: the
      // draft has neither the ID number nor consent, the fields do.
      this.draft = new DraftStore(opportunity.id);
      if (this.valuesFor !== opportunity.id) {
        this.values = initialValues(opportunity.shifts.map((s) => s.id), this.draft.load(), this.shift);
        this.valuesFor = opportunity.id;
      }
      this.existing.show(opportunity, mine);
      this.load = { status: 'ready', ...data };
    } catch (error) {
      if (generation === this.loadGeneration) this.failLoad(error);
    }
  }

  private failLoad(error: unknown): void {
    this.load = { status: 'error', error };
    this.dispatchError(error);
  }

  private spec(): FormSpec {
    return this.load.status === 'ready' ? formSpecFor({ ...this.load, hasSession: Boolean(this.config.value.session) }) : { identityFields: [], questions: [], shiftIds: [] };
  }

  private bodyContext(): BodyContext {
    const ready = this.load.status === 'ready' ? this.load : undefined;
    return bodyContextFor(this.opportunity ?? '', ready?.channel.privacyPolicyVersion ?? '', Boolean(this.config.value.session), ready?.profile ?? null);
  }

  // -------------------------------------------------------------------------------------------
  // Input

  private readonly onInput = (event: Event): void => {
    const input = withInput(this.values, event.target as HTMLInputElement | HTMLTextAreaElement);
    if (!input) return;
    const { key, values } = input;
    this.values = values;
    // The honor-board opt-in is a preference, not an answer: not in the draft (like consent).
    if (key !== 'showName') this.draft?.save({ shiftId: values.shiftId, volunteer: values.volunteer as Record<string, string>, answers: values.answers });
    if (this.controller.formChanged()) this.setNotice(this.messages.withdrawn, 'info');
    if (key !== 'showName') this.fieldErrors = problemsAfterInput(this.fieldErrors, key, values, this.spec(), this.bodyContext());
  };

  /** On leaving a field: check it, unless it is still empty and untouched by errors. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const key = fieldLeft(event);
    if (key) this.fieldErrors = problemsAfterBlur(this.fieldErrors, key, this.values, this.spec(), this.bodyContext());
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

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
      void this.showProblems(result.fields, result.unplaced.map((p) => p.message));
      return;
    }
    this.clearProblems();
    const body = buildBody(this.values, spec, this.bodyContext());
    if (!this.dispatchEvent(new VkSignupSubmitEvent({ opportunityId: body.opportunityId, shiftId: body.shiftId }))) return;
    await this.controller.submit(body);
  }

  private readonly onRetrySubmit = (): void => {
    if (!this.controller.busy) void this.controller.retry();
  };

  private readonly onRetryLoad = (): void => {
    this.loadedFor = undefined;
    this.requestUpdate();
  };

  protected override reloadAfterCrash(): void {
    if (this.submission.phase !== 'succeeded') this.load = { status: 'loading' }; // drop what crashed the render
    this.onRetryLoad();
  }

  // -------------------------------------------------------------------------------------------
  // Submission outcome

  private onSubmissionChange(next: SubmissionState<Signup>): void {
    const previous = this.submission;
    this.submission = next;
    switch (next.phase) {
      case 'sending':
        if (previous.phase === 'queued') this.setNotice(this.messages.sentAfterReconnect, 'info');
        else this.notice = null;
        break;
      case 'queued':
        this.setNotice(this.messages.offlineQueued, 'info');
        break;
      case 'retryable':
        this.setNotice(retryableText(next.error, this.messages), 'problem');
        this.dispatchEvent(new VkSignupErrorEvent({ error: next.error, retryable: true }));
        break;
      case 'failed': {
        this.notice = null;
        const { fields, general } = submissionProblems(next.error, this.spec(), this.messages);
        void this.showProblems(fields, general);
        this.dispatchEvent(new VkSignupErrorEvent({ error: next.error, retryable: false }));
        break;
      }
      case 'succeeded':
        void this.showSuccess(next.result!, next.alreadyExisted === true);
        break;
      case 'idle':
        break;
    }
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
    this.clearProblems();
    const opportunity = this.load.status === 'ready' ? this.load.opportunity : undefined;
    const shift = opportunity?.shifts.find((s) => s.id === signup.shiftId);
    if (this.calendarUrl) URL.revokeObjectURL(this.calendarUrl);
    this.calendarUrl = opportunity && shift ? signupCalendarUrl(signup, opportunity, shift, this.messages.referenceLabel) : undefined;
    this.announcement = this.messages.announceSuccess({ heading: successHeading(signup, this.messages), reference: signup.reference });
    this.dispatchEvent(new VkSignupSuccessEvent({ signup, alreadySignedUp }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="success-heading"]')?.focus();
  }

  private clearProblems(): void {
    this.fieldErrors = new Map();
    this.generalErrors = [];
    this.showSummary = false;
  }

  private setNotice(text: string, kind: 'info' | 'problem'): void {
    this.notice = { text, kind };
    this.announcement = text;
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    return html`${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="live-region">${this.announcement}</div>`;
  }

  private renderBody(): TemplateResult {
    const { messages, load, submission } = this;
    const locale = this.config.locale;
    if (submission.phase === 'succeeded' && submission.result) {
      const opportunity = load.status === 'ready' ? load.opportunity : undefined;
      return renderSuccess({ messages, locale, signup: submission.result, alreadySignedUp: submission.alreadyExisted === true,
        opportunity, calendarUrl: this.calendarUrl, level: this.level(0) });
    }
    switch (load.status) {
      case 'idle':
      case 'loading':
        return renderLoading(messages);
      case 'error': {
        const { text, canRetry } = loadErrorText(load.error, this.opportunity, locale, messages);
        return renderLoadError(messages, text, canRetry ? this.onRetryLoad : undefined);
      }
      case 'ready':
        if (this.existing.showing) return this.existing.render({ messages, locale, opportunity: load.opportunity, level: this.level(0) });
        return load.opportunity.shifts.length === 0 || !signupWindow(load.opportunity).open
          ? renderNotOpen(messages, locale, load.opportunity, this.mode === 'dialog' ? nothing : renderHeading(messages, load.opportunity, this.level(0)))
          : this.renderForm(load.opportunity, load.channel, load.profile);
    }
  }

  private renderForm(opportunity: Opportunity, channel: Channel, profile: VolunteerProfile | null): TemplateResult {
    const messages = this.messages;
    const spec = this.spec();
    const errors = new Map([...this.fieldErrors].map(([key, problem]) => [key, problemText(key, problem, messages, opportunity.questions)]));
    const view: FieldView = { messages, locale: this.config.locale, values: this.values, errors };
    const { phase } = this.submission;
    return html`<form part="form" novalidate @submit=${this.onSubmit} @input=${this.onInput} @change=${this.onInput} @focusout=${this.onFocusOut}>
      ${this.mode === 'dialog' ? nothing : renderHeading(messages, opportunity, this.level(0))}
      <slot name="intro" part="intro"></slot>
      ${this.showSummary ? renderSummary(view, spec, opportunity, this.generalErrors, this.level(1)) : nothing}
      ${renderFieldsets(view, spec, opportunity, channel, profile)}
      ${this.notice ? renderNotice(messages, this.notice, phase, this.onRetrySubmit, () => void this.controller.flush()) : nothing}
      <div class="actions">
        <button part="submit-button" class="button" type="submit" aria-disabled=${this.controller.busy ? 'true' : 'false'}>${phase === 'sending' ? messages.sending : submitLabel(view, opportunity)}</button>
      </div>
    </form>`;
  }
}
