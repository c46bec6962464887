import { html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { Task, TaskStatus } from '@lit/task';
import { Opportunities, type BaseClient, type Category, type ListOpportunitiesParams, type OpportunitySummary } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { sectionHeadingLevel } from '../shared/heading-level.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { describeError, isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkLoadEvent, VkOpportunitySelectEvent } from '../shared/events.js';
import { warmDateFormatters } from '../shared/i18n.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { loadElement } from '../shared/on-demand.js';
import { lazyModule } from '../shared/lazy-module.js';
import { opportunityListMessages } from './opportunity-list.messages.js';
import { itemView, listRenderCounts, SAMPLE_ROW, type ItemView } from './item-view.js';
import { styles } from './opportunity-list.styles.js';
import { MySignupsLoader, mySignupStyles } from './my-signups-loader.js';
import type { FilterForm } from './filter-form.js';
import type { RecommendedSource, RecommendationsPage } from './recommended.js';

export type OpportunityListLayout = 'cards' | 'list' | 'compact';
export type OpportunityListSignup = 'dialog' | 'link' | 'none';
export type OpportunityListFilter = 'search' | 'category' | 'region' | 'date';

const FILTERS: readonly OpportunityListFilter[] = ['search', 'category', 'region', 'date'];

/** Above this many loaded items, only the items near the viewport are in the DOM. */
export const VIRTUALIZE_ABOVE = 50;

/**
 * The virtualizer is loaded on first need: most lists never pass 50 items, and it is about a third
 * of this widget's weight. Shared by every list on the page.
 */
const virtualizer = lazyModule(() => import('@lit-labs/virtualizer/virtualize.js'));

/** Whether a list on this page has prepared the row's template (once per page, see prepareRowTemplate). */
let rowTemplatePrepared = false;

/** The filter form: a chunk of its own, loaded by the first list that shows filters (filter-form.ts). */
const filterForms = lazyModule(() => import('./filter-form.js'));

/**
 * Shows each opportunity's status, time and place (in the activity's own time zone), spots left
 * and hours credited. Readers filter by the controls named in `filters`; the chosen values are
 * reflected into the attributes (`query`, `category`, `region`, `date`). With `signup="dialog"` a
 * sign-up button opens `<vk-signup-form>` in a modal dialog; with `signup="link"` it links to
 * `detail-url`. More than 50 loaded items are virtualized: only those near the viewport are in
 * the DOM. With a volunteer session (`<vk-provider>`'s or `configure()`'s) it marks the activities
 * the volunteer signed up to; a sign-up or cancel on the page updates spots left without a reload.
 *
 * With `source="recommended"` it lists the signed-in volunteer's recommendations instead (best
 * first; `region`, a 6-digit district code, says where the volunteer is; the filters do not
 * apply): each card says why it was recommended ("为什么推荐") and has a "not interested" button
 * that dismisses it, after which focus moves to the next card. Without a session it asks the
 * reader to sign in. Its code loads the first time such a list is shown.
 *
 * @summary A list of volunteer opportunities with filters, "load more" and sign-up.
 * @tag vk-opportunity-list
 *
 * @csspart filters - The filter form (`role="search"`).
 * @csspart filter - Each filter field (label + control).
 * @csspart search-input - The search box.
 * @csspart category-select - The category select.
 * @csspart region-select - The region select (or code input without `region-options`).
 * @csspart date-input - The date input.
 * @csspart items - The list (`<ul>`).
 * @csspart item - One opportunity.
 * @csspart title - An opportunity's title.
 * @csspart organizer - The organizer's name.
 * @csspart status - The status badge.
 * @csspart category - The category label.
 * @csspart time - Date and time of the next shift.
 * @csspart place - Place or "Online".
 * @csspart spots - Spots left.
 * @csspart my-signup - "Signed up" / "On the waitlist" on an activity the signed-in volunteer signed up to.
 * @csspart hours - Hours credited.
 * @csspart signup-button - The sign-up button (`signup="dialog"`).
 * @csspart details-link - The link to the detail page (`signup="link"`).
 * @csspart load-more - The "load more" button.
 * @csspart skeleton - The loading placeholder list.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 * @csspart dialog - The sign-up `<dialog>`.
 * @csspart dialog-header - The dialog's title bar.
 * @csspart dialog-close - The dialog's close button.
 * @csspart why - `source="recommended"`: a card's "why recommended" block.
 * @csspart reasons - `source="recommended"`: the list of reasons.
 * @csspart reason - `source="recommended"`: one reason.
 * @csspart dismiss-button - `source="recommended"`: the "not interested" button.
 * @csspart dismiss-error - `source="recommended"`: why a dismissal failed (the card stays).
 * @csspart sign-in - `source="recommended"` without a volunteer session.
 *
 * @event {VkOpportunitySelectEvent} vk-opportunity-select - A reader chose an opportunity (sign-up button or link); `detail.opportunity`. Cancelable: `preventDefault()` keeps the dialog closed / the link unfollowed.
 * @event {VkLoadEvent} vk-load - A page arrived and is shown; `detail: { count, added, page, hasMore }`.
 * @event {VkErrorEvent} vk-error - Loading failed (the error state shows a retry), or a dismissal did; `detail.error`.
 * @event {VkRecommendationDismissEvent} vk-recommendation-dismiss - `source="recommended"`: a recommendation was dismissed and its card removed; `detail: { opportunityId, dismissedAt }`.
 */
export class VkOpportunityList extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles, mySignupStyles];

  /** Only this category (`elderly`, `environment`, …). Reflects the reader's choice. */
  @property({ reflect: true }) category?: string;

  /** Only this region and below: a 2-, 4- or 6-digit GB/T 2260 code. Reflects the reader's choice. */
  @property({ reflect: true }) region?: string;

  /** Only this organization (`org_…`). */
  @property({ reflect: true }) org?: string;

  /** Free-text search. Reflects what the reader typed. */
  @property({ reflect: true }) query?: string;

  /** Only activities on this day (`YYYY-MM-DD`, the reader's day). Reflects the reader's choice. */
  @property({ reflect: true }) date?: string;

  /** Page size, 1–100. */
  @property({ type: Number, reflect: true }) limit = 10;

  /** `cards` (grid), `list` (rows) or `compact` (one line each). */
  @property({ reflect: true }) layout: OpportunityListLayout = 'cards';

  /** Which filter controls to show, space-separated: `search category region date`. None by default. */
  @property({ reflect: true }) filters = '';

  /** Area choices for the region filter: `"330106=西湖区, 330105=拱墅区"`. Without it the filter is a code input. */
  @property({ attribute: 'region-options', reflect: true }) regionOptions?: string;

  /** What the sign-up button does: `dialog` (opens `<vk-signup-form>`), `link` (to `detail-url`) or `none`. */
  @property({ reflect: true }) signup: OpportunityListSignup = 'dialog';

  /** Detail page URL template; `{id}` is replaced: `/opportunities/{id}`. */
  @property({ attribute: 'detail-url', reflect: true }) detailUrl?: string;

  /** `recommended`: the signed-in volunteer's recommendations, with reasons and a dismiss button. Else every opportunity. */
  @property() source?: 'recommended';

  /** Heading level (2–6) of each item's title, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 3;

  @state() private items: OpportunitySummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private pagesLoaded = 0;
  @state() private loadingMore = false;
  @state() private loadMoreError: unknown = undefined;
  @state() private announcement = '';
  /** The opportunity whose sign-up dialog is open. */
  @state() private dialogOpportunity: OpportunitySummary | undefined;

  @query('dialog') private dialog?: HTMLDialogElement;

  /** The recommendations' side, once `source="recommended"` has loaded it. */
  private rec?: RecommendedSource;

  private moreAbort?: AbortController;
  /** The filter form, once its module has arrived. */
  private filterForm?: FilterForm;
  /** Its module could not be loaded (offline): the list shows without filters until it can. */
  private filterFormFailed = false;
  /** Index of the first item of the last "load more", to move focus there once rendered. */
  private focusIndexAfterRender: number | undefined;
  /** Which opportunity's button opened the dialog, to give it focus back on close. */
  private dialogTriggerId: string | undefined;

  /** The signed-in volunteer's marks, and fresh spots left after a sign-up or cancel (my-signups.ts, loaded when needed). */
  private readonly mine = new MySignupsLoader(this, { client: () => this.config.client, session: () => this.config.value.session,
    shows: (id) => this.items.some((o) => o.id === id), onFresh: (id, fresh) => (this.items = this.items.map((o) => (o.id === id ? fresh(o) : o))) });

  private readonly listTask = new Task(this, {
    task: async ([client, q, category, regionCode, orgId, date, limit], { signal }) => {
      this.moreAbort?.abort();
      if (!client) {
        // A refused key is final; a missing one may still arrive (configure() after the bundle).
        if (this.config.clientError === undefined) await configurationGrace(signal);
        throw this.config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
      }
      const params: ListOpportunitiesParams = { limit: Math.min(100, Math.max(1, limit || 10)) };
      if (q) params.q = q;
      if (category) params.category = category as Category;
      if (regionCode) params.regionCode = regionCode;
      if (orgId) params.orgId = orgId;
      Object.assign(params, dayRange(date));
      const request = this.page(client, params, signal);
      // The formatters the items will need are built while the answer is on its way (after the
      // request has left: a timer, not a microtask), not after it arrived.
      const locale = this.config.locale;
      setTimeout(() => warmDateFormatters(locale), 0);
      // Likewise the row's template (its own task: two shorter tasks, not one long one).
      setTimeout(() => this.prepareRowTemplate(), 0);
      const page = await request;
      return { page, params };
    },
    args: () => [this.config.client, this.query?.trim(), this.category, this.region, this.org, this.date, this.limit, this.source && this.config.value.session] as const,
    onComplete: ({ page }) => {
      this.items = page.data;
      this.nextCursor = page.nextCursor;
      this.pagesLoaded = 1;
      this.loadMoreError = undefined;
      this.announce(this.messages.resultsFound({ count: page.data.length, more: page.nextCursor !== null }));
      this.dispatchEvent(new VkLoadEvent({ count: page.data.length, added: page.data.length, page: 1, hasMore: page.nextCursor !== null }));
    },
    onError: (error) => {
      // An abort is a newer request replacing this one, not a failure to report.
      if (isAbort(error)) return;
      this.announce(describeError(this.config.locale, error));
      this.dispatchError(error);
    },
  });

  private get messages() {
    return opportunityListMessages(this.config.locale);
  }

  /** `heading-level`, kept within 2–6 (a widget never claims the page's h1). */
  private get titleLevel(): number {
    return sectionHeadingLevel(this.headingLevel);
  }

  private get shownFilters(): Set<OpportunityListFilter> {
    return new Set(this.filters.split(/[\s,]+/).filter((name): name is OpportunityListFilter => (FILTERS as readonly string[]).includes(name)));
  }

  private get hasActiveFilters(): boolean {
    return Boolean(this.query?.trim() || this.category || this.region || this.date);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.filterForm?.cancelSearch();
    this.moreAbort?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusIndexAfterRender !== undefined) {
      const index = this.focusIndexAfterRender;
      const target = this.renderRoot.querySelector<HTMLElement>(`[data-index="${index}"] [data-focus-target]`);
      if (target) {
        this.focusIndexAfterRender = undefined;
        target.focus();
      }
    }
  }

  // ------------------------------------------------------------------ actions

  private announce(text: string): void {
    // Cleared first so that the same sentence twice in a row is announced twice.
    this.announcement = '';
    requestAnimationFrame(() => {
      this.announcement = text;
    });
  }

  private async loadMore(): Promise<void> {
    const client = this.config.client;
    const base = this.listTask.value?.params;
    if (!client || !base || this.nextCursor === null || this.loadingMore) return;
    this.moreAbort = new AbortController();
    const signal = this.moreAbort.signal;
    this.loadingMore = true;
    this.loadMoreError = undefined;
    try {
      const page = await this.page(client, { ...base, cursor: this.nextCursor }, signal);
      if (signal.aborted) return;
      const firstNew = this.items.length;
      this.items = [...this.items, ...page.data];
      this.nextCursor = page.nextCursor;
      this.pagesLoaded += 1;
      this.focusIndexAfterRender = page.data.length ? firstNew : undefined;
      this.announce(this.messages.moreLoaded({ count: page.data.length }));
      this.dispatchEvent(new VkLoadEvent({ count: this.items.length, added: page.data.length, page: this.pagesLoaded, hasMore: page.nextCursor !== null }));
    } catch (error) {
      if (signal.aborted) return;
      this.loadMoreError = error;
      this.announce(describeError(this.config.locale, error));
      this.dispatchError(error);
    } finally {
      if (!signal.aborted) this.loadingMore = false;
    }
  }

  /**
   * A page of this list's source. `source="recommended"`'s pages, reasons and dismissals are a
   * chunk loaded only by a list that shows recommendations (recommended.ts).
   */
  private async page(client: BaseClient, params: ListOpportunitiesParams, signal: AbortSignal): Promise<RecommendationsPage> {
    this.rec = this.source ? (this.rec ?? new (await import('./recommended.js')).RecommendedSource(this)) : undefined;
    return this.rec ? this.rec.list(client, params, signal) : new Opportunities(client).list(params, { signal });
  }

  private retry(): void {
    void this.listTask.run();
  }

  protected override reloadAfterCrash(): void {
    this.retry();
  }

  private clearFilters(): void {
    this.filterForm?.cancelSearch();
    this.query = undefined;
    this.category = undefined;
    this.region = undefined;
    this.date = undefined;
  }

  private select(opportunity: OpportunitySummary): boolean {
    return this.dispatchEvent(new VkOpportunitySelectEvent(opportunity));
  }

  private async openSignup(opportunity: OpportunitySummary): Promise<void> {
    if (!this.select(opportunity)) return;
    // From the CDN the form's code loads on first use; the observer of the page cannot see into
    // this shadow root, so ask for it (a no-op when the form is defined already).
    void loadElement('vk-signup-form');
    this.dialogOpportunity = opportunity;
    this.dialogTriggerId = opportunity.id;
    await this.updateComplete;
    if (this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  private closeDialog(): void {
    this.dialog?.close();
  }

  private onDialogClose(): void {
    const triggerId = this.dialogTriggerId;
    this.dialogOpportunity = undefined;
    this.dialogTriggerId = undefined;
    // Browsers restore focus on close, but not reliably once the trigger was re-rendered (a
    // virtualized list recycles rows), so find the button again by its opportunity.
    if (triggerId) {
      const trigger = this.renderRoot.querySelector<HTMLElement>(`[data-signup-for="${CSS.escape(triggerId)}"]`);
      trigger?.focus();
    }
  }

  private onDetailsClick(event: MouseEvent, opportunity: OpportunitySummary): void {
    if (!this.select(opportunity)) event.preventDefault();
  }

  private detailHref(opportunity: OpportunitySummary): string | undefined {
    return this.detailUrl ? this.detailUrl.replace(/\{id\}/g, encodeURIComponent(opportunity.id)) : undefined;
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const messages = this.messages;
    return html`
      ${this.renderFilters()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="body layout-${this.layout}" aria-busy=${this.listTask.status === TaskStatus.PENDING || this.waitingForFilterForm ? 'true' : 'false'}>
        ${this.waitingForFilterForm
          ? this.renderSkeleton()
          : this.listTask.render({
            initial: () => this.renderSkeleton(),
            pending: () => this.renderSkeleton(),
            error: (error) => this.renderError(error, () => this.retry()),
            complete: () => (this.items.length ? this.renderItems() : this.renderEmpty()),
          })}
      </div>
      ${this.renderDialog(messages)}
    `;
  }

  /** True while the filter form's module is on its way: the list shows its placeholder meanwhile. */
  private get waitingForFilterForm(): boolean {
    return this.shownFilters.size > 0 && !filterForms.current && !this.filterFormFailed;
  }

  private renderFilters() {
    const shown = this.shownFilters;
    if (shown.size === 0) return nothing;
    const module = filterForms.current;
    if (!module) {
      void filterForms.load().then(
        () => this.requestUpdate(),
        (error: unknown) => {
          this.filterFormFailed = true;
          this.requestUpdate();
          this.dispatchError(error);
        },
      );
      return nothing;
    }
    this.filterForm ??= new module.FilterForm(this);
    const messages = this.messages;
    const clear = this.hasActiveFilters
      ? html`<button class="button button--secondary clear" type="button" @click=${this.clearFilters}>${messages.clearFilters}</button>`
      : nothing;
    return this.filterForm.render(shown, messages, clear);
  }

  /** Same structure and fixed line heights as a loaded item, so nothing moves when data arrives. */
  private renderSkeleton() {
    const count = Math.min(100, Math.max(1, this.limit || 10));
    const bar = (width: string) => html`<span class="skeleton bar ${width}"></span>`;
    return html`
      <ul part="skeleton" class="items" role="list" aria-label=${sharedMessages(this.config.locale).loadingLabel}>
        ${Array.from(
          { length: count },
          () => html`<li class="item item--skeleton" aria-hidden="true">
            <div class="line meta-line">${bar('w-30')}</div>
            <div class="title-line">${bar('w-80')}${this.layout === 'compact' ? nothing : bar('w-50')}</div>
            <div class="line organizer">${bar('w-50')}</div>
            <div class="line time">${bar('w-70')}</div>
            <div class="line place">${bar('w-60')}</div>
            <div class="line facts">${bar('w-40')}</div>
            ${this.signup === 'none' ? nothing : html`<div class="actions"><span class="skeleton action-bar"></span></div>`}
          </li>`,
        )}
      </ul>
      <div class="more-row" aria-hidden="true"><span class="skeleton action-bar"></span></div>
    `;
  }

  /**
   * Lit prepares a template the first time it renders it (parses its HTML, finds where each value
   * goes) and keeps it for the page; later renders clone it. For the row, at 4× CPU slowdown, that
   * is about half of what the answer's render does, so the first list renders one stand-in row
   * into a detached fragment while its first GET is out, and the answer's render only clones.
   */
  private prepareRowTemplate(): void {
    if (rowTemplatePrepared) return;
    rowTemplatePrepared = true;
    try {
      render(this.renderRow(SAMPLE_ROW.opportunity, SAMPLE_ROW.view, 0, 1, undefined), document.createDocumentFragment());
    } catch {
      // Nothing lost: the first real render prepares it.
    }
  }

  private renderItems() {
    const long = this.items.length > VIRTUALIZE_ABOVE;
    const virtualize = virtualizer.current?.virtualize;
    if (long && !virtualize) {
      void virtualizer.load().then(
        () => this.requestUpdate(),
        (error: unknown) => this.dispatchError(error),
      );
    }
    const virtual = long && virtualize !== undefined;
    // Until the virtualizer has arrived (a moment), a long list shows only its first items.
    const items = long && !virtual ? this.items.slice(0, VIRTUALIZE_ABOVE) : this.items;
    const total = this.nextCursor === null ? this.items.length : -1;
    // The virtualizer puts what renderItem returns into a `repeat`, as below, so a guarded row is
    // fine there too; its type only names templates.
    const renderItem = (opportunity: OpportunitySummary, index: number) => this.renderItem(opportunity, index, total) as unknown as TemplateResult;
    return html`
      <ul part="items" class="items ${virtual ? 'items--virtual' : ''}" role="list" aria-label=${this.messages.listLabel}>
        ${virtual && virtualize
          ? virtualize({ items, renderItem, keyFunction: (opportunity) => opportunity.id })
          : repeat(items, (opportunity) => opportunity.id, renderItem)}
      </ul>
      ${this.renderLoadMore()}
    `;
  }

  /**
   * One row. Its text comes from the item's view (formatted once per item, see item-view.ts), and
   * `guard` skips the row entirely while nothing it shows changed: scrolling a virtualized list
   * re-renders only the rows that come into view.
   */
  private renderItem(opportunity: OpportunitySummary, index: number, total: number) {
    const view = itemView(opportunity, this.config.locale);
    const href = this.detailHref(opportunity);
    return guard([view, index, total, this.signup, this.titleLevel, href, this.config.locale, this.mine.statusOf(opportunity.id), this.rec?.revision], () => {
      listRenderCounts.rows++;
      return this.renderRow(opportunity, view, index, total, href);
    });
  }

  private renderRow(opportunity: OpportunitySummary, view: ItemView, index: number, total: number, href: string | undefined) {
    const messages = this.messages;
    const titleId = `title-${opportunity.id}`;
    const { status } = opportunity;
    const canSignUp = status === 'recruiting' || status === 'full';
    return html`
      <li part="item" class="item" data-index=${index} aria-posinset=${index + 1} aria-setsize=${total}>
        <div class="line meta-line">
          <span part="status" class="badge status-${status}">${messages.status[status] ?? status}</span>
          <span part="category" class="category">${messages.categories[opportunity.category] ?? opportunity.category}</span>
          ${this.mine.badge(opportunity.id, this.config.locale)}
        </div>
        <div part="title" class="title-line title" role="heading" aria-level=${this.titleLevel} id=${titleId} tabindex="-1" data-focus-target>${opportunity.title}</div>
        <div part="organizer" class="line organizer" data-label="${messages.organizer}: ">${opportunity.orgName}</div>
        <div part="time" class="line time" data-label="${messages.time}: ">
          ${view.time ? html`<time datetime=${view.timeIso}>${view.time}</time>` : nothing}
          ${view.moreShifts ? html`<span class="more-shifts">${view.moreShifts}</span>` : nothing}
        </div>
        <div part="place" class="line place" data-label="${messages.place}: ">${opportunity.location.online ? messages.online : opportunity.location.name}</div>
        <div class="line facts">
          <span part="spots" class="spots ${opportunity.openSpots ? '' : 'spots--none'}">${view.spots}</span>
          <span part="hours" class="hours">${view.hours}</span>
        </div>
        ${this.rec?.card(opportunity, titleId)}
        ${this.signup === 'dialog' && canSignUp
          ? html`<div class="actions"><button part="signup-button" class="button" type="button" data-signup-for=${opportunity.id}
              aria-describedby=${titleId} @click=${() => this.openSignup(opportunity)}>${opportunity.openSpots ? messages.signUp : messages.waitlist}</button></div>`
          : nothing}
        ${this.signup === 'link' && href
          ? html`<div class="actions"><a part="details-link" class="button button--secondary" href=${href} aria-describedby=${titleId}
              @click=${(event: MouseEvent) => this.onDetailsClick(event, opportunity)}>${messages.details}</a></div>`
          : nothing}
        ${this.signup === 'dialog' && !canSignUp ? html`<div class="actions"></div>` : nothing}
      </li>
    `;
  }

  private renderLoadMore() {
    const messages = this.messages;
    if (this.loadMoreError !== undefined) {
      return html`<div class="more-row" part="error">
        <p class="more-error" role="alert">${describeError(this.config.locale, this.loadMoreError)}</p>
        <button part="retry-button load-more" class="button button--secondary" type="button" @click=${this.loadMore}>${sharedMessages(this.config.locale).retry}</button>
      </div>`;
    }
    if (this.nextCursor === null) return nothing;
    return html`<div class="more-row">
      <button part="load-more" class="button button--secondary" type="button" aria-disabled=${this.loadingMore ? 'true' : 'false'}
        @click=${this.loadMore}>${this.loadingMore ? messages.loadingMore : messages.loadMore}</button>
    </div>`;
  }

  private renderEmpty() {
    if (this.rec) return this.rec.empty();
    const messages = this.messages;
    return html`<div part="empty" class="state state--empty">
      <p class="state__title">${messages.emptyTitle}</p>
      <p>${this.hasActiveFilters ? messages.emptyFiltered : messages.emptyPlain}</p>
      ${this.hasActiveFilters ? html`<button class="button button--secondary" type="button" @click=${this.clearFilters}>${messages.clearFilters}</button>` : nothing}
    </div>`;
  }

  private renderError(error: unknown, retry: () => void) {
    const shared = sharedMessages(this.config.locale);
    return html`<div part="error" class="state state--error">
      <p class="state__title">${shared.errorTitle}</p>
      <p>${describeError(this.config.locale, error)}</p>
      ${error instanceof WidgetConfigurationError ? nothing : html`<button part="retry-button" class="button" type="button" @click=${retry}>${shared.retry}</button>`}
    </div>`;
  }

  private renderDialog(messages: ReturnType<typeof opportunityListMessages>) {
    if (this.signup !== 'dialog') return nothing;
    const opportunity = this.dialogOpportunity;
    const config = this.config.value;
    return html`<dialog part="dialog" class="dialog" aria-labelledby=${opportunity ? 'vk-dialog-title' : nothing} @close=${this.onDialogClose}>
      ${opportunity
        ? html`<div part="dialog-header" class="dialog-header">
              <h2 id="vk-dialog-title" class="dialog-title">${
                opportunity.openSpots > 0 ? messages.signUpFor({ title: opportunity.title }) : messages.waitlistFor({ title: opportunity.title })
              }</h2>
              <button part="dialog-close" class="button button--secondary dialog-close" type="button" @click=${this.closeDialog}>${messages.closeDialog}</button>
            </div>
            <vk-signup-form opportunity=${opportunity.id} mode="dialog" base-url=${config.baseUrl ?? nothing}
              publishable-key=${config.publishableKey ?? nothing} locale=${this.config.locale} theme=${config.theme ?? nothing}
              ?large-text=${config.largeText}></vk-signup-form>`
        : nothing}
    </dialog>`;
  }
}

/** The reader's chosen day as an instant range: shifts that overlap that local day. */
function dayRange(date: string | undefined): Pick<ListOpportunitiesParams, 'from' | 'to'> {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return {};
  const start = new Date(`${date}T00:00:00`);
  const end = new Date(`${date}T23:59:59.999`);
  if (Number.isNaN(start.getTime())) return {};
  return { from: start.toISOString(), to: end.toISOString() };
}
