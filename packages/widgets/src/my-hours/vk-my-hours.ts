import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MyDisputes, type ServiceRecord } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { announceRefusedSession, renderSignedInError, signedInTask } from '../shared/signed-in-task.js';
import { formatDate } from '../shared/i18n.js';
import type { VkCheckinEvent } from '../shared/events.js';
import { clockTime } from '../checkin/checkin-model.js';
import { canDispute, disputeBody, disputeRefusal, explain, loadMyHours, pendingHours } from './hours-model.js';
import { myHoursMessages } from './my-hours.messages.js';
import { styles } from './my-hours.styles.js';

/** The platform is in China: records carry no zone of their own, so times are shown in China's. */
const TIME_ZONE = 'Asia/Shanghai';

type DisputeKind = 'wrong_hours' | 'never_there';

/**
 * The signed-in volunteer's service hours: approved and pending totals, the points they can spend,
 * the star level (since when) and the hours to the next star, and each record with its explanation in plain words (from the codes the
 * hours policy stored with it), its status, its approval deadline, and a button to dispute it
 * (wrong hours, or "I was never there") within its 30 days, in an inline form. The session comes
 * as a property, from `<vk-provider>` or from `configure()`, never an attribute.
 *
 * @summary A volunteer's own service hours (我的时长), explained, with disputes.
 * @tag vk-my-hours
 *
 * @csspart totals - Approved and pending totals, and the points to spend.
 * @csspart stars - The star level and the progress to the next.
 * @csspart records - The list of records.
 * @csspart record - One record.
 * @csspart explanation - A record's explanation, one line per step.
 * @csspart due - A pending record's approval deadline.
 * @csspart dispute-button - Opens the dispute form of a record.
 * @csspart dispute-form - The inline dispute form.
 * @csspart message - A dispute form's inline message.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No records yet.
 * @csspart sign-in - Shown without a volunteer session, or with one the server refused.
 * @csspart error - Loading failed.
 * @csspart retry-button - The error state's retry button.
 *
 * Reads the hours again by itself when a `<vk-checkin>` on the page reports a check-out
 * (`vk-checkin` with `action: 'check_out'`, heard on `document`); `reload()` does it on demand.
 *
 * @event {VkSessionExpiredEvent} vk-session-expired - The server refused the session (401). Cancelable: call
 *   `preventDefault()` and set a new token; the widget keeps loading and reads the hours again with it. Not
 *   prevented, it shows its sign-in state. Also sent when the server refuses a dispute: the widget says
 *   "sign in again" there and keeps what was typed.
 * @event {VkErrorEvent} vk-error - Loading failed; `detail.error`.
 */
export class VkMyHours extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** A volunteer session token (`vst_…`); else the provider's or `configure()`'s. A property only. */
  @property({ attribute: false }) session?: string;

  /** The record whose dispute form is open. */
  @state() private disputing: string | null = null;
  @state() private kind: DisputeKind = 'wrong_hours';
  @state() private claimedHours = '';
  @state() private reason = '';
  @state() private disputeMessage = '';
  @state() private sending = false;
  /** Records disputed from this page (the list is not reloaded for it). */
  @state() private sent = new Set<string>();

  private readonly hoursTask = signedInTask(this, this.config, loadMyHours);

  private get messages() {
    return myHoursMessages(this.config.locale);
  }

  protected override reloadAfterCrash(): void {
    void this.hoursTask.run();
  }

  /** Reads the hours again. Done by itself after a check-out on the same page. */
  reload(): void {
    void this.hoursTask.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A check-out made a pending record: show it without a reload. Heard on `document`, so a
    // <vk-checkin> anywhere on the page (inside another shadow root too: the event is composed)
    // counts; a check-in changes no hours and reads nothing.
    document.addEventListener('vk-checkin', this.onCheckin);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('vk-checkin', this.onCheckin);
  }

  private readonly onCheckin = (event: VkCheckinEvent): void => {
    if (event.detail.action === 'check_out') this.reload();
  };

  private async openDispute(record: ServiceRecord): Promise<void> {
    this.disputing = record.id;
    this.kind = 'wrong_hours';
    this.claimedHours = '';
    this.reason = '';
    this.disputeMessage = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part~="dispute-form"] input[name="kind"]')?.focus();
  }

  private async closeDispute(record: ServiceRecord): Promise<void> {
    this.disputing = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-record="${record.id}"] [part~="dispute-button"]`)?.focus();
  }

  private async sendDispute(event: Event, record: ServiceRecord): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const client = this.config.client;
    const session = this.config.value.session;
    const checked = disputeBody(this.kind, this.claimedHours, this.reason);
    if ('problem' in checked) {
      this.disputeMessage = this.messages[checked.problem];
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[name="${checked.field}"]`)?.focus();
      return;
    }
    if (!client || !session) return;
    this.sending = true;
    this.disputeMessage = '';
    try {
      await new MyDisputes(client.withSession(session)).create(record.id, checked.body);
      this.sent = new Set([...this.sent, record.id]);
      this.disputing = null;
    } catch (error) {
      announceRefusedSession(this, error);
      this.disputeMessage = this.messages[disputeRefusal(error, record, new Date())];
    } finally {
      this.sending = false;
    }
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return html`${this.hoursTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.hoursTask.value ? this.renderHours() : this.renderSkeleton()),
      error: (error) => this.renderError(error),
      complete: () => this.renderHours(),
    })}`;
  }

  private renderHours() {
    const { profile, records } = this.hoursTask.value!;
    const m = this.messages;
    const level = profile.starLevel;
    const toNext = profile.hoursToNextStar;
    const reached = profile.approvedHours;
    return html`
      <dl part="totals" class="totals">
        <div class="total"><dt>${m.approved}</dt><dd>${m.hours({ hours: reached })}</dd></div>
        <div class="total"><dt>${m.pending}</dt><dd>${m.hours({ hours: pendingHours(records) })}</dd></div>
        ${profile.pointsAvailable === undefined
          ? nothing
          : html`<div class="total"><dt>${m.points}</dt><dd>${m.pointsValue({ points: profile.pointsAvailable })}</dd></div>`}
      </dl>
      <p part="stars" class="stars">
        <span>${'★'.repeat(level)}</span> ${m.stars({
          level,
          since: level > 0 && profile.starLevelReachedAt ? formatDate(this.config.locale, profile.starLevelReachedAt, TIME_ZONE) : undefined,
        })}
        ${toNext === null
          ? m.topStar
          : html`${m.toNextStar({ hours: toNext, next: level + 1 })}
              <progress max=${reached + toNext} .value=${reached} aria-label=${m.toNextStar({ hours: toNext, next: level + 1 })}></progress>`}
      </p>
      ${records.length === 0
        ? html`<div part="empty" class="state"><p class="state__title">${m.empty}</p></div>`
        : html`<ul part="records" class="records" aria-label=${m.recordsLabel}>${records.map((r) => this.renderRecord(r))}</ul>`}
    `;
  }

  private renderRecord(record: ServiceRecord) {
    const m = this.messages;
    const locale = this.config.locale;
    const clock = (iso: string) => clockTime(locale, iso, TIME_ZONE);
    const day = formatDate(locale, record.checkIn, TIME_ZONE);
    const disputed = this.sent.has(record.id) ? 'open' : record.dispute?.status;
    return html`<li part="record" class="record" data-record=${record.id}>
      <p class="record-head"><span>${record.opportunityTitle}</span><span>${m.hours({ hours: record.hours })}</span></p>
      <p class="muted">${day} ${clock(record.checkIn)}–${clock(record.checkOut)} · ${m.status[record.status] ?? record.status}</p>
      ${record.explanation.length
        ? html`<ul part="explanation" class="explanation">${record.explanation.map((item) => html`<li>${explain(locale, item, clock)}</li>`)}</ul>`
        : nothing}
      ${record.status === 'pending' && record.dueAt
        ? html`<p part="due">${m.dueBy({ date: `${formatDate(locale, record.dueAt, TIME_ZONE)} ${clock(record.dueAt)}` })}</p>`
        : nothing}
      ${disputed === 'open' ? html`<p role="status">${this.sent.has(record.id) ? m.sent : m.disputeOpen}</p>` : disputed ? html`<p>${m.disputeDone[disputed]}</p>` : nothing}
      ${this.disputing === record.id
        ? this.renderDisputeForm(record)
        : !disputed && canDispute(record, new Date())
          ? html`<button part="dispute-button" class="button button--secondary" type="button" aria-expanded="false" @click=${() => this.openDispute(record)}>${m.dispute}</button>`
          : nothing}
    </li>`;
  }

  private renderDisputeForm(record: ServiceRecord) {
    const m = this.messages;
    const id = (name: string) => `${name}-${record.id}`;
    return html`<form part="dispute-form" class="dispute-form" novalidate aria-label=${m.dispute} @submit=${(e: Event) => this.sendDispute(e, record)}>
      <fieldset>
        <legend class="label">${m.disputeLegend}</legend>
        ${(['wrong_hours', 'never_there'] as const).map((kind) => html`<label class="choice">
          <input type="radio" name="kind" value=${kind} .checked=${this.kind === kind} @change=${() => (this.kind = kind)} />${m.kinds[kind]}
        </label>`)}
      </fieldset>
      ${this.kind === 'wrong_hours'
        ? html`<div class="field">
            <label for=${id('hours')}>${m.claimedHours}</label>
            <input id=${id('hours')} name="claimedHours" class="input" type="text" inputmode="decimal" aria-describedby=${id('message')}
              .value=${this.claimedHours} @input=${(e: Event) => (this.claimedHours = (e.target as HTMLInputElement).value)} />
          </div>`
        : nothing}
      <div class="field">
        <label for=${id('reason')}>${m.reason}</label>
        <textarea id=${id('reason')} name="reason" class="input" rows="3" maxlength="1000" aria-describedby=${id('message')}
          .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <p part="message" id=${id('message')} class="message" role="alert">${this.disputeMessage}</p>
      <div class="buttons">
        <button class="button" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending ? m.sending : m.send}</button>
        <button class="button button--secondary" type="button" @click=${() => this.closeDispute(record)}>${m.cancel}</button>
      </div>
    </form>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true"><span class="skeleton bar"></span><span class="skeleton bar"></span><span class="skeleton bar"></span></div>
      <span class="visually-hidden">${this.messages.loadingLabel}</span>`;
  }

  private renderError(error: unknown) {
    return renderSignedInError(this.config.locale, error, this.messages.needSession, () => void this.hoursTask.run(), { alert: false });
  }
}
