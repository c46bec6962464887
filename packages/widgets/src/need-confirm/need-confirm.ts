import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Needs, type ConfirmNeedBody } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderErrorState } from '../shared/error-state.js';
import { configurationGrace } from '../shared/config.js';
import { describeError, WidgetConfigurationError } from '../shared/errors.js';
import { VkNeedStepEvent } from '../shared/events.js';
import { createIdempotencyKey } from '../signup-form/submission-controller.js';
import { checkCode, confirmRefusal, type ConfirmRefusal } from './need-confirm-model.js';
import { needConfirmMessages } from './need-confirm.messages.js';
import { styles } from './need-confirm.styles.js';

type Phase = { phase: 'idle' } | { phase: 'sending' } | { phase: 'refused'; refusal: ConfirmRefusal; error: unknown } | { phase: 'done' };

/**
 * Confirms a fulfilled wish (确认服务), which approves the volunteer's service record so that it
 * counts for hours, stars and points. The resident — or a helper sitting with them — types the
 * one-time 6-digit code the volunteer shows (spaces are ignored), optionally rates the help 1–5,
 * and confirms with the publishable key. In `helper` mode with an organizer session (`ost_…`) a
 * community helper may also confirm without the code (the server records who). One field, large
 * targets, sizes in em. A wrong code is said under the field, which keeps what was typed; after
 * five wrong codes only a helper can confirm, and the widget says so. A retry of the same
 * confirmation sends the same Idempotency-Key.
 *
 * @summary Confirms a fulfilled wish with the volunteer's 6-digit code (or as a helper), with an optional 1–5 rating.
 * @tag vk-need-confirm
 *
 * @csspart form - The form.
 * @csspart code-input - The 6-digit code input.
 * @csspart field-error - The code's inline error.
 * @csspart rating - The optional 1–5 rating (a radio group).
 * @csspart message - Why the confirmation was refused, when not about the code.
 * @csspart submit-button - Confirms with the code.
 * @csspart helper-button - Confirms as a helper, without the code (helper mode).
 * @csspart success - The thank-you after confirming.
 * @csspart error - Set-up problem (no wish, no publishable key).
 * @csspart retry-button - The crash message's retry button (the form itself needs none: its button sends again).
 *
 * @event {VkNeedStepEvent} vk-need-step - The wish was confirmed; `detail: { needId, step: 'confirm', need }`.
 * @event {VkErrorEvent} vk-error - Confirming failed; `detail.error`.
 */
export class VkNeedConfirm extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The wish to confirm (`ned_…`). Required. */
  @property({ attribute: 'need-id', reflect: true }) needId = '';

  /** Helper mode: a community worker confirms (needs an organizer session), with or without the code. */
  @property({ type: Boolean, reflect: true }) helper = false;

  /** The organizer session (`ost_…`) of helper mode. A property only, never an attribute. */
  @property({ attribute: false }) session?: string;

  @state() private typed = '';
  @state() private rating: number | null = null;
  @state() private problem: 'required' | 'digits' | null = null;
  @state() private status: Phase = { phase: 'idle' };
  @state() private setupError: unknown = null;

  /** The last body sent and its key: the same body again (a retry) keeps the key. */
  private sent?: { body: string; key: string };

  private get messages() {
    return needConfirmMessages(this.config.locale);
  }

  /** In willUpdate: the reset renders with the new wish, without a second update. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new wish starts afresh (the demo reuses one element).
    if (changed.has('needId') && changed.get('needId') !== undefined) {
      this.typed = '';
      this.rating = null;
      this.problem = null;
      this.status = { phase: 'idle' };
      this.sent = undefined;
    }
  }

  private get isHelper(): boolean {
    return this.helper && Boolean(this.config.value.session);
  }

  private async send(method: 'code' | 'helper'): Promise<void> {
    if (this.status.phase === 'sending') return;
    let body: ConfirmNeedBody;
    if (method === 'code') {
      const checked = checkCode(this.typed);
      if (!checked.ok) {
        this.problem = checked.problem;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part~="code-input"]')?.focus();
        return;
      }
      body = { method, code: checked.code };
    } else {
      body = { method };
    }
    if (this.rating !== null) body.rating = this.rating;
    this.problem = null;
    this.setupError = null;
    let client = this.config.client;
    if (!client && this.config.clientError === undefined) {
      await configurationGrace(new AbortController().signal);
      client = this.config.client;
    }
    if (!client || !this.needId) {
      this.setupError = this.config.clientError ?? new WidgetConfigurationError(this.needId ? 'No publishable key and base URL configured' : 'No need-id');
      return;
    }
    const json = JSON.stringify(body);
    if (this.sent?.body !== json) this.sent = { body: json, key: createIdempotencyKey() };
    this.status = { phase: 'sending' };
    const session = this.config.value.session;
    try {
      const need = await new Needs(this.isHelper && session ? client.withSession(session) : client).confirm(this.needId, body, { idempotencyKey: this.sent.key });
      this.status = { phase: 'done' };
      this.dispatchEvent(new VkNeedStepEvent({ needId: this.needId, step: 'confirm', need }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="success"]')?.focus();
    } catch (error) {
      const refusal = confirmRefusal(error);
      this.status = { phase: 'refused', refusal, error };
      this.dispatchError(error);
      await this.updateComplete;
      if (refusal === 'wrong_code') this.renderRoot.querySelector<HTMLElement>('[part~="code-input"]')?.focus();
    }
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const m = this.messages;
    if (this.setupError || !this.needId) {
      return renderErrorState({ text: this.needId ? describeError(this.config.locale, this.setupError) : m.noNeed, alert: true });
    }
    if (this.status.phase === 'done') return html`<div part="success" class="state" role="status" tabindex="-1"><p class="state__title">${m.done}</p></div>`;
    const status = this.status;
    const sending = status.phase === 'sending';
    const wrongCode = status.phase === 'refused' && status.refusal === 'wrong_code';
    const codeError = this.problem ? m.codeProblems[this.problem] : wrongCode ? m.refusals.wrong_code : '';
    const formError = status.phase === 'refused' && !wrongCode
      ? (status.refusal === 'failed' ? describeError(this.config.locale, status.error) : m.refusals[status.refusal]) : '';
    return html`<form part="form" class="form" novalidate aria-labelledby="confirm-heading" @submit=${(event: Event) => { event.preventDefault(); void this.send('code'); }}>
      <h3 class="heading" id="confirm-heading">${m.heading}</h3>
      ${this.isHelper ? html`<p class="note">${m.helperNote}</p>` : nothing}
      <div class="field">
        <label for="code">${m.code}</label>
        <input part="code-input" id="code" name="code" class="code" inputmode="numeric" autocomplete="one-time-code" maxlength="9" .value=${this.typed}
          aria-invalid=${codeError ? 'true' : 'false'} aria-describedby="code-hint${codeError ? ' code-error' : ''}"
          @input=${(event: Event) => { this.typed = (event.target as HTMLInputElement).value; }} />
        <p class="hint" id="code-hint">${m.codeHint}</p>
        <p part="field-error" class="is-error" id="code-error" role="alert">${codeError}</p>
      </div>
      <fieldset part="rating" class="fieldset">
        <legend class="legend">${m.rating}</legend>
        <div class="stars">
          ${[null, 1, 2, 3, 4, 5].map((value) => html`<label class="star">
            <input type="radio" name="rating" value=${value ?? ''} .checked=${this.rating === value} @change=${() => { this.rating = value; }} />
            <span>${value === null ? m.noRating : html`<span aria-hidden="true">${'★'.repeat(value)}</span><span class="visually-hidden">${m.stars({ count: value })}</span>`}</span>
          </label>`)}
        </div>
      </fieldset>
      <p part="message" class="is-error" role="alert">${formError}</p>
      <button part="submit-button" class="button submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? m.sending : m.submit}</button>
      ${this.isHelper
        ? html`<button part="helper-button" class="button button--secondary submit" type="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => void this.send('helper')}>${m.helperConfirm}</button>`
        : nothing}
    </form>`;
  }
}
