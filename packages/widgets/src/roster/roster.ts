import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Organizer, type RosterEntry, type ServiceRecord } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderLoadError } from '../shared/error-state.js';
import { describeError, isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkLoadEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { rosterMessages } from './roster.messages.js';
import {
  actionsFor, applicable, awaitsApproval, canSetTimes, fromLocalInput, rosterState, timesProblems, timesRefusal, toLocalInput,
  type RosterAction, type TimesField, type TimesProblem,
} from './roster-model.js';
import { styles } from './roster.styles.js';

type Load = { status: 'loading' } | { status: 'ready'; entries: RosterEntry[] } | { status: 'failed'; error: unknown };

/**
 * The organizer's list for one shift: each signed-up volunteer (the name as the API gives it) with
 * their status, buttons to check them in or out or mark a no-show, and to approve hours awaiting
 * approval, and to fix the check-in and check-out times (a forgotten check-out) in an inline form
 * whose refusals are shown by field; several can be selected for one bulk action. Nothing changes on screen before the
 * server has agreed (no optimistic rows to roll back); a refusal is shown in the row, or above the
 * list for a bulk action, and nothing is lost. Every action is a button named with the volunteer
 * ("为 张* 签到"), reachable with the keyboard.
 *
 * Needs an organizer session (`ost_…`): the `session` property, else the provider's or
 * `configure()`'s. Never an attribute or a URL.
 *
 * @summary The organizer's roster for a shift: check in and out, no-shows, approving hours, in bulk.
 * @tag vk-roster
 *
 * @csspart table - The roster table.
 * @csspart row - One volunteer.
 * @csspart select - A row's checkbox.
 * @csspart name - The volunteer's name.
 * @csspart status - The attendance status and times.
 * @csspart record - The service record's hours and approval.
 * @csspart action-button - A row's check-in, check-out, no-show or approve button.
 * @csspart row-error - Why a row's action was refused.
 * @csspart times-form - The inline form that fixes a row's check-in and check-out times.
 * @csspart field-error - What is wrong with one of those times (problem details by field).
 * @csspart bulk - The bulk action bar.
 * @csspart bulk-button - A bulk action.
 * @csspart bulk-message - What a bulk action did, or why it was refused.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No one signed up.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkLoadEvent} vk-load - The roster arrived; `detail: { count, added, page: 1, hasMore: false }`.
 * @event {VkErrorEvent} vk-error - Loading or an action failed; `detail.error`.
 */
export class VkRoster extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The shift (`shf_…`). */
  @property({ attribute: 'shift-id', reflect: true }) shiftId?: string;

  /** The organizer session (`ost_…`). A property only, never an attribute. */
  @property({ attribute: false }) session?: string;

  /** IANA time zone in which check-in and check-out times are written. */
  @property({ attribute: 'time-zone', reflect: true }) timeZone = 'Asia/Shanghai';

  @state() private load: Load = { status: 'loading' };
  @state() private selected = new Set<string>();
  @state() private busy = new Set<string>();
  @state() private rowErrors = new Map<string, string>();
  @state() private bulkMessage: { text: string; error: boolean } | undefined;
  /** The row whose times are being fixed, what is typed, and what is wrong with it by field. */
  @state() private editing: { signupId: string; checkInAt: string; checkOutAt: string; problems: Partial<Record<TimesField, TimesProblem>> } | undefined;

  private loadedFor = '';
  private abort?: AbortController;

  private get messages() {
    return rosterMessages(this.config.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadedFor = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override reloadAfterCrash(): void {
    void this.fetchRoster();
  }

  /** Reads the roster again (e.g. when the kiosk's count shows someone checked in). Rows stay until the answer. */
  reload(): void {
    void this.fetchRoster({ keepRows: true });
  }

  /** In update(), not willUpdate(): the configuration (the session among it) resolves between the two. */
  protected override update(changed: PropertyValues): void {
    const key = `${this.shiftId ?? ''}|${this.config.value.session ?? ''}|${this.config.client ? 'client' : ''}`;
    if (this.isConnected && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.fetchRoster();
    }
    super.update(changed);
  }

  private organizer(): Organizer | undefined {
    const client = this.config.client;
    const session = this.config.value.session;
    return client && session ? new Organizer(client.withSession(session)) : undefined;
  }

  private async fetchRoster({ keepRows = false } = {}): Promise<void> {
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    const { signal } = controller;
    if (!keepRows || this.load.status !== 'ready') this.load = { status: 'loading' };
    try {
      let organizer = this.organizer();
      if (!organizer || !this.shiftId) {
        if (this.config.clientError === undefined) await configurationGrace(signal);
        organizer = this.organizer();
        if (!organizer || !this.shiftId) throw this.config.clientError ?? new WidgetConfigurationError(this.config.value.session ? 'No publishable key, base URL or shift configured' : 'no-session');
      }
      const entries: RosterEntry[] = [];
      for await (const entry of organizer.roster.list(this.shiftId, { limit: 100 }, { signal })) entries.push(entry);
      if (signal.aborted) return;
      this.load = { status: 'ready', entries };
      this.selected = new Set([...this.selected].filter((id) => entries.some((entry) => entry.signupId === id)));
      this.dispatchEvent(new VkLoadEvent({ count: entries.length, added: entries.length, page: 1, hasMore: false }));
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.load = { status: 'failed', error };
      this.dispatchError(error);
    }
  }

  /** Puts the server's answers in place of the rows they belong to. */
  private replace(updated: readonly RosterEntry[]): void {
    if (this.load.status !== 'ready') return;
    const byId = new Map(updated.map((entry) => [entry.signupId, entry]));
    this.load = { status: 'ready', entries: this.load.entries.map((entry) => byId.get(entry.signupId) ?? entry) };
  }

  /** Sets the record statuses the review endpoint answered with. */
  private applyReview(records: readonly ServiceRecord[]): void {
    if (this.load.status !== 'ready') return;
    const byId = new Map(records.map((record) => [record.id, record]));
    this.load = {
      status: 'ready',
      entries: this.load.entries.map((entry) => {
        const record = entry.serviceRecord && byId.get(entry.serviceRecord.id);
        return record ? { ...entry, serviceRecord: { id: record.id, status: record.status, hours: record.hours } } : entry;
      }),
    };
  }

  private setBusy(ids: readonly string[], busy: boolean): void {
    const next = new Set(this.busy);
    for (const id of ids) {
      if (busy) next.add(id);
      else next.delete(id);
    }
    this.busy = next;
  }

  private setRowError(id: string, text: string | undefined): void {
    const next = new Map(this.rowErrors);
    if (text === undefined) next.delete(id);
    else next.set(id, text);
    this.rowErrors = next;
  }

  private failure(error: unknown): string {
    this.dispatchError(error);
    return this.messages.failed({ reason: describeError(this.config.locale, error) });
  }

  private async act(entry: RosterEntry, action: RosterAction | 'approve'): Promise<void> {
    const organizer = this.organizer();
    if (!organizer || !this.shiftId || this.busy.has(entry.signupId)) return;
    this.setBusy([entry.signupId], true);
    this.setRowError(entry.signupId, undefined);
    try {
      if (action === 'approve') {
        const { data } = await organizer.serviceRecords.review({ ids: [entry.serviceRecord!.id], decision: 'approved' });
        this.applyReview(data);
      } else {
        this.replace([await organizer.roster.update(this.shiftId, entry.signupId, { action })]);
      }
    } catch (error) {
      this.setRowError(entry.signupId, this.failure(error));
    } finally {
      this.setBusy([entry.signupId], false);
    }
  }

  private async actOnSelected(action: RosterAction | 'approve'): Promise<void> {
    const organizer = this.organizer();
    if (!organizer || !this.shiftId || this.load.status !== 'ready') return;
    const messages = this.messages;
    const targets = applicable(this.load.entries.filter((entry) => this.selected.has(entry.signupId)), action);
    if (targets.length === 0) {
      this.bulkMessage = { text: messages.bulkNone, error: true };
      return;
    }
    const ids = targets.map((entry) => entry.signupId);
    this.setBusy(ids, true);
    this.bulkMessage = undefined;
    try {
      if (action === 'approve') {
        const { data } = await organizer.serviceRecords.review({ ids: targets.map((entry) => entry.serviceRecord!.id), decision: 'approved' });
        this.applyReview(data);
      } else {
        const { data } = await organizer.roster.updateMany(this.shiftId, { updates: ids.map((signupId) => ({ signupId, action })) });
        this.replace(data);
      }
      this.bulkMessage = { text: messages.bulkDone({ count: targets.length, action: action === 'approve' ? messages.approve : messages.actionLabels[action] }), error: false };
      this.selected = new Set();
    } catch (error) {
      this.bulkMessage = { text: this.failure(error), error: true };
    } finally {
      this.setBusy(ids, false);
    }
  }

  private async openTimes(entry: RosterEntry): Promise<void> {
    this.editing = {
      signupId: entry.signupId,
      checkInAt: toLocalInput(entry.attendance?.checkInAt, this.timeZone),
      checkOutAt: toLocalInput(entry.attendance?.checkOutAt, this.timeZone),
      problems: {},
    };
    this.setRowError(entry.signupId, undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[data-times="${entry.signupId}"] input[name="checkInAt"]`)?.focus();
  }

  private async closeTimes(signupId: string): Promise<void> {
    this.editing = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-signup="${signupId}"] [data-set-times]`)?.focus();
  }

  private typeTime(field: TimesField, event: Event): void {
    if (!this.editing) return;
    const problems = { ...this.editing.problems };
    delete problems[field];
    this.editing = { ...this.editing, [field]: (event.target as HTMLInputElement).value, problems };
  }

  /** Focus goes to the first field the organizer has to fix. */
  private async focusProblem(signupId: string): Promise<void> {
    await this.updateComplete;
    const field = (['checkInAt', 'checkOutAt'] as const).find((name) => this.editing?.problems[name]);
    if (field) this.renderRoot.querySelector<HTMLInputElement>(`[data-times="${signupId}"] input[name="${field}"]`)?.focus();
  }

  private async saveTimes(event: Event, entry: RosterEntry): Promise<void> {
    event.preventDefault();
    const organizer = this.organizer();
    const editing = this.editing;
    if (!organizer || !this.shiftId || !editing || this.busy.has(entry.signupId)) return;
    const problems = timesProblems(editing.checkInAt, editing.checkOutAt, this.timeZone);
    if (Object.keys(problems).length) {
      this.editing = { ...editing, problems };
      return this.focusProblem(entry.signupId);
    }
    this.setBusy([entry.signupId], true);
    this.setRowError(entry.signupId, undefined);
    try {
      this.replace([await organizer.roster.update(this.shiftId, entry.signupId, {
        action: 'set_times', checkInAt: fromLocalInput(editing.checkInAt, this.timeZone)!, checkOutAt: fromLocalInput(editing.checkOutAt, this.timeZone)!,
      })]);
      this.bulkMessage = { text: this.messages.timesSaved, error: false };
      // Enabled again first: focus cannot go back to a disabled button.
      this.setBusy([entry.signupId], false);
      await this.closeTimes(entry.signupId);
    } catch (error) {
      const fields = timesRefusal(error);
      if (fields && this.editing) {
        this.editing = { ...this.editing, problems: fields };
        await this.focusProblem(entry.signupId);
      } else {
        this.setRowError(entry.signupId, this.failure(error));
      }
    } finally {
      this.setBusy([entry.signupId], false);
    }
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private toggleAll(on: boolean): void {
    this.selected = on && this.load.status === 'ready' ? new Set(this.load.entries.map((entry) => entry.signupId)) : new Set();
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const load = this.load;
    return html`<div class="body" aria-busy=${load.status === 'loading' ? 'true' : 'false'}>
      ${load.status === 'loading' ? this.renderSkeleton() : load.status === 'failed' ? this.renderError(load.error) : load.entries.length === 0 ? this.renderEmpty() : this.renderRoster(load.entries)}
    </div>`;
  }

  private time(value: string): string {
    return formatDate(this.config.locale, value, this.timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  private renderRoster(entries: RosterEntry[]) {
    const messages = this.messages;
    const all = entries.length > 0 && entries.every((entry) => this.selected.has(entry.signupId));
    const bulkActions: Array<RosterAction | 'approve'> = ['check_in', 'check_out', 'no_show', 'approve'];
    return html`
      <div part="bulk" class="bulk" role="group" aria-label=${messages.bulkLabel}>
        <span class="selected-count">${messages.selected({ count: this.selected.size })}</span>
        ${bulkActions.map(
          (action) => html`<button part="bulk-button" class="button button--secondary" type="button" ?disabled=${this.selected.size === 0}
            @click=${() => void this.actOnSelected(action)}>${action === 'approve' ? messages.approve : messages.actionLabels[action]}</button>`,
        )}
      </div>
      <p part="bulk-message" class="bulk-message ${this.bulkMessage?.error ? 'is-error' : ''}" role="status">${this.bulkMessage?.text ?? ''}</p>
      <div class="table-wrap">
        <table part="table" class="table">
          <caption class="visually-hidden">${messages.caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="col-select"><input type="checkbox" aria-label=${messages.selectAll} .checked=${all} @change=${(event: Event) => this.toggleAll((event.target as HTMLInputElement).checked)} /></th>
              <th scope="col">${messages.name}</th>
              <th scope="col">${messages.status}</th>
              <th scope="col">${messages.record}</th>
              <th scope="col">${messages.actions}</th>
            </tr>
          </thead>
          <tbody>${entries.map((entry) => this.renderRow(entry))}</tbody>
        </table>
      </div>`;
  }

  private renderRow(entry: RosterEntry) {
    const messages = this.messages;
    const state = rosterState(entry);
    const busy = this.busy.has(entry.signupId);
    const error = this.rowErrors.get(entry.signupId);
    const record = entry.serviceRecord;
    const attendance = entry.attendance;
    return html`<tr part="row" class="row state-${state}" data-signup=${entry.signupId}>
      <td class="col-select"><input part="select" type="checkbox" aria-label=${messages.select({ name: entry.name })} .checked=${this.selected.has(entry.signupId)}
        @change=${(event: Event) => this.toggle(entry.signupId, (event.target as HTMLInputElement).checked)} /></td>
      <th part="name" scope="row" class="name">${entry.name}</th>
      <td part="status" class="status">
        <span class="state">${messages.states[state]}</span>
        ${attendance ? html`<span class="times"><time datetime=${attendance.checkInAt}>${this.time(attendance.checkInAt)}</time>${attendance.checkOutAt ? html`–<time datetime=${attendance.checkOutAt}>${this.time(attendance.checkOutAt)}</time>` : nothing}</span>` : nothing}
      </td>
      <td part="record" class="record">${record ? (record.status === 'pending' ? messages.pending({ hours: record.hours }) : record.status === 'approved' ? messages.approved({ hours: record.hours }) : messages.rejected) : ''}</td>
      <td class="actions">
        <div class="action-buttons">
          ${actionsFor(entry).map(
            (action) => html`<button part="action-button" class="button button--secondary" type="button" ?disabled=${busy}
              aria-label=${messages.actionFor({ action: messages.actionLabels[action], name: entry.name })} @click=${() => void this.act(entry, action)}>${messages.actionLabels[action]}</button>`,
          )}
          ${awaitsApproval(entry)
            ? html`<button part="action-button" class="button" type="button" ?disabled=${busy} aria-label=${messages.approveFor({ name: entry.name })} @click=${() => void this.act(entry, 'approve')}>${messages.approve}</button>`
            : nothing}
          ${canSetTimes(entry)
            ? html`<button part="action-button" class="button button--secondary" type="button" data-set-times ?disabled=${busy}
                aria-label=${messages.setTimesFor({ name: entry.name })} aria-expanded=${this.editing?.signupId === entry.signupId ? 'true' : 'false'}
                @click=${() => (this.editing?.signupId === entry.signupId ? void this.closeTimes(entry.signupId) : void this.openTimes(entry))}>${messages.setTimes}</button>`
            : nothing}
        </div>
        ${this.editing?.signupId === entry.signupId ? this.renderTimesForm(entry, busy) : nothing}
        <p part="row-error" class="row-error" role="alert">${error ?? ''}</p>
      </td>
    </tr>`;
  }

  private renderTimesForm(entry: RosterEntry, busy: boolean) {
    const messages = this.messages;
    const editing = this.editing!;
    const id = (name: string) => `${name}-${entry.signupId}`;
    const field = (name: TimesField) => {
      const problem = editing.problems[name];
      return html`<div class="times-field">
        <label for=${id(name)}>${messages[name]}</label>
        <input id=${id(name)} name=${name} class="input" type="datetime-local" step="60" .value=${editing[name]}
          aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${id(`${name}-error`)} @input=${(event: Event) => this.typeTime(name, event)} />
        <p part="field-error" id=${id(`${name}-error`)} class="row-error">${problem ? messages.timesProblems[problem] : ''}</p>
      </div>`;
    };
    return html`<form part="times-form" class="times-form" data-times=${entry.signupId} novalidate
      @submit=${(event: Event) => void this.saveTimes(event, entry)}
      @keydown=${(event: KeyboardEvent) => { if (event.key === 'Escape') void this.closeTimes(entry.signupId); }}>
      <fieldset>
        <legend>${messages.timesLegend({ name: entry.name })}</legend>
        ${field('checkInAt')} ${field('checkOutAt')}
      </fieldset>
      <div class="action-buttons">
        <button class="button" type="submit" ?disabled=${busy}>${messages.save}</button>
        <button class="button button--secondary" type="button" @click=${() => void this.closeTimes(entry.signupId)}>${messages.cancel}</button>
      </div>
    </form>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true">${Array.from({ length: 4 }, () => html`<div class="skeleton-row"><span class="skeleton bar"></span></div>`)}</div>
      <span class="visually-hidden">${sharedMessages(this.config.locale).loading}</span>`;
  }

  private renderEmpty() {
    return html`<div part="empty" class="state state--empty"><p>${this.messages.empty}</p></div>`;
  }

  private renderError(error: unknown) {
    const noSession = WidgetConfigurationError.is(error) && error.message === 'no-session';
    return renderLoadError(this.config.locale, error, () => void this.fetchRoster(), { alert: true, text: noSession ? this.messages.noSession : undefined });
  }
}
