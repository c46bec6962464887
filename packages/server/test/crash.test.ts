/**
 * `kill -9` in the middle of a burst of keyed sign-ups: the real CLI is killed with SIGKILL while
 * requests are in flight, started again over the same database, and every request is retried with
 * its Idempotency-Key. Each one whose sign-up committed must get its original answer; the rest run
 * now; each shift has exactly its capacity approved and counters equal to its rows.
 *
 * Where it runs: on the database the suite runs on, with no skip. With DATABASE_URL (as in CI),
 * the CLI serves a fresh schema of that PostgreSQL: the case the test exists for. Without it, the
 * CLI serves a PGlite data folder on disk, the default storage, which recovers from its
 * write-ahead log after SIGKILL as PostgreSQL does; the same scenario and assertions hold, only
 * with one connection, so fewer requests are mid-transaction when the process dies.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../src/db/database.js';
import { CONSENT, SEED_KEYS, addOpportunity, dropSchema, nextMobile, openTestDatabase, resetToChannels, startServerCli, type CliRun } from './helpers.js';

const BURST = 160;
/**
 * Four shifts of 25 spots, 40 requests each: 100 approved, 60 waitlisted. Four shift locks let
 * four sign-ups commit at once, so more are committed and not yet answered when the kill lands.
 */
const SHIFTS = 4;
const CAPACITY = 25;
/**
 * The process is killed once this many sign-ups are in: well inside the burst. On PostgreSQL the
 * test watches the table from its own connection, so answers still on their way are lost with
 * the process (committed, never answered: the case that matters); PGlite allows one process, so
 * there the test counts the answers it has received.
 */
const KILL_AT = 40;

const databaseUrl = process.env['DATABASE_URL'];
let where: { args: string[]; open: () => Promise<Database>; cleanUp: () => Promise<void> };

/** Resolves once `count()` reaches `target`, asking again as soon as each answer arrives. */
async function whenCountReaches(count: () => Promise<number>, target: number, give: () => boolean): Promise<void> {
  while (!give() && (await count()) < target);
}

before(async () => {
  if (databaseUrl) {
    const t = await openTestDatabase();
    await t.db.close();
    const schema = t.schema!;
    where = {
      args: ['--database-url', databaseUrl, '--schema', schema],
      open: () => openDatabase({ databaseUrl, schema }),
      cleanUp: () => dropSchema(databaseUrl, schema),
    };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'vk-crash-'));
    where = {
      args: ['--data', dataDir],
      open: () => openDatabase({ dataDir }),
      cleanUp: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
});
after(() => where.cleanUp());

interface Answer {
  status: number;
  text: string;
  replayed: boolean;
}

async function postSignup(url: string, body: unknown, key: string): Promise<Answer> {
  const response = await fetch(`${url}/v1/signups`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SEED_KEYS.news.publishableKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), replayed: response.headers.get('idempotent-replayed') === 'true' };
}

async function stop(run: CliRun, signal: NodeJS.Signals): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  const exited = once(run.child, 'exit');
  run.child.kill(signal);
  await exited;
}

describe('kill -9 mid-burst, restart, retry every request with its key', () => {
  it('every committed sign-up answers as it first did; the rest run now; exactly capacity approved per shift; counters equal rows', async (t) => {
    const db = await where.open();
    const firstStart = Date.now() + 3 * 86_400_000;
    const shiftStarts = Array.from({ length: SHIFTS }, (_, i) => new Date(firstStart + i * 3_600_000));
    const { opportunityId, shiftIds } = await resetToChannels(db).then(() => addOpportunity(db, { capacity: CAPACITY, shiftStarts }))
      .finally(() => db.close());
    const requests = Array.from({ length: BURST }, (_, i) => ({
      key: `burst-${i}`,
      mobile: nextMobile(),
      body: (mobile: string) => ({ opportunityId, shiftId: shiftIds[i % SHIFTS], volunteer: { name: `志愿者${i}`, mobile }, consent: CONSENT }),
    }));

    const first = await startServerCli([...where.args, '--rate-limit', 'off']);
    const beforeKill = new Map<number, Answer>();
    const watcher = databaseUrl ? await where.open() : null;
    try {
      let settled = 0;
      const burst = requests.map(async (request, i) => {
        try {
          const answer = await postSignup(first.url, request.body(request.mobile), request.key);
          // Every answer that reached the client counts, even one that arrived as the process died.
          beforeKill.set(i, answer);
          if (!watcher && beforeKill.size === KILL_AT) first.child.kill('SIGKILL');
        } finally {
          settled += 1;
        }
      });
      if (watcher) {
        const countSignups = async () => (await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM signups'))[0]!.n;
        await whenCountReaches(countSignups, KILL_AT, () => settled === BURST);
        first.child.kill('SIGKILL');
      }
      await Promise.allSettled(burst);
    } finally {
      await watcher?.close();
      await stop(first, 'SIGKILL');
    }
    assert.equal(first.child.signalCode, 'SIGKILL', first.output);
    assert.ok(beforeKill.size < BURST, `killed mid-burst (${beforeKill.size} answers seen)`);
    for (const answer of beforeKill.values()) assert.equal(answer.status, 201, answer.text);

    // What committed before the kill, read from the database itself.
    const committedByMobile = new Map<string, string>();
    const check = await where.open();
    try {
      const rows = await check.query<{ id: string; mobile: string }>(
        'SELECT s.id, v.mobile FROM signups s JOIN volunteers v ON v.id = s.volunteer_id');
      for (const row of rows) committedByMobile.set(row.mobile, row.id);
    } finally {
      await check.close();
    }

    const second = await startServerCli([...where.args, '--rate-limit', 'off']);
    const retried: Answer[] = [];
    try {
      for (const request of requests) retried.push(await postSignup(second.url, request.body(request.mobile), request.key));
    } finally {
      await stop(second, 'SIGINT');
    }

    let replayedOriginal = 0;
    requests.forEach((request, i) => {
      const answer = retried[i]!;
      assert.equal(answer.status, 201, `request ${i}: ${answer.text}`);
      const committedId = committedByMobile.get(request.mobile);
      const seen = beforeKill.get(i);
      if (seen) {
        assert.ok(committedId, `request ${i} was answered, so it committed`);
        assert.equal(answer.text, seen.text, `request ${i} gets its original answer`);
      }
      if (committedId) {
        assert.ok(answer.replayed, `request ${i} committed before the kill: its answer is replayed, nothing runs`);
        assert.equal(JSON.parse(answer.text).id, committedId);
        replayedOriginal += 1;
      } else {
        assert.ok(!answer.replayed, `request ${i} never committed: it runs now`);
      }
    });

    const final = await where.open();
    try {
      const shifts = await final.query<{ approved: number; waitlisted: number; volunteers: number; signed_up: number; shift_waitlisted: number }>(
        `SELECT count(*) FILTER (WHERE s.status = 'approved')::int AS approved, count(*) FILTER (WHERE s.status = 'waitlisted')::int AS waitlisted,
           count(DISTINCT s.volunteer_id)::int AS volunteers, sh.signed_up, sh.waitlisted AS shift_waitlisted
         FROM shifts sh LEFT JOIN signups s ON s.shift_id = sh.id WHERE sh.opportunity_id = $1 GROUP BY sh.id ORDER BY sh.id`,
        [opportunityId],
      );
      const perShift = BURST / SHIFTS;
      const expected = { approved: CAPACITY, waitlisted: perShift - CAPACITY, volunteers: perShift, signed_up: CAPACITY, shift_waitlisted: perShift - CAPACITY };
      assert.deepEqual(shifts, Array(SHIFTS).fill(expected), 'each shift: exactly its capacity approved, the rest waitlisted, counters equal to rows');
      const [keys] = await final.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE status = 201');
      assert.equal(keys!.n, BURST, 'one stored answer per request');
    } finally {
      await final.close();
    }
    t.diagnostic(`${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${beforeKill.size} answered before SIGKILL, ${committedByMobile.size} committed, ` +
      `${committedByMobile.size - beforeKill.size} committed unanswered; after restart ${replayedOriginal} replayed their original answer, ` +
      `${BURST - replayedOriginal} ran anew`);
  });
});
