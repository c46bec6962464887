import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Needs, type Need, type Page, type ServiceMenuItem } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderLoadError } from '../shared/error-state.js';
import { isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkLoadEvent, VkNeedClaimEvent } from '../shared/events.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { createIdempotencyKey } from '../signup-form/submission-controller.js';
import { byLongestWaiting, claimRefusal, serviceName, waited, type ClaimRefusal } from './needs-board-model.js';
import { needsBoardMessages } from './needs-board.messages.js';
import { styles } from './needs-board.styles.js';

type Load = { status: 'loading' } | { status: 'ready'; needs: Need[]; page: Page<Need> } | { status: 'failed'; error: unknown };
type ClaimState = { phase: 'sending'; key: string } | { phase: 'claimed' } | { phase: 'refused'; refusal: ClaimRefusal; key: string };

/**
 * The needs board (微心愿): residents' wishes waiting for a volunteer, longest waiting first, as
 * large cards — the service in the reader's words, the resident masked (`王*英`), the community,
 * how long it has waited and its status; never an address or a phone number (the API has none
 * here). Filters by service (the channel's service menu) and community; "show more" loads the
 * next page. With a volunteer session each open wish has a 认领 button that claims it (sent with
 * an Idempotency-Key, the same one again on a retry); the answer — taken, or why not — is said in
 * the card. Every size is in em, so `large-text` and the reader's own font size scale it all; at
 * 320 px the cards stack and nothing is clipped.
 *
 * The session (`vst_…`) comes as the `session` property, else the provider's or `configure()`'s;
 * never an attribute or a URL. Without one the board is read-only.
 *
 * @summary The needs board (微心愿): residents' wishes, filters, and claiming with a volunteer session.
 * @tag vk-needs-board
 *
 * @csspart filters - The filter bar.
 * @csspart service-filter - The service select.
 * @csspart community-filter - The community select.
 * @csspart list - The list of wishes.
 * @csspart card - One wish.
 * @csspart service - The service's name.
 * @csspart title - The wish's title.
 * @csspart requester - The resident, masked.
 * @csspart community - The community (region code).
 * @csspart waiting - How long it has waited.
 * @csspart status - The wish's status.
 * @csspart claim-button - The 认领 button (with a volunteer session, on open wishes).
 * @csspart claim-message - The claim's result or why it was refused.
 * @csspart sign-in - The hint shown without a volunteer session.
 * @csspart load-more - The "show more" button.
 * @csspart load-more-error - Why the next page did not load.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No wishes waiting.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkLoadEvent} vk-load - Wishes arrived; `detail: { count, added, page, hasMore }`.
 * @event {VkNeedClaimEvent} vk-need-claim - The volunteer took a wish; `detail: { needId, claim }` (no address, no contact).
 * @event {VkErrorEvent} vk-error - Loading or a claim failed; `detail.error`.
 */
export class VkNeedsBoard extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** Show only this service (a code of the menu); the reader can change it. */
  @property({ attribute: 'service-code', reflect: true }) serviceCode = '';

  /** Show only this community (a 2, 4 or 6-digit region code); the reader can change it. */
  @property({ attribute: 'region-code', reflect: true }) regionCode = '';

  /** Wishes per page (the API's default is 20). */
  @property({ type: Number, reflect: true }) limit = 10;

  /** Hide the filter bar (e.g. a small "微心愿" block beside news). */
  @property({ attribute: 'no-filters', type: Boolean, reflect: true }) noFilters = false;

  /** A volunteer session (`vst_…`): shows the 认领 buttons. A property only, never an attribute. */
  @property({ attribute: false }) session?: string;

  @state() private load: Load = { status: 'loading' };
  @state() private menu: ServiceMenuItem[] = [];
  @state() private claims = new Map<string, ClaimState>();
  @state() private loadingMore = false;
  @state() private loadMoreError = false;

  /** Communities seen so far, so that choosing one does not empty the community filter. */
  private communities = new Set<string>();
  private loadedFor = '';
  private abort?: AbortController;

  private get messages() {
    return needsBoardMessages(this.config.locale);
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
    void this.fetchBoard();
  }

  /** Reads the board again (e.g. after a wish was filed, or given back from `<vk-my-claims>`). */
  reload(): void {
    void this.fetchBoard();
  }

  /** In update(), not willUpdate(): the configuration resolves between the two. */
  protected override update(changed: PropertyValues): void {
    const key = `${this.serviceCode}|${this.regionCode}|${this.limit}|${this.config.client ? 'client' : ''}`;
    if (this.isConnected && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.fetchBoard();
    }
    super.update(changed);
  }

  private needs(): Needs | undefined {
    const client = this.config.client;
    return client ? new Needs(client) : undefined;
  }

  private async fetchBoard(): Promise<void> {
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    const { signal } = controller;
    this.load = { status: 'loading' };
    this.loadMoreError = false;
    try {
      let needs = this.needs();
      if (!needs) {
        if (this.config.clientError === undefined) await configurationGrace(signal);
        needs = this.needs();
        if (!needs) throw this.config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
      }
      // The menu only names the services: a board whose menu failed still shows the wishes (with codes).
      const menu = this.menu.length > 0 ? Promise.resolve(this.menu) : needs.menu({ signal }).then((answer) => answer.data, () => []);
      const query = { sort: 'longest_waiting' as const, limit: this.limit, ...(this.serviceCode ? { serviceCode: this.serviceCode } : {}), ...(this.regionCode ? { regionCode: this.regionCode } : {}) };
      const [items, page] = await Promise.all([menu, needs.list(query, { signal })]);
      if (signal.aborted) return;
      this.menu = items;
      this.show(page, []);
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.load = { status: 'failed', error };
      this.dispatchError(error);
    }
  }

  private show(page: Page<Need>, before: Need[]): void {
    for (const need of page.data) this.communities.add(need.regionCode);
    const needs = byLongestWaiting([...before, ...page.data.filter((need) => !before.some((seen) => seen.id === need.id))]);
    this.load = { status: 'ready', needs, page };
    this.dispatchEvent(new VkLoadEvent({ count: needs.length, added: page.data.length, page: before.length === 0 ? 1 : Math.ceil(needs.length / this.limit), hasMore: page.hasNextPage() }));
  }

  private async loadMore(): Promise<void> {
    const load = this.load;
    if (load.status !== 'ready' || !load.page.hasNextPage() || this.loadingMore) return;
    this.loadingMore = true;
    this.loadMoreError = false;
    try {
      const next = await load.page.nextPage();
      if (this.load === load) this.show(next, load.needs);
    } catch (error) {
      if (isAbort(error)) return;
      this.loadMoreError = true;
      this.dispatchError(error);
    } finally {
      this.loadingMore = false;
    }
  }

  private setClaim(id: string, claim: ClaimState): void {
    this.claims = new Map(this.claims).set(id, claim);
  }

  private async claim(need: Need): Promise<void> {
    const client = this.config.client;
    const session = this.config.value.session;
    const previous = this.claims.get(need.id);
    if (!client || !session || previous?.phase === 'sending' || previous?.phase === 'claimed') return;
    // A retry after a refusal sends the same key: if the first try did reach the server, it answers the same.
    const key = previous?.phase === 'refused' && previous.refusal === 'failed' ? previous.key : createIdempotencyKey();
    this.setClaim(need.id, { phase: 'sending', key });
    try {
      const claim = await new Needs(client.withSession(session)).claim(need.id, { idempotencyKey: key });
      this.setClaim(need.id, { phase: 'claimed' });
      if (this.load.status === 'ready') {
        this.load = { ...this.load, needs: this.load.needs.map((shown) => (shown.id === need.id ? claim.need : shown)) };
      }
      this.dispatchEvent(new VkNeedClaimEvent({ needId: need.id, claim }));
    } catch (error) {
      this.setClaim(need.id, { phase: 'refused', refusal: claimRefusal(error), key });
      this.dispatchError(error);
    }
  }

  private chooseFilter(event: Event, which: 'serviceCode' | 'regionCode'): void {
    this[which] = (event.target as HTMLSelectElement).value;
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const load = this.load;
    return html`${this.noFilters ? nothing : this.renderFilters()}
      <div class="body" aria-busy=${load.status === 'loading' ? 'true' : 'false'}>
        ${load.status === 'loading' ? this.renderSkeleton() : load.status === 'failed' ? this.renderError(load.error) : load.needs.length === 0 ? this.renderEmpty() : this.renderBoard(load.needs, load.page)}
      </div>`;
  }

  private renderFilters() {
    const messages = this.messages;
    const locale = this.config.locale;
    const communities = [...new Set([...this.communities, ...(this.regionCode ? [this.regionCode] : [])])].sort();
    const services = this.menu.length > 0 || !this.serviceCode ? this.menu.map((item) => item.code) : [this.serviceCode];
    return html`<div part="filters" class="filters" role="group" aria-label=${messages.filters}>
      <label class="filter">
        <span class="filter__label">${messages.service}</span>
        <select part="service-filter" class="select" .value=${this.serviceCode} @change=${(event: Event) => this.chooseFilter(event, 'serviceCode')}>
          <option value="" ?selected=${!this.serviceCode}>${messages.all}</option>
          ${services.map((code) => html`<option value=${code} ?selected=${code === this.serviceCode}>${serviceName(this.menu, code, locale)}</option>`)}
        </select>
      </label>
      <label class="filter">
        <span class="filter__label">${messages.community}</span>
        <select part="community-filter" class="select" .value=${this.regionCode} @change=${(event: Event) => this.chooseFilter(event, 'regionCode')}>
          <option value="" ?selected=${!this.regionCode}>${messages.all}</option>
          ${communities.map((code) => html`<option value=${code} ?selected=${code === this.regionCode}>${code}</option>`)}
        </select>
      </label>
    </div>`;
  }

  private renderBoard(needs: Need[], page: Page<Need>) {
    const messages = this.messages;
    const session = Boolean(this.config.value.session);
    return html`
      ${session ? nothing : html`<p part="sign-in" class="sign-in">${messages.signIn}</p>`}
      <ul part="list" class="list" aria-label=${messages.listLabel}>
        ${needs.map((need) => this.renderCard(need, session))}
      </ul>
      <p class="visually-hidden" role="status">${messages.count({ count: needs.length })}</p>
      ${page.hasNextPage()
        ? html`<button part="load-more" class="button button--secondary load-more" type="button" ?disabled=${this.loadingMore} @click=${() => void this.loadMore()}>${messages.loadMore}</button>`
        : nothing}
      <p part="load-more-error" class="claim-message is-error" role="alert">${this.loadMoreError ? messages.loadMoreFailed : ''}</p>`;
  }

  private renderCard(need: Need, session: boolean) {
    const messages = this.messages;
    const wait = need.status === 'open' ? waited(need.waitingSince, new Date()) : null;
    const claim = this.claims.get(need.id);
    const canClaim = session && need.status === 'open' && (claim === undefined || claim.phase === 'sending' || (claim.phase === 'refused' && claim.refusal === 'failed'));
    const titleId = `need-${need.id}`;
    return html`<li part="card" class="card status-${need.status}" data-need=${need.id} aria-labelledby=${titleId}>
      <p part="service" class="service">${serviceName(this.menu, need.serviceCode, this.config.locale)}</p>
      <h3 part="title" class="title" id=${titleId}>${need.title}</h3>
      ${need.details ? html`<p class="details">${need.details}</p>` : nothing}
      <div class="facts">
        <p part="requester">${messages.requester({ name: need.requester })}${need.filedOnBehalf ? html` <span class="muted">(${messages.onBehalf})</span>` : nothing}</p>
        <p part="community"><span class="muted">${messages.community}</span> ${need.regionCode}</p>
        ${wait ? html`<p part="waiting"><time datetime=${need.waitingSince!}>${messages.waiting(wait)}</time></p>` : nothing}
        <p part="status" class="status">${messages.statuses[need.status]}</p>
      </div>
      ${canClaim
        ? html`<button part="claim-button" class="button claim" type="button" ?disabled=${claim?.phase === 'sending'} aria-label=${messages.claimFor({ title: need.title })}
            @click=${() => void this.claim(need)}>${claim?.phase === 'sending' ? messages.claiming : messages.claim}</button>`
        : nothing}
      <p part="claim-message" class="claim-message ${claim?.phase === 'refused' ? 'is-error' : ''}" role=${claim?.phase === 'refused' ? 'alert' : 'status'}>${claim?.phase === 'claimed' ? messages.claimed : claim?.phase === 'refused' ? messages.refusals[claim.refusal] : ''}</p>
    </li>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true">${Array.from({ length: 3 }, () => html`<div class="card"><span class="skeleton bar"></span><span class="skeleton bar"></span></div>`)}</div>
      <span class="visually-hidden">${sharedMessages(this.config.locale).loading}</span>`;
  }

  private renderEmpty() {
    return html`<div part="empty" class="state state--empty"><p>${this.messages.empty}</p></div>`;
  }

  private renderError(error: unknown) {
    return renderLoadError(this.config.locale, error, () => void this.fetchBoard(), { alert: true });
  }
}
