import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { HonorBoards, type Honor, type HonorBoard, type HonorBoardEntry, type HonorBoardQuery, type Metric, type Period } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { sectionHeadingLevel } from '../shared/heading-level.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderLoadError } from '../shared/error-state.js';
import { isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkLoadEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { honorBoardMessages } from './honor-board.messages.js';
import { styles } from './honor-board.styles.js';

export type HonorBoardLayout = 'table' | 'podium' | 'ticker';

const PERIODS: readonly Period[] = ['week', 'month', 'year', 'all'];
const METRICS: readonly Metric[] = ['hours', 'points'];
/** Auto-refresh never runs more often than this (seconds), whatever the attribute says. */
export const MIN_REFRESH_SECONDS = 2;

/**
 * Ranks by approved service hours or points over a period; ties share a rank. Names are shown
 * exactly as the API returns them (masked, e.g. 张*明, unless the volunteer opted in). Star levels
 * have a text equivalent for screen readers. Readers can switch period and metric with the
 * controls; `refresh` reloads every N seconds while the page is visible. The ticker layout
 * scrolls (pausable, and still when the reader prefers reduced motion).
 *
 * @summary A ranked honor board (光荣榜) of volunteers or teams, with featured honors.
 * @tag vk-honor-board
 *
 * @csspart controls - The period/metric switchers.
 * @csspart period-control - The period radio group.
 * @csspart metric-control - The metric radio group.
 * @csspart board - The ranked board (table, podium or ticker).
 * @csspart table - The `<table>` of the table layout.
 * @csspart row - One ranked row (table and the rest of a podium).
 * @csspart rank - A rank number.
 * @csspart name - A masked name.
 * @csspart stars - A star-level badge.
 * @csspart value - Hours or points.
 * @csspart podium - The top three of the podium layout.
 * @csspart podium-step - One step of the podium.
 * @csspart ticker - The scrolling track of the ticker layout.
 * @csspart ticker-toggle - The ticker's pause/resume button.
 * @csspart featured - The featured honors section.
 * @csspart honor - One featured honor.
 * @csspart citation - A featured honor's citation.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssproperty --vk-color-gold - Rank 1 accent (podium).
 * @cssproperty --vk-ticker-duration - One ticker loop (default 40s).
 *
 * @event {VkLoadEvent} vk-load - A board arrived and is shown (also on each refresh); `detail: { count, added, page: 1, hasMore: false }`.
 * @event {VkErrorEvent} vk-error - Loading failed (the error state shows a retry); `detail.error`.
 */
export class VkHonorBoard extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** `platform`, `org:<id>`, `region:<code>` or `channel:<id>`. */
  @property({ reflect: true }) scope = 'platform';

  /** `week`, `month`, `year` or `all`. Reflects the reader's choice. */
  @property({ reflect: true }) period: Period = 'month';

  /** `hours` or `points`. Reflects the reader's choice. */
  @property({ reflect: true }) metric: Metric = 'hours';

  /** `volunteer` (people) or `organization` (teams). */
  @property({ reflect: true }) subject: 'volunteer' | 'organization' = 'volunteer';

  /** How many ranked entries, 1–100. */
  @property({ type: Number, reflect: true }) limit = 10;

  /** `table`, `podium` (top three raised) or `ticker` (one scrolling line). */
  @property({ reflect: true }) layout: HonorBoardLayout = 'table';

  /** How many featured honors (with citations) to show, 0–10. */
  @property({ type: Number, reflect: true }) featured = 0;

  /** Reload every N seconds while the page is visible (0 = never; at least 2). */
  @property({ type: Number, reflect: true }) refresh = 0;

  /** Which reader controls to show: `period metric` (default), one of them, or `none`. */
  @property({ reflect: true }) controls = 'period metric';

  /** Heading level (2–6) of the featured-honors section; each honor's title is one level below. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 3;

  @state() private tickerPaused = false;
  @state() private announcement = '';
  /** True while an automatic refresh runs: the current board stays visible instead of a skeleton. */
  @state() private refreshing = false;

  private refreshTimer?: ReturnType<typeof setTimeout>;
  private lastLoadedAt = 0;
  private readerSwitched = false;

  private readonly boardTask = new Task(this, {
    task: async ([client, scope, period, metric, subject, limit, featured], { signal }) => {
      if (!client) {
        // A refused key is final; a missing one may still arrive (configure() after the bundle).
        if (this.config.clientError === undefined) await configurationGrace(signal);
        throw this.config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
      }
      const query: HonorBoardQuery = {
        scope,
        period,
        metric,
        subject,
        limit: clamp(limit, 1, 100, 10),
        featured: clamp(featured, 0, 10, 0),
      };
      return new HonorBoards(client).get(query, { signal });
    },
    args: () => [this.config.client, this.scope, this.period, this.metric, this.subject, this.limit, this.featured] as const,
    onComplete: (board) => {
      this.refreshing = false;
      this.lastLoadedAt = Date.now();
      this.scheduleRefresh();
      if (this.readerSwitched) {
        this.readerSwitched = false;
        this.announce(this.describeBoard(board));
      }
      this.dispatchEvent(new VkLoadEvent({ count: board.entries.length, added: board.entries.length, page: 1, hasMore: false }));
    },
    onError: (error) => {
      this.refreshing = false;
      if (isAbort(error)) return;
      this.lastLoadedAt = Date.now();
      this.scheduleRefresh();
      this.dispatchError(error);
    },
  });

  private get messages() {
    return honorBoardMessages(this.config.locale);
  }

  /** `heading-level`, kept within 2–6 (a widget never claims the page's h1). */
  private get sectionLevel(): number {
    return sectionHeadingLevel(this.headingLevel);
  }

  protected override reloadAfterCrash(): void {
    void this.boardTask.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.scheduleRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    clearTimeout(this.refreshTimer);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('refresh')) this.scheduleRefresh();
  }

  // ------------------------------------------------------------------ refresh

  /** The next refresh, counted from the last load; nothing while hidden or when off. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    const seconds = Number(this.refresh);
    if (!this.isConnected || !(seconds > 0) || document.visibilityState === 'hidden' || this.lastLoadedAt === 0) return;
    const interval = Math.max(MIN_REFRESH_SECONDS, seconds) * 1000;
    const wait = Math.max(0, this.lastLoadedAt + interval - Date.now());
    this.refreshTimer = setTimeout(() => this.refreshNow(), wait);
  }

  private refreshNow(): void {
    if (document.visibilityState === 'hidden' || this.boardTask.status === TaskStatus.PENDING) return;
    this.refreshing = this.boardTask.status === TaskStatus.COMPLETE;
    void this.boardTask.run();
  }

  /** Hidden: stop. Visible again: refresh at once if one is due, else wait out the rest. */
  private onVisibilityChange = (): void => {
    this.scheduleRefresh();
  };

  // ------------------------------------------------------------------ reader actions

  private announce(text: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private describeBoard(board: HonorBoard): string {
    const messages = this.messages;
    return messages.shown({ period: messages.periods[board.period], metric: messages.metrics[board.metric], count: board.entries.length });
  }

  private choosePeriod(event: Event): void {
    this.readerSwitched = true;
    this.period = (event.target as HTMLInputElement).value as Period;
  }

  private chooseMetric(event: Event): void {
    this.readerSwitched = true;
    this.metric = (event.target as HTMLInputElement).value as Metric;
  }

  private toggleTicker(): void {
    this.tickerPaused = !this.tickerPaused;
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const current = this.boardTask.value;
    return html`
      ${this.renderControls()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="body layout-${this.layout}" aria-busy=${this.boardTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${this.boardTask.render({
          initial: () => this.renderSkeleton(),
          pending: () => (this.refreshing && current ? this.renderBoard(current) : this.renderSkeleton()),
          error: (error) => this.renderError(error),
          complete: (board) => this.renderBoard(board),
        })}
      </div>
    `;
  }

  private renderControls() {
    const shown = new Set(this.controls.split(/[\s,]+/));
    const messages = this.messages;
    const group = (name: 'period' | 'metric', legend: string, options: readonly string[], labels: Record<string, string>, current: string, onChange: (event: Event) => void) =>
      html`<fieldset part="${name}-control" class="segmented">
        <legend class="label">${legend}</legend>
        <div class="segments">
          ${options.map(
            (option) => html`<label class="segment">
              <input type="radio" name=${name} value=${option} .checked=${current === option} @change=${onChange} />
              <span>${labels[option]}</span>
            </label>`,
          )}
        </div>
      </fieldset>`;
    const parts = [
      shown.has('period') ? group('period', messages.period, PERIODS, messages.periods, this.period, this.choosePeriod) : nothing,
      shown.has('metric') ? group('metric', messages.metric, METRICS, messages.metrics, this.metric, this.chooseMetric) : nothing,
    ];
    if (parts.every((part) => part === nothing)) return nothing;
    return html`<div part="controls" class="controls">${parts}</div>`;
  }

  private renderBoard(board: HonorBoard) {
    if (board.entries.length === 0 && board.featured.length === 0) return this.renderEmpty();
    const layout = this.layout === 'podium' || this.layout === 'ticker' ? this.layout : 'table';
    return html`
      ${board.entries.length === 0 ? this.renderEmpty() : layout === 'podium' ? this.renderPodium(board) : layout === 'ticker' ? this.renderTicker(board) : this.renderTable(board)}
      ${this.renderFeatured(board.featured.slice(0, clamp(this.featured, 0, 10, 0)))}
    `;
  }

  private renderStars(level: number | null) {
    if (level === null) return nothing;
    const messages = this.messages;
    return html`<span part="stars" class="stars stars-${level}"
      ><span aria-hidden="true">${'★'.repeat(level)}<span class="stars-empty">${'☆'.repeat(5 - level)}</span></span
      ><span class="visually-hidden">${messages.starText({ level })}</span></span
    >`;
  }

  private renderValue(board: HonorBoard, entry: HonorBoardEntry) {
    return html`<span part="value" class="value">${this.messages.value({ metric: board.metric, value: entry.value })}</span>`;
  }

  private renderTable(board: HonorBoard) {
    const messages = this.messages;
    const people = board.subject === 'volunteer';
    return html`<div part="board" class="board">
      <table part="table" class="table">
        <caption class="visually-hidden">${messages.caption({ period: messages.periods[board.period], metric: messages.metrics[board.metric] })}</caption>
        <thead>
          <tr>
            <th scope="col" class="col-rank">${messages.rank}</th>
            <th scope="col">${people ? messages.volunteer : messages.team}</th>
            ${people ? html`<th scope="col" class="col-stars">${messages.stars}</th>` : nothing}
            <th scope="col" class="col-value">${messages.metrics[board.metric]}</th>
          </tr>
        </thead>
        <tbody>
          ${board.entries.map(
            (entry) => html`<tr part="row" class="row rank-${Math.min(entry.rank, 4)}">
              <td part="rank" class="col-rank">${entry.rank}</td>
              <th part="name" scope="row" class="name">${entry.subject.name}</th>
              ${people ? html`<td class="col-stars">${this.renderStars(entry.subject.starLevel)}</td>` : nothing}
              <td class="col-value">${this.renderValue(board, entry)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderPodium(board: HonorBoard) {
    const messages = this.messages;
    const top = board.entries.slice(0, 3);
    const rest = board.entries.slice(3);
    return html`<div part="board" class="board">
      <ol part="podium" class="podium" aria-label=${messages.boardLabel}>
        ${top.map(
          (entry, index) => html`<li part="podium-step" class="step step-${index + 1}">
            <span part="rank" class="podium-rank"><span class="visually-hidden">${messages.rankLabel({ rank: entry.rank })}</span><span aria-hidden="true">${entry.rank}</span></span>
            <span part="name" class="name">${entry.subject.name}</span>
            ${this.renderStars(entry.subject.starLevel)} ${this.renderValue(board, entry)}
          </li>`,
        )}
      </ol>
      ${rest.length
        ? html`<ol class="rest" aria-label=${messages.boardLabel}>
            ${rest.map(
              (entry) => html`<li part="row" class="row">
                <span part="rank" class="rest-rank"><span class="visually-hidden">${messages.rankLabel({ rank: entry.rank })}</span><span aria-hidden="true">${entry.rank}</span></span>
                <span part="name" class="name">${entry.subject.name}</span>
                ${this.renderStars(entry.subject.starLevel)} ${this.renderValue(board, entry)}
              </li>`,
            )}
          </ol>`
        : nothing}
    </div>`;
  }

  private renderTicker(board: HonorBoard) {
    const messages = this.messages;
    const items = (hidden: boolean) =>
      board.entries.map(
        (entry) => html`<li class="ticker-item" aria-hidden=${hidden ? 'true' : nothing}>
          <span part="rank" class="rest-rank">${hidden ? entry.rank : html`<span class="visually-hidden">${messages.rankLabel({ rank: entry.rank })}</span><span aria-hidden="true">${entry.rank}</span>`}</span>
          <span part="name" class="name">${entry.subject.name}</span>
          ${hidden ? html`<span class="stars" aria-hidden="true">${'★'.repeat(entry.subject.starLevel ?? 0)}</span>` : this.renderStars(entry.subject.starLevel)}
          ${this.renderValue(board, entry)}
        </li>`,
      );
    return html`<div part="board" class="board ticker-board">
      <button part="ticker-toggle" class="button button--secondary ticker-toggle" type="button" aria-pressed=${this.tickerPaused ? 'true' : 'false'} @click=${this.toggleTicker}>
        ${this.tickerPaused ? messages.playTicker : messages.pauseTicker}
      </button>
      <div class="ticker-viewport" data-marquee>
        <!-- The list is repeated once (hidden from assistive tech) so the loop has no gap. -->
        <ol part="ticker" class="ticker ${this.tickerPaused ? 'paused' : ''}" aria-label=${messages.boardLabel}>${items(false)}${items(true)}</ol>
      </div>
    </div>`;
  }

  private renderFeatured(honors: Honor[]) {
    if (!honors.length) return nothing;
    const messages = this.messages;
    const locale = this.config.locale;
    return html`<section part="featured" class="featured" aria-labelledby="vk-featured-title">
      <div id="vk-featured-title" class="featured-title" role="heading" aria-level=${this.sectionLevel}>${messages.featured}</div>
      <ul class="honors" role="list">
        ${honors.map(
          (honor) => html`<li part="honor" class="honor">
            <p class="honor-kind">${messages.honorKinds[honor.kind] ?? honor.kind}</p>
            <div class="honor-title" role="heading" aria-level=${Math.min(6, this.sectionLevel + 1)}>${honor.title}</div>
            <p class="honor-subject">${honor.subject.name}</p>
            <p part="citation" class="citation">${honor.citation}</p>
            <p class="honor-date"><time datetime=${honor.awardedAt}>${messages.awardedOn({ date: formatDate(locale, honor.awardedAt, 'Asia/Shanghai') })}</time></p>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** Same row and card heights as the loaded board, so nothing moves when it arrives. */
  private renderSkeleton() {
    const rows = clamp(this.limit, 1, 100, 10);
    const featured = clamp(this.featured, 0, 10, 0);
    const bar = (width: string) => html`<span class="skeleton bar ${width}"></span>`;
    const layout = this.layout;
    return html`<div part="skeleton" class="skeleton-board" aria-hidden="true">
        ${layout === 'ticker'
          ? html`<div class="board ticker-board"><span class="skeleton ticker-toggle-bar"></span><div class="ticker-viewport">${bar('w-80')}</div></div>`
          : layout === 'podium'
            ? html`<div class="board">
                <div class="podium">
                  ${[1, 2, 3].slice(0, rows).map((n) => html`<div class="step step-${n}">${bar('w-50')} ${bar('w-80')} ${bar('w-60')}</div>`)}
                </div>
                ${rows > 3 ? html`<div class="rest">${Array.from({ length: rows - 3 }, () => html`<div class="row">${bar('w-80')}</div>`)}</div>` : nothing}
              </div>`
            : html`<div class="board">
                <div class="table table--skeleton">
                  <div class="thead-row">${bar('w-60')}</div>
                  ${Array.from({ length: rows }, () => html`<div class="row">${bar('w-80')}</div>`)}
                </div>
              </div>`}
        ${featured
          ? html`<div class="featured">
              <div class="featured-title">${bar('w-30')}</div>
              <div class="honors">
                ${Array.from(
                  { length: featured },
                  () => html`<div class="honor">
                    <p class="honor-kind">${bar('w-30')}</p>
                    <p class="honor-title">${bar('w-60')}</p>
                    <p class="honor-subject">${bar('w-30')}</p>
                    <p class="citation">${bar('w-80')}</p>
                    <p class="honor-date">${bar('w-40')}</p>
                  </div>`,
                )}
              </div>
            </div>`
          : nothing}
      </div>
      <span class="visually-hidden">${sharedMessages(this.config.locale).loading}</span>`;
  }

  private renderEmpty() {
    const messages = this.messages;
    return html`<div part="empty" class="state state--empty">
      <p class="state__title">${messages.emptyTitle}</p>
      <p>${messages.emptyBody}</p>
    </div>`;
  }

  private renderError(error: unknown) {
    return renderLoadError(this.config.locale, error, () => void this.boardTask.run(), { alert: false });
  }
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(max, Math.max(min, Math.round(number))) : fallback;
}
