/**
 * `volunteerkit-server --workers n`: on PostgreSQL, n processes share one port, and what they must
 * agree on (capacity, idempotency) holds across them; SIGTERM closes every one. On PGlite the
 * server stays one process and says so. Requests go over a new connection each, so the primary's
 * round-robin hands them to both workers (a kept-alive connection stays with one worker).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CONSENT, SEED_KEYS, addOpportunity, nextMobile, openTestDatabase, resetToChannels, startServerCli, type CliRun, type TestDatabase } from './helpers.js';

interface Answer {
  status: number;
  worker: string | undefined;
  body: any;
}

/** One request on a connection of its own. */
function send(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(new URL(path, url), {
      method,
      agent: false,
      headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, worker: response.headers['x-vk-worker'] as string | undefined, body: text ? JSON.parse(text) : undefined }));
    });
    request.once('error', reject);
    request.end(payload);
  });
}

/** The processes `pid` started (ps exits 1 when there are none). */
const childPids = (pid: number | undefined): number[] =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean).map(Number);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stop(run: CliRun, signal: NodeJS.Signals): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const exited = once(run.child, 'exit');
  run.child.kill(signal);
  const [code] = await exited;
  return code as number | null;
}

const databaseUrl = process.env['DATABASE_URL'];

describe('volunteerkit-server --workers', () => {
  it('on PGlite runs one process when asked for two, and says so', async () => {
    const run = await startServerCli(['--data', 'memory', '--workers', '2']);
    try {
      assert.match(run.output, /PGlite is one process's database: running 1 worker, not 2/);
      assert.match(run.output, /\(pglite, ready in/);
      const answers = await Promise.all(Array.from({ length: 4 }, () => send(run.url, 'GET', '/health')));
      assert.deepEqual(answers.map((a) => [a.status, a.worker]), Array(4).fill([200, undefined]));
      assert.deepEqual(childPids(run.child.pid), [], 'no child processes');
    } finally {
      assert.equal(await stop(run, 'SIGINT'), 0, run.output);
    }
  });

  it('refuses a --workers that is not a number of processes', async () => {
    await assert.rejects(startServerCli(['--data', 'memory', '--workers', '0']), /Invalid --workers \(or VK_WORKERS\): 0/);
  });

  if (databaseUrl) {
    describe('on PostgreSQL, two workers', () => {
      let database: TestDatabase;
      let run: CliRun;
      let opportunityId: string;
      let shiftIds: string[];
      before(async () => {
        database = await openTestDatabase();
        await resetToChannels(database.db);
        ({ opportunityId, shiftIds } = await addOpportunity(database.db, { capacity: 10, shiftStarts: [new Date(Date.now() + 3 * 86_400_000), new Date(Date.now() + 4 * 86_400_000)] }));
        run = await startServerCli(['--database-url', databaseUrl, '--schema', database.schema!, '--workers', '2', '--rate-limit', 'off']);
      });
      after(async () => {
        if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
        await database?.close();
      });

      it('serve one port from two processes', async () => {
        assert.match(run.output, /\(postgres, 2 worker processes, ready in/);
        const answers = await Promise.all(Array.from({ length: 8 }, () => send(run.url, 'GET', '/health')));
        assert.ok(answers.every((a) => a.status === 200));
        assert.deepEqual(new Set(answers.map((a) => a.worker)), new Set(['1', '2']));
        assert.equal(childPids(run.child.pid).length, 2, 'two worker processes');
      });

      it('40 concurrent sign-ups for 10 spots through both: exactly 10 approved, 30 waitlisted, counters equal rows', async () => {
        const shiftId = shiftIds[0]!;
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => send(run.url, 'POST', '/v1/signups',
          { opportunityId, shiftId, volunteer: { name: `志愿者${i}`, mobile: nextMobile() }, consent: CONSENT },
          { Authorization: `Bearer ${SEED_KEYS.news.publishableKey}`, 'Idempotency-Key': `workers-${i}` })));
        assert.deepEqual(answers.map((a) => a.status), Array(40).fill(201), JSON.stringify(answers.find((a) => a.status !== 201)?.body));
        assert.deepEqual(new Set(answers.map((a) => a.worker)), new Set(['1', '2']), 'both workers took sign-ups');
        assert.equal(answers.filter((a) => a.body.status === 'approved').length, 10);
        assert.deepEqual(answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.waitlistPosition).sort((a, b) => a - b),
          Array.from({ length: 30 }, (_, i) => i + 1));
        const [shift] = await database.db.query<{ signed_up: number; waitlisted: number; approved: number; queued: number }>(
          `SELECT sh.signed_up, sh.waitlisted, count(*) FILTER (WHERE s.status = 'approved')::int AS approved,
             count(*) FILTER (WHERE s.status = 'waitlisted')::int AS queued
           FROM shifts sh JOIN signups s ON s.shift_id = sh.id WHERE sh.id = $1 GROUP BY sh.id`, [shiftId]);
        assert.deepEqual(shift, { signed_up: 10, waitlisted: 30, approved: 10, queued: 30 });
      });

      it('one Idempotency-Key sent to both workers at once: one sign-up, the same answer everywhere', async () => {
        const body = { opportunityId, shiftId: shiftIds[1]!, volunteer: { name: '重复提交', mobile: nextMobile() }, consent: CONSENT };
        const answers = await Promise.all(Array.from({ length: 8 }, () => send(run.url, 'POST', '/v1/signups', body,
          { Authorization: `Bearer ${SEED_KEYS.news.publishableKey}`, 'Idempotency-Key': 'workers-double-click' })));
        assert.deepEqual(new Set(answers.map((a) => a.worker)), new Set(['1', '2']));
        assert.deepEqual(answers.map((a) => a.status), Array(8).fill(201));
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
        const [row] = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signups WHERE shift_id = $1', [shiftIds[1]!]);
        assert.equal(row!.n, 1);
      });

      it('SIGTERM closes every worker, then the primary exits 0', async () => {
        const workers = childPids(run.child.pid);
        assert.equal(workers.length, 2);
        assert.equal(await stop(run, 'SIGTERM'), 0, run.output);
        assert.match(run.output, /SIGTERM: closing 2 workers/);
        assert.doesNotMatch(run.output, /did not close/);
        assert.deepEqual(workers.filter(alive), [], 'no worker outlives the primary');
      });
    });
  }
});
