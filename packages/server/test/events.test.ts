/**
 * Events of the changes already on the platform, and the events feed: each change appends its
 * event in its own transaction with the subject's next version; the feed pages them in an order
 * that only grows at its end — checked on PostgreSQL with two transactions that commit out of order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventFeedPage } from '@volunteerkit/sdk/schemas';
import pg from 'pg';
import * as h from '../src/db/hours-queries.js';
import { runAutoApproval } from '../src/services/reviews.js';
import { addOpportunity, assertProblem, assertShape, call, CONSENT, guest, nextMobile, SEED_KEYS, useTestApp } from './helpers.js';

const news = SEED_KEYS.news;
const env = useTestApp();

async function feed(after?: string, limit?: number, key: string = news.secretKey) {
  const search = new URLSearchParams();
  if (after !== undefined) search.set('after', after);
  if (limit !== undefined) search.set('limit', String(limit));
  const res = await call(env.app, 'GET', `/v1/events${search.size ? `?${search}` : ''}`, { bearer: key });
  assert.equal(res.status, 200, res.text);
  assertShape(EventFeedPage, res.body);
  return res.body as EventFeedPage;
}

async function allEvents(): Promise<Array<[string, string, number]>> {
  const rows = await env.db.query<{ type: string; subject_id: string; subject_version: number }>(
    // The ledger's own events (points.*, star_level.*) are points.test.ts's subject.
    `SELECT type, subject_id, subject_version FROM outbox_events WHERE type NOT LIKE 'points.%' AND type NOT LIKE 'star_level.%' ORDER BY seq`);
  return rows.map((r) => [r.type, r.subject_id, r.subject_version]);
}

describe('events of existing changes', () => {
  it('attendance, records, reviews and disputes each append their event, versions growing per subject', async () => {
    const HOUR = 3_600_000;
    const start = new Date(Date.now() + 2 * 86_400_000);
    const fx = await addOpportunity(env.db, { shiftStarts: [start], hours: 3 });
    await h.authorizeChannelFor(env.db, news.channelId, fx.orgId);
    const volunteer = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'ev-1', volunteer: { name: '林晓雨', mobile: nextMobile() }, ttlSeconds: 86400 } });
    const signed = await call(env.app, 'POST', '/v1/signups', { bearer: volunteer.body.token, body: { opportunityId: fx.opportunityId, shiftId: fx.shiftIds[0], consent: CONSENT } });
    assert.equal(signed.status, 201, signed.text);
    const signupId = signed.body.id as string;
    // After the shift: sessions are minted again at the clock's time.
    env.now = new Date(start.getTime() + 4 * HOUR);
    const organizer = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey,
      body: { organizer: { organizationId: fx.orgId, staffId: 'staff-1', name: '王老师' }, ttlSeconds: 43200 } });
    const again = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'ev-1', volunteer: { name: '林晓雨' } } });
    const roster = (body: object) => call(env.app, 'POST', `/v1/shifts/${fx.shiftIds[0]}/roster/${signupId}`, { bearer: organizer.body.token, body });
    // A forgotten check-out, set by the organizer, then corrected once more.
    assert.equal((await roster({ action: 'set_times', checkInAt: start.toISOString(), checkOutAt: new Date(start.getTime() + 2 * HOUR).toISOString() })).status, 200);
    const fixed = await roster({ action: 'set_times', checkInAt: start.toISOString(), checkOutAt: new Date(start.getTime() + 3 * HOUR).toISOString() });
    assert.equal(fixed.status, 200, fixed.text);
    const recordId = fixed.body.serviceRecord.id as string;
    const attendanceId = fixed.body.attendance.id as string;
    const reviewed = await call(env.app, 'POST', '/v1/organizer/service-records/review', { bearer: organizer.body.token, body: { ids: [recordId], decision: 'approved' } });
    assert.equal(reviewed.status, 200, reviewed.text);
    const disputed = await call(env.app, 'POST', `/v1/me/service-records/${recordId}/disputes`, { bearer: again.body.token, body: { kind: 'wrong_hours', claimedHours: 2.5, reason: '提前离开' } });
    assert.equal(disputed.status, 201, disputed.text);
    const resolved = await call(env.app, 'POST', `/v1/organizer/disputes/${disputed.body.id}/resolve`, { bearer: organizer.body.token, body: { decision: 'accept', note: '核实' } });
    assert.equal(resolved.status, 200, resolved.text);

    const events = await allEvents();
    const firstRecord = events.find(([type, id]) => type === 'service_record.superseded' && id !== recordId)![1];
    assert.deepEqual(events, [
      ['signup.created', signupId, 1],
      ['attendance.checked_in', attendanceId, 1],
      ['signup.updated', signupId, 2],
      ['attendance.corrected', attendanceId, 2],
      ['service_record.created', firstRecord, 1],
      ['attendance.corrected', attendanceId, 3],
      ['service_record.superseded', firstRecord, 2],
      ['service_record.created', recordId, 1],
      ['service_record.approved', recordId, 2],
      ['dispute.opened', disputed.body.id, 1],
      ['service_record.superseded', recordId, 3],
      ['service_record.created', resolved.body.correctionId, 1],
      ['dispute.resolved', disputed.body.id, 2],
    ]);
  });

  it('automatic approval, in SQL, appends service_record.approved for each record it approves', async () => {
    const fx = await addOpportunity(env.db, { shiftStarts: [new Date('2026-12-05T01:00:00Z')], hours: 3 });
    const volunteer = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'ev-auto', volunteer: { name: '林晓雨', mobile: nextMobile() } } });
    await env.db.transaction(async (tx) => {
      for (const id of ['rec_autoev1', 'rec_autoev2']) {
        await h.insertRecord(tx, {
          id, volunteerId: volunteer.body.volunteerId, opportunityId: fx.opportunityId, shiftId: fx.shiftIds[0]!, signupId: null,
          checkIn: new Date('2026-12-05T01:00:00Z'), checkOut: new Date('2026-12-05T02:00:00Z'), hours: 1, status: 'pending', recordedBy: 'self',
          source: 'attendance', policyVersion: 1, dueAt: new Date('2026-12-07T02:00:00Z'), explanation: [], correctsId: null, reviewedBy: null, at: new Date('2026-12-05T02:00:00Z'),
        });
      }
    });
    assert.deepEqual(await runAutoApproval(env.db, new Date('2026-12-07T03:00:00Z')), ['rec_autoev1', 'rec_autoev2']);
    const page = await feed();
    // Each approval also earns points (points.earned, the ledger's event): these are the records' own.
    const recordEvents = page.data.filter((e) => e.type.startsWith('service_record.'));
    assert.deepEqual(recordEvents.map((e) => [e.type, e.data.id, e.data.version, e.data.channelId, e.timestamp]), [
      ['service_record.approved', 'rec_autoev1', 1, news.channelId, '2026-12-07T03:00:00.000Z'],
      ['service_record.approved', 'rec_autoev2', 1, news.channelId, '2026-12-07T03:00:00.000Z'],
    ]);
  });
});

describe('GET /v1/events', () => {
  it('pages the channel\'s own events in order; `next` resumes after the last, now or later', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const signUp = async (key: string) => {
      const res = await call(env.app, 'POST', '/v1/signups', { key, body: { opportunityId, shiftId: shiftIds[0], volunteer: guest({ studentId: '20260001', employeeId: 'E001' }), consent: CONSENT } });
      assert.equal(res.status, 201, res.text);
      return res.body.id as string;
    };
    const ids = [await signUp(news.publishableKey), await signUp(news.publishableKey), await signUp(news.publishableKey)];
    await signUp(SEED_KEYS.campus.publishableKey);
    const first = await feed(undefined, 2);
    assert.deepEqual(first.data.map((e) => e.data.id), ids.slice(0, 2));
    assert.equal(first.hasMore, true);
    const second = await feed(first.next, 2);
    assert.deepEqual(second.data.map((e) => e.data.id), ids.slice(2));
    assert.equal(second.hasMore, false);
    const idle = await feed(second.next);
    assert.deepEqual([idle.data, idle.next], [[], second.next]);
    const fourth = await signUp(news.publishableKey);
    assert.deepEqual((await feed(second.next)).data.map((e) => [e.type, e.data.id]), [['signup.created', fourth]]);
    assert.deepEqual((await feed(undefined, 100, SEED_KEYS.campus.secretKey)).data.length, 1, 'each channel reads its own');
  });

  it('refuses a position it did not make, and a publishable key', async () => {
    const bad = await call(env.app, 'GET', '/v1/events?after=abc', { bearer: news.secretKey });
    assertProblem(bad, 422, 'validation_failed');
    assert.equal(bad.body.errors[0].path, 'after');
    assertProblem(await call(env.app, 'GET', '/v1/events', { bearer: news.publishableKey }), 403, 'secret_key_required');
  });

  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    it('on PostgreSQL: an event that commits after a later one is still listed after the reader\'s position', async () => {
      const schema = (await env.db.query<{ schema: string }>('SELECT current_schema() AS schema'))[0]!.schema;
      const connect = async () => {
        const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema},public` });
        await client.connect();
        return client;
      };
      const [early, late] = [await connect(), await connect()];
      const insert = (client: pg.Client, subject: string) => client.query(
        `INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at) VALUES ($1, $2, 'signup.created', $3, 1, now())`,
        [`evt_${subject.replace("_", "")}0000000000`, news.channelId, subject]);
      try {
        const start = await feed();
        // `early` writes first (lower seq, lower transaction id) and stays open; `late` commits.
        await early.query('BEGIN');
        await insert(early, 'sgn_early');
        await late.query('BEGIN');
        await insert(late, 'sgn_late');
        await late.query('COMMIT');
        const whileOpen = await feed(start.next);
        assert.deepEqual(whileOpen.data, [], 'nothing after an open transaction is listed yet');
        assert.equal(whileOpen.next, start.next);
        await early.query('COMMIT');
        const afterBoth = await feed(whileOpen.next);
        assert.deepEqual(afterBoth.data.map((e) => e.data.id), ['sgn_early', 'sgn_late']);

        // The other way round: `late2` takes its transaction id first but writes after `early2`
        // commits; a reader between the two must still get late2's event after its position.
        await late.query('BEGIN');
        await late.query('SELECT pg_current_xact_id()');
        await early.query('BEGIN');
        await insert(early, 'sgn_early2');
        await early.query('COMMIT');
        const between = await feed(afterBoth.next);
        assert.deepEqual(between.data, [], 'an older transaction is still open');
        await insert(late, 'sgn_late2');
        await late.query('COMMIT');
        const last = await feed(between.next);
        assert.deepEqual(last.data.map((e) => e.data.id), ['sgn_late2', 'sgn_early2']);
      } finally {
        await early.end();
        await late.end();
      }
    });
  }
});
