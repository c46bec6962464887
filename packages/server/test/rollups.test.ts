/**
 * The honor board and stats read approved hours from a rollup (service_hours_monthly) that
 * triggers keep in the transaction of every change to service records. After any sequence of
 * recordings, approvals, rejections and reversals the rollup must equal a recomputation from the
 * records, and the boards must equal boards computed from the records alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../src/db/database.js';
import * as q from '../src/db/queries.js';
import type { ActionContext } from '../src/services/audit.js';
import type { ChannelRow } from '../src/db/rows.js';
import { DomainError } from '../src/services/errors.js';
import { recordService, reviewService } from '../src/services/partner.js';
import { asOfMinute, honorBoard, impactStats, periodStart } from '../src/services/reads.js';
import { addOpportunity, openTestDatabase, resetToChannels, SEED_KEYS, type OpportunityFixture, type TestDatabase } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let database: TestDatabase;
let db: Database;
let news: ChannelRow;
let campus: ChannelRow;
const volunteers: Array<{ id: string; channel: ChannelRow }> = [];
const opportunities: OpportunityFixture[] = [];
const now = new Date();

before(async () => {
  database = await openTestDatabase();
  db = database.db;
  await resetToChannels(db);
  news = (await q.getChannel(db, SEED_KEYS.news.channelId))!;
  campus = (await q.getChannel(db, SEED_KEYS.campus.channelId))!;
  for (const [i, channel] of [news, news, news, campus].entries()) {
    const v = await q.upsertGuestVolunteer(db, `vol_rollup${i}`, channel.id, `mobile:1390000000${i}`, {
      name: `志愿者${i}`, mobile: `1390000000${i}`, email: null, birthDate: null, studentId: null, employeeId: null,
      idNumberMasked: null, idNumberSealed: null, showName: false,
    });
    volunteers.push({ id: v.id, channel });
  }
  opportunities.push(await addOpportunity(db, { regionCode: '330106', pointsPerHour: 10 }));
  opportunities.push(await addOpportunity(db, { regionCode: '330212', pointsPerHour: 15 }));
  opportunities.push(await addOpportunity(db, { regionCode: '330108', pointsPerHour: 7, orgId: opportunities[0]!.orgId }));
});
after(() => database.close());

type Action =
  | { kind: 'record'; volunteer: number; opportunity: number; daysAgo: number; minutes: number; hundredths: number }
  | { kind: 'approve' | 'reject' | 'reverse' | 'delete'; record: number }
  | { kind: 'reverseAllOf'; volunteer: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('record' as const), volunteer: fc.nat(3), opportunity: fc.nat(2),
    // Check-outs from now back over two years, so periods and month edges both fall among them.
    daysAgo: fc.integer({ min: 0, max: 800 }), minutes: fc.nat(1439), hundredths: fc.integer({ min: 1, max: 800 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('approve' as const), record: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), record: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), record: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), record: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverseAllOf' as const), volunteer: fc.nat(3) }) },
);

/** A partner's back end acting with its secret key, for the audit log. */
const partnerAction = (channel: ChannelRow): ActionContext => ({ channel, actor: { kind: 'secret_key', id: null, name: 'test', orgId: null }, requestId: null, now });

async function apply(actions: Action[]): Promise<void> {
  const records: Array<{ id: string; channel: ChannelRow }> = [];
  for (const a of actions) {
    if (a.kind === 'record') {
      const v = volunteers[a.volunteer]!;
      const o = opportunities[a.opportunity]!;
      const checkOut = new Date(now.getTime() - a.daysAgo * DAY - a.minutes * 60_000);
      const hours = a.hundredths / 100;
      const record = await db.transaction((tx) => recordService(tx, v.channel, {
        volunteerId: v.id, opportunityId: o.opportunityId, shiftId: o.shiftIds[0]!, checkIn: new Date(checkOut.getTime() - hours * HOUR).toISOString(),
        checkOut: checkOut.toISOString(), hours, recordedBy: 'test' }, partnerAction(v.channel)));
      records.push({ id: record.id, channel: v.channel });
      continue;
    }
    if (a.kind === 'reverseAllOf') {
      // A correction made in SQL, many rows in one statement: the triggers see it too.
      await db.query(`UPDATE service_records SET status = 'rejected' WHERE volunteer_id = $1 AND status = 'approved'`, [volunteers[a.volunteer]!.id]);
      continue;
    }
    const record = records[a.record % Math.max(records.length, 1)];
    if (!record) continue;
    if (a.kind === 'reverse') {
      // Hours once approved taken back (no endpoint does this yet; an administrator in SQL can).
      await db.query(`UPDATE service_records SET status = 'pending' WHERE id = $1`, [record.id]);
    } else if (a.kind === 'delete') {
      await db.query('DELETE FROM service_records WHERE id = $1', [record.id]);
    } else {
      // The partner API's review, in its own transaction; a second review is a refused conflict.
      await db.transaction((tx) => reviewService(tx, record.channel, record.id, a.kind === 'approve' ? 'approved' : 'rejected', { reviewedBy: 'test' }, partnerAction(record.channel)))
        .catch((error: unknown) => {
          if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
        });
    }
  }
}

const ROLLUP_COLUMNS = 'volunteer_id, org_id, region_code, channel_id, month, hours::text AS hours, points::text AS points, records';

/** The rollup as the records say it should be. */
const recomputed = () => db.query(`
  SELECT ${ROLLUP_COLUMNS} FROM (
    SELECT r.volunteer_id, o.org_id, o.region_code, v.channel_id, date_trunc('month', r.check_out AT TIME ZONE 'UTC')::date AS month,
      sum(r.hours::numeric) AS hours, sum(round(r.hours * o.points_per_hour)::numeric) AS points, count(*)::int AS records
    FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.status = 'approved' GROUP BY 1, 2, 3, 4, 5) x
  ORDER BY volunteer_id, org_id, region_code, month`);
const rollup = () => db.query(`SELECT ${ROLLUP_COLUMNS} FROM service_hours_monthly ORDER BY volunteer_id, org_id, region_code, month`);

/** A board straight from the records (what the server computed before the rollup existed). */
async function boardFromRecords(subject: 'volunteer' | 'organization', metric: 'hours' | 'points', since: Date | null, regionPrefix: string | null) {
  const rows = await db.query<{ id: string; value: number }>(`
    SELECT ${subject === 'volunteer' ? 'r.volunteer_id' : 'o.org_id'} AS id,
      round(sum(${metric === 'hours' ? 'r.hours::numeric' : 'round(r.hours * o.points_per_hour)::numeric'}), 1)::float8 AS value
    FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id
    WHERE r.status = 'approved' AND ($1::timestamptz IS NULL OR r.check_out >= $1) AND ($2::text IS NULL OR o.region_code LIKE $2 || '%')
    GROUP BY 1 ORDER BY value DESC, id`, [since, regionPrefix]);
  return rows.map((r) => [r.id, r.value]);
}

describe('service hours rollup', () => {
  it('equals a recomputation from the records after any sequence of recordings, approvals, rejections and reversals', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
      await db.query('DELETE FROM service_records');
      assert.deepEqual(await rollup(), [], 'deleting every record empties the rollup');
      await apply(actions);
      assert.deepEqual(await rollup(), await recomputed());
      for (const period of ['week', 'month', 'year', 'all'] as const) {
        for (const [scope, prefix] of [['platform', null], ['region:3302', '3302']] as const) {
          for (const [subject, metric] of [['volunteer', 'hours'], ['organization', 'points']] as const) {
            {
              const board = await honorBoard(db, news.id, { scope, period, metric, subject, limit: 50, featured: 0 }, now);
              const expected = await boardFromRecords(subject, metric, periodStart(period, asOfMinute(now)), prefix);
              assert.deepEqual(board.entries.map((e) => [e.subject.id, e.value]), expected, `${scope} ${period} ${subject} ${metric}`);
            }
          }
          const stats = await impactStats(db, news.id, { scope, period }, now);
          const [expected] = await db.query<{ hours: number }>(`
            SELECT coalesce(round(sum(r.hours::numeric), 1), 0)::float8 AS hours FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id
            WHERE r.status = 'approved' AND ($1::timestamptz IS NULL OR r.check_out >= $1) AND ($2::text IS NULL OR o.region_code LIKE $2 || '%')`,
          [periodStart(period, asOfMinute(now)), prefix]);
          assert.equal(stats.approvedHours, expected!.hours, `stats ${scope} ${period}`);
        }
      }
    }), { seed: 20261201, numRuns: 15 });
  });
});
