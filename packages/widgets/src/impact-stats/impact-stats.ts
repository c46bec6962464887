import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { Stats, type ImpactStats, type Period, type StatsFigures, type StatsMetric } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderLoadError } from '../shared/error-state.js';
import { isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkLoadEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/i18n.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { impactStatsMessages } from './impact-stats.messages.js';
import { styles } from './impact-stats.styles.js';

const METRICS: readonly StatsMetric[] = ['approvedHours', 'activeVolunteers', 'fillRate', 'needsFulfilled', 'medianApprovalHours'];
/** The figures a month can be charted by (a monthly median is shown in the table only). */
const TRENDS: readonly StatsMetric[] = ['approvedHours', 'activeVolunteers', 'fillRate', 'needsFulfilled'];

/**
 * Impact figures for a scope: counters (approved hours, active volunteers, fill rate, needs met,
 * median time to approval) and a small monthly trend. The chart is a picture of the table behind
 * it: the chart is hidden from assistive technology and the table (visually hidden until the
 * reader asks for it) is what is read. Figures the API hides to protect small counts show as "—"
 * with a spoken explanation. Bars grow in only when the reader has not asked for reduced motion.
 *
 * @summary Impact statistics (志愿服务成效): counters and a monthly trend with its table.
 * @tag vk-impact-stats
 *
 * @csspart counters - The list of counters.
 * @csspart counter - One counter.
 * @csspart counter-value - A counter's figure.
 * @csspart counter-label - A counter's label.
 * @csspart trend - The trend: caption, chart, toggle and table.
 * @csspart chart - The SVG chart (hidden from assistive technology).
 * @csspart bar - One month's bar.
 * @csspart table-toggle - The button that shows or hides the table.
 * @csspart table - The table of monthly figures.
 * @csspart note - The note explaining "—".
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssproperty --vk-impact-bar-color - The bars (default: the primary color).
 * @cssproperty --vk-impact-value-color - The counters' figures (default: the text color).
 * @cssproperty --vk-impact-chart-height - The chart's height (default 6em).
 *
 * @event {VkLoadEvent} vk-load - Figures arrived and are shown; `detail: { count (months), added, page: 1, hasMore: false }`.
 * @event {VkErrorEvent} vk-error - Loading failed (the error state shows a retry); `detail.error`.
 */
export class VkImpactStats extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** `platform`, `org:<id>`, `region:<code>` or `channel:<id>`. */
  @property({ reflect: true }) scope = 'platform';

  /** `week`, `month`, `year` (default) or `all`. */
  @property({ reflect: true }) period: Period = 'year';

  /** The counters to show, space-separated (default: all five). */
  @property({ reflect: true }) counters = METRICS.join(' ');

  /** The figure the monthly trend charts: `approvedHours` (default), `activeVolunteers`, `fillRate`, `needsFulfilled`, or `none`. */
  @property({ reflect: true }) trend = 'approvedHours';

  @state() private tableShown = false;

  private readonly statsTask = new Task(this, {
    task: async ([client, scope, period], { signal }) => {
      if (!client) {
        if (this.config.clientError === undefined) await configurationGrace(signal);
        throw this.config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
      }
      return new Stats(client).get({ scope, period, groupBy: 'month' }, { signal });
    },
    args: () => [this.config.client, this.scope, this.period] as const,
    onComplete: (stats) => {
      this.dispatchEvent(new VkLoadEvent({ count: stats.groups.length, added: stats.groups.length, page: 1, hasMore: false }));
    },
    onError: (error) => {
      if (!isAbort(error)) this.dispatchError(error);
    },
  });

  private get messages() {
    return impactStatsMessages(this.config.locale);
  }

  private get shownCounters(): StatsMetric[] {
    const asked = new Set(String(this.counters).split(/[\s,]+/));
    return METRICS.filter((metric) => asked.has(metric));
  }

  private get trendMetric(): StatsMetric | null {
    return TRENDS.find((metric) => metric === this.trend) ?? null;
  }

  protected override reloadAfterCrash(): void {
    void this.statsTask.run();
  }

  protected override render(): TemplateResult {
    return html`<section class="body" aria-label=${this.messages.label} aria-busy=${this.statsTask.value || this.statsTask.error ? 'false' : 'true'}>
      ${this.statsTask.render({
        initial: () => this.renderSkeleton(),
        pending: () => this.renderSkeleton(),
        error: (error) => this.renderError(error),
        complete: (stats) => this.renderStats(stats),
      })}
    </section>`;
  }

  /** A figure as text: "—" where hidden or not measured. */
  private format(metric: StatsMetric, value: number | null): string {
    if (value === null) return '—';
    const locale = this.config.locale;
    if (metric === 'fillRate') return formatNumber(locale, value, { style: 'percent', maximumFractionDigits: 1 });
    if (metric === 'medianApprovalHours') return this.messages.hours({ value: formatNumber(locale, value, { maximumFractionDigits: 1 }) });
    return formatNumber(locale, value, { maximumFractionDigits: 1 });
  }

  private renderFigure(figures: StatsFigures, metric: StatsMetric) {
    const value = figures[metric];
    return html`${this.format(metric, value)}${value === null && figures.suppressed.includes(metric)
      ? html`<span class="visually-hidden"> ${this.messages.hidden}</span>`
      : nothing}`;
  }

  private renderStats(stats: ImpactStats) {
    const { metrics } = stats;
    if (metrics.approvedHours === 0 && metrics.activeVolunteers === 0 && !metrics.needsFulfilled) return this.renderEmpty();
    const messages = this.messages;
    const hasHidden = metrics.suppressed.length > 0 || stats.groups.some((group) => group.suppressed.length > 0);
    return html`
      <ul part="counters" class="counters">
        ${this.shownCounters.map(
          (metric) => html`<li part="counter" class="counter">
            <span part="counter-label" class="counter-label">${messages.metrics[metric]}</span>
            <span part="counter-value" class="counter-value">${this.renderFigure(metrics, metric)}</span>
          </li>`,
        )}
      </ul>
      ${this.renderTrend(stats)}
      ${hasHidden ? html`<p part="note" class="note">${messages.note}</p>` : nothing}
    `;
  }

  private renderTrend(stats: ImpactStats) {
    const metric = this.trendMetric;
    if (!metric || stats.groups.length === 0) return nothing;
    const messages = this.messages;
    const locale = this.config.locale;
    const monthName = (key: string) => formatDate(locale, `${key}-01T00:00:00Z`, 'UTC', { year: 'numeric', month: 'short' });
    const values = stats.groups.map((group) => group[metric]);
    const top = Math.max(1, ...values.map((value) => value ?? 0));
    const columns = this.shownCounters.includes(metric) ? this.shownCounters : [metric, ...this.shownCounters];
    const caption = messages.caption({ metric: messages.metrics[metric], period: messages.periods[stats.period] });
    return html`<figure part="trend" class="trend">
      <figcaption class="trend-caption" id="trend-caption">${caption}</figcaption>
      <svg part="chart" class="chart" aria-hidden="true" focusable="false" viewBox="0 0 ${values.length * 10} 100" preserveAspectRatio="none">
        ${values.map((value, index) => {
          const height = value === null ? 0 : Math.max(value > 0 ? 1 : 0, (value / top) * 96);
          return svg`<rect part="bar" class="bar" x=${index * 10 + 1} y=${100 - height} width="8" height=${height}></rect>`;
        })}
      </svg>
      <div class="axis" aria-hidden="true"><span>${monthName(stats.groups[0]!.key)}</span><span>${monthName(stats.groups.at(-1)!.key)}</span></div>
      <button part="table-toggle" class="button button--secondary" type="button" aria-expanded=${this.tableShown ? 'true' : 'false'} aria-controls="trend-table"
        @click=${() => (this.tableShown = !this.tableShown)}>${this.tableShown ? messages.hideTable : messages.showTable}</button>
      <!-- Shown, it scrolls sideways if it must, so it takes focus; hidden, screen readers still read it. -->
      <div id="trend-table" class=${this.tableShown ? 'table-wrap' : 'visually-hidden'} tabindex=${this.tableShown ? '0' : nothing}
        role=${this.tableShown ? 'region' : nothing} aria-labelledby=${this.tableShown ? 'trend-caption' : nothing}>
        <table part="table" aria-labelledby="trend-caption">
          <thead><tr><th scope="col">${messages.month}</th>${columns.map((column) => html`<th scope="col">${messages.metrics[column]}</th>`)}</tr></thead>
          <tbody>
            ${stats.groups.map(
              (group) => html`<tr><th scope="row">${monthName(group.key)}</th>${columns.map((column) => html`<td>${this.renderFigure(group, column)}</td>`)}</tr>`,
            )}
          </tbody>
        </table>
      </div>
    </figure>`;
  }

  /** Counters and a chart of the loaded size, so nothing moves when figures arrive. */
  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true">
        <div class="counters">${this.shownCounters.map(() => html`<div class="counter skeleton-counter"><span class="skeleton bar-text"></span></div>`)}</div>
        ${this.trendMetric ? html`<div class="skeleton chart"></div>` : nothing}
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
    return renderLoadError(this.config.locale, error, () => void this.statsTask.run(), { alert: false });
  }
}
