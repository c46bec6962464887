/**
 * The events of `<vk-opportunity-list source="recommended">`.
 * A module of their own (the list of every event: `../events.ts`), so that they travel in those
 * widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import { crossesShadowRoots } from './bubbling.js';

// <vk-opportunity-list source="recommended">

export interface VkRecommendationDismissDetail {
  /** The activity the volunteer is no longer recommended (`opp_…`). */
  opportunityId: string;
  /** When the server recorded the dismissal (the first one, if dismissed before). */
  dismissedAt: string;
}

/** The volunteer dismissed a recommendation, the server confirmed it and its card left the list. */
export class VkRecommendationDismissEvent extends CustomEvent<VkRecommendationDismissDetail> {
  constructor(detail: VkRecommendationDismissDetail) {
    super('vk-recommendation-dismiss', { ...crossesShadowRoots, detail });
  }
}
