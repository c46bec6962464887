/** `vk.stats`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { ImpactStats, StatsQuery } from '../schemas/stats.js';

/** Impact statistics (volunteers, organizations, open opportunities, approved hours) for a scope. */
export class Stats extends APIResource {
  /**
   * Fetches impact statistics.
   *
   * @example
   * ```ts
   * const stats = await vk.stats.get({ scope: 'region:3301', period: 'year' });
   * counter.textContent = stats.approvedHours.toLocaleString();
   * ```
   */
  get(query: StatsQuery = {}, options?: RequestOptions): Promise<ImpactStats> {
    return this.client.request({ method: 'GET', path: '/v1/stats', query, auth: 'public', schema: 'ImpactStats', options, name: 'stats.get' });
  }
}
