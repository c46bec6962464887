import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { Needs, type CreateNeedBody, type Need, type ServiceMenuItem } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderLoadError } from '../shared/error-state.js';
import { configurationGrace } from '../shared/config.js';
import { describeError, isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkNeedCreateEvent } from '../shared/events.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { DraftStore } from '../signup-form/draft-store.js';
import { classifyError, SubmissionController, type SubmissionState } from '../signup-form/submission-controller.js';
import { checkValues, emptyValues, needBody, serverProblems, type FieldProblems, type NeedFormValues } from './need-form-model.js';
import { needFormMessages, type NeedFormField } from './need-form.messages.js';
import { styles } from './need-form.styles.js';

/**
 * A form an elderly resident, or a community helper sitting with them, can complete: the service
 * chosen from large tiles with the menu's words, plain-text details and preferred times (what a
 * phone's voice input types is fine), the resident's name, mobile and address, and consent. Few
 * fields, 3em targets, sizes in em. The resident files with the publishable key and accepts the
 * privacy policy; in helper mode (the `helper` attribute with an organizer session) the helper
 * records how the resident agreed and where the evidence is kept, and the wish opens at once.
 *
 * The same guarantees as `<vk-signup-form>`, with its modules: one Idempotency-Key per submission,
 * reused on every retry; offline, the wish waits and is sent when the connection is back; a
 * refusal is shown next to the field it concerns (the server's field paths) and nothing typed is
 * lost. A draft of the service, details and times survives a reload (sessionStorage); the
 * resident's name, mobile and address never go into it.
 *
 * @summary The 点单 form: a resident's wish, filed by the resident or by a helper with consent.
 * @tag vk-need-form
 *
 * @csspart form - The form.
 * @csspart service-choice - The service tiles (a radio group).
 * @csspart tile - One service tile.
 * @csspart field - A labelled input.
 * @csspart field-error - A field's inline error.
 * @csspart consent - The consent block (policy, or the helper's record of consent).
 * @csspart message - The form-level message (offline, retry, check the fields).
 * @csspart submit-button - The send / send again button.
 * @csspart success - The thank-you after sending.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The channel has no services on its menu yet.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkNeedCreateEvent} vk-need-create - The wish was filed; `detail: { need }` (masked, no address or contact).
 * @event {VkErrorEvent} vk-error - Loading the menu or sending failed; `detail.error`.
 */
export class VkNeedForm extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The resident's community (6-digit region code). Required. */
  @property({ attribute: 'region-code', reflect: true }) regionCode = '';

  /** The community organization that moderates it; may be left out when the channel works with one. */
  @property({ attribute: 'organization-id', reflect: true }) organizationId?: string;

  /** The channel's privacy policy version the resident accepts. */
  @property({ attribute: 'policy-version', reflect: true }) policyVersion?: string;

  /** Where the privacy policy is (a link beside the consent box). */
  @property({ attribute: 'policy-url', reflect: true }) policyUrl?: string;

  /** Helper mode: a community worker files for the resident (needs an organizer session). */
  @property({ type: Boolean, reflect: true }) helper = false;

  /** The organizer session (`ost_…`) of helper mode. A property only, never an attribute. */
  @property({ attribute: false }) session?: string;

  @state() private values: NeedFormValues = emptyValues();
  @state() private problems: FieldProblems = {};
  @state() private submission: SubmissionState<Need> = { phase: 'idle' };
  @state() private unplaced = false;

  private draft = new DraftStore('need-form');
  private consentAt?: Date;
  private readonly submitter = new SubmissionController<CreateNeedBody, Need>({
    send: (body, { idempotencyKey }) => {
      const client = this.config.client;
      if (!client) return Promise.reject(new WidgetConfigurationError('No publishable key and base URL configured'));
      const session = this.config.value.session;
      return new Needs(this.helper && session ? client.withSession(session) : client).create(body, { idempotencyKey });
    },
    // A filing has no "already exists": a 409 is a refusal like any other.
    classify: (error) => (classifyError(error) === 'conflict' ? 'definitive' : classifyError(error)),
    onStateChange: (next) => this.onSubmission(next),
  });

  private readonly menuTask = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) {
        if (this.config.clientError === undefined) await configurationGrace(signal);
        throw this.config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
      }
      return (await new Needs(client).menu({ signal })).data;
    },
    args: () => [this.config.client] as const,
    onError: (error) => {
      if (!isAbort(error)) this.dispatchError(error);
    },
  });

  private get messages() {
    return needFormMessages(this.config.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = this.draft.load();
    if (saved) {
      const { serviceCode = '', details = '', preferredTimes = '' } = saved.answers as Record<string, string>;
      this.values = { ...this.values, serviceCode, details, preferredTimes };
    }
  }

  protected override reloadAfterCrash(): void {
    void this.menuTask.run();
  }

  private get isHelper(): boolean {
    return this.helper && Boolean(this.config.value.session);
  }

  private set(field: keyof NeedFormValues, value: string | boolean): void {
    this.values = { ...this.values, [field]: value };
    // When the helper recorded how the resident agreed: fixed, so a resent body is the same body.
    if (field === 'method') this.consentAt = new Date();
    // A wish waiting for the connection is withdrawn: it would send what is no longer wanted.
    this.submitter.formChanged();
    if (this.problems[field as NeedFormField]) this.problems = { ...this.problems, [field]: undefined };
    const { serviceCode, details, preferredTimes } = this.values;
    // Only the wish itself: the resident's name, mobile and address never go into storage.
    this.draft.save({ volunteer: {}, answers: { serviceCode, details, preferredTimes } });
  }

  private onSubmission(next: SubmissionState<Need>): void {
    this.submission = next;
    if (next.phase === 'succeeded' && next.result) {
      this.draft.clear();
      this.dispatchEvent(new VkNeedCreateEvent({ need: next.result }));
    } else if (next.phase === 'failed') {
      const { fields, unplaced } = serverProblems(next.error);
      this.problems = fields;
      this.unplaced = unplaced;
      this.dispatchError(next.error);
      void this.focusFirstProblem();
    } else if (next.phase === 'retryable') {
      this.dispatchError(next.error);
    }
  }

  private async focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private submit(event: Event): void {
    event.preventDefault();
    if (this.submitter.busy) return;
    this.unplaced = false;
    const problems = checkValues(this.values, this.isHelper);
    this.problems = problems;
    if (Object.keys(problems).length > 0) {
      void this.focusFirstProblem();
      return;
    }
    const menu = this.menuTask.value ?? [];
    const item = menu.find((m) => m.code === this.values.serviceCode);
    const body = needBody(this.values, {
      title: item?.names[this.config.locale] ?? this.values.serviceCode, regionCode: this.regionCode, helper: this.isHelper, now: this.consentAt ?? new Date(),
      ...(this.organizationId ? { organizationId: this.organizationId } : {}), ...(this.policyVersion ? { policyVersion: this.policyVersion } : {}),
    });
    // An unchanged body keeps its Idempotency-Key (the controller compares them); a queued one is sent now.
    void (this.submission.phase === 'queued' ? this.submitter.flush() : this.submitter.submit(body));
  }

  private another(): void {
    this.values = emptyValues();
    this.consentAt = undefined;
    this.problems = {};
    this.submitter.reset();
    this.submission = { phase: 'idle' };
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return this.menuTask.render({
      pending: () => html`<div part="skeleton" aria-hidden="true"><span class="skeleton bar"></span><span class="skeleton bar"></span></div>
        <span class="visually-hidden" role="status">${sharedMessages(this.config.locale).loading}</span>`,
      error: (error) => this.renderError(error),
      complete: (menu) => (this.submission.phase === 'succeeded' && this.submission.result ? this.renderSuccess(this.submission.result) : this.renderForm(menu)),
      initial: () => html``,
    }) as TemplateResult;
  }

  private fieldError(field: NeedFormField) {
    const code = this.problems[field];
    return html`<p part="field-error" class="field-error" id="error-${field}">${code ? this.messages.fieldErrors[code] ?? this.messages.fieldErrors['other'] : ''}</p>`;
  }

  private describedBy(field: NeedFormField, hint?: string): string {
    return [hint, this.problems[field] ? `error-${field}` : ''].filter(Boolean).join(' ');
  }

  private textField(field: 'name' | 'mobile' | 'address' | 'preferredTimes' | 'evidenceRef', label: string, extra: { autocomplete?: string; inputmode?: string } = {}) {
    const invalid = Boolean(this.problems[field]);
    return html`<div part="field" class="field">
      <label for="field-${field}">${label}</label>
      <input id="field-${field}" name=${field} class="input" type=${field === 'mobile' ? 'tel' : 'text'} .value=${this.values[field]}
        autocomplete=${extra.autocomplete ?? 'off'} inputmode=${extra.inputmode ?? 'text'} aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${this.describedBy(field) || nothing} @input=${(event: Event) => this.set(field, (event.target as HTMLInputElement).value)} />
      ${this.fieldError(field)}
    </div>`;
  }

  private renderForm(menu: ServiceMenuItem[]) {
    const messages = this.messages;
    const helper = this.isHelper;
    const phase = this.submission.phase;
    const sending = phase === 'sending';
    const message = phase === 'queued' ? messages.queued : phase === 'retryable' ? messages.retryable
      : phase === 'failed' ? (this.unplaced ? describeError(this.config.locale, this.submission.error) : messages.fixFields) : '';
    if (menu.length === 0) return html`<div part="empty" class="state state--empty"><p>${messages.noMenu}</p></div>`;
    return html`<form part="form" class="form" novalidate @submit=${(event: Event) => this.submit(event)}>
      <fieldset part="service-choice" class="fieldset" aria-invalid=${this.problems.serviceCode ? 'true' : 'false'} aria-describedby=${this.describedBy('serviceCode') || nothing}>
        <legend class="legend">${messages.service}</legend>
        <div class="tiles">
          ${menu.map((item) => html`<label part="tile" class="tile">
            <input type="radio" name="serviceCode" value=${item.code} .checked=${this.values.serviceCode === item.code} @change=${() => this.set('serviceCode', item.code)} />
            <span>${item.names[this.config.locale]}</span>
          </label>`)}
        </div>
        ${this.fieldError('serviceCode')}
      </fieldset>
      <div part="field" class="field">
        <label for="field-details">${messages.details}</label>
        <textarea id="field-details" name="details" class="input" rows="3" .value=${this.values.details}
          @input=${(event: Event) => this.set('details', (event.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${this.textField('preferredTimes', messages.preferredTimes)}
      <fieldset class="fieldset">
        <legend class="legend">${messages.resident}</legend>
        <p class="note" id="resident-note">${messages.residentNote}</p>
        ${this.textField('name', messages.name, helper ? {} : { autocomplete: 'name' })}
        ${this.textField('mobile', messages.mobile, { inputmode: 'tel', ...(helper ? {} : { autocomplete: 'tel' }) })}
        ${this.textField('address', messages.address, helper ? {} : { autocomplete: 'street-address' })}
      </fieldset>
      <div part="consent" class="consent">
        ${helper ? this.renderHelperConsent() : html`<label class="check">
          <input type="checkbox" name="accepted" .checked=${this.values.accepted} aria-invalid=${this.problems.accepted ? 'true' : 'false'}
            aria-describedby=${this.describedBy('accepted') || nothing} @change=${(event: Event) => this.set('accepted', (event.target as HTMLInputElement).checked)} />
          <span>${messages.accept}</span>
        </label>
        ${this.policyUrl ? html`<a href=${this.policyUrl} target="_blank" rel="noopener">${messages.policy}</a>` : nothing}
        ${this.fieldError('accepted')}`}
      </div>
      <p part="message" class="message ${phase === 'failed' || phase === 'retryable' ? 'is-error' : ''}" role="alert">${message}</p>
      <button part="submit-button" class="button submit" type="submit" ?disabled=${sending}>${sending ? messages.sending : phase === 'retryable' || phase === 'queued' ? messages.retry : messages.submit}</button>
    </form>`;
  }

  private renderHelperConsent() {
    const messages = this.messages;
    return html`<fieldset class="fieldset" aria-invalid=${this.problems.method ? 'true' : 'false'} aria-describedby=${this.describedBy('method') || nothing}>
        <legend class="legend">${messages.method}</legend>
        <div class="tiles tiles--inline">
          ${(['in_person', 'phone', 'written'] as const).map((method) => html`<label class="tile">
            <input type="radio" name="method" value=${method} .checked=${this.values.method === method} @change=${() => this.set('method', method)} />
            <span>${messages.methods[method]}</span>
          </label>`)}
        </div>
        ${this.fieldError('method')}
      </fieldset>
      ${this.textField('evidenceRef', messages.evidenceRef)}`;
  }

  private renderSuccess(need: Need) {
    const messages = this.messages;
    return html`<div part="success" class="state" role="status">
      <p class="state__title">${need.status === 'open' ? messages.doneOpen : messages.doneSubmitted}</p>
      <button class="button button--secondary" type="button" @click=${() => this.another()}>${messages.another}</button>
    </div>`;
  }

  private renderError(error: unknown) {
    return renderLoadError(this.config.locale, error, () => void this.menuTask.run(), { alert: true });
  }
}
