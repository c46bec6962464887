/** `vk.stats`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { ImpactStats, StatsQuery } from '../schemas/stats.js';

/**
 * Impact statistics for a scope: headline counts, `metrics` (approved hours, active volunteers,
 * fill rate, needs fulfilled, median approval time) and, with `groupBy`, the same per month,
 * category or region. Small counts come back `null` and named in `suppressed`.
 */
export class Stats extends APIResource {
  /**
   * Fetches impact statistics.
   *
   * @example
   * ```ts
   * const stats = await vk.stats.get({ scope: 'region:3301', period: 'year' });
   * counter.textContent = stats.approvedHours.toLocaleString();
   *
   * const { groups } = await vk.stats.get({ period: 'year', groupBy: 'month' });
   * for (const month of groups) row(month.key, month.approvedHours ?? '—'); // null: hidden, fewer than 5
   * ```
   */
  get(query: StatsQuery = {}, options?: RequestOptions): Promise<ImpactStats> {
    return this.client.request({ method: 'GET', path: '/v1/stats', query, auth: 'public', schema: 'ImpactStats', options, name: 'stats.get' });
  }
}
