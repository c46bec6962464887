import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { MyAttendance, type Attendance } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { NoSessionError, signedIn } from '../shared/signed-in.js';
import { describeError, isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkCheckinEvent } from '../shared/events.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { checkInOpensAt, clockTime, codeProblem, loadTodaysShifts, normalizeCode, refusalOf, type CheckinAction, type CheckinShift, type Refusal } from './checkin-model.js';
import { checkinMessages } from './checkin.messages.js';
import { styles } from './checkin.styles.js';

/**
 * The volunteer types the 6 digits shown on the organizer's screen (a numeric keypad on phones;
 * "123 456" and full-width digits are accepted as typed or pasted) for one of their confirmed
 * sign-ups of today, and checks in or out. The answer is said in plain words ("Checked in at
 * 09:02", in the activity's time zone). Every refusal of the server (a wrong, expired or other
 * shift's code, too early, no confirmed sign-up, too many wrong codes) is an inline message saying
 * what to do, and what was typed stays. Works with the keyboard alone; the session comes as a
 * property, from `<vk-provider>` or from `configure()`, never an attribute.
 *
 * @summary A volunteer's check-in and check-out (签到/签退) with the shift's 6-digit code.
 * @tag vk-checkin
 *
 * @csspart form - The check-in form.
 * @csspart shift-choice - The group of today's shifts (a radio each; one shift is chosen for you).
 * @csspart action-choice - Check in / check out.
 * @csspart code-input - The 6-digit code input.
 * @csspart hint - The hint under the code input.
 * @csspart message - The inline refusal (what to do next).
 * @csspart submit-button - The check-in / check-out button.
 * @csspart result - "Checked in at 09:02".
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No confirmed shift today.
 * @csspart sign-in - Shown without a volunteer session.
 * @csspart error - Loading failed.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkCheckinEvent} vk-checkin - The server recorded a check-in or check-out; `detail: { action, attendance }`.
 * @event {VkErrorEvent} vk-error - Loading the shifts failed; `detail.error`.
 */
export class VkCheckin extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /**
   * A volunteer session token (`vst_…`) minted by the partner's back end (else the provider's or
   * `configure()`'s). A property only: a token in an attribute ends up in the page's HTML.
   */
  @property({ attribute: false }) session?: string;

  @state() private shiftId = '';
  @state() private action: CheckinAction = 'check_in';
  @state() private code = '';
  @state() private refusal: Refusal | null = null;
  @state() private sending = false;
  /** The last confirmed check-in or check-out, said in words. */
  @state() private result: { action: CheckinAction; attendance: Attendance; timezone: string } | null = null;

  @query('input[name="code"]') private codeInput?: HTMLInputElement;

  private readonly shiftsTask = new Task(this, {
    task: async ([client, session], { signal }) => {
      const [signedClient, token] = await signedIn(this.config, client, session, signal);
      return loadTodaysShifts(signedClient, token, new Date(), signal);
    },
    args: () => [this.config.client, this.config.value.session] as const,
    onComplete: (shifts) => this.chooseDefaults(shifts),
    onError: (error) => {
      if (isAbort(error) || error instanceof NoSessionError) return;
      this.dispatchError(error);
    },
  });

  private get messages() {
    return checkinMessages(this.config.locale);
  }

  protected override reloadAfterCrash(): void {
    void this.shiftsTask.run();
  }

  /** One shift is chosen for the volunteer; the action follows what the sign-up says. */
  private chooseDefaults(shifts: CheckinShift[]): void {
    const current = shifts.find((s) => s.shiftId === this.shiftId) ?? (shifts.length === 1 ? shifts[0] : undefined);
    this.shiftId = current?.shiftId ?? '';
    if (current) this.action = current.checkedIn ? 'check_out' : 'check_in';
  }

  private get shifts(): CheckinShift[] {
    return this.shiftsTask.value ?? [];
  }

  private get chosenShift(): CheckinShift | undefined {
    return this.shifts.find((s) => s.shiftId === this.shiftId);
  }

  // ------------------------------------------------------------------ volunteer actions

  private chooseShift(event: Event): void {
    this.shiftId = (event.target as HTMLInputElement).value;
    const shift = this.chosenShift;
    if (shift) this.action = shift.checkedIn ? 'check_out' : 'check_in';
    if (this.refusal?.field === 'shiftId') this.refusal = null;
  }

  private chooseAction(event: Event): void {
    this.action = (event.target as HTMLInputElement).value as CheckinAction;
    if (this.refusal?.field === 'action') this.refusal = null;
  }

  private onCodeInput(event: Event): void {
    this.code = (event.target as HTMLInputElement).value;
    if (this.refusal?.field === 'code') this.refusal = null;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const shift = this.chosenShift;
    const client = this.config.client;
    const session = this.config.value.session;
    if (!shift) {
      this.refusal = { key: 'choose_shift', field: 'shiftId' };
      return this.focusFix();
    }
    const problem = codeProblem(this.code);
    if (problem) {
      this.refusal = { key: problem, field: 'code' };
      return this.focusFix();
    }
    if (!client || !session) return;
    this.sending = true;
    this.refusal = null;
    const action = this.action;
    try {
      const attendance = await new MyAttendance(client.withSession(session)).record({ shiftId: shift.shiftId, code: normalizeCode(this.code), action });
      this.result = { action, attendance, timezone: shift.timezone };
      this.code = '';
      shift.checkedIn = true;
      if (action === 'check_in') this.action = 'check_out';
      this.dispatchEvent(new VkCheckinEvent({ action, attendance }));
    } catch (error) {
      this.refusal = refusalOf(error);
      await this.focusFix();
    } finally {
      this.sending = false;
    }
  }

  /** Focus goes where the fix is: the code for a code refusal, else the message is announced. */
  private async focusFix(): Promise<void> {
    await this.updateComplete;
    if (this.refusal?.field === 'code') this.codeInput?.focus();
    else if (this.refusal?.field === 'shiftId') this.renderRoot.querySelector<HTMLInputElement>('input[name="shift"]')?.focus();
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return html`${this.shiftsTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.shiftsTask.value ? this.renderForm(this.shiftsTask.value) : this.renderSkeleton()),
      error: (error) => this.renderError(error),
      complete: (shifts) => this.renderForm(shifts),
    })}`;
  }

  private refusalText(refusal: Refusal): string {
    const messages = this.messages;
    const shift = this.chosenShift;
    switch (refusal.key) {
      case 'too_early':
        return messages.too_early({ time: shift ? clockTime(this.config.locale, checkInOpensAt(shift.start), shift.timezone) : '' });
      case 'rate_limited':
        return messages.rate_limited({ seconds: refusal.retryAfter ?? null });
      default:
        return messages[refusal.key];
    }
  }

  private renderForm(shifts: CheckinShift[]) {
    const messages = this.messages;
    const locale = this.config.locale;
    if (shifts.length === 0) {
      return html`<div part="empty" class="state"><p class="state__title">${messages.noShifts}</p></div>`;
    }
    const shift = this.chosenShift;
    const refusal = this.refusal;
    const codeRefused = refusal?.field === 'code';
    const result = this.result;
    return html`<form part="form" class="form" novalidate aria-label=${messages.formLabel} @submit=${this.submit}>
      <fieldset part="shift-choice" aria-invalid=${refusal?.field === 'shiftId' ? 'true' : nothing}>
        <legend class="label">${messages.shiftLegend}</legend>
        <div class="choices">
          ${shifts.map((s) => html`<label class="choice">
            <input type="radio" name="shift" value=${s.shiftId} .checked=${s.shiftId === this.shiftId} @change=${this.chooseShift} />
            <span>${messages.shiftOption({ title: s.title, time: `${clockTime(locale, s.start, s.timezone)}–${clockTime(locale, s.end, s.timezone)}` })}</span>
          </label>`)}
        </div>
      </fieldset>
      ${shift
        ? html`<fieldset part="action-choice">
            <legend class="label">${messages.actionLegend}</legend>
            ${shift.checkedIn ? html`<p class="note">${messages.checkedInNote}</p>` : nothing}
            <div class="choices choices--inline">
              ${(['check_in', 'check_out'] as const).map((a) => html`<label class="choice">
                <input type="radio" name="action" value=${a} .checked=${this.action === a} @change=${this.chooseAction} />
                <span>${messages.actions[a]}</span>
              </label>`)}
            </div>
          </fieldset>`
        : nothing}
      <div class="field">
        <label for="code">${messages.codeLabel}</label>
        <input part="code-input" id="code" name="code" class="input code-input" type="text" inputmode="numeric"
          autocomplete="one-time-code" enterkeyhint="done" spellcheck="false" aria-describedby="hint message"
          aria-invalid=${codeRefused ? 'true' : 'false'} .value=${this.code} @input=${this.onCodeInput} />
        <p part="hint" id="hint" class="hint">${messages.codeHint}</p>
      </div>
      <p part="message" id="message" class="message" role="alert">${refusal ? this.refusalText(refusal) : ''}</p>
      <button part="submit-button" class="button submit" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
        ${this.sending ? messages.sending : messages.actions[this.action]}
      </button>
      <p part="result" class="done" role="status">${result ? this.renderResult(result) : ''}</p>
    </form>`;
  }

  private renderResult(result: NonNullable<VkCheckin['result']>) {
    const messages = this.messages;
    const locale = this.config.locale;
    const at = result.action === 'check_in' ? result.attendance.checkInAt : (result.attendance.checkOutAt ?? result.attendance.updatedAt);
    const time = clockTime(locale, at, result.timezone);
    return html`<strong>${result.action === 'check_in' ? messages.checkedInAt({ time }) : messages.checkedOutAt({ time })}</strong>${result.action === 'check_out' ? messages.afterCheckOut : nothing}`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true" class="form">
        <span class="skeleton bar"></span><span class="skeleton bar"></span><span class="skeleton bar"></span>
      </div>
      <span class="visually-hidden">${this.messages.loadingLabel}</span>`;
  }

  private renderError(error: unknown) {
    if (error instanceof NoSessionError) {
      return html`<div part="sign-in" class="state"><p class="state__title">${this.messages.needSession}</p></div>`;
    }
    const shared = sharedMessages(this.config.locale);
    return html`<div part="error" class="state state--error">
      <p class="state__title">${shared.errorTitle}</p>
      <p>${describeError(this.config.locale, error)}</p>
      ${WidgetConfigurationError.is(error)
        ? nothing
        : html`<button part="retry-button" class="button" type="button" @click=${() => void this.shiftsTask.run()}>${shared.retry}</button>`}
    </div>`;
  }
}
