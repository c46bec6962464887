/**
 * The automatic approval of overdue attendance records, run by two server instances at once over
 * one database (on PostgreSQL two connection pools, as two processes would have; on PGlite, which
 * one process owns, two runs over the one handle), and after a run that died midway.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import * as h from '../src/db/hours-queries.js';
import * as q from '../src/db/queries.js';
import { runAutoApproval } from '../src/services/reviews.js';
import { addOpportunity, openTestDatabase, resetToChannels, SEED_KEYS, type TestDatabase } from './helpers.js';

const RECORDS = 240;
const DUE = new Date('2026-12-08T04:00:00Z');

let t: TestDatabase;
/** The second instance's database handle. */
let second: Database;

before(async () => {
  t = await openTestDatabase();
  const databaseUrl = process.env['DATABASE_URL'];
  second = databaseUrl ? await openDatabase({ databaseUrl, schema: t.schema }) : t.db;
});
after(async () => {
  if (second !== t.db) await second.close();
  await t.close();
});

/** `RECORDS` pending attendance records of 1.5 h, due at `DUE`, for 12 volunteers. */
beforeEach(async () => {
  await resetToChannels(t.db);
  const fx = await addOpportunity(t.db, { shiftStarts: [new Date('2026-12-05T01:00:00Z')], hours: 3, pointsPerHour: 10 });
  const volunteers = Array.from({ length: 12 }, (_, i) => ({
    id: `vol_auto${i}`, channel_id: SEED_KEYS.news.channelId, identity_key: `mobile:1390000000${i}`, name: '志愿者', mobile: null, birth_date: null,
    student_id: null, employee_id: null, show_name: false, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
  }));
  await q.bulkInsert(t.db, 'volunteers', volunteers);
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < RECORDS; i++) {
      await h.insertRecord(tx, {
        id: `rec_auto${String(i).padStart(4, '0')}`, volunteerId: volunteers[i % volunteers.length]!.id, opportunityId: fx.opportunityId, shiftId: fx.shiftIds[0]!,
        signupId: null, checkIn: new Date('2026-12-05T01:00:00Z'), checkOut: new Date('2026-12-05T02:30:00Z'), hours: 1.5, status: 'pending',
        recordedBy: 'self', source: 'attendance', policyVersion: 1, dueAt: DUE, explanation: [], correctsId: null, reviewedBy: null, at: new Date('2026-12-05T02:30:00Z'),
      });
    }
  });
});

async function outcome() {
  const [records] = await t.db.query<{ approved: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM service_records`);
  const audits = await t.db.query<{ subject_id: string; n: number }>(
    `SELECT subject_id, count(*)::int AS n FROM audit_log WHERE action = 'service_record.auto_approved' GROUP BY subject_id`);
  const [rollup] = await t.db.query<{ hours: number; records: number }>('SELECT coalesce(sum(hours), 0)::float8 AS hours, coalesce(sum(records), 0)::int AS records FROM service_hours_monthly');
  return { ...records!, audited: audits.length, auditedTwice: audits.filter((a) => a.n > 1).length, rollupHours: rollup!.hours, rollupRecords: rollup!.records };
}

describe('automatic approval with two instances', () => {
  it('approves each overdue record exactly once when both run at the same time', async () => {
    // Two apps over the two handles, as two deployed instances would be.
    createApp(t.db);
    createApp(second);
    const [first, other] = await Promise.all([
      runAutoApproval(t.db, DUE, { batchSize: 7 }),
      runAutoApproval(second, DUE, { batchSize: 7 }),
    ]);
    const both = [...first, ...other];
    assert.equal(both.length, RECORDS, `approved ${first.length} + ${other.length}`);
    assert.equal(new Set(both).size, RECORDS, 'no record approved by both');
    assert.deepEqual(await outcome(), { approved: RECORDS, pending: 0, audited: RECORDS, auditedTwice: 0, rollupHours: RECORDS * 1.5, rollupRecords: RECORDS });
    assert.deepEqual(await Promise.all([runAutoApproval(t.db, DUE), runAutoApproval(second, DUE)]), [[], []], 'a later run finds nothing');
  });

  it('loses nothing when an instance dies midway: its batch stays pending and the other (or itself, restarted) approves it', async () => {
    let batches = 0;
    const crashing = runAutoApproval(t.db, DUE, {
      batchSize: 50,
      beforeCommit: (ids) => {
        if (++batches === 2 && ids.length > 0) throw new Error('instance lost its database connection');
      },
    });
    await assert.rejects(crashing, /lost its database connection/);
    const midway = await outcome();
    assert.equal(midway.approved, 50, 'the first batch committed, the second rolled back');
    assert.equal(midway.audited, 50);
    const survivor = await runAutoApproval(second, DUE, { batchSize: 50 });
    assert.equal(survivor.length, RECORDS - 50);
    assert.deepEqual(await outcome(), { approved: RECORDS, pending: 0, audited: RECORDS, auditedTwice: 0, rollupHours: RECORDS * 1.5, rollupRecords: RECORDS });
  });

  it('approves nothing before the deadline', async () => {
    assert.deepEqual(await runAutoApproval(second, new Date(DUE.getTime() - 1)), []);
    assert.equal((await outcome()).pending, RECORDS);
  });
});
