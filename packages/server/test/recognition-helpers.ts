/** Fixtures of the points, rewards and stars tests: volunteers, records, rewards, and the books' invariants. */
import assert from 'node:assert/strict';
import type { Queryable } from '../src/db/database.js';
import * as h from '../src/db/hours-queries.js';
import { insertReward } from '../src/db/points-queries.js';
import * as q from '../src/db/queries.js';
import { SEED_KEYS } from './helpers.js';

let counter = 0;

/** A volunteer of the news channel (or `channelId`), inserted directly. */
export async function addVolunteer(db: Queryable, channelId: string = SEED_KEYS.news.channelId): Promise<string> {
  const id = `vol_pts${process.pid}x${counter++}`;
  const now = new Date().toISOString();
  await q.bulkInsert(db, 'volunteers', [{ id, channel_id: channelId, identity_key: `mobile:${id}`, external_id: id, name: '林晓雨', mobile: null,
    birth_date: null, student_id: null, employee_id: null, show_name: false, created_at: now, updated_at: now }]);
  return id;
}

/** A pending record of `hours` for the volunteer on the fixture's shift. */
export async function addPendingRecord(
  db: Queryable, fx: { opportunityId: string; shiftIds: string[] }, volunteerId: string, hours: number,
  o: { source?: 'attendance' | 'manual'; dueAt?: Date | null; at?: Date } = {},
): Promise<string> {
  const id = `rec_pts${process.pid}x${counter++}`;
  const at = o.at ?? new Date();
  await h.insertRecord(db, {
    id, volunteerId, opportunityId: fx.opportunityId, shiftId: fx.shiftIds[0]!, signupId: null, checkIn: new Date(at.getTime() - hours * 3_600_000),
    checkOut: at, hours, status: 'pending', recordedBy: 'test', source: o.source ?? 'manual', policyVersion: o.source === 'attendance' ? 1 : null,
    dueAt: o.dueAt ?? null, explanation: [], correctsId: null, reviewedBy: null, at,
  });
  return id;
}

export async function addReward(db: Queryable, o: { cost: number; stock: number; channelId?: string; orgId?: string | null; validityDays?: number }): Promise<string> {
  const id = `rwd_pts${process.pid}x${counter++}`;
  await insertReward(db, { id, channelId: o.channelId ?? SEED_KEYS.news.channelId, orgId: o.orgId ?? null, title: '博物馆门票', description: '', terms: '',
    imageUrl: null, cost: o.cost, stock: o.stock, validityDays: o.validityDays ?? 30, availableUntil: null, at: new Date() });
  return id;
}

export async function balance(db: Queryable, volunteerId: string): Promise<{ available: number; held: number }> {
  const rows = await db.query<{ account: string; balance: number }>('SELECT account, balance::float8 AS balance FROM points_balances WHERE volunteer_id = $1', [volunteerId]);
  return { available: rows.find((r) => r.account === 'available')?.balance ?? 0, held: rows.find((r) => r.account === 'held')?.balance ?? 0 };
}

/** How many times each record earned (the unique key makes more than one impossible; this proves it). */
export async function earnings(db: Queryable, recordId: string): Promise<{ earned: number; reversed: number; points: number }> {
  const [row] = await db.query<{ earned: number; reversed: number; points: number }>(
    `SELECT count(*) FILTER (WHERE t.kind = 'earn')::int AS earned, count(*) FILTER (WHERE t.kind = 'reversal')::int AS reversed,
       coalesce(sum(x.amount) FILTER (WHERE t.kind = 'earn'), 0)::float8 AS points
     FROM points_transactions t LEFT JOIN points_transfers x ON x.transaction_id = t.id WHERE t.record_id = $1`,
    [recordId],
  );
  return row!;
}

/**
 * The books' invariants, checked on the whole database: every account summed over all transfers
 * is zero in total (and per transaction), kept balances equal their transfers and are never
 * negative, every approved record has exactly one earning not reversed, every earning of a record
 * no longer approved reversed once.
 */
export async function assertBooksBalance(db: Queryable): Promise<void> {
  const [sums] = await db.query<{ total: number; unbalanced: number }>(
    `WITH legs AS (SELECT transaction_id, amount FROM points_transfers UNION ALL SELECT transaction_id, -amount FROM points_transfers)
     SELECT coalesce(sum(amount), 0)::float8 AS total,
       (SELECT count(*) FROM (SELECT transaction_id FROM legs GROUP BY transaction_id HAVING sum(amount) <> 0) u)::int AS unbalanced FROM legs`);
  assert.deepEqual(sums, { total: 0, unbalanced: 0 }, 'every transaction sums to zero');
  const mismatched = await db.query(
    `WITH legs AS (
       SELECT volunteer_id, credit AS account, amount FROM points_transfers WHERE credit IN ('available', 'held')
       UNION ALL SELECT volunteer_id, debit, -amount FROM points_transfers WHERE debit IN ('available', 'held'))
     SELECT * FROM (SELECT volunteer_id, account, sum(amount) AS total FROM legs GROUP BY 1, 2) s
       FULL JOIN points_balances b USING (volunteer_id, account) WHERE coalesce(s.total, 0) <> coalesce(b.balance, 0) OR b.balance < 0 OR s.total < 0`);
  assert.deepEqual(mismatched, [], 'kept balances equal their transfers and are never negative');
  const records = await db.query<{ id: string; status: string; earned: number; reversed: number; due: number }>(
    `SELECT r.id, r.status, round((r.hours * o.points_per_hour)::numeric)::int AS due,
       (SELECT count(*) FROM points_transactions t WHERE t.record_id = r.id AND t.kind = 'earn')::int AS earned,
       (SELECT count(*) FROM points_transactions t WHERE t.record_id = r.id AND t.kind = 'reversal')::int AS reversed
     FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id`);
  for (const r of records) {
    // Each approval earned once, each earning reversed at most once: one standing earning while approved.
    if (r.status === 'approved') assert.equal(r.earned - r.reversed, r.due > 0 ? 1 : 0, `approved ${r.id} earned once`);
    else assert.equal(r.reversed, r.earned, `${r.status} ${r.id}: every earning reversed`);
  }
}
