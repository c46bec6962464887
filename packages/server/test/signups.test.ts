/**
 * Signing up over HTTP: capacity under 50 concurrent requests, waitlist promotion, duplicates,
 * idempotency, approval, windows, ages, questions and consent; a session volunteer's birth date,
 * given once for an age limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Signup, SignupExportPage, Session, ProblemDetails, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { createApp } from '../src/app.js';
import type { Queryable } from '../src/db/database.js';
import * as q from '../src/db/queries.js';
import { DomainError } from '../src/services/errors.js';
import { createSignup } from '../src/services/signups.js';
import {
  addOpportunity, assertProblem, assertShape, call, CONSENT, guest, nextMobile, SEED_KEYS, useTestApp,
} from './helpers.js';

const news = SEED_KEYS.news;
const env = useTestApp();

function signupBody(opportunityId: string, shiftId: string, extra: Record<string, unknown> = {}) {
  return { opportunityId, shiftId, volunteer: guest(), consent: CONSENT, ...extra };
}

async function sessionFor(externalId: string, channel: { secretKey: string } = news, volunteer: Record<string, unknown> = { name: '陈静', mobile: nextMobile() }) {
  const res = await call(env.app, 'POST', '/v1/sessions', { bearer: channel.secretKey, body: { externalId, volunteer } });
  assert.equal(res.status, 201, res.text);
  assertShape(Session, res.body);
  return res.body.token as string;
}

describe('POST /v1/signups', () => {
  it('signs a guest up and answers with the contract shape, without contact data', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 3 });
    const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, { volunteer: guest({ name: '王小明' }) }) });
    assert.equal(res.status, 201, res.text);
    assertShape(Signup, res.body);
    assert.equal(res.body.status, 'approved');
    assert.equal(res.body.displayName, '王*明');
    assert.equal(res.body.source.channelId, news.channelId);
    assert.match(res.body.reference, /^VK-[A-Z2-9]{8}$/);
    // A mobile number, not the digits 139 (which a timestamp's milliseconds or an id may hold).
    assert.doesNotMatch(res.text, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no mobile number in the response');
    const opportunity = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.equal(opportunity.body.shifts[0].signedUp, 1);
  });

  it('50 concurrent sign-ups for 10 spots: exactly 10 approved and 40 waitlisted in order; a cancel promotes the first waitlisted', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 10 });
    const shiftId = shiftIds[0]!;
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => sessionFor(`ext-${i}`)));
    const results = await Promise.all(tokens.map((token) =>
      call(env.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId, consent: CONSENT } })));
    assert.deepEqual(results.map((r) => r.status), Array(50).fill(201));
    const approved = results.filter((r) => r.body.status === 'approved');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    assert.equal(approved.length, 10);
    assert.equal(waitlisted.length, 40);
    assert.deepEqual(waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));

    const opportunity = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.deepEqual({ signedUp: opportunity.body.shifts[0].signedUp, waitlisted: opportunity.body.shifts[0].waitlisted }, { signedUp: 10, waitlisted: 40 });
    assert.equal(opportunity.body.status, 'full');

    const firstInLine = waitlisted.find((r) => r.body.waitlistPosition === 1)!;
    const secondInLine = waitlisted.find((r) => r.body.waitlistPosition === 2)!;
    const cancelling = approved[0]!;
    const cancellerToken = tokens[results.indexOf(cancelling)]!;
    const cancelled = await call(env.app, 'POST', `/v1/me/signups/${cancelling.body.id}/cancel`, { bearer: cancellerToken });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'cancelled');

    const promotedToken = tokens[results.indexOf(firstInLine)]!;
    const mine = await call(env.app, 'GET', '/v1/me/signups', { bearer: promotedToken });
    assert.equal(mine.body.data[0].status, 'approved');
    const secondToken = tokens[results.indexOf(secondInLine)]!;
    const second = await call(env.app, 'GET', '/v1/me/signups', { bearer: secondToken });
    assert.deepEqual([second.body.data[0].status, second.body.data[0].waitlistPosition], ['waitlisted', 1]);
    const after = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.deepEqual({ signedUp: after.body.shifts[0].signedUp, waitlisted: after.body.shifts[0].waitlisted }, { signedUp: 10, waitlisted: 39 });
  });

  it('a second sign-up of the same guest for the same shift is 409 duplicate_signup carrying the first', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const body = signupBody(opportunityId, shiftIds[0]!);
    const first = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body });
    const again = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { ...body, volunteer: { ...body.volunteer, name: '别人' } } });
    assertProblem(again, 409, 'duplicate_signup');
    assertShape(ProblemDetails, again.body);
    assert.deepEqual(again.body.existing, first.body);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, { volunteer: { name: '赵六', mobile: '13912345678' } }) })));
    assert.deepEqual(concurrent.map((r) => r.status).sort(), [201, 409, 409, 409, 409]);
  });

  it('after cancelling, the same person may sign up again', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const token = await sessionFor('again-1');
    const first = await call(env.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId: shiftIds[0], consent: CONSENT } });
    await call(env.app, 'POST', `/v1/me/signups/${first.body.id}/cancel`, { bearer: token });
    const second = await call(env.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId: shiftIds[0], consent: CONSENT } });
    assert.equal(second.status, 201, second.text);
  });

  it('Idempotency-Key: a replay returns the first response and creates nothing; another body with the key is 422', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 5 });
    const body = signupBody(opportunityId, shiftIds[0]!);
    const headers = { 'Idempotency-Key': 'attempt-0001' };
    const first = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers });
    const replay = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers });
    assert.equal(first.status, 201);
    assert.equal(replay.status, 201);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const opportunity = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.equal(opportunity.body.shifts[0].signedUp, 1, 'the replay created nothing');
    const exported = await call(env.app, 'GET', `/v1/signups?opportunityId=${opportunityId}`, { bearer: news.secretKey });
    assert.equal(exported.body.data.length, 1);

    const different = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers });
    assertProblem(different, 422, 'idempotency_key_reused');
    const otherKey = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers: { 'Idempotency-Key': 'attempt-0002' } });
    assert.equal(otherKey.status, 201);
  });

  it('Idempotency-Key: identical requests in flight at once create one sign-up and all get the same answer', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 5 });
    const body = signupBody(opportunityId, shiftIds[0]!);
    const results = await Promise.all(Array.from({ length: 6 }, () =>
      call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers: { 'Idempotency-Key': 'double-click' } })));
    assert.deepEqual(results.map((r) => r.status), Array(6).fill(201), results.map((r) => r.text).join('\n'));
    assert.equal(new Set(results.map((r) => r.text)).size, 1, 'every answer is the first one, byte for byte');
    assert.equal(results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 5);
    const opportunity = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.equal(opportunity.body.shifts[0].signedUp, 1);
  });

  it('Idempotency-Key: a refused write\'s answer is stored too, and replayed after the situation changes', async () => {
    const opensAt = new Date(Date.now() + 3_600_000);
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { signupOpensAt: opensAt });
    const body = signupBody(opportunityId, shiftIds[0]!);
    const headers = { 'Idempotency-Key': 'too-early' };
    const first = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers });
    assertProblem(first, 409, 'signup_closed');
    env.now = new Date(opensAt.getTime() + 60_000);
    const replay = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers });
    assert.equal(replay.status, 409);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.match(replay.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const fresh = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers: { 'Idempotency-Key': 'on-time' } });
    assert.equal(fresh.status, 201, fresh.text);
  });

  it('Idempotency-Key: a failure before COMMIT leaves nothing (no sign-up, counters, volunteer or key), so the retry runs', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 5 });
    // The last statement of the write, storing its answer, fails once: as if the process died there.
    let failures = 1;
    const failing = {
      ...env.db,
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => env.db.transaction((tx) => fn({
        query: async (sql, params) => {
          if (failures > 0 && sql.startsWith('UPDATE idempotency_keys SET status')) {
            failures -= 1;
            throw new Error('connection lost');
          }
          return tx.query(sql, params);
        },
      })),
    } as typeof env.db;
    const failingApp = createApp(failing, { readCacheMs: 0, rateLimit: false, now: () => env.now });
    const body = signupBody(opportunityId, shiftIds[0]!);
    const headers = { 'Idempotency-Key': 'dies-before-commit' };
    assertProblem(await call(failingApp, 'POST', '/v1/signups', { key: news.publishableKey, body, headers }), 500, 'internal_error');
    const counts = async () => (await env.db.query<{ signups: number; volunteers: number; keys: number; signed_up: number }>(
      `SELECT (SELECT count(*)::int FROM signups) AS signups, (SELECT count(*)::int FROM volunteers) AS volunteers,
        (SELECT count(*)::int FROM idempotency_keys) AS keys, (SELECT signed_up FROM shifts WHERE id = $1) AS signed_up`, [shiftIds[0]!]))[0]!;
    assert.deepEqual(await counts(), { signups: 0, volunteers: 0, keys: 0, signed_up: 0 });
    const retry = await call(failingApp, 'POST', '/v1/signups', { key: news.publishableKey, body, headers });
    assert.equal(retry.status, 201, retry.text);
    assert.equal(retry.headers.get('idempotent-replayed'), null, 'it ran');
    assert.deepEqual(await counts(), { signups: 1, volunteers: 1, keys: 1, signed_up: 1 });
  });

  it('Idempotency-Key: answers are kept for a day; then the key may name a new request', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 5, shiftStarts: [new Date(Date.now() + 5 * 86_400_000)] });
    const headers = { 'Idempotency-Key': 'reused-tomorrow' };
    const first = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers });
    assert.equal(first.status, 201, first.text);
    env.now = new Date(Date.now() + 23 * 3_600_000);
    assertProblem(await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers }), 422, 'idempotency_key_reused');
    env.now = new Date(Date.now() + 25 * 3_600_000);
    const later = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers });
    assert.equal(later.status, 201, later.text);
    assert.notEqual(later.body.id, first.body.id);
  });

  it('Idempotency-Key: a malformed key is 422 with the header as the field path, and nothing runs', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    for (const key of ['x'.repeat(256), 'has space', 'caf\u00e9']) {
      const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!), headers: { 'Idempotency-Key': key } });
      assertProblem(res, 422, 'validation_failed');
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['Idempotency-Key']);
    }
    const opportunity = await call(env.app, 'GET', `/v1/opportunities/${opportunityId}`, { key: news.publishableKey });
    assert.equal(opportunity.body.shifts[0].signedUp, 0);
  });

  it('Idempotency-Key on cancel, PATCH, sessions and service records: a replay runs nothing and answers the same', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 1 });
    const token = await sessionFor('keyed-writes');
    const signup = await call(env.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId: shiftIds[0], consent: CONSENT } });
    const waiting = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!) });
    assert.equal(waiting.body.status, 'waitlisted');
    const twice = async (method: string, path: string, options: { bearer: string; body?: unknown }, key: string) => {
      const headers = { 'Idempotency-Key': key };
      const first = await call(env.app, method, path, { ...options, headers });
      const replay = await call(env.app, method, path, { ...options, headers });
      assert.ok(first.status < 300, first.text);
      assert.deepEqual([replay.status, replay.text, replay.headers.get('idempotent-replayed')], [first.status, first.text, 'true']);
      return first.body;
    };
    const cancelled = await twice('POST', `/v1/me/signups/${signup.body.id}/cancel`, { bearer: token }, 'cancel-1');
    assert.equal(cancelled.status, 'cancelled');
    const rejected = await twice('PATCH', `/v1/signups/${waiting.body.id}`, { bearer: news.secretKey, body: { status: 'rejected' } }, 'patch-1');
    assert.equal(rejected.status, 'rejected');
    const minted = await twice('POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'keyed-2', volunteer: { name: '李雷', mobile: nextMobile() } } }, 'session-1');
    const checkIn = new Date(Date.now() - 3 * 3_600_000);
    const record = await twice('POST', '/v1/service-records', { bearer: news.secretKey, body: {
      volunteerId: minted.volunteerId, opportunityId, shiftId: shiftIds[0], checkIn: checkIn.toISOString(),
      checkOut: new Date(checkIn.getTime() + 2 * 3_600_000).toISOString(), recordedBy: '站长' } }, 'record-1');
    const approved = await twice('POST', `/v1/service-records/${record.id}/approve`, { bearer: news.secretKey, body: { reviewedBy: '站长' } }, 'approve-1');
    assert.equal(approved.status, 'approved');
    const rows = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_records');
    assert.equal(rows[0]!.n, 1, 'the replayed create made no second record');
    const shift = await env.db.query<{ signed_up: number; waitlisted: number }>('SELECT signed_up, waitlisted FROM shifts WHERE id = $1', [shiftIds[0]!]);
    assert.deepEqual(shift[0], { signed_up: 0, waitlisted: 0 }, 'cancel (with promotion) and reject each counted once');
  });

  it('manual approval: pending_review holds a spot; the partner approves or rejects, rejection promotes', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { approval: 'manual', capacity: 1 });
    const a = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!) });
    const b = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!) });
    assert.equal(a.body.status, 'pending_review');
    assert.equal(b.body.status, 'waitlisted');
    const approveWaitlisted = await call(env.app, 'PATCH', `/v1/signups/${b.body.id}`, { bearer: news.secretKey, body: { status: 'approved' } });
    assertProblem(approveWaitlisted, 409, 'conflict');
    const rejected = await call(env.app, 'PATCH', `/v1/signups/${a.body.id}`, { bearer: news.secretKey, body: { status: 'rejected', note: '名额调整' } });
    assert.equal(rejected.body.status, 'rejected');
    const exported = await call(env.app, 'GET', `/v1/signups?opportunityId=${opportunityId}&status=pending_review`, { bearer: news.secretKey });
    assert.deepEqual(exported.body.data.map((s: { id: string }) => s.id), [b.body.id], 'the waitlisted one was promoted to review');
    const approved = await call(env.app, 'PATCH', `/v1/signups/${b.body.id}`, { bearer: news.secretKey, body: { status: 'approved' } });
    assert.equal(approved.body.status, 'approved');
    const invalid = await call(env.app, 'PATCH', `/v1/signups/${a.body.id}`, { bearer: news.secretKey, body: { status: 'approved' } });
    assertProblem(invalid, 409, 'conflict');
  });

  it('the export carries contact data with ID numbers masked unless reveal=idNumber', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, { volunteer: guest({ idNumber: '11010519491231002X' }) }) });
    const masked = await call(env.app, 'GET', '/v1/signups', { bearer: news.secretKey });
    assertShape(SignupExportPage, masked.body);
    assert.equal(masked.body.data[0].contact.idNumber, '110105********002X');
    assert.match(masked.body.data[0].contact.mobile, /^139\d{8}$/);
    assert.equal(masked.headers.get('cache-control'), 'private, no-store');
    const revealed = await call(env.app, 'GET', '/v1/signups?reveal=idNumber', { bearer: news.secretKey });
    assert.equal(revealed.body.data[0].contact.idNumber, '11010519491231002X');
    const byPublishable = await call(env.app, 'GET', '/v1/signups', { key: news.publishableKey });
    assertProblem(byPublishable, 403, 'secret_key_required');
    const otherChannel = await call(env.app, 'GET', '/v1/signups', { bearer: SEED_KEYS.campus.secretKey });
    assert.equal(otherChannel.body.data.length, 0, 'a channel exports only its own sign-ups');
  });

  it('enforces the channel identity fields, consent version, questions and age limits with field paths', async () => {
    const campus = SEED_KEYS.campus;
    const questions = [{ id: 'q_size', label: '尺码', kind: 'choice', required: true, options: ['S', 'M'] }];
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { questions, minAge: 18 });
    const missing = await call(env.app, 'POST', '/v1/signups', { key: campus.publishableKey, body: { ...signupBody(opportunityId, shiftIds[0]!), consent: { policyVersion: '2019-01', accepted: true } } });
    assertProblem(missing, 422, 'validation_failed');
    assert.deepEqual(missing.body.errors.map((e: { path: string }) => e.path).sort(), ['answers.q_size', 'consent.policyVersion', 'volunteer.studentId']);

    const young = await call(env.app, 'POST', '/v1/signups', { key: campus.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, {
      volunteer: guest({ studentId: '3210001', birthDate: '2012-01-01' }), answers: { q_size: 'M' } }) });
    assertProblem(young, 422, 'requirements_not_met');
    assert.equal(young.body.errors[0].path, 'volunteer.birthDate');
    const noBirthDate = await call(env.app, 'POST', '/v1/signups', { key: campus.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, {
      volunteer: guest({ studentId: '3210001' }), answers: { q_size: 'M' } }) });
    assertProblem(noBirthDate, 422, 'validation_failed');
    const ok = await call(env.app, 'POST', '/v1/signups', { key: campus.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, {
      volunteer: guest({ studentId: '3210001', birthDate: '2000-01-01' }), answers: { q_size: 'M' } }) });
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual(ok.body.answers, { q_size: 'M' });

    const badMobile = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, { volunteer: { name: '王', mobile: '12345' } }) });
    assertProblem(badMobile, 422, 'validation_failed');
    assert.deepEqual(badMobile.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['volunteer.mobile', 'invalid_mobile']]);
    const noConsent = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(opportunityId, shiftIds[0]!, { consent: { policyVersion: '2026-01', accepted: false } }) });
    assert.equal(noConsent.body.errors[0].path, 'consent.accepted');
  });

  it('refuses sign-ups outside the window: not open yet, closed, shift started, not recruiting', async () => {
    // Times relative to the server's injected clock, not the wall clock: on a loaded machine more
    // than a second can pass between beforeEach setting it and these lines.
    const now = env.now.getTime();
    const inThreeDays = new Date(now + 3 * 86_400_000);
    const notYet = await addOpportunity(env.db, { signupOpensAt: inThreeDays, shiftStarts: [new Date(now + 5 * 86_400_000)] });
    const closed = await addOpportunity(env.db, { signupClosesAt: new Date(now - 1000) });
    const started = await addOpportunity(env.db, { shiftStarts: [new Date(now - 60_000)] });
    const cancelled = await addOpportunity(env.db, { status: 'cancelled' });
    for (const fixture of [notYet, closed, started]) {
      const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(fixture.opportunityId, fixture.shiftIds[0]!) });
      assertProblem(res, 409, 'signup_closed');
    }
    const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(cancelled.opportunityId, cancelled.shiftIds[0]!) });
    assertProblem(res, 409, 'signup_closed');
    env.now = new Date(inThreeDays.getTime() + 1000);
    const opened = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(notYet.opportunityId, notYet.shiftIds[0]!) });
    assert.equal(opened.status, 201, 'opens when the clock reaches signupOpensAt');
  });

  it('unknown opportunity is 404; a shift of another opportunity is a field error', async () => {
    const a = await addOpportunity(env.db);
    const b = await addOpportunity(env.db);
    assertProblem(await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody('opp_doesnotexist', a.shiftIds[0]!) }), 404, 'not_found');
    const wrongShift = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: signupBody(a.opportunityId, b.shiftIds[0]!) });
    assertProblem(wrongShift, 422, 'validation_failed');
    assert.equal(wrongShift.body.errors[0].path, 'shiftId');
  });

  it('a volunteer cannot cancel someone else\'s sign-up', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const alice = await sessionFor('alice');
    const bob = await sessionFor('bob');
    const signup = await call(env.app, 'POST', '/v1/signups', { bearer: alice, body: { opportunityId, shiftId: shiftIds[0], consent: CONSENT } });
    assertProblem(await call(env.app, 'POST', `/v1/me/signups/${signup.body.id}/cancel`, { bearer: bob }), 404, 'not_found');
    assertProblem(await call(env.app, 'POST', `/v1/me/signups/${signup.body.id}/cancel`, { key: news.publishableKey }), 401, 'unauthorized');
  });
});

describe('POST /v1/signups with a session: a birth date for an age limit', () => {
  const adult = '2001-05-04';
  const child = '2015-03-01';

  /** A session for a new volunteer of the news channel; `volunteer` as the partner vouches for them. */
  async function mint(externalId: string, volunteer: Record<string, unknown> = { name: '陈静', mobile: nextMobile() }) {
    const res = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId, volunteer } });
    assert.equal(res.status, 201, res.text);
    return { token: res.body.token as string, volunteerId: res.body.volunteerId as string };
  }

  async function profileOf(token: string) {
    const me = await call(env.app, 'GET', '/v1/me', { bearer: token });
    assert.equal(me.status, 200, me.text);
    assertShape(VolunteerProfile, me.body);
    return me.body;
  }

  const signUp = (token: string, opportunityId: string, shiftId: string, volunteer?: Record<string, unknown>) =>
    call(env.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId, consent: CONSENT, ...(volunteer ? { volunteer } : {}) } });

  it('without one on file: asked at volunteer.birthDate; the first sign-up that carries it stores it, later ones need not send it', async () => {
    const shiftStarts = [new Date(Date.now() + 3 * 86_400_000), new Date(Date.now() + 4 * 86_400_000)];
    const limited = await addOpportunity(env.db, { minAge: 18, shiftStarts });
    const alsoLimited = await addOpportunity(env.db, { minAge: 16 });
    const { token } = await mint('no-birth-date');
    assert.equal((await profileOf(token)).birthDateOnFile, false);

    for (const volunteer of [undefined, { name: '陈静' }]) {
      const asked = await signUp(token, limited.opportunityId, limited.shiftIds[0]!, volunteer);
      assertProblem(asked, 422, 'validation_failed');
      assert.deepEqual(asked.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['volunteer.birthDate', 'required']]);
    }

    const first = await signUp(token, limited.opportunityId, limited.shiftIds[0]!, { name: '陈静', birthDate: adult });
    assert.equal(first.status, 201, first.text);
    assertShape(Signup, first.body);
    const profile = await profileOf(token);
    assert.equal(profile.birthDateOnFile, true);
    assert.ok(!JSON.stringify(profile).includes(adult), 'the profile says a birth date is on file, not which');

    const anotherShift = await signUp(token, limited.opportunityId, limited.shiftIds[1]!);
    assert.equal(anotherShift.status, 201, anotherShift.text);
    const anotherActivity = await signUp(token, alsoLimited.opportunityId, alsoLimited.shiftIds[0]!);
    assert.equal(anotherActivity.status, 201, anotherActivity.text);
  });

  it('only birthDate is read from the body: the session volunteer\'s name and contact stay as the partner gave them', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { minAge: 18 });
    const mobile = nextMobile();
    const { token, volunteerId } = await mint('other-fields', { name: '陈静', mobile });
    const res = await signUp(token, opportunityId, shiftIds[0]!, { name: '冒名者', mobile: nextMobile(), email: 'x@example.cn', birthDate: adult });
    assert.equal(res.status, 201, res.text);
    const stored = await q.getVolunteer(env.db, volunteerId);
    assert.deepEqual([stored!.name, stored!.mobile, stored!.email, stored!.birth_date], ['陈静', mobile, null, adult]);
  });

  it('too young: 422 requirements_not_met and nothing is stored', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { minAge: 18 });
    const { token, volunteerId } = await mint('too-young');
    const young = await signUp(token, opportunityId, shiftIds[0]!, { name: '陈静', birthDate: child });
    assertProblem(young, 422, 'requirements_not_met');
    assert.deepEqual(young.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['volunteer.birthDate', 'too_young']]);
    assert.equal((await profileOf(token)).birthDateOnFile, false);
    assert.equal((await q.getVolunteer(env.db, volunteerId))!.birth_date, null);
    const malformed = await signUp(token, opportunityId, shiftIds[0]!, { name: '陈静', birthDate: '2001-13-01' });
    assertProblem(malformed, 422, 'validation_failed');
    assert.deepEqual(malformed.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['volunteer.birthDate', 'invalid_birth_date']]);
    assert.equal((await profileOf(token)).birthDateOnFile, false);
  });

  it('a sign-up that fails after the checks (duplicate) stores nothing either: one transaction', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const { token, volunteerId } = await mint('duplicate');
    assert.equal((await signUp(token, opportunityId, shiftIds[0]!)).status, 201);
    assertProblem(await signUp(token, opportunityId, shiftIds[0]!, { name: '陈静', birthDate: adult }), 409, 'duplicate_signup');
    assert.equal((await q.getVolunteer(env.db, volunteerId))!.birth_date, null);
    assert.equal((await profileOf(token)).birthDateOnFile, false);
  });

  it('one on file is never replaced: a different date in the body is ignored, for better or worse', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { minAge: 18 });
    const grownUp = await mint('on-file-adult', { name: '陈静', mobile: nextMobile(), birthDate: adult });
    assert.equal((await profileOf(grownUp.token)).birthDateOnFile, true);
    const ok = await signUp(grownUp.token, opportunityId, shiftIds[0]!, { name: '陈静', birthDate: child });
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await q.getVolunteer(env.db, grownUp.volunteerId))!.birth_date, adult);

    const young = await mint('on-file-child', { name: '陈小静', mobile: nextMobile(), birthDate: child });
    assertProblem(await signUp(young.token, opportunityId, shiftIds[0]!, { name: '陈小静', birthDate: adult }), 422, 'requirements_not_met');
    assert.equal((await q.getVolunteer(env.db, young.volunteerId))!.birth_date, child);
  });

  it('a date stored by a concurrent request between the check and the fill is the one checked', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { minAge: 18 });
    const { volunteerId } = await mint('race');
    const channel = (await q.getChannel(env.db, news.channelId))!;
    // Another request's child date lands after this one read "no date on file", just before it fills its own.
    const attempt = env.db.transaction((tx) => {
      let raced = false;
      const racing: Queryable = {
        query: async (sql, params) => {
          if (!raced && /UPDATE volunteers SET birth_date/.test(sql)) {
            raced = true;
            await q.fillBirthDate(tx, volunteerId, child);
          }
          return tx.query(sql, params);
        },
      };
      return createSignup(
        { tx: racing, channel, sessionVolunteerId: volunteerId, now: env.now, sealSecret: 'test' },
        { opportunityId, shiftId: shiftIds[0]!, volunteer: { name: '陈静', birthDate: adult }, consent: CONSENT },
      );
    });
    await assert.rejects(attempt, (error: DomainError) => error.kind === 'requirements_not_met');
    assert.equal((await q.getVolunteer(env.db, volunteerId))!.birth_date, null, 'the body\'s adult date was not stored either');
    assert.equal((await q.listSignupsOfVolunteer(env.db, volunteerId, { afterSeq: null, limit: 10 })).length, 0);
  });
});

describe('one transaction per write', () => {
  it('inside a transaction the database itself refuses work (it would not be part of it; on PGlite it would wait forever)', async () => {
    await assert.rejects(env.db.transaction(() => env.db.query('SELECT 1')), /use the transaction \(tx\)/);
    await assert.rejects(env.db.transaction(() => env.db.transaction((tx) => tx.query('SELECT 1'))), /use the transaction \(tx\)/);
    assert.deepEqual(await env.db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one')), [{ one: 1 }]);
    assert.deepEqual(await env.db.query<{ one: number }>('SELECT 1 AS one'), [{ one: 1 }], 'usable again once the transaction ended');
  });
});
