/**
 * Points, rewards and stars. Earning and reversing are not here: the database does them in the
 * transaction of every status change of a service record (migrations/007), whichever path made
 * it. Here: the volunteer's statement, the books' reconciliation, the reward catalog, and a
 * redemption's life — held with a 6-digit code, captured by a desk, undone within 10 minutes,
 * or expired by the scheduler — each change one transaction with its ledger transfers and event.
 */
import type { PointsReconciliation, PointsStatement, Redemption, Reward } from '@volunteerkit/sdk/schemas';
import type { Database, Queryable } from '../db/database.js';
import { insertAudit } from '../db/hours-queries.js';
import * as p from '../db/points-queries.js';
import { iso, toPointsEntry, toRedemption, toReward, type ChannelRow, type RedemptionRow } from '../db/rows.js';
import { captureRefusal, newRedemptionCode, redeemRefusal, redemptionDeadlines, undoRefusal } from '../domain/recognition.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordEvent } from './outbox.js';
import { keysetPage, type PageQuery } from './paging.js';
import { startPeriodic, type Periodic } from './periodic.js';

/** The volunteer's balances and one page of their transactions, newest first. */
export async function pointsStatement(db: Queryable, volunteerId: string, query: PageQuery): Promise<PointsStatement> {
  const balances = await p.balancesOf(db, volunteerId);
  const page = await keysetPage(query, 'seq',
    (after, limit) => p.pointsEntries(db, volunteerId, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map(toPointsEntry));
  return { ...balances, ...page };
}

/** The channel's books, recomputed from every transfer: `balanced` when every check holds. */
export async function reconcilePoints(db: Queryable, channelId: string, now: Date): Promise<PointsReconciliation> {
  const row = await p.reconcile(db, channelId);
  const accounts = { issued: row.issued, available: row.available, held: row.held, redeemed: row.redeemed, writtenOff: row.written_off };
  const total = Object.values(accounts).reduce((sum, value) => sum + value, 0);
  return {
    channelId: channelId as PointsReconciliation['channelId'],
    balanced: total === 0 && row.balance_mismatches === 0 && row.negative_balances === 0 && row.record_mismatches === 0,
    transactions: row.transactions,
    accounts,
    total,
    balanceMismatches: row.balance_mismatches,
    negativeBalances: row.negative_balances,
    recordMismatches: row.record_mismatches,
    generatedAt: iso(now),
  };
}

/** The channel's rewards on offer, cheapest first. */
export function listRewards(db: Queryable, channelId: string, query: PageQuery, now: Date) {
  return keysetPage(query, 'cost',
    (after, limit) => p.listRewards(db, channelId, now, after, limit),
    (row) => ({ key: row.cost, id: row.id }),
    (rows): Reward[] => rows.map(toReward));
}

export function listOwnRedemptions(db: Queryable, volunteerId: string, query: PageQuery & { status?: Redemption['status'] | undefined }) {
  return keysetPage(query, 'seq',
    (after, limit) => p.listRedemptions(db, volunteerId, query.status ?? null, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.id }),
    (rows): Redemption[] => rows.map(toRedemption));
}

/**
 * Redeems a reward: takes one from its stock and holds its cost from the volunteer's available
 * points, under a fresh 6-digit code. The reward row is locked first (then the balance), so
 * concurrent redemptions take the stock one after another and never oversell it.
 */
export async function redeem(tx: Queryable, channel: ChannelRow, volunteerId: string, rewardId: string, now: Date): Promise<Redemption> {
  const reward = await p.lockReward(tx, rewardId, channel.id);
  if (!reward) throw notFound('Reward');
  const available = await p.lockAvailable(tx, volunteerId);
  const refusal = redeemRefusal({ active: reward.active, cost: reward.cost, stockLeft: reward.stock_left,
    availableUntil: reward.available_until && new Date(reward.available_until) }, available, now);
  if (refusal) throw invalid([{ path: 'rewardId', code: refusal.code, message: refusal.message }], `This reward cannot be redeemed: it ${refusal.message}.`);
  await p.takeStock(tx, reward.id, now);
  const id = newId('rdm');
  const { undoUntil, expiresAt } = redemptionDeadlines(now, reward.validity_days);
  // A million codes per channel, few live at once: a clash is rare, and another draw settles it.
  let inserted = false;
  for (let attempt = 0; !inserted; attempt++) {
    if (attempt === 20) throw new Error('No free redemption code after 20 draws.');
    inserted = await p.insertRedemption(tx, { id, channelId: channel.id, rewardId: reward.id, volunteerId, points: reward.cost,
      code: newRedemptionCode(), undoUntil, expiresAt, at: now });
  }
  await p.postTransaction(tx, { id: newId('ptx'), channelId: channel.id, volunteerId, kind: 'hold', redemptionId: id, at: now,
    transfers: [{ debit: 'available', credit: 'held', amount: reward.cost }] });
  await recordEvent(tx, { channelId: channel.id, type: 'points.held', subjectId: id }, now);
  return toRedemption((await p.getRedemption(tx, id))!);
}

/** Undoes the volunteer's own redemption within 10 minutes: the points and the stock return. */
export async function undoRedemption(tx: Queryable, volunteerId: string, id: string, now: Date): Promise<Redemption> {
  const redemption = await p.getRedemption(tx, id, true);
  if (!redemption || redemption.volunteer_id !== volunteerId) throw notFound('Redemption');
  if (redemption.status === 'undone') return toRedemption(redemption);
  const refusal = undoRefusal({ status: redemption.status, undoUntil: new Date(redemption.undo_until) }, now);
  if (refusal) throw new DomainError('conflict', refusal);
  await release(tx, redemption, 'undone', now);
  return toRedemption((await p.getRedemption(tx, id))!);
}

async function release(tx: Queryable, redemption: RedemptionRow, status: 'undone', now: Date): Promise<void> {
  await p.returnStock(tx, [redemption.reward_id], now);
  await p.settleRedemption(tx, redemption.id, status, null, now);
  await p.postTransaction(tx, { id: newId('ptx'), channelId: redemption.channel_id, volunteerId: redemption.volunteer_id, kind: 'release',
    redemptionId: redemption.id, at: now, transfers: [{ debit: 'held', credit: 'available', amount: redemption.points }] });
  await recordEvent(tx, { channelId: redemption.channel_id, type: 'points.released', subjectId: redemption.id, version: 2 }, now);
}

/**
 * The desk hands the reward over: the held points are spent. An organizer captures only its own
 * organization's rewards and the channel's general ones; a secret key any of the channel's.
 * The same code captured again answers the capture as it is (a retried scan).
 */
export async function captureRedemption(tx: Queryable, ctx: ActionContext, code: string, capturedBy: string): Promise<Redemption> {
  const redemption = await p.lockRedemptionByCode(tx, ctx.channel.id, code);
  const organizerOrg = ctx.actor.kind === 'organizer' ? ctx.actor.orgId : null;
  if (!redemption || (organizerOrg && redemption.reward_org_id && redemption.reward_org_id !== organizerOrg))
    throw invalid([{ path: 'code', code: 'unknown_code', message: 'is not a redemption code of this desk' }], 'No redemption has this code.');
  if (redemption.status === 'captured') return toRedemption(redemption);
  const refusal = captureRefusal({ status: redemption.status, expiresAt: new Date(redemption.expires_at) }, ctx.now);
  if (refusal) throw new DomainError('conflict', refusal);
  await p.settleRedemption(tx, redemption.id, 'captured', capturedBy, ctx.now);
  await p.postTransaction(tx, { id: newId('ptx'), channelId: redemption.channel_id, volunteerId: redemption.volunteer_id, kind: 'capture',
    redemptionId: redemption.id, at: ctx.now, transfers: [{ debit: 'held', credit: 'redeemed', amount: redemption.points }] });
  await audit(tx, ctx, 'redemption.captured', { type: 'redemption', id: redemption.id }, { points: redemption.points },
    redemption.reward_org_id ?? ctx.actor.orgId);
  await recordEvent(tx, { channelId: redemption.channel_id, type: 'points.redeemed', subjectId: redemption.id, version: 2 }, ctx.now);
  return toRedemption((await p.getRedemption(tx, redemption.id))!);
}

export interface RedemptionExpiryOptions {
  /** Redemptions per transaction. Default 200. */
  batchSize?: number;
  /** Runs inside each batch's transaction before it commits (tests use it to fail midway). */
  beforeCommit?: (expiredIds: readonly string[]) => Promise<void> | void;
}

/**
 * Expires every uncollected redemption past its date, batch by batch, each batch one
 * transaction: the status, the stock returned, the points released, the events and audit rows. Safe on any
 * number of instances at once and again after a crash, like runAutoApproval (services/reviews.ts):
 * rows another instance holds are skipped, and a redemption no longer held is never picked again.
 */
export async function runRedemptionExpiry(db: Database, now: Date, options: RedemptionExpiryOptions = {}): Promise<string[]> {
  const batchSize = options.batchSize ?? 200;
  const expired: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await p.expireDue(tx, now, batchSize);
      await p.returnStock(tx, rows.map((r) => r.reward_id), now);
      await p.postReleases(tx, rows.map((r) => ({ id: newId('ptx'), channelId: r.channel_id, volunteerId: r.volunteer_id, redemptionId: r.id, amount: r.points })), now);
      for (const r of rows) {
        await recordEvent(tx, { channelId: r.channel_id, type: 'points.released', subjectId: r.id, version: 2 }, now);
        // Points returned by no one's request: the audit log says the system did it, as for automatic approval.
        await insertAudit(tx, { id: newId('aud'), channelId: r.channel_id, actorKind: 'system', actorId: null, actorName: 'redemption-expiry',
          orgId: r.reward_org_id, action: 'redemption.expired', subjectType: 'redemption', subjectId: r.id, requestId: null, details: { points: r.points }, at: now });
      }
      const ids = rows.map((r) => r.id);
      await options.beforeCommit?.(ids);
      return ids;
    });
    expired.push(...batch);
    if (batch.length < batchSize) return expired;
  }
}

/** Runs `runRedemptionExpiry` every `intervalMs` with the app's clock until stopped. */
export function startRedemptionExpiry(db: Database, now: () => Date, intervalMs = 60_000): Periodic {
  return startPeriodic('redemption expiry', db, now, (d, at) => runRedemptionExpiry(d, at), intervalMs);
}
