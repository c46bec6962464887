/**
 * Recommendations for the signed-in volunteer (`GET /v1/me/recommendations`): list items as
 * `GET /v1/opportunities` returns them, each with a score and the reasons behind it, so a widget
 * can say why an activity was suggested.
 *
 * @module
 */
import * as z from 'zod/mini';
import { pageOf, pageParams, Timestamp } from './common.js';
import { OpportunitySummary } from './opportunity.js';

/**
 * Why an activity was suggested; each code has its own `params`:
 * - `skill_match`: `{ skills: string[] }`, skills it asks for that activities the volunteer served in also asked for;
 * - `you_liked_category`: `{ category }`, a category the volunteer signed up for or served in before;
 * - `near_you`: `{ regionCode, level: 'district' | 'city' }`, in or beside the volunteer's region;
 * - `fits_your_time`: `{ weekday: 0–6 (0 = Sunday), partOfDay: 'morning' | 'afternoon' | 'evening' }`, when the volunteer took part before;
 * - `short_of_people`: `{ spotsLeft, startsInHours }`, a shift soon with most spots still open.
 */
export const RecommendationReasonCode = z.enum(['skill_match', 'you_liked_category', 'near_you', 'fits_your_time', 'short_of_people']);
export type RecommendationReasonCode = z.infer<typeof RecommendationReasonCode>;

export const RecommendationReason = z.object({
  code: RecommendationReasonCode,
  /** What the reason is about (see the codes); a widget fills its message with them. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});
export type RecommendationReason = z.infer<typeof RecommendationReason>;

export const Recommendation = z.extend(OpportunitySummary, {
  /** 0–100, higher first: the sum of the reasons' weights. Comparable within one answer only. */
  score: z.int().check(z.minimum(0), z.maximum(100)),
  /** Strongest first; empty when only the hard filters speak for it. */
  reasons: z.array(RecommendationReason),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationPage = pageOf(Recommendation);
export type RecommendationPage = z.infer<typeof RecommendationPage>;

/** Query of `GET /v1/me/recommendations`: where the volunteer is (else the region they served in most), and paging. */
export const ListRecommendationsQuery = z.object({
  regionCode: z.optional(z.string().check(z.regex(/^\d{6}$/, 'must be a 6-digit region code (GB/T 2260)'))),
  ...pageParams,
});
export type ListRecommendationsQuery = z.input<typeof ListRecommendationsQuery>;

/** The answer to a dismissal: the activity no longer appears in this volunteer's recommendations. */
export const RecommendationDismissal = z.object({
  opportunityId: OpportunitySummary.shape.id,
  dismissedAt: Timestamp,
});
export type RecommendationDismissal = z.infer<typeof RecommendationDismissal>;
