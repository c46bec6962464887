/**
 * The honor board and stats read approved hours from totals per period window, scope and subject
 * (service_totals) and a monthly rollup (service_hours_monthly), both kept by triggers in the
 * transaction of every change to service records. After any sequence of recordings, approvals,
 * rejections and reversals each must equal a recomputation from the records, and the boards and
 * stats must equal those computed from the records alone: at the clock the windows were set to,
 * after the windows move with a later clock, and at an earlier clock (which the windows cannot serve).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { openDatabase, type Database } from '../src/db/database.js';
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
      // A record that ever earned points is kept by the ledger that names it (foreign key): the delete is refused.
      await db.query('DELETE FROM service_records WHERE id = $1', [record.id]).catch((error: { code?: string }) => {
        if (error.code !== '23503') throw error;
      });
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

const TOTALS_COLUMNS = 'period, scope, subject_type, subject_id, hours::text AS hours, points::text AS points, records';

/** service_totals as the records say it should be, for the windows as they now start. */
const totalsRecomputed = () => db.query(`
  SELECT ${TOTALS_COLUMNS} FROM (
    SELECT w.period, s.scope, x.subject_type, x.subject_id,
      sum(r.hours::numeric) AS hours, sum(round(r.hours * o.points_per_hour)::numeric) AS points, count(*)::int AS records
    FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
      JOIN service_total_windows w ON w.starts_at IS NULL OR r.check_out >= w.starts_at
      CROSS JOIN LATERAL (VALUES ('platform'), ('org:' || o.org_id), ('channel:' || v.channel_id), ('region:' || left(o.region_code, 2)),
        ('region:' || left(o.region_code, 4)), ('region:' || left(o.region_code, 6))) s(scope)
      CROSS JOIN LATERAL (VALUES ('volunteer', r.volunteer_id), ('organization', o.org_id)) x(subject_type, subject_id)
    WHERE r.status = 'approved' GROUP BY 1, 2, 3, 4) t
  ORDER BY period, scope, subject_type, subject_id`);
const totals = () => db.query(`SELECT ${TOTALS_COLUMNS} FROM service_totals ORDER BY period, scope, subject_type, subject_id`);
const windowStart = async (period: string) =>
  (await db.query<{ starts_at: Date | null }>('SELECT starts_at FROM service_total_windows WHERE period = $1', [period]))[0]!.starts_at;

/** Every board and stat the test covers, at `clock`, against the records alone. */
async function checkReadsAt(clock: Date, label: string): Promise<void> {
  for (const period of ['week', 'month', 'year', 'all'] as const) {
    const since = periodStart(period, asOfMinute(clock));
    for (const [scope, prefix] of [['platform', null], ['region:3302', '3302']] as const) {
      for (const [subject, metric] of [['volunteer', 'hours'], ['organization', 'points']] as const) {
        const board = await honorBoard(db, news.id, { scope, period, metric, subject, limit: 50, featured: 0 }, clock);
        const expected = await boardFromRecords(subject, metric, since, prefix);
        assert.deepEqual(board.entries.map((e) => [e.subject.id, e.value]), expected, `${label}: ${scope} ${period} ${subject} ${metric}`);
      }
      const stats = await impactStats(db, news.id, { scope, period }, clock);
      const [expected] = await db.query<{ hours: number }>(`
        SELECT coalesce(round(sum(r.hours::numeric), 1), 0)::float8 AS hours FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id
        WHERE r.status = 'approved' AND ($1::timestamptz IS NULL OR r.check_out >= $1) AND ($2::text IS NULL OR o.region_code LIKE $2 || '%')`,
      [since, prefix]);
      assert.equal(stats.approvedHours, expected!.hours, `${label}: stats ${scope} ${period}`);
    }
  }
}

describe('service hours rollup and totals', () => {
  it('equal a recomputation from the records after any sequence of recordings, approvals, rejections and reversals, as the windows move', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
      // The points ledger is append-only (and names its records): emptied wholesale, as a reset would.
      await db.query('TRUNCATE points_transfers, points_transactions, points_balances, star_level_changes, volunteer_star_levels');
      await db.query('DELETE FROM service_records');
      assert.deepEqual(await rollup(), [], 'deleting every record empties the rollup');
      assert.deepEqual(await totals(), [], 'and the totals');
      // Empty, so the windows may be set anywhere: back to the test's clock.
      await db.query(`UPDATE service_total_windows SET starts_at = $1::timestamptz - days * interval '24 hours' WHERE days > 0`, [asOfMinute(now)]);
      await apply(actions);
      assert.deepEqual(await rollup(), await recomputed());
      assert.deepEqual(await totals(), await totalsRecomputed());
      await checkReadsAt(now, 'now');
      // Later clocks move the windows: the records they leave behind are subtracted.
      for (const later of [new Date(now.getTime() + 3 * DAY + 17 * 60_000), new Date(now.getTime() + 45 * DAY)]) {
        await checkReadsAt(later, `+${Math.round((later.getTime() - now.getTime()) / DAY)} days`);
        assert.equal((await windowStart('week'))?.getTime(), periodStart('week', asOfMinute(later))!.getTime(), 'the board read moved the window');
        assert.deepEqual(await totals(), await totalsRecomputed(), 'totals after the windows moved');
      }
      // A clock behind the windows is answered from the monthly rollup and the records.
      await checkReadsAt(new Date(now.getTime() - DAY), 'a day earlier');
    }), { seed: 20261201, numRuns: 15 });
  });

  // PGlite runs one transaction at a time, so only PostgreSQL can have a change in flight beside a read.
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    it('a read beside an approval in flight does not wait for it: exact from the rollup, and a later read moves the windows', { timeout: 30_000 }, async (t) => {
      await db.query('TRUNCATE points_transfers, points_transactions, points_balances, star_level_changes, volunteer_star_levels');
      await db.query('DELETE FROM service_records');
      await db.query(`UPDATE service_total_windows SET starts_at = $1::timestamptz - days * interval '24 hours' WHERE days > 0`, [asOfMinute(now)]);
      const v = volunteers[0]!;
      const o = opportunities[0]!;
      const checkOut = new Date(now.getTime() - DAY);
      const record = await db.transaction((tx) => recordService(tx, v.channel, { volunteerId: v.id, opportunityId: o.opportunityId, shiftId: o.shiftIds[0]!,
        checkIn: new Date(checkOut.getTime() - 2 * HOUR).toISOString(), checkOut: checkOut.toISOString(), hours: 2, recordedBy: 'test' }, partnerAction(v.channel)));
      const other = await openDatabase({ databaseUrl, schema: database.schema });
      let reviewed!: () => void;
      let release!: () => void;
      const whenReviewed = new Promise<void>((resolve) => (reviewed = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      // A read that did wait would wait for ever: the timeout ends the approval, so the file can finish failing.
      t.signal.addEventListener('abort', () => release());
      const inFlight = other.transaction(async (tx) => {
        await reviewService(tx, v.channel, record.id, 'approved', { reviewedBy: 'test' }, partnerAction(v.channel));
        reviewed();
        await released;
      });
      try {
        await whenReviewed;
        const later = new Date(now.getTime() + 2 * DAY);
        const read = () => honorBoard(db, news.id, { scope: 'platform', period: 'week', metric: 'hours', subject: 'volunteer', limit: 10, featured: 0 }, later);
        const expected = () => boardFromRecords('volunteer', 'hours', periodStart('week', asOfMinute(later)), null);
        assert.deepEqual((await read()).entries.map((e) => [e.subject.id, e.value]), await expected(), 'uncommitted approval not counted');
        assert.deepEqual(await expected(), []);
        assert.equal((await windowStart('week'))?.getTime(), periodStart('week', asOfMinute(now))!.getTime(), 'the window waited');
        release();
        await inFlight;
        assert.deepEqual((await read()).entries.map((e) => [e.subject.id, e.value]), [[v.id, 2]]);
        assert.equal((await windowStart('week'))?.getTime(), periodStart('week', asOfMinute(later))!.getTime(), 'moved once the approval committed');
        assert.deepEqual(await totals(), await totalsRecomputed());
      } finally {
        release();
        await inFlight.catch(() => undefined);
        await other.close();
      }
    });
  }
});
