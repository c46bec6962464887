/** `vk.opportunities`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { PagePromise } from '../core/pagination.js';
import type { ListOpportunitiesParams, Opportunity, OpportunitySummary } from '../schemas/opportunity.js';

/** Volunteering opportunities (活动/岗位) with their shifts and sign-up questions. */
export class Opportunities extends APIResource {
  /**
   * Lists opportunities visible to the channel. Await it for one page, or `for await` over it for
   * every match across pages. A CORS-simple GET: no preflight, cacheable by a CDN. Items are
   * summaries (the next shift, `shiftCount`, `openSpots`; no description or questions): `get()`
   * fetches the full record.
   *
   * @example
   * ```ts
   * const page = await vk.opportunities.list({ category: 'elderly', hasOpenSlots: true, limit: 20 });
   * for await (const opp of vk.opportunities.list({ regionCode: '3301' })) console.log(opp.title);
   * ```
   */
  list(params: ListOpportunitiesParams = {}, options?: RequestOptions): PagePromise<OpportunitySummary> {
    return this.client.list({ method: 'GET', path: '/v1/opportunities', query: params, auth: 'public', schema: 'OpportunityPage', options, name: 'opportunities.list' });
  }

  /**
   * Fetches one opportunity with its shifts (spots left) and sign-up questions.
   *
   * @example
   * ```ts
   * const opp = await vk.opportunities.get('opp_7Hq2xK9p');
   * ```
   */
  get(id: string, options?: RequestOptions): Promise<Opportunity> {
    return this.client.request({ method: 'GET', path: `/v1/opportunities/${encodeURIComponent(id)}`, auth: 'public', schema: 'Opportunity', options, name: 'opportunities.get' });
  }
}
