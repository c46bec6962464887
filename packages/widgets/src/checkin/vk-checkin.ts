import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AuthenticationError, MyAttendance, type Attendance } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderSignedInError, signedInTask } from '../shared/signed-in-task.js';
import { SIGNUP_CHANGE_EVENTS, VkCheckinEvent, VkSessionExpiredEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/i18n.js';
import { explain } from '../my-hours/hours-model.js';
import { myHoursMessages } from '../my-hours/my-hours.messages.js';
import { afterAttendance, checkInOpensAt, clockTime, codeProblem, defaultShift, loadRecord, loadTodaysShifts, nextAction, normalizeCode, qrShiftId, refusalOf, scanProblemOf, type CheckinAction, type CheckinShift, type DutyStage, type Refusal } from './checkin-model.js';
import { checkinMessages } from './checkin.messages.js';
import { styles } from './checkin.styles.js';

const STAGE_ORDER: readonly DutyStage[] = ['not_checked_in', 'checked_in', 'checked_out'];

/**
 * The volunteer types the 6 digits shown on the organizer's screen (a numeric keypad on phones;
 * "123 456" and full-width digits are accepted as typed or pasted) for one of their confirmed
 * sign-ups of today, and checks in or out. The answer is said in plain words ("Checked in at
 * 09:02", in the activity's time zone). Every refusal of the server (a wrong, expired or other
 * shift's code, too early, no confirmed sign-up, too many wrong codes) is an inline message saying
 * what to do, and what was typed stays. "Scan" opens the camera and reads the QR code instead
 * (`BarcodeDetector` where the browser reads QR codes, else a decoder loaded only then); typing
 * stays available always, and a refused camera is an inline message with focus back on the
 * code. A sign-up or cancel on the same page (`vk-signup-success`, `vk-signup-cancel`) makes it
 * read the shifts again. Works with the keyboard alone; the session comes as a
 * property, from `<vk-provider>` or from `configure()`, never an attribute.
 *
 * @summary A volunteer's check-in and check-out (签到/签退) with the shift's 6-digit code.
 * @tag vk-checkin
 *
 * @csspart form - The check-in form.
 * @csspart shift-choice - The group of today's shifts (a radio each; the only one, the one checked in or the one under way is chosen for you).
 * @csspart action-choice - Check in / check out.
 * @csspart code-input - The 6-digit code input.
 * @csspart scan-button - Opens the camera to scan the QR code on the organizer's screen.
 * @csspart camera - The camera's picture while scanning.
 * @csspart scan-cancel-button - Stops scanning (the camera turns off).
 * @csspart hint - The hint under the code input.
 * @csspart message - The inline refusal (what to do next).
 * @csspart submit-button - The check-in / check-out button.
 * @csspart result - "Checked in at 09:02".
 * @csspart done - A finished duty: both times, the hours and why, awaiting approval.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No confirmed shift today.
 * @csspart sign-in - Shown without a volunteer session, or with one the server refused.
 * @csspart error - Loading failed.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkCheckinEvent} vk-checkin - The server recorded a check-in or check-out; `detail: { action, attendance }`.
 * @event {VkSessionExpiredEvent} vk-session-expired - The server refused the session (401). Cancelable: call
 *   `preventDefault()` and set a new token; the widget then sends the volunteer's check-in or out again with it
 *   (or, when it was loading the shifts, keeps loading and reads them with it). Not prevented, it asks the
 *   volunteer to sign in again.
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

  /**
   * Where scanning reads frames from; the back camera by default. Replace only to feed another
   * stream (tests pass a canvas's `captureStream()`).
   */
  @property({ attribute: false }) mediaSource?: () => Promise<MediaStream>;

  @state() private shiftId = '';
  @state() private action: CheckinAction = 'check_in';
  @state() private code = '';
  @state() private refusal: Refusal | null = null;
  @state() private sending = false;
  /** The last confirmed check-in or check-out, said in words. */
  @state() private result: { action: CheckinAction; attendance: Attendance; timezone: string } | null = null;
  /** Shifts whose stage changed on this page since they were loaded, by shift id. */
  @state() private changed: ReadonlyMap<string, CheckinShift> = new Map();

  @state() private scanning = false;
  /**
   * The session the server refused while the host page renews it (it answered
   * `vk-session-expired`): when a different one arrives, the refused request is sent again.
   */
  private renewingFrom: string | null = null;

  @query('input[name="code"]') private codeInput?: HTMLInputElement;
  @query('video[part~="camera"]') private video?: HTMLVideoElement;
  private scanAbort?: AbortController;

  private readonly shiftsTask = signedInTask(this, this.config, (client, session, signal) => loadTodaysShifts(client, session, new Date(), signal), {
    onComplete: (shifts) => this.chooseDefaults(shifts),
  });

  private get messages() {
    return checkinMessages(this.config.locale);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const session = this.config.value.session;
    if (this.renewingFrom !== null && session && session !== this.renewingFrom) {
      this.renewingFrom = null;
      void this.send();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of SIGNUP_CHANGE_EVENTS) document.addEventListener(type, this.onSignupChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of SIGNUP_CHANGE_EVENTS) document.removeEventListener(type, this.onSignupChange);
    this.stopScan();
  }

  /** A sign-up or cancel elsewhere on the page changes today's shifts: read them again. */
  private readonly onSignupChange = (): void => void this.shiftsTask.run();

  protected override reloadAfterCrash(): void {
    void this.shiftsTask.run();
  }

  /** One shift is chosen for the volunteer; the action follows what the sign-up says. */
  private chooseDefaults(shifts: CheckinShift[]): void {
    const current = shifts.find((s) => s.shiftId === this.shiftId) ?? defaultShift(shifts, new Date());
    this.shiftId = current?.shiftId ?? '';
    if (current) this.action = nextAction(current) ?? 'check_out';
  }

  /**
   * The loaded shifts, each replaced by what this page recorded since when that is further on: a
   * reload started before a check-out (a renewed session reloads) must not bring check-out back.
   */
  private get shifts(): CheckinShift[] {
    return (this.shiftsTask.value ?? []).map((loaded) => {
      const recorded = this.changed.get(loaded.shiftId);
      return recorded && STAGE_ORDER.indexOf(recorded.stage) >= STAGE_ORDER.indexOf(loaded.stage) ? recorded : loaded;
    });
  }

  private replaceShift(shift: CheckinShift): void {
    this.changed = new Map(this.changed).set(shift.shiftId, shift);
  }

  private get chosenShift(): CheckinShift | undefined {
    return this.shifts.find((s) => s.shiftId === this.shiftId);
  }

  // ------------------------------------------------------------------ volunteer actions

  private chooseShift(event: Event): void {
    this.shiftId = (event.target as HTMLInputElement).value;
    const shift = this.chosenShift;
    if (shift) this.action = nextAction(shift) ?? 'check_out';
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

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.send();
  }

  /** Opens the camera (the scanner's code loads now, the first time) and sends the code it reads. */
  private startScan = async (): Promise<void> => {
    if (this.scanning) return;
    const controller = new AbortController();
    this.scanAbort = controller;
    this.scanning = true;
    if (this.refusal?.field !== 'shiftId') this.refusal = null;
    try {
      const { scanCheckinCode } = await import('./camera-scan.js');
      await this.updateComplete;
      const text = await scanCheckinCode({
        video: this.video!, source: this.mediaSource, signal: controller.signal,
        onForeignCode: () => (this.refusal = { key: 'foreign_code', field: null }),
      });
      this.scanning = false;
      this.useScannedCode(text);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.scanning = false;
      this.refusal = { key: scanProblemOf(error), field: null };
      // Typing is the way on: focus goes back to the code.
      await this.updateComplete;
      this.codeInput?.focus();
    }
  };

  private stopScan(): void {
    this.scanAbort?.abort();
    this.scanAbort = undefined;
    this.scanning = false;
  }

  private cancelScan = async (): Promise<void> => {
    this.stopScan();
    if (this.refusal?.key === 'foreign_code') this.refusal = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="scan-button"]')?.focus();
  };

  /** A scanned code fills the code and is sent as a typed one is; its shift is chosen when it is one of today's. */
  private useScannedCode(text: string): void {
    this.code = text;
    const named = this.shifts.find((s) => s.shiftId === qrShiftId(text));
    if (named) {
      this.shiftId = named.shiftId;
      this.action = nextAction(named) ?? this.action;
    }
    void this.send();
  }

  private async send(): Promise<void> {
    if (this.sending) return;
    const shift = this.chosenShift;
    const client = this.config.client;
    const session = this.config.value.session;
    if (!shift) {
      this.refusal = { key: 'choose_shift', field: 'shiftId' };
      return this.focusFix();
    }
    if (nextAction(shift) === null) return; // done: nothing left to send
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
      const next = afterAttendance(shift, attendance);
      this.replaceShift(next);
      this.action = nextAction(next) ?? 'check_out';
      this.dispatchEvent(new VkCheckinEvent({ action, attendance }));
      if (next.stage === 'checked_out' && attendance.serviceRecordId) void this.readRecord(next, attendance.serviceRecordId, client, session);
    } catch (error) {
      this.refusal = refusalOf(error);
      if (AuthenticationError.is(error) && !this.dispatchEvent(new VkSessionExpiredEvent({ widget: 'vk-checkin' }))) {
        // The host page is renewing the session: say so, and send again when the new token arrives.
        this.renewingFrom = session;
        this.refusal = { key: 'renewing', field: null };
        return;
      }
      await this.focusFix();
    } finally {
      this.sending = false;
    }
  }

  /** The record the check-out made, for its hours and explanation; the done state stands without it. */
  private async readRecord(shift: CheckinShift, id: string, client: Parameters<typeof loadRecord>[0], session: string): Promise<void> {
    try {
      const record = await loadRecord(client, session, shift.shiftId, id);
      if (record) this.replaceShift({ ...(this.changed.get(shift.shiftId) ?? shift), record });
    } catch {
      // The times are said already; the hours show in "my hours" too.
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
      ${shift?.stage === 'checked_out' ? this.renderDone(shift) : nothing}
      ${shift?.stage === 'checked_out' ? nothing : this.renderCodeEntry(shift, codeRefused)}
      <p part="message" id="message" class="message" role="alert">${refusal ? this.refusalText(refusal) : ''}</p>
      ${shift?.stage === 'checked_out' ? nothing : this.renderSubmit()}
      <p part="result" class="done" role="status">${result ? this.renderResult(result) : ''}</p>
    </form>`;
  }

  /** The action choice, the code input and the button: what a shift not yet checked out needs. */
  private renderCodeEntry(shift: CheckinShift | undefined, codeRefused: boolean) {
    const messages = this.messages;
    return html`${shift
        ? html`<fieldset part="action-choice">
            <legend class="label">${messages.actionLegend}</legend>
            ${shift.stage === 'checked_in' ? html`<p class="note">${messages.checkedInNote}</p>` : nothing}
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
      ${this.scanning
        ? html`<div class="scan">
            <video part="camera" class="camera" muted playsinline aria-hidden="true"></video>
            <p class="note" role="status">${messages.scanHint}</p>
            <button part="scan-cancel-button" class="button button--secondary" type="button" @click=${this.cancelScan}>${messages.scanCancel}</button>
          </div>`
        : html`<button part="scan-button" class="button button--secondary" type="button" @click=${this.startScan}>${messages.scan}</button>`}`;
  }

  private renderSubmit() {
    const messages = this.messages;
    return html`<button part="submit-button" class="button submit" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
      ${this.sending ? messages.sending : messages.actions[this.action]}
    </button>`;
  }

  /** A finished duty: nothing left to send; the times, and the record's hours and why once read. */
  private renderDone(shift: CheckinShift) {
    const messages = this.messages;
    const locale = this.config.locale;
    const hoursWords = myHoursMessages(locale);
    const clock = (at: string) => clockTime(locale, at, shift.timezone);
    const record = shift.record;
    return html`<section part="done" class="finished" aria-labelledby="done-title">
      <p id="done-title" class="label">${messages.doneTitle}</p>
      ${shift.checkedInAt && shift.checkedOutAt
        ? html`<p>${messages.doneTimes({ checkIn: clock(shift.checkedInAt), checkOut: clock(shift.checkedOutAt) })}</p>`
        : nothing}
      ${record
        ? html`<p><strong>${messages.doneHours({ hours: formatNumber(locale, record.hours, { maximumFractionDigits: 2 }) })}</strong>
              · ${hoursWords.status[record.status] ?? record.status}</p>
            ${record.explanation.length
              ? html`<ul class="explanation">${record.explanation.map((item) => html`<li>${explain(locale, item, clock)}</li>`)}</ul>`
              : nothing}
            ${record.status === 'pending' && record.dueAt
              ? html`<p>${hoursWords.dueBy({ date: `${formatDate(locale, record.dueAt, shift.timezone)} ${clock(record.dueAt)}` })}</p>`
              : nothing}`
        : html`<p>${messages.afterCheckOut}</p>`}
    </section>`;
  }

  private renderResult(result: NonNullable<VkCheckin['result']>) {
    const messages = this.messages;
    const locale = this.config.locale;
    const at = result.attendance.checkOutAt ?? result.attendance.checkInAt;
    const time = clockTime(locale, at, result.timezone);
    return html`<strong>${result.attendance.checkOutAt ? messages.checkedOutAt({ time }) : messages.checkedInAt({ time })}</strong>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true" class="form">
        <span class="skeleton bar"></span><span class="skeleton bar"></span><span class="skeleton bar"></span>
      </div>
      <span class="visually-hidden">${this.messages.loadingLabel}</span>`;
  }

  private renderError(error: unknown) {
    return renderSignedInError(this.config.locale, error, this.messages.needSession, () => void this.shiftsTask.run(), { alert: false });
  }
}
