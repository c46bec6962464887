/**
 * Two server processes, one PostgreSQL: what a load balancer in front of N instances relies on.
 * A burst of 200 keyed sign-ups for 10 places is split across both: exactly 10 are approved; every
 * request replayed on the other server gets the identical answer; every event is delivered to the
 * partner's receiver once, each attempt made by one of the two dispatchers; and the overdue
 * records both schedulers find at start are approved once each.
 *
 * PostgreSQL only (DATABASE_URL, as in CI): PGlite is one process's database.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as h from '../src/db/hours-queries.js';
import * as q from '../src/db/queries.js';
import * as w from '../src/db/webhook-queries.js';
import { newWebhookSecret } from '../src/domain/webhooks.js';
import { CONSENT, SEED_KEYS, addOpportunity, nextMobile, openTestDatabase, resetToChannels, startServerCli, type CliRun, type TestDatabase } from './helpers.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

const BURST = 200;
const CAPACITY = 10;
const OVERDUE_RECORDS = 20;

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
}

/** One request on a connection of its own. */
function post(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(new URL(path, url), {
      method: 'POST', agent: false,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text, replayed: response.headers['idempotent-replayed'] === 'true' }));
    });
    request.once('error', reject);
    request.end(payload);
  });
}

const databaseUrl = process.env['DATABASE_URL'];

if (databaseUrl) {
  describe('two server processes on one PostgreSQL', () => {
    let database: TestDatabase;
    let servers: CliRun[] = [];
    let receiver: Receiver;
    let fixture: { opportunityId: string; shiftIds: string[] };
    let endpointId: string;
    const recordIds = Array.from({ length: OVERDUE_RECORDS }, (_, i) => `rec_twoservers${String(i).padStart(3, '0')}`);

    before(async () => {
      database = await openTestDatabase();
      await resetToChannels(database.db);
      fixture = await addOpportunity(database.db, { capacity: CAPACITY, shiftStarts: [new Date(Date.now() + 3 * 86_400_000), new Date(Date.now() - 3 * 86_400_000)] });
      receiver = await startReceiver();
      const secret = newWebhookSecret();
      receiver.secrets = [secret];
      endpointId = 'whk_twoservers0001';
      const now = new Date();
      await w.insertEndpoint(database.db, { id: endpointId, channelId: SEED_KEYS.news.channelId, url: receiver.url, description: '', eventTypes: [], secret, sandbox: true, at: now });
      // Records overdue for approval: both servers' schedulers find them as they start.
      await q.bulkInsert(database.db, 'volunteers', [{
        id: 'vol_twoservers', channel_id: SEED_KEYS.news.channelId, identity_key: `mobile:${nextMobile()}`, name: '志愿者', mobile: null, birth_date: null,
        student_id: null, employee_id: null, show_name: false, created_at: now.toISOString(), updated_at: now.toISOString(),
      }]);
      await database.db.transaction(async (tx) => {
        for (const id of recordIds) {
          await h.insertRecord(tx, {
            id, volunteerId: 'vol_twoservers', opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[1]!, signupId: null,
            checkIn: new Date(now.getTime() - 3 * 86_400_000), checkOut: new Date(now.getTime() - 3 * 86_400_000 + 3_600_000), hours: 1, status: 'pending',
            recordedBy: 'self', source: 'attendance', policyVersion: 1, dueAt: new Date(now.getTime() - 60_000), explanation: [], correctsId: null, reviewedBy: null, at: now,
          });
        }
      });
      const args = ['--database-url', databaseUrl, '--schema', database.schema!, '--rate-limit', 'off'];
      servers = await Promise.all([startServerCli(args), startServerCli(args)]);
    });

    after(async () => {
      for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await receiver?.close();
      await database?.close();
    });

    it('200 sign-ups for 10 places across both: 10 approved, every replay identical, every event delivered once, no job run twice', async () => {
      const requests = Array.from({ length: BURST }, (_, i) => ({
        key: `two-servers-${i}`,
        body: { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: { name: `志愿者${i}`, mobile: nextMobile() }, consent: CONSENT },
      }));
      const send = (serverIndex: number, r: (typeof requests)[number]) => post(servers[serverIndex]!.url, '/v1/signups', r.body,
        { Authorization: `Bearer ${SEED_KEYS.news.publishableKey}`, 'Idempotency-Key': r.key });
      const answers = await Promise.all(requests.map((r, i) => send(i % 2, r)));
      assert.deepEqual(answers.map((a) => a.status), Array(BURST).fill(201), answers.find((a) => a.status !== 201)?.body);
      const statuses = answers.map((a) => JSON.parse(a.body).status as string);
      assert.equal(statuses.filter((s) => s === 'approved').length, CAPACITY);
      assert.equal(statuses.filter((s) => s === 'waitlisted').length, BURST - CAPACITY);
      const [shift] = await database.db.query<{ signed_up: number; waitlisted: number }>('SELECT signed_up, waitlisted FROM shifts WHERE id = $1', [fixture.shiftIds[0]!]);
      assert.deepEqual(shift, { signed_up: CAPACITY, waitlisted: BURST - CAPACITY });

      // Each request again, on the other server: the stored answer, byte for byte.
      const replays = await Promise.all(requests.map((r, i) => send((i + 1) % 2, r)));
      replays.forEach((replay, i) => {
        assert.equal(replay.status, answers[i]!.status);
        assert.equal(replay.body, answers[i]!.body, `replay ${i}`);
        assert.ok(replay.replayed, `replay ${i} is marked Idempotent-Replayed`);
      });

      // Every event reaches the receiver once: the sign-ups, the automatic approvals and the points
      // each approval earns (points.earned, written by the ledger's trigger in the same transaction).
      const events = BURST + 2 * OVERDUE_RECORDS;
      const accepted = await receiver.waitForAccepted(events, 30_000);
      const [outbox] = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events');
      assert.equal(outbox!.n, events);
      assert.equal(new Set(accepted.map((d) => d.id)).size, events);
      assert.equal(receiver.requests.length, events, 'no event was delivered twice');
      const attempts = await database.db.query<{ instance: string; n: number }>(
        'SELECT instance, count(*)::int AS n FROM webhook_attempts GROUP BY instance ORDER BY instance');
      assert.equal(attempts.reduce((sum, a) => sum + a.n, 0), events, 'one attempt per delivery');
      assert.equal(attempts.length, 2, `both dispatchers sent deliveries: ${JSON.stringify(attempts)}`);
      const [deliveries] = await database.db.query<{ succeeded: number; max_attempts: number }>(
        `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, max(attempts)::int AS max_attempts FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
      assert.deepEqual(deliveries, { succeeded: events, max_attempts: 1 });

      // Both schedulers ran at start; each overdue record was approved, audited and announced once.
      const approvals = await database.db.query<{ subject_id: string; audits: number }>(
        `SELECT subject_id, count(*)::int AS audits FROM audit_log WHERE action = 'service_record.auto_approved' GROUP BY subject_id ORDER BY subject_id`);
      assert.deepEqual(approvals, recordIds.map((id) => ({ subject_id: id, audits: 1 })));
      const announced = await database.db.query<{ subject_id: string; n: number }>(
        `SELECT subject_id, count(*)::int AS n FROM outbox_events WHERE type = 'service_record.approved' GROUP BY subject_id ORDER BY subject_id`);
      assert.deepEqual(announced, recordIds.map((id) => ({ subject_id: id, n: 1 })));
    });
  });
}
