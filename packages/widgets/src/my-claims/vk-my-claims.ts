import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MyClaims, Needs, type Claim, type ServiceMenuItem } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { announceRefusedSession, renderSignedInError, signedInTask } from '../shared/signed-in-task.js';
import { VkNeedStepEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { createIdempotencyKey } from '../signup-form/submission-controller.js';
import { serviceName } from '../needs-board/needs-board-model.js';
import { MAX_MINUTES, MIN_MINUTES, parseMinutes, stepRefusal, type StepRefusal } from './my-claims-model.js';
import { myClaimsMessages } from './my-claims.messages.js';
import { styles } from './my-claims.styles.js';

/** The platform is in China: deadlines are shown in China's time. */
const TIME_ZONE = 'Asia/Shanghai';
const DUE_FORMAT: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** What one card is doing: its revealed address, its fulfil form, its last refusal. */
interface CardState {
  busy?: 'reveal' | 'release' | 'fulfil';
  revealed?: Pick<Claim, 'address' | 'contact'>;
  fulfilling?: { typed: string; problem?: 'required' | 'whole' | 'range'; key: string };
  refusal?: StepRefusal;
  released?: boolean;
}

/**
 * The wishes the signed-in volunteer has taken from the needs board (我的认领), newest first:
 * the service, the title, the status and the deadline of the current step. While a claim lasts,
 * "show address and phone" reads them (`GET /v1/me/claims/{id}`, each reading audited by the
 * server, so they are fetched only on request and forgotten when the claim ends); "give it back"
 * releases the wish to the board; "I have done it" asks for the minutes spent (the service's
 * usual time filled in) and answers with the one-time 6-digit code to show the resident, large,
 * and read digit by digit to a screen reader. The code stays on the card until the resident
 * confirms. A refused step is said in the card; the minutes typed stay.
 *
 * The session (`vst_…`) comes as the `session` property, else the provider's or `configure()`'s;
 * never an attribute or a URL.
 *
 * @summary The volunteer's claimed wishes (我的认领): address while claimed, give back, mark done, the code to show.
 * @tag vk-my-claims
 *
 * @csspart list - The list of claims.
 * @csspart card - One claim.
 * @csspart service - The service's name.
 * @csspart title - The wish's title.
 * @csspart status - Its status.
 * @csspart due - The deadline of the current step.
 * @csspart reveal-button - Shows the address and phone (audited).
 * @csspart private - The address and contact, while the claim lasts.
 * @csspart release-button - Gives the wish back to the board.
 * @csspart fulfil-button - Opens the "done" form.
 * @csspart minutes - The minutes input.
 * @csspart field-error - The minutes' inline error.
 * @csspart send-button - Marks the wish done.
 * @csspart code-panel - The code to show the resident.
 * @csspart code - The 6 digits, large.
 * @csspart message - A card's result or why a step was refused.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No claims yet.
 * @csspart sign-in - Shown without a volunteer session, or with one the server refused.
 * @csspart error - Loading failed.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkNeedStepEvent} vk-need-step - A wish was given back or marked done; `detail: { needId, step: 'release' | 'fulfil', need }` (no address, contact or code).
 * @event {VkSessionExpiredEvent} vk-session-expired - The server refused the session (401). Cancelable: call
 *   `preventDefault()` and set a new token; the widget keeps loading and reads the claims again with it. Not
 *   prevented, it shows its sign-in state. Also sent when the server refuses a claim step: the widget says
 *   "sign in again" there and keeps what was typed.
 * @event {VkErrorEvent} vk-error - Loading or a step failed; `detail.error`.
 */
export class VkMyClaims extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** A volunteer session token (`vst_…`); else the provider's or `configure()`'s. A property only. */
  @property({ attribute: false }) session?: string;

  @state() private claims: Claim[] = [];
  @state() private cards = new Map<string, CardState>();
  private menu: ServiceMenuItem[] = [];

  private readonly claimsTask = signedInTask(this, this.config, async (ready, token, signal) => {
    const authed = ready.withSession(token);
    // The menu only names the services and gives their usual time: without it the codes show.
    const [menu, page] = await Promise.all([
      this.menu.length > 0 ? this.menu : new Needs(ready).menu({ signal }).then((answer) => answer.data, () => []),
      new MyClaims(authed).list({ limit: 50 }, { signal }),
    ]);
    this.menu = menu;
    this.claims = page.data;
    // A claim that ended takes its revealed address with it.
    this.cards = new Map([...this.cards].filter(([id]) => page.data.some((c) => c.need.id === id && c.need.status === 'claimed')).map(([id, card]) => [id, { ...card, refusal: undefined }]));
    return page.data;
  });

  private get messages() {
    return myClaimsMessages(this.config.locale);
  }

  protected override reloadAfterCrash(): void {
    void this.claimsTask.run();
  }

  /** Reads the claims again (e.g. after the board took one). */
  reload(): void {
    void this.claimsTask.run();
  }

  private authed(): { claims: MyClaims; needs: Needs } | null {
    const client = this.config.client;
    const session = this.config.value.session;
    if (!client || !session) return null;
    const authed = client.withSession(session);
    return { claims: new MyClaims(authed), needs: new Needs(authed) };
  }

  private card(id: string): CardState {
    return this.cards.get(id) ?? {};
  }

  private setCard(id: string, card: CardState): void {
    this.cards = new Map(this.cards).set(id, card);
  }

  private replace(claim: Claim): void {
    this.claims = this.claims.map((shown) => (shown.need.id === claim.need.id ? claim : shown));
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** A step the server refused: said in its card, and told to the page (a refused session too). */
  private stepFailed(id: string, error: unknown): void {
    this.setCard(id, { ...this.card(id), busy: undefined, refusal: stepRefusal(error) });
    announceRefusedSession(this, error);
    this.dispatchError(error);
  }

  private async reveal(claim: Claim): Promise<void> {
    const api = this.authed();
    const id = claim.need.id;
    if (!api || this.card(id).busy) return;
    this.setCard(id, { ...this.card(id), busy: 'reveal', refusal: undefined });
    try {
      const full = await api.claims.get(id);
      if (full.need.status !== 'claimed' || full.address === null) {
        this.replace({ ...full, address: null, contact: null });
        this.setCard(id, { refusal: 'gone' });
        return;
      }
      this.setCard(id, { ...this.card(id), busy: undefined, revealed: { address: full.address, contact: full.contact } });
      void this.focusOn(`[data-need="${id}"] [part~="private"]`);
    } catch (error) {
      this.stepFailed(id, error);
    }
  }

  private async release(claim: Claim): Promise<void> {
    const api = this.authed();
    const id = claim.need.id;
    if (!api || this.card(id).busy) return;
    this.setCard(id, { ...this.card(id), busy: 'release', refusal: undefined });
    try {
      const need = await api.needs.release(id, { idempotencyKey: createIdempotencyKey() });
      this.replace({ need, address: null, contact: null, confirmationCode: null });
      this.setCard(id, { released: true });
      this.dispatchEvent(new VkNeedStepEvent({ needId: id, step: 'release', need }));
      void this.focusOn(`[data-need="${id}"] [part~="message"]`);
    } catch (error) {
      this.stepFailed(id, error);
    }
  }

  private openFulfil(claim: Claim): void {
    const typical = this.menu.find((item) => item.code === claim.need.serviceCode)?.typicalMinutes;
    this.setCard(claim.need.id, { ...this.card(claim.need.id), refusal: undefined, fulfilling: { typed: typical ? String(typical) : '', key: createIdempotencyKey() } });
    void this.focusOn(`[data-need="${claim.need.id}"] [part~="minutes"]`);
  }

  private closeFulfil(id: string): void {
    this.setCard(id, { ...this.card(id), fulfilling: undefined, refusal: undefined });
    void this.focusOn(`[data-need="${id}"] [part~="fulfil-button"]`);
  }

  private async fulfil(event: Event, claim: Claim): Promise<void> {
    event.preventDefault();
    const api = this.authed();
    const id = claim.need.id;
    const card = this.card(id);
    if (!api || card.busy || !card.fulfilling) return;
    const parsed = parseMinutes(card.fulfilling.typed);
    if (!parsed.ok) {
      this.setCard(id, { ...card, fulfilling: { ...card.fulfilling, problem: parsed.problem } });
      void this.focusOn(`[data-need="${id}"] [part~="minutes"]`);
      return;
    }
    this.setCard(id, { ...card, busy: 'fulfil', refusal: undefined, fulfilling: { ...card.fulfilling, problem: undefined } });
    try {
      // The key made when the form opened: a retry of the same fulfilment is answered, not repeated.
      const done = await api.needs.fulfil(id, { minutes: parsed.minutes }, { idempotencyKey: card.fulfilling.key });
      this.replace({ ...done, address: null, contact: null });
      this.setCard(id, {});
      this.dispatchEvent(new VkNeedStepEvent({ needId: id, step: 'fulfil', need: done.need }));
      void this.focusOn(`[data-need="${id}"] [part~="code-panel"] h4`);
    } catch (error) {
      this.stepFailed(id, error);
    }
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return html`${this.claimsTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.claimsTask.value ? this.renderClaims() : this.renderSkeleton()),
      error: (error) => this.renderError(error),
      complete: () => this.renderClaims(),
    })}`;
  }

  private renderClaims() {
    const m = this.messages;
    if (this.claims.length === 0) return html`<div part="empty" class="state"><p>${m.empty}</p></div>`;
    return html`<ul part="list" class="list" aria-label=${m.listLabel}>${this.claims.map((claim) => this.renderCard(claim))}</ul>`;
  }

  private renderCard(claim: Claim) {
    const m = this.messages;
    const locale = this.config.locale;
    const { need } = claim;
    const card = this.card(need.id);
    const titleId = `claim-${need.id}`;
    const due = need.dueAt ? formatDate(locale, need.dueAt, TIME_ZONE, DUE_FORMAT) : '';
    const message = card.refusal ? m.refusals[card.refusal] : card.released ? m.released : '';
    return html`<li part="card" class="card" data-need=${need.id} aria-labelledby=${titleId}>
      <p part="service" class="service">${serviceName(this.menu, need.serviceCode, locale)}</p>
      <h3 part="title" class="title" id=${titleId}>${need.title}</h3>
      <p part="status" class="status">${m.statuses[need.status]}</p>
      ${due && (need.status === 'claimed' || need.status === 'fulfilled')
        ? html`<p part="due"><time datetime=${need.dueAt!}>${need.status === 'claimed' ? m.dueBy({ time: due }) : m.confirmBy({ time: due })}</time></p>`
        : nothing}
      ${need.status === 'claimed' ? this.renderClaimed(claim, card) : nothing}
      ${need.status === 'fulfilled' && claim.confirmationCode ? this.renderCode(claim.confirmationCode) : nothing}
      <p part="message" class="message ${card.refusal ? 'is-error' : ''}" tabindex="-1" role=${card.refusal ? 'alert' : 'status'}>${message}</p>
    </li>`;
  }

  private renderClaimed(claim: Claim, card: CardState) {
    const m = this.messages;
    const { need } = claim;
    const revealed = card.revealed;
    return html`
      ${revealed
        ? html`<div part="private" class="private" tabindex="-1">
            <dl>
              <dt>${m.address}</dt><dd>${revealed.address}</dd>
              ${revealed.contact
                ? html`<dt>${m.contact}</dt><dd>${revealed.contact.name} · <a href="tel:${revealed.contact.mobile}">${revealed.contact.mobile}</a></dd>`
                : nothing}
            </dl>
            <p class="hint">${m.revealNote}</p>
          </div>`
        : html`<div class="buttons"><button part="reveal-button" class="button button--secondary" type="button" aria-label=${m.revealFor({ title: need.title })}
            aria-disabled=${card.busy ? 'true' : 'false'} @click=${() => this.reveal(claim)}>${card.busy === 'reveal' ? m.revealing : m.reveal}</button></div>`}
      ${card.fulfilling ? this.renderFulfil(claim, card) : html`<div class="buttons">
        <button part="fulfil-button" class="button" type="button" aria-label=${m.fulfilFor({ title: need.title })} aria-disabled=${card.busy ? 'true' : 'false'}
          @click=${() => (card.busy ? undefined : this.openFulfil(claim))}>${m.fulfil}</button>
        <button part="release-button" class="button button--secondary" type="button" aria-label=${m.releaseFor({ title: need.title })} aria-disabled=${card.busy ? 'true' : 'false'}
          @click=${() => this.release(claim)}>${card.busy === 'release' ? m.sending : m.release}</button>
      </div>`}`;
  }

  private renderFulfil(claim: Claim, card: CardState) {
    const m = this.messages;
    const id = claim.need.id;
    const fulfilling = card.fulfilling!;
    const inputId = `minutes-${id}`;
    const hintId = `minutes-hint-${id}`;
    const errorId = `minutes-error-${id}`;
    return html`<form class="field" novalidate @submit=${(event: Event) => this.fulfil(event, claim)}>
      <label for=${inputId}>${m.minutes}</label>
      <input part="minutes" id=${inputId} class="input" name="minutes" inputmode="numeric" autocomplete="off" .value=${fulfilling.typed}
        aria-invalid=${fulfilling.problem ? 'true' : 'false'} aria-describedby="${hintId}${fulfilling.problem ? ` ${errorId}` : ''}"
        @input=${(event: Event) => this.setCard(id, { ...this.card(id), fulfilling: { ...fulfilling, typed: (event.target as HTMLInputElement).value } })} />
      <p class="hint" id=${hintId}>${m.minutesHint({ min: MIN_MINUTES, max: MAX_MINUTES })}</p>
      <p part="field-error" class="is-error" id=${errorId}>${fulfilling.problem ? m.minutesProblems[fulfilling.problem] : ''}</p>
      <div class="buttons">
        <button part="send-button" class="button" type="submit" aria-disabled=${card.busy ? 'true' : 'false'}>${card.busy === 'fulfil' ? m.sending : m.send}</button>
        <button class="button button--secondary" type="button" @click=${() => this.closeFulfil(id)}>${m.cancel}</button>
      </div>
    </form>`;
  }

  private renderCode(code: string) {
    const m = this.messages;
    return html`<div part="code-panel" class="code-panel">
      <h4 tabindex="-1">${m.codeTitle}</h4>
      <p part="code"><span class="code" aria-hidden="true">${code}</span> <span class="visually-hidden">${m.codeLabel} ${code.split('').join(' ')}</span></p>
      <p class="hint">${m.codeHint}</p>
    </div>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true"><span class="skeleton bar"></span><span class="skeleton bar"></span></div>
      <span class="visually-hidden">${this.messages.loadingLabel}</span>`;
  }

  private renderError(error: unknown) {
    return renderSignedInError(this.config.locale, error, this.messages.needSession, () => void this.claimsTask.run(), { alert: true });
  }
}
