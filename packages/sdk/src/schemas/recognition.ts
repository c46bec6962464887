/**
 * Recognition: the points ledger (time bank), rewards (礼遇) and their redemptions. Stars are on
 * the volunteer's profile (volunteer.ts). See docs/spec/domain.md, "Points, rewards and stars".
 *
 * @module
 */
import * as z from 'zod/mini';
import { ChannelId, HttpUrl, OrganizationId, ServiceRecordId, Timestamp, idOf, pageOf, pageParams, timestamps } from './common.js';

export const RewardId = idOf('rwd');
export const RedemptionId = idOf('rdm');
export const PointsTransactionId = idOf('ptx');

/** Whole points, never negative where a balance is meant. */
const Points = z.int().check(z.minimum(0));

/**
 * One transaction of the volunteer's points, as their statement shows it:
 * - `earn`: a service record was approved (its hours × the opportunity's points per hour);
 * - `reversal`: an approved record was rejected or superseded; what it earned goes back (as far
 *   as the available points reach: points already spent are not taken back);
 * - `hold`: a redemption holds the reward's cost; `release`: an undone or expired redemption
 *   returns it; `capture`: the desk handed the reward over and the held points are spent.
 */
export const PointsTransactionKind = z.enum(['earn', 'reversal', 'hold', 'release', 'capture']);
export type PointsTransactionKind = z.infer<typeof PointsTransactionKind>;

export const PointsEntry = z.object({
  id: PointsTransactionId,
  kind: PointsTransactionKind,
  /** The change to the available points (negative when they leave). */
  available: z.int(),
  /** The change to the held points. */
  held: z.int(),
  /** The record that earned (or lost) the points, for `earn` and `reversal`. */
  serviceRecordId: z.nullable(ServiceRecordId),
  /** The redemption, for `hold`, `release` and `capture`. */
  redemptionId: z.nullable(RedemptionId),
  at: Timestamp,
});
export type PointsEntry = z.infer<typeof PointsEntry>;

/** `GET /v1/me/points`: the balances and one page of transactions, newest first. */
export const PointsStatement = z.object({
  /** Points that can be spent now. */
  available: Points,
  /** Points held by redemptions not yet collected (returned if undone or expired). */
  held: Points,
  data: z.array(PointsEntry),
  nextCursor: z.nullable(z.string()),
});
export type PointsStatement = z.infer<typeof PointsStatement>;

export const ListPointsQuery = z.object({ ...pageParams });
export type ListPointsQuery = z.input<typeof ListPointsQuery>;

/** `GET /v1/points/reconciliation`: the channel's books, recomputed from every transfer. */
export const PointsReconciliation = z.object({
  channelId: ChannelId,
  /** Every check below passed. */
  balanced: z.boolean(),
  transactions: Points,
  /** Each account's balance as the sum of its transfers; together they sum to `total`. */
  accounts: z.object({
    issued: z.int(),
    available: z.int(),
    held: z.int(),
    redeemed: z.int(),
    writtenOff: z.int(),
  }),
  /** The sum of every account: always 0 when the books balance. */
  total: z.int(),
  /** Volunteers' balances that differ from the sum of their transfers (0 when balanced). */
  balanceMismatches: Points,
  /** Volunteers' balances below zero (0 when balanced). */
  negativeBalances: Points,
  /** Approved records with points to earn and no earning, or earnings of records no longer approved and not reversed (0 when balanced). */
  recordMismatches: Points,
  generatedAt: Timestamp,
});
export type PointsReconciliation = z.infer<typeof PointsReconciliation>;

/** A reward (礼遇) of the channel's catalog. */
export const Reward = z.object({
  id: RewardId,
  title: z.string(),
  description: z.string(),
  /** Conditions of use, shown before redeeming. */
  terms: z.string(),
  imageUrl: z.nullable(HttpUrl),
  /** Its price in points. */
  cost: z.int().check(z.minimum(1)),
  /** How many can still be redeemed. */
  stockLeft: Points,
  /** A redemption code must be collected within this many days, or it expires and the points return. */
  validityDays: z.int().check(z.minimum(1), z.maximum(365)),
  /** The organization that offers it, if any. */
  organizationId: z.nullable(OrganizationId),
  organizationName: z.nullable(z.string()),
  /** The last moment it can be redeemed, or `null`. */
  availableUntil: z.nullable(Timestamp),
  ...timestamps,
});
export type Reward = z.infer<typeof Reward>;

export const RewardPage = pageOf(Reward);
export type RewardPage = z.infer<typeof RewardPage>;

export const ListRewardsQuery = z.object({ ...pageParams });
export type ListRewardsQuery = z.input<typeof ListRewardsQuery>;

/**
 * `held` (the code waits at the desk), then `captured` (handed over), `undone` (by the volunteer
 * within 10 minutes) or `expired` (not collected in time); the last three are final.
 */
export const RedemptionStatus = z.enum(['held', 'captured', 'undone', 'expired']);
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;

export const Redemption = z.object({
  id: RedemptionId,
  rewardId: RewardId,
  rewardTitle: z.string(),
  points: z.int().check(z.minimum(1)),
  /** The 6 digits the volunteer shows at the desk. */
  code: z.string().check(z.regex(/^\d{6}$/)),
  status: RedemptionStatus,
  /** Until when the volunteer may undo it (10 minutes after redeeming). */
  undoUntil: Timestamp,
  /** When an uncollected code expires and the points return. */
  expiresAt: Timestamp,
  /** Who handed the reward over, once `captured`. */
  capturedBy: z.nullable(z.string()),
  /** When it was captured, undone or expired; `null` while held. */
  settledAt: z.nullable(Timestamp),
  ...timestamps,
});
export type Redemption = z.infer<typeof Redemption>;

export const RedemptionPage = pageOf(Redemption);
export type RedemptionPage = z.infer<typeof RedemptionPage>;

/** Body of `POST /v1/me/redemptions`. */
export const CreateRedemptionBody = z.object({ rewardId: RewardId });
export type CreateRedemptionBody = z.input<typeof CreateRedemptionBody>;

export const ListRedemptionsQuery = z.object({ status: z.optional(RedemptionStatus), ...pageParams });
export type ListRedemptionsQuery = z.input<typeof ListRedemptionsQuery>;

/** Body of the desk's capture (`POST /v1/organizer/redemptions/capture`). */
export const CaptureRedemptionBody = z.object({
  code: z.string().check(z.regex(/^\d{6}$/, 'must be the 6 digits the volunteer shows')),
});
export type CaptureRedemptionBody = z.input<typeof CaptureRedemptionBody>;

/** Body of `POST /v1/redemptions/capture` (secret key): the code and who handed the reward over. */
export const PartnerCaptureRedemptionBody = z.object({
  code: z.string().check(z.regex(/^\d{6}$/, 'must be the 6 digits the volunteer shows')),
  capturedBy: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type PartnerCaptureRedemptionBody = z.input<typeof PartnerCaptureRedemptionBody>;
