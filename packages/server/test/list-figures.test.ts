/**
 * The list's figures kept on each opportunity with the window each holds in: the open spots
 * `sort=spotsLeft` ranks by (migrations/013) and the next start `sort=startsAt` reads in order
 * (migrations/015). After any sequence of sign-ups, cancels, capacity changes, shifts added, moved
 * or lengthened, clock moves and refreshes, wherever a window holds its figure must equal what the
 * shifts give (the sum over those yet to start; the earliest start of those not yet ended), and
 * the startsAt pages must list the opportunities in that order; on PostgreSQL, a refresh beside a
 * sign-up in progress must not lose a place.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import * as q from '../src/db/queries.js';
import { refreshAllListFigures } from '../src/services/list-figures.js';
import { addOpportunity, openTestDatabase, resetToChannels, SEED_KEYS, type OpportunityFixture, type TestDatabase } from './helpers.js';

const HOUR = 3_600_000;
const CHANNEL = SEED_KEYS.news.channelId;
let database: TestDatabase;
let db: Database;
const start = new Date('2026-12-02T00:00:00.000Z');
const opportunities: OpportunityFixture[] = [];

before(async () => {
  database = await openTestDatabase();
  db = database.db;
  await resetToChannels(db);
  for (const [i, offsets] of [[1, 5, 9], [2, 3], [4], [-3, 6, 12]].entries()) {
    opportunities.push(await addOpportunity(db, { shiftStarts: offsets.map((h) => new Date(start.getTime() + h * HOUR)), capacity: 3 + i, hours: 1 }));
  }
});
after(() => database.close());

interface Compared {
  id: string; kept: number; live: number; holds: boolean;
  keptNext: number | null; liveNext: number | null; nextHolds: boolean;
}

/** For every test opportunity at `at`: the figure as a page reads it, the sum from its shifts, and whether the window holds. */
async function compare(at: Date, ids = opportunities.map((o) => o.opportunityId)): Promise<Compared[]> {
  return db.query<Compared>(
    `SELECT o.id,
       CASE WHEN $2 >= o.open_spots_from AND $2 < o.open_spots_until THEN o.open_spots END AS kept,
       (SELECT coalesce(sum(greatest(s.capacity - s.signed_up, 0)), 0)::int FROM shifts s WHERE s.opportunity_id = o.id AND s.starts_at > $2) AS live,
       $2 >= o.open_spots_from AND $2 < o.open_spots_until AS holds,
       extract(epoch FROM o.next_start)::float8 AS "keptNext",
       (SELECT extract(epoch FROM min(s.starts_at))::float8 FROM shifts s WHERE s.opportunity_id = o.id AND s.ends_at >= $2) AS "liveNext",
       $2 >= o.next_start_from AND $2 < o.next_start_until AS "nextHolds"
     FROM opportunities o WHERE o.id = ANY($1) ORDER BY o.id`,
    [ids, at],
  );
}

function assertKeptEqualsLive(rows: Compared[], context: string): void {
  for (const row of rows) {
    if (row.holds) assert.equal(row.kept, row.live, `open spots of ${row.id} ${context}`);
    if (row.nextHolds) assert.equal(row.keptNext, row.liveNext, `next start of ${row.id} ${context}`);
  }
}

/** Every startsAt page at `at`, two at a time, against the order the shifts give (undated last, ties and undated by id). */
async function assertStartsAtPages(at: Date, context: string): Promise<void> {
  const rows = await compare(at);
  const want = [...rows].sort((a, b) => (a.liveNext ?? Infinity) - (b.liveNext ?? Infinity) || (a.id < b.id ? -1 : 1)).map((r) => r.id);
  const got: string[] = [];
  let after: { key: number; id: string } | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const page = await q.searchOpportunities(db, { channelId: CHANNEL, now: at, terms: [], sort: 'startsAt', after, limit: 2 });
    got.push(...page.map((r) => r.id));
    if (page.length < 2) break;
    after = { key: page[1]!.sort_key!, id: page[1]!.id };
  }
  assert.deepEqual(got, want, `startsAt pages ${context}`);
}

type Action =
  | { kind: 'counters'; opportunity: number; shift: number; delta: number }
  | { kind: 'capacity'; opportunity: number; shift: number; capacity: number }
  | { kind: 'addShift'; opportunity: number; hours: number }
  | { kind: 'moveShift'; opportunity: number; shift: number; hours: number }
  | { kind: 'lengthen'; opportunity: number; shift: number; hours: number }
  | { kind: 'clock'; hours: number }
  | { kind: 'refresh' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('counters' as const), opportunity: fc.nat(3), shift: fc.nat(3), delta: fc.integer({ min: -2, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), opportunity: fc.nat(3), shift: fc.nat(3), capacity: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addShift' as const), opportunity: fc.nat(3), hours: fc.integer({ min: -4, max: 14 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveShift' as const), opportunity: fc.nat(3), shift: fc.nat(3), hours: fc.integer({ min: -4, max: 14 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lengthen' as const), opportunity: fc.nat(3), shift: fc.nat(3), hours: fc.integer({ min: 1, max: 12 }) }) },
  // In quarter hours, so the clock also lands between a shift's start and end, and just after one ends.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), hours: fc.integer({ min: -12, max: 16 }).map((quarters) => quarters / 4) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'refresh' as const }) },
);

describe('the list\'s figures kept on the opportunity (migrations/013, 015)', () => {
  it('equal what the shifts give wherever their window holds, and order the startsAt pages, after any sequence of changes', async () => {
    let added = 0;
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
      let at = start;
      await refreshAllListFigures(db, at);
      for (const a of actions) {
        const shiftIds = a.kind === 'clock' || a.kind === 'refresh' ? [] : (await db.query<{ id: string }>(
          'SELECT id FROM shifts WHERE opportunity_id = $1 ORDER BY id', [opportunities[a.opportunity]!.opportunityId])).map((r) => r.id);
        const shiftId = 'shift' in a ? shiftIds[a.shift % shiftIds.length]! : '';
        if (a.kind === 'counters') {
          // Between none and the capacity, as the sign-up rules (and the table's CHECK) keep it.
          const [shift] = await db.query<{ signed_up: number; capacity: number }>('SELECT signed_up, capacity FROM shifts WHERE id = $1', [shiftId]);
          const delta = Math.min(Math.max(a.delta, -shift!.signed_up), shift!.capacity - shift!.signed_up);
          await db.transaction((tx) => q.adjustShiftCounters(tx, shiftId, delta, 0));
        } else if (a.kind === 'capacity') {
          // Never below the places taken (CHECK signed_up <= capacity).
          await db.query('UPDATE shifts SET capacity = greatest($2::int, signed_up, 1) WHERE id = $1', [shiftId, a.capacity]);
        } else if (a.kind === 'addShift') {
          const starts = new Date(start.getTime() + a.hours * HOUR);
          await db.query(`INSERT INTO shifts (id, opportunity_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, 4)`,
            [`shf_openSpots${++added}`, opportunities[a.opportunity]!.opportunityId, starts, new Date(starts.getTime() + HOUR)]);
        } else if (a.kind === 'moveShift') {
          const starts = new Date(start.getTime() + a.hours * HOUR);
          await db.query('UPDATE shifts SET starts_at = $2, ends_at = $3 WHERE id = $1', [shiftId, starts, new Date(starts.getTime() + HOUR)]);
        } else if (a.kind === 'lengthen') {
          // The end alone moves: a shift under way for longer, or one ending sooner.
          await db.query(`UPDATE shifts SET ends_at = starts_at + $2 * interval '1 hour' WHERE id = $1`, [shiftId, a.hours]);
        } else if (a.kind === 'clock') {
          at = new Date(at.getTime() + a.hours * HOUR);
        } else {
          await refreshAllListFigures(db, at);
          const rows = await compare(at);
          assert.ok(rows.every((row) => row.holds && row.nextHolds), 'every window holds right after a refresh at the same clock');
        }
        assertKeptEqualsLive(await compare(at), `after ${JSON.stringify(a)} at ${at.toISOString()}`);
        // The figure is exact for every time in its window, not only the clock it was made at.
        for (const hours of [-2, 0.5, 1.25, 7]) assertKeptEqualsLive(await compare(new Date(at.getTime() + hours * HOUR)), `at ${hours} h from the clock`);
        await assertStartsAtPages(at, `after ${JSON.stringify(a)} at ${at.toISOString()}`);
      }
    }), { seed: 20261202, numRuns: 40, includeErrorInReport: true });
  });

  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    it('on PostgreSQL: a refresh beside a sign-up still in progress loses nothing', async () => {
      const at = new Date(start.getTime() + 30 * HOUR);
      const o = await addOpportunity(db, { shiftStarts: [new Date(at.getTime() + HOUR), new Date(at.getTime() + 2 * HOUR)], capacity: 5, hours: 1 });
      await refreshAllListFigures(db, at);
      // The window ends (as when a shift starts), so the refresh below has this row to compute.
      await db.query(`UPDATE opportunities SET open_spots_until = '-infinity' WHERE id = $1`, [o.opportunityId]);
      const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema') as [{ schema: string }];
      const signup = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema},public` });
      await signup.connect();
      try {
        const [{ pid }] = (await signup.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
        await signup.query('BEGIN');
        // The sign-up's counter change; its trigger holds the opportunity's row until the commit.
        await signup.query('UPDATE shifts SET signed_up = signed_up + 1 WHERE id = $1', [o.shiftIds[0]]);
        let settled = false;
        const refreshing = refreshAllListFigures(db, at).finally(() => (settled = true));
        // Commit once the refresh has either passed the locked row by or is waiting for it.
        for (let polls = 0; !settled; polls++) {
          const waiting = await db.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
          if (waiting.length > 0) break;
          assert.ok(polls < 5000, 'the refresh neither finished nor waited');
        }
        await signup.query('COMMIT');
        await refreshing;
      } finally {
        await signup.end();
      }
      await refreshAllListFigures(db, at);
      const [row] = await compare(at, [o.opportunityId]);
      assert.ok(row!.holds);
      assert.equal(row!.kept, 9, 'two shifts of 5 places, one taken');
      assert.equal(row!.live, 9);
    });
  }
});
