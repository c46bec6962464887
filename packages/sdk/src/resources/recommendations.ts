/**
 * The signed-in volunteer's recommendations. Not attached to the client, so a page that never
 * recommends anything does not carry them: construct it on a session client.
 *
 * ```ts
 * import { createClient, MyRecommendations } from '@volunteerkit/sdk';
 * const me = createClient({ baseUrl, publishableKey }).withSession(token);
 * const { data } = await new MyRecommendations(me).list({ limit: 5 });
 * ```
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { ListRecommendationsQuery, Recommendation, RecommendationDismissal } from '../schemas/recommendation.js';

/** Activities suggested to the volunteer, each with the reasons why (volunteer session). */
export class MyRecommendations extends APIResource {
  /**
   * Activities the volunteer could join now, best first, each with `score` and `reasons`.
   * Iterate the result with `for await` to read on past the first page.
   *
   * @example
   * ```ts
   * const page = await new MyRecommendations(vk.withSession(token)).list({ regionCode: '330106', limit: 5 });
   * for (const item of page.data) console.log(item.title, item.reasons.map((r) => r.code));
   * ```
   */
  list(query: ListRecommendationsQuery = {}, options?: RequestOptions): PagePromise<Recommendation> {
    return this.client.list({ method: 'GET', path: '/v1/me/recommendations', query, auth: 'session', schema: 'RecommendationPage', options, name: 'me.recommendations.list' });
  }

  /**
   * Leaves an activity out of the volunteer's later recommendations; dismissing it again answers
   * the first dismissal.
   *
   * @example
   * ```ts
   * await new MyRecommendations(vk.withSession(token)).dismiss('opp_8Hk2Lm4N');
   * ```
   */
  dismiss(opportunityId: string, options?: RequestOptions): Promise<RecommendationDismissal> {
    return this.client.request({
      method: 'POST', path: `/v1/me/recommendations/${encodeURIComponent(opportunityId)}/dismiss`, auth: 'session', schema: 'RecommendationDismissal', options,
      name: 'me.recommendations.dismiss',
    });
  }
}
