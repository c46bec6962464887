/**
 * The rules of points, rewards and stars as plain functions. The ledger itself is kept by the
 * database (migrations/007_points_rewards_stars.sql); these are the rules a service checks before
 * it asks the database for a change, so a refusal says which rule, and the model the property
 * tests compare the database with.
 * @module
 */
import { randomInt } from 'node:crypto';

/** A volunteer may undo a redemption for this long after making it. */
export const UNDO_WINDOW_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** Points a record earns: its hours × the opportunity's points per hour, rounded half up. */
export function pointsEarned(hours: number, pointsPerHour: number): number {
  return Math.max(0, Math.round(hours * pointsPerHour));
}

/**
 * A reversal takes back what the record earned from the available points as far as they reach;
 * the rest was already spent and is written off (a balance never goes negative).
 */
export function reversalSplit(earned: number, available: number): { taken: number; writtenOff: number } {
  const taken = Math.min(earned, Math.max(0, available));
  return { taken, writtenOff: earned - taken };
}

/** Six random digits: what a desk types. */
export function newRedemptionCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export interface RewardState {
  active: boolean;
  cost: number;
  stockLeft: number;
  availableUntil: Date | null;
}

export type RedeemRefusal =
  | { code: 'reward_unavailable'; message: string }
  | { code: 'out_of_stock'; message: string }
  | { code: 'insufficient_points'; message: string };

/** Why a volunteer with `available` points cannot redeem the reward now, or `null` if they can. */
export function redeemRefusal(reward: RewardState, available: number, now: Date): RedeemRefusal | null {
  if (!reward.active || (reward.availableUntil && reward.availableUntil.getTime() <= now.getTime()))
    return { code: 'reward_unavailable', message: 'is no longer offered' };
  if (reward.stockLeft <= 0) return { code: 'out_of_stock', message: 'has none left' };
  if (available < reward.cost)
    return { code: 'insufficient_points', message: `costs ${reward.cost} points; ${available} are available` };
  return null;
}

/** When a redemption made at `at` stops being undoable, and when its code expires. */
export function redemptionDeadlines(at: Date, validityDays: number): { undoUntil: Date; expiresAt: Date } {
  return { undoUntil: new Date(at.getTime() + UNDO_WINDOW_MS), expiresAt: new Date(at.getTime() + validityDays * DAY_MS) };
}

export type RedemptionStatus = 'held' | 'captured' | 'undone' | 'expired';

/** Why the volunteer cannot undo now, or `null`. Undoing an undone redemption again is not a refusal (the caller answers it as it is). */
export function undoRefusal(r: { status: RedemptionStatus; undoUntil: Date }, now: Date): string | null {
  if (r.status === 'captured') return 'The reward was already handed over; it cannot be undone.';
  if (r.status === 'expired') return 'This redemption expired and its points were returned.';
  if (r.status === 'held' && now.getTime() >= r.undoUntil.getTime())
    return `A redemption can be undone for 10 minutes; this one could until ${r.undoUntil.toISOString()}.`;
  return null;
}

/** Why the desk cannot hand the reward over now, or `null`. */
export function captureRefusal(r: { status: RedemptionStatus; expiresAt: Date }, now: Date): string | null {
  if (r.status === 'undone') return 'The volunteer undid this redemption.';
  if (r.status === 'expired' || (r.status === 'held' && now.getTime() >= r.expiresAt.getTime()))
    return `This code expired on ${r.expiresAt.toISOString()}; its points were returned.`;
  return null;
}

/** The star level `hours` reach under `thresholds` (the hours from which each level starts). */
export function starLevelOf(hours: number, thresholds: readonly number[]): number {
  return thresholds.filter((threshold) => hours >= threshold).length;
}
