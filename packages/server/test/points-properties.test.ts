/**
 * The ledger under random sequences of what happens to records and redemptions — record, approve
 * (a partner's or an organizer's path), reject (pending, or after approval), correct through an
 * accepted dispute, redeem, undo, capture, expire, the clock moving — 1,000 operations in all
 * (10 runs of 100), each through the same service and query functions the API uses. After every
 * operation each balance and stock equals a plain model's; after every run the books balance, no
 * balance is negative and every approved record earned exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Queryable } from '../src/db/database.js';
import * as h from '../src/db/hours-queries.js';
import * as q from '../src/db/queries.js';
import type { ChannelRow } from '../src/db/rows.js';
import { pointsEarned, reversalSplit, UNDO_WINDOW_MS } from '../src/domain/recognition.js';
import type { ActionContext } from '../src/services/audit.js';
import { openDispute, resolveDispute } from '../src/services/disputes.js';
import { DomainError } from '../src/services/errors.js';
import { captureRedemption, redeem, runRedemptionExpiry, undoRedemption } from '../src/services/recognition.js';
import { addOpportunity, openTestDatabase, resetToChannels, SEED_KEYS, type TestDatabase } from './helpers.js';
import { addPendingRecord, addReward, addVolunteer, assertBooksBalance, balance } from './recognition-helpers.js';

const RUNS = 10;
const OPERATIONS_PER_RUN = 100;
const VOLUNTEERS = 3;
const POINTS_PER_HOUR = 7;
const DAY = 86_400_000;

type Op =
  | { op: 'record'; volunteer: number; hours: number }
  | { op: 'approve'; record: number; path: 'partner' | 'organizer' }
  | { op: 'reject'; record: number }
  | { op: 'correct'; record: number; hours: number }
  | { op: 'redeem'; volunteer: number; reward: number }
  | { op: 'undo'; redemption: number }
  | { op: 'capture'; redemption: number }
  | { op: 'expire' }
  | { op: 'tick'; ms: number };

const operation: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('record' as const), volunteer: fc.nat(VOLUNTEERS - 1), hours: fc.constantFrom(0, 0.5, 1.5, 2, 3, 4.5) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('approve' as const), record: fc.nat(), path: fc.constantFrom('partner' as const, 'organizer' as const) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('reject' as const), record: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('correct' as const), record: fc.nat(), hours: fc.constantFrom(0, 1, 5) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('redeem' as const), volunteer: fc.nat(VOLUNTEERS - 1), reward: fc.nat(1) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('undo' as const), redemption: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('capture' as const), redemption: fc.nat() }), weight: 2 },
  { arbitrary: fc.constant({ op: 'expire' as const }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.constantFrom(60_000, 9 * 60_000, 11 * 60_000, DAY) }), weight: 2 },
);

interface ModelRecord { id: string; volunteer: number; hours: number; status: 'pending' | 'approved' | 'rejected' | 'superseded'; earned: number; disputed: boolean }
interface ModelRedemption { id: string; volunteer: number; reward: number; points: number; code: string; status: 'held' | 'captured' | 'undone' | 'expired'; at: number }

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(() => t.close());

describe('the points ledger under random operations', () => {
  it(`keeps the books balanced, never negative, earning once per record (${RUNS * OPERATIONS_PER_RUN} operations)`, async () => {
    let performed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: OPERATIONS_PER_RUN, maxLength: OPERATIONS_PER_RUN }), async (ops) => {
        performed += await runSequence(ops);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    assert.equal(performed, RUNS * OPERATIONS_PER_RUN);
  });
});

/** Runs one sequence against a fresh database and the model, comparing them after each step. */
async function runSequence(ops: readonly Op[]): Promise<number> {
  const db = t.db;
  await resetToChannels(db);
  const channel = (await q.getChannel(db, SEED_KEYS.news.channelId)) as ChannelRow;
  const fx = await addOpportunity(db, { pointsPerHour: POINTS_PER_HOUR });
  const volunteerIds: string[] = [];
  for (let i = 0; i < VOLUNTEERS; i++) volunteerIds.push(await addVolunteer(db));
  const rewards = [{ id: await addReward(db, { cost: 10, stock: 3, validityDays: 1 }), cost: 10, stock: 3 },
    { id: await addReward(db, { cost: 25, stock: 2, validityDays: 1 }), cost: 25, stock: 2 }];
  const available = volunteerIds.map(() => 0);
  const held = volunteerIds.map(() => 0);
  const records: ModelRecord[] = [];
  const redemptions: ModelRedemption[] = [];
  let now = new Date('2026-12-01T02:00:00Z').getTime();
  const ctx = (): ActionContext => ({ channel, actor: { kind: 'organizer', id: 'prop', name: '测试', orgId: fx.orgId }, requestId: null, now: new Date(now) });
  const earn = (r: ModelRecord) => {
    r.earned = pointsEarned(r.hours, POINTS_PER_HOUR);
    available[r.volunteer]! += r.earned;
  };
  const reverse = (r: ModelRecord) => {
    available[r.volunteer]! -= reversalSplit(r.earned, available[r.volunteer]!).taken;
  };
  /** Runs `change` in a transaction; a refusal (DomainError) rolls back and is returned. */
  const attempt = async (change: (tx: Queryable) => Promise<unknown>): Promise<DomainError | null> => {
    try {
      await db.transaction((tx) => change(tx));
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  };

  for (const [step, o] of ops.entries()) {
    const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
    switch (o.op) {
      case 'record':
        records.push({ id: await addPendingRecord(db, fx, volunteerIds[o.volunteer]!, o.hours, { at: new Date(now) }), volunteer: o.volunteer, hours: o.hours, status: 'pending', earned: 0, disputed: false });
        break;
      case 'approve': {
        const r = pick(records, o.record);
        if (!r) break;
        if (o.path === 'partner') await db.transaction((tx) => q.reviewServiceRecord(tx, r.id, 'approved', 'partner', null, new Date(now)));
        else await db.transaction((tx) => h.decideRecords(tx, [r.id], 'approved', 'organizer', null, new Date(now)));
        if (r.status === 'pending') {
          r.status = 'approved';
          earn(r);
        }
        break;
      }
      case 'reject': {
        const r = pick(records, o.record);
        if (!r || (r.status !== 'pending' && r.status !== 'approved')) break;
        // A pending record through the review path; an approved one directly, as any future path would.
        if (r.status === 'pending') await db.transaction((tx) => h.decideRecords(tx, [r.id], 'rejected', 'organizer', null, new Date(now)));
        else {
          await db.query(`UPDATE service_records SET status = 'rejected', updated_at = $2 WHERE id = $1`, [r.id, new Date(now)]);
          reverse(r);
        }
        r.status = 'rejected';
        break;
      }
      case 'correct': {
        const r = pick(records, o.record);
        if (!r || r.status !== 'approved' || r.disputed || r.hours === o.hours) break;
        let correctionId = '';
        await db.transaction(async (tx) => {
          const dispute = await openDispute(tx, volunteerIds[r.volunteer]!, r.id, { kind: 'wrong_hours', claimedHours: o.hours, reason: '时长有误' }, new Date(now));
          correctionId = (await resolveDispute(tx, ctx(), fx.orgId, dispute.id, { decision: 'accept', note: '核对' })).correctionId!;
        });
        r.disputed = true;
        r.status = 'superseded';
        reverse(r);
        const correction: ModelRecord = { id: correctionId, volunteer: r.volunteer, hours: o.hours, status: 'approved', earned: 0, disputed: false };
        earn(correction);
        records.push(correction);
        break;
      }
      case 'redeem': {
        const reward = rewards[o.reward]!;
        let made: { id: string; code: string; points: number } | undefined;
        const refusal = await attempt(async (tx) => (made = await redeem(tx, channel, volunteerIds[o.volunteer]!, reward.id, new Date(now))));
        const allowed = reward.stock > 0 && available[o.volunteer]! >= reward.cost;
        assert.equal(refusal === null, allowed, `step ${step}: redeem allowed=${allowed}, refusal=${refusal?.message}`);
        if (made) {
          reward.stock -= 1;
          available[o.volunteer]! -= reward.cost;
          held[o.volunteer]! += reward.cost;
          redemptions.push({ id: made.id, volunteer: o.volunteer, reward: o.reward, points: made.points, code: made.code, status: 'held', at: now });
        }
        break;
      }
      case 'undo': {
        const r = pick(redemptions, o.redemption);
        if (!r) break;
        const refusal = await attempt((tx) => undoRedemption(tx, volunteerIds[r.volunteer]!, r.id, new Date(now)));
        const allowed = r.status === 'undone' || (r.status === 'held' && now < r.at + UNDO_WINDOW_MS);
        assert.equal(refusal === null, allowed, `step ${step}: undo of ${r.status} allowed=${allowed}`);
        if (allowed && r.status === 'held') {
          r.status = 'undone';
          release(r);
        }
        break;
      }
      case 'capture': {
        const r = pick(redemptions, o.redemption);
        if (!r) break;
        // A code is unique among live ones only: an old code may be live again for another redemption.
        const live = redemptions.find((x) => x.code === r.code && x.status === 'held');
        const target = live ?? r;
        const refusal = await attempt((tx) => captureRedemption(tx, { ...ctx(), actor: { kind: 'secret_key', id: null, name: 'desk', orgId: null } }, target.code, 'desk'));
        const latest = live ?? [...redemptions].reverse().find((x) => x.code === r.code)!;
        const allowed = latest.status === 'captured' || (latest.status === 'held' && now < latest.at + DAY);
        assert.equal(refusal === null, allowed, `step ${step}: capture of ${latest.status} allowed=${allowed}`);
        if (allowed && latest.status === 'held') {
          latest.status = 'captured';
          held[latest.volunteer]! -= latest.points;
        }
        break;
      }
      case 'expire': {
        const expired = new Set(await runRedemptionExpiry(db, new Date(now), { batchSize: 3 }));
        const due = redemptions.filter((r) => r.status === 'held' && r.at + DAY <= now);
        assert.deepEqual([...expired].sort(), due.map((r) => r.id).sort(), `step ${step}: expired`);
        for (const r of due) {
          r.status = 'expired';
          release(r);
        }
        break;
      }
      case 'tick':
        now += o.ms;
        break;
    }
    for (const [i, id] of volunteerIds.entries())
      assert.deepEqual(await balance(db, id), { available: available[i], held: held[i] }, `step ${step} (${o.op}): volunteer ${i}`);
  }
  for (const reward of rewards) {
    const [row] = await db.query<{ n: number }>('SELECT stock_left AS n FROM rewards WHERE id = $1', [reward.id]);
    assert.equal(row!.n, reward.stock);
  }
  await assertBooksBalance(db);
  return ops.length;

  function release(r: ModelRedemption) {
    held[r.volunteer]! -= r.points;
    available[r.volunteer]! += r.points;
    rewards[r.reward]!.stock += 1;
  }
}
