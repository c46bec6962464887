/**
 * From "I am here" to "my hours are approved", over HTTP with an injected clock: organizer
 * sessions and the audit log, check-in codes, the roster, records from attendance, reviews and
 * disputes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Attendance, CheckinCode, Dispute, OrganizerSession, RosterPage, ServiceRecord } from '@volunteerkit/sdk/schemas';
import * as h from '../src/db/hours-queries.js';
import { checkinCode, codeWindow, shiftSecret } from '../src/domain/checkin-code.js';
import { runAutoApproval } from '../src/services/reviews.js';
import { CONSENT, SEED_KEYS, addOpportunity, assertProblem, assertShape, call, nextMobile, useTestApp } from './helpers.js';

const t = useTestApp();
const { news, campus } = SEED_KEYS;
const HOUR = 3_600_000;
/** The first shift starts at 09:00 Beijing time, three hours long. */
const SHIFT_START = new Date('2026-12-05T01:00:00Z');
const at = (offsetMinutes: number) => new Date(SHIFT_START.getTime() + offsetMinutes * 60_000);

interface World {
  orgId: string;
  opportunityId: string;
  shiftId: string;
  otherShiftId: string;
  organizer: string;
  volunteer: string;
  volunteerId: string;
  externalId: string;
  signupId: string;
}

/** A volunteer session for a day (sessions are short-lived: tests that move the clock further mint again). */
async function mintVolunteer(externalId = `ext-${nextMobile()}`) {
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId, volunteer: { name: '林晓雨', mobile: nextMobile() }, ttlSeconds: 86400 } });
  assert.equal(minted.status, 201, minted.text);
  return { ...(minted.body as { token: string; volunteerId: string }), externalId };
}

/** Fresh sessions for the volunteer and the organizer at the clock's current time. */
async function signInAgain(w: World): Promise<void> {
  w.volunteer = (await mintVolunteer(w.externalId)).token;
  w.organizer = await remintOrganizer(w);
}

async function signUp(token: string, opportunityId: string, shiftId: string): Promise<string> {
  const signed = await call(t.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId, shiftId, consent: CONSENT } });
  assert.equal(signed.status, 201, signed.text);
  return signed.body.id;
}

/** An organization the news channel is authorized for, two shifts, a volunteer signed up the day before, an organizer; the clock 35 min before the shift. */
async function world(options: { capacity?: number } = {}): Promise<World> {
  t.now = new Date(SHIFT_START.getTime() - 24 * HOUR);
  const fx = await addOpportunity(t.db, { shiftStarts: [SHIFT_START, at(60)], hours: 3, capacity: options.capacity ?? 10 });
  await h.authorizeChannelFor(t.db, news.channelId, fx.orgId);
  const volunteer = await mintVolunteer();
  const signupId = await signUp(volunteer.token, fx.opportunityId, fx.shiftIds[0]!);
  // The organizer signs in on the day, for the whole of it (12 h), just before check-in opens.
  t.now = at(-35);
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey,
    body: { organizer: { organizationId: fx.orgId, staffId: 'staff-7', name: '王老师' }, ttlSeconds: 43200 } });
  assert.equal(minted.status, 201, minted.text);
  assertShape(OrganizerSession, minted.body);
  const onTheDay = await mintVolunteer(volunteer.externalId);
  return {
    orgId: fx.orgId, opportunityId: fx.opportunityId, shiftId: fx.shiftIds[0]!, otherShiftId: fx.shiftIds[1]!,
    organizer: minted.body.token, volunteer: onTheDay.token, volunteerId: volunteer.volunteerId, externalId: volunteer.externalId, signupId,
  };
}

async function kioskCode(w: World, shiftId = w.shiftId) {
  const res = await call(t.app, 'GET', `/v1/shifts/${shiftId}/checkin-code`, { bearer: w.organizer });
  assert.equal(res.status, 200, res.text);
  assertShape(CheckinCode, res.body);
  return res.body as { code: string; qrPayload: string; validUntil: string; checkedIn: number };
}

function attend(w: World, action: 'check_in' | 'check_out', code: string, shiftId = w.shiftId, token = w.volunteer) {
  return call(t.app, 'POST', '/v1/me/attendance', { bearer: token, body: { shiftId, code, action } });
}

async function checkInAndOut(w: World, inAt: number, outAt: number) {
  t.now = at(inAt);
  const checkedIn = await attend(w, 'check_in', (await kioskCode(w)).code);
  assert.equal(checkedIn.status, 200, checkedIn.text);
  t.now = at(outAt);
  const out = await attend(w, 'check_out', (await kioskCode(w)).qrPayload);
  assert.equal(out.status, 200, out.text);
  assertShape(Attendance, out.body);
  return out.body as { serviceRecordId: string };
}

async function record(w: World, id: string) {
  const list = await call(t.app, 'GET', `/v1/me/service-records?shiftId=${w.shiftId}`, { bearer: w.volunteer });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.data.every((r: { shiftId: string }) => r.shiftId === w.shiftId), `only the shift's records: ${list.text}`);
  const found = list.body.data.find((r: { id: string }) => r.id === id);
  assert.ok(found, `record ${id} in ${list.text}`);
  assertShape(ServiceRecord, found);
  return found;
}

async function approvedHours(token: string): Promise<number> {
  const me = await call(t.app, 'GET', '/v1/me', { bearer: token });
  assert.equal(me.status, 200, me.text);
  return me.body.approvedHours;
}

function fieldError(res: { body: any }, path: string): string | undefined {
  return res.body?.errors?.find((e: { path: string }) => e.path === path)?.code;
}

describe('organizer sessions', () => {
  it('are minted only for an organization the channel is authorized for, and audited', async () => {
    const w = await world();
    const other = await addOpportunity(t.db);
    const refused = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: other.orgId, staffId: 's', name: '李' } } });
    assertProblem(refused, 404, 'not_found');
    const campusTry = await call(t.app, 'POST', '/v1/sessions', { bearer: campus.secretKey, body: { organizer: { organizationId: w.orgId, staffId: 's', name: '李' } } });
    assertProblem(campusTry, 404, 'not_found');
    const badBody = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: w.orgId } } });
    assertProblem(badBody, 422, 'validation_failed');
    assert.deepEqual(badBody.body.errors.map((e: { path: string }) => e.path).sort(), ['organizer.name', 'organizer.staffId']);

    const log = await call(t.app, 'GET', '/v1/audit-log', { bearer: news.secretKey });
    assert.equal(log.status, 200, log.text);
    assert.deepEqual(log.body.data.map((e: { action: string }) => e.action), ['organizer_session.created']);
    assert.deepEqual(log.body.data[0].subject, { type: 'organizer', id: 'staff-7' });
    assert.equal(log.body.data[0].organizationId, w.orgId);
    assert.ok(log.body.data[0].requestId);
    // Another channel's log does not have it; a publishable key may not read a log.
    assert.deepEqual((await call(t.app, 'GET', '/v1/audit-log', { bearer: campus.secretKey })).body.data, []);
    assertProblem(await call(t.app, 'GET', '/v1/audit-log', { key: news.publishableKey }), 403, 'secret_key_required');
  });

  it('an organizer token is refused where a volunteer one is expected, and the other way round', async () => {
    const w = await world();
    assertProblem(await call(t.app, 'GET', '/v1/me', { bearer: w.organizer }), 401, 'unauthorized');
    assertProblem(await attend(w, 'check_in', '123456', w.shiftId, w.organizer), 401, 'unauthorized');
    assertProblem(await call(t.app, 'POST', '/v1/signups', { bearer: w.organizer, body: { opportunityId: w.opportunityId, shiftId: w.shiftId, consent: CONSENT } }), 403, 'forbidden');
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/checkin-code`, { bearer: w.volunteer }), 401, 'unauthorized');
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/roster`, { bearer: news.secretKey }), 401, 'unauthorized');
    // A forged organizer token (a volunteer token's payload under the organizer prefix) is not one.
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.volunteer.replace(/^vst_/, 'ost_') }), 401, 'unauthorized');
    // It expires.
    t.now = new Date(t.now.getTime() + 12 * HOUR);
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.organizer }), 401, 'unauthorized');
  });

  it('sees only its own organization\'s shifts', async () => {
    const w = await world();
    const stranger = await addOpportunity(t.db, { shiftStarts: [SHIFT_START] });
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${stranger.shiftIds[0]}/checkin-code`, { bearer: w.organizer }), 404, 'not_found');
    assertProblem(await call(t.app, 'GET', `/v1/shifts/${stranger.shiftIds[0]}/roster`, { bearer: w.organizer }), 404, 'not_found');
  });
});

describe('checking in with the rotating code', () => {
  it('opens 30 minutes before the shift; the code of this or the previous window is accepted', async () => {
    const w = await world();
    t.now = at(-31);
    const early = await attend(w, 'check_in', (await kioskCode(w)).code);
    assertProblem(early, 422, 'validation_failed');
    assert.equal(fieldError(early, 'action'), 'too_early');
    t.now = at(-30);
    const shown = await kioskCode(w);
    assert.equal(shown.checkedIn, 0);
    t.now = new Date(Date.parse(shown.validUntil) + 29_999); // the next window: the code shown before still works
    const checkedIn = await attend(w, 'check_in', shown.code);
    assert.equal(checkedIn.status, 200, checkedIn.text);
    assert.equal(checkedIn.body.method, 'code');
    assert.equal(checkedIn.body.checkOutAt, null);
    assert.equal((await kioskCode(w)).checkedIn, 1);
    // Checking in again answers the same attendance.
    const again = await attend(w, 'check_in', (await kioskCode(w)).code);
    assert.equal(again.body.id, checkedIn.body.id);
  });

  it('refuses an older window\'s code, another shift\'s code, and a check-in without a confirmed sign-up, each saying which', async () => {
    const w = await world({ capacity: 1 });
    t.now = at(0);
    const old = await kioskCode(w);
    t.now = new Date(Date.parse(old.validUntil) + 30_000); // two windows on
    const expired = await attend(w, 'check_in', old.code);
    assertProblem(expired, 422, 'validation_failed');
    assert.equal(fieldError(expired, 'code'), 'expired_code');

    const otherShift = await attend(w, 'check_in', (await kioskCode(w, w.otherShiftId)).code);
    assert.equal(fieldError(otherShift, 'code'), 'other_shift');
    const otherQr = await attend(w, 'check_in', (await kioskCode(w, w.otherShiftId)).qrPayload);
    assert.equal(fieldError(otherQr, 'code'), 'other_shift');

    // The shift is full, so a second volunteer is waitlisted: not confirmed.
    t.now = at(-20 * 60);
    const waiting = await mintVolunteer();
    await signUp(waiting.token, w.opportunityId, w.shiftId);
    const stranger = await mintVolunteer();
    t.now = at(0);
    const code = (await kioskCode(w)).code;
    const waitlisted = await attend(w, 'check_in', code, w.shiftId, waiting.token);
    assert.equal(fieldError(waitlisted, 'shiftId'), 'no_confirmed_signup');
    assert.match(waitlisted.body.errors[0].message, /waitlist/);
    assert.equal(fieldError(await attend(w, 'check_in', code, w.shiftId, stranger.token), 'shiftId'), 'no_confirmed_signup');
    assert.equal(fieldError(await attend(w, 'check_in', '12ab56'), 'code'), 'malformed');
  });

  it('pauses a volunteer after five wrong codes in a row (429 with Retry-After), even for the right code', async () => {
    const w = await world();
    t.now = at(0);
    const right = (await kioskCode(w)).code;
    const secret = shiftSecret('unknown-secret', w.shiftId);
    let wrong = checkinCode(secret, codeWindow(t.now));
    if (wrong === right) wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      // With and without an Idempotency-Key: a refusal is counted either way.
      const refused = await call(t.app, 'POST', '/v1/me/attendance', {
        bearer: w.volunteer, body: { shiftId: w.shiftId, code: wrong, action: 'check_in' }, headers: i % 2 ? {} : { 'Idempotency-Key': `wrong-${i}` },
      });
      assert.equal(fieldError(refused, 'code'), 'wrong_code', refused.text);
    }
    const paused = await attend(w, 'check_in', right);
    assertProblem(paused, 429, 'rate_limited');
    assert.equal(paused.headers.get('retry-after'), '60');
    t.now = new Date(t.now.getTime() + 60_000);
    const resumed = await attend(w, 'check_in', (await kioskCode(w)).code);
    assert.equal(resumed.status, 200, resumed.text);
  });
});

describe('records from attendance', () => {
  it('check-out makes a pending record with its policy version, deadline and explanation; under 60 % is no hours', async () => {
    const w = await world();
    const out = await checkInAndOut(w, -5, 70); // 08:55 to 10:10: 75 min of 180
    const made = await record(w, out.serviceRecordId);
    assert.equal(made.status, 'pending');
    assert.equal(made.source, 'attendance');
    assert.equal(made.policyVersion, 1);
    assert.equal(made.hours, 0);
    assert.equal(made.dueAt, new Date(at(70).getTime() + 72 * HOUR).toISOString());
    assert.deepEqual(made.explanation.map((e: { code: string }) => e.code), ['present', 'below_minimum']);
    assert.deepEqual(made.explanation[0].params, { minutes: 75, shiftMinutes: 180, percent: 41 });
  });

  it('follows the organization\'s newest policy version, which organizers set', async () => {
    const w = await world();
    const initial = await call(t.app, 'GET', '/v1/organizer/hours-policy', { bearer: w.organizer });
    assert.deepEqual(initial.body, { organizationId: w.orgId, version: 1, skewMinutes: 15, minPresentPercent: 60, roundDownMinutes: 30, approvalSlaHours: 72, autoApprove: true, createdAt: null });
    const bad = await call(t.app, 'POST', '/v1/organizer/hours-policy', { bearer: w.organizer, body: { skewMinutes: 0, minPresentPercent: 101, roundDownMinutes: 60, approvalSlaHours: 24, autoApprove: true } });
    assert.equal(fieldError(bad, 'minPresentPercent'), 'too_big');
    const set = await call(t.app, 'POST', '/v1/organizer/hours-policy', { bearer: w.organizer, body: { skewMinutes: 0, minPresentPercent: 50, roundDownMinutes: 60, approvalSlaHours: 24, autoApprove: true } });
    assert.equal(set.status, 201, set.text);
    assert.equal(set.body.version, 2);
    const out = await checkInAndOut(w, -10, 110); // counted from 09:00: 110 min, 61 % → 1 h by the hour
    const made = await record(w, out.serviceRecordId);
    assert.equal(made.policyVersion, 2);
    assert.equal(made.hours, 1);
    assert.equal(made.dueAt, new Date(at(110).getTime() + 24 * HOUR).toISOString());
  });

  it('organizers list overdue records and approve in bulk; approved hours count on the profile and the honor board', async () => {
    const w = await world();
    const out = await checkInAndOut(w, 0, 180);
    assert.equal(await approvedHours(w.volunteer), 0);
    const notYet = await call(t.app, 'GET', '/v1/organizer/service-records?status=pending&overdue=true', { bearer: w.organizer });
    assert.deepEqual(notYet.body.data, []);
    t.now = new Date(at(180).getTime() + 73 * HOUR);
    await signInAgain(w);
    const organizer = w.organizer;
    const overdue = await call(t.app, 'GET', '/v1/organizer/service-records?overdue=true', { bearer: organizer });
    assert.deepEqual(overdue.body.data.map((r: { id: string }) => r.id), [out.serviceRecordId]);
    const unknown = await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: organizer, body: { ids: [out.serviceRecordId, 'rec_notours1'], decision: 'approved' } });
    assertProblem(unknown, 422, 'validation_failed');
    assert.equal(fieldError(unknown, 'ids.1'), 'unknown_record');
    const reviewed = await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: organizer, body: { ids: [out.serviceRecordId], decision: 'approved' } });
    assert.equal(reviewed.status, 200, reviewed.text);
    assert.equal(reviewed.body.data[0].status, 'approved');
    assert.equal(reviewed.body.data[0].reviewedBy, '王老师');
    assert.equal(await approvedHours(w.volunteer), 3);
    const board = await call(t.app, 'GET', `/v1/honor-board?scope=org:${w.orgId}`, { key: news.publishableKey });
    assert.equal(board.body.entries[0].value, 3);
    // The opposite decision now is a conflict; the same one changes nothing.
    assertProblem(await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: organizer, body: { ids: [out.serviceRecordId], decision: 'rejected' } }), 409, 'conflict');
    assert.equal((await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: organizer, body: { ids: [out.serviceRecordId], decision: 'approved' } })).status, 200);
    const stats = await call(t.app, 'GET', `/v1/stats?scope=org:${w.orgId}`, { key: news.publishableKey });
    assert.deepEqual(stats.body.approvalTimes.map((a: { organizationId: string; approvedRecords: number; medianApprovalHours: number }) => [a.organizationId, a.approvedRecords, a.medianApprovalHours]),
      [[w.orgId, 1, 73]]);
  });

  it('the roster checks in and out, marks no-shows, fixes a forgotten check-out (superseding the pending record), all audited', async () => {
    const w = await world();
    t.now = at(-20 * 60);
    const absent = await mintVolunteer();
    const absentSignup = await signUp(absent.token, w.opportunityId, w.shiftId);
    t.now = at(-5);
    const roster = await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.organizer });
    assert.equal(roster.status, 200, roster.text);
    assertShape(RosterPage, roster.body);
    assert.deepEqual(roster.body.data.map((e: { signupId: string }) => e.signupId), [w.signupId, absentSignup]);
    assert.equal(roster.body.data[0].name, '林晓雨');
    assert.match(roster.body.data[0].mobile, /^1\d\d\*{4}\d{4}$/);

    const bulk = await call(t.app, 'POST', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.organizer, body: { updates: [
      { signupId: w.signupId, action: 'check_in' }, { signupId: absentSignup, action: 'check_out' },
    ] } });
    assertProblem(bulk, 409, 'conflict');
    assert.match(bulk.body.detail, /^updates\.1:/);
    // All or nothing: the first update did not stay.
    assert.equal((await call(t.app, 'GET', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.organizer })).body.data[0].attendance, null);

    const done = await call(t.app, 'POST', `/v1/shifts/${w.shiftId}/roster`, { bearer: w.organizer, body: { updates: [
      { signupId: w.signupId, action: 'check_in' }, { signupId: absentSignup, action: 'no_show' },
    ] } });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.data.map((e: { signupStatus: string }) => e.signupStatus), ['attended', 'no_show']);
    assert.equal(done.body.data[0].attendance.method, 'roster');

    t.now = at(110); // from 08:55, counted from 08:45: 115 min, 63 % → 1.5 h
    const out = await call(t.app, 'POST', `/v1/shifts/${w.shiftId}/roster/${w.signupId}`, { bearer: w.organizer, body: { action: 'check_out' } });
    assert.equal(out.body.serviceRecord.hours, 1.5);
    const firstRecord = out.body.serviceRecord.id;
    const fixed = await call(t.app, 'POST', `/v1/shifts/${w.shiftId}/roster/${w.signupId}`, { bearer: w.organizer,
      body: { action: 'set_times', checkInAt: at(-5).toISOString(), checkOutAt: at(180).toISOString() } });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.body.serviceRecord.hours, 3);
    assert.notEqual(fixed.body.serviceRecord.id, firstRecord);
    const old = await record(w, firstRecord);
    assert.equal(old.status, 'superseded');
    assert.equal(old.hours, 1.5, 'the superseded record keeps its hours');
    assert.equal(old.correctedBy, fixed.body.serviceRecord.id);
    const missing = await call(t.app, 'POST', `/v1/shifts/${w.shiftId}/roster/${w.signupId}`, { bearer: w.organizer, body: { action: 'set_times' } });
    assert.deepEqual(missing.body.errors.map((e: { path: string }) => e.path), ['checkInAt', 'checkOutAt']);

    const log = await call(t.app, 'GET', '/v1/audit-log', { bearer: news.secretKey });
    assert.deepEqual(log.body.data.map((e: { action: string }) => e.action).slice(0, 4), ['roster.set_times', 'roster.check_out', 'roster.no_show', 'roster.check_in']);
    assert.deepEqual(log.body.data[0].actor, { kind: 'organizer', id: 'staff-7', name: '王老师' });
  });
});

async function remintOrganizer(w: World): Promise<string> {
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: w.orgId, staffId: 'staff-7', name: '王老师' } } });
  assert.equal(minted.status, 201, minted.text);
  return minted.body.token;
}

describe('automatic approval', () => {
  it('approves attendance records once their deadline passes, not before, not an opted-out organization\'s, not a disputed one', async () => {
    const w = await world();
    const out = await checkInAndOut(w, 0, 180);
    const due = new Date(at(180).getTime() + 72 * HOUR);
    assert.deepEqual(await runAutoApproval(t.db, new Date(due.getTime() - 1)), []);
    assert.deepEqual(await runAutoApproval(t.db, due), [out.serviceRecordId]);
    assert.deepEqual(await runAutoApproval(t.db, due), [], 'a second run approves nothing again');
    const approved = await record(w, out.serviceRecordId);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.reviewedBy, 'auto-approval');
    const log = await call(t.app, 'GET', '/v1/audit-log', { bearer: news.secretKey });
    assert.deepEqual(log.body.data[0].actor, { kind: 'system', id: null, name: 'auto-approval' });
    assert.equal(log.body.data[0].subject.id, out.serviceRecordId);

    const opted = await world();
    await h.insertHoursPolicy(t.db, opted.orgId, { version: 2, skew_minutes: 15, min_present_percent: 60, round_down_minutes: 30, approval_sla_hours: 72, auto_approve: false }, new Date());
    const optedOut = await checkInAndOut(opted, 0, 180);
    const disputed = await world();
    const disputedOut = await checkInAndOut(disputed, 0, 180);
    t.now = at(200);
    const dispute = await call(t.app, 'POST', `/v1/me/service-records/${disputedOut.serviceRecordId}/disputes`, { bearer: disputed.volunteer, body: { kind: 'never_there', reason: '那天我在外地' } });
    assert.equal(dispute.status, 201, dispute.text);
    assert.deepEqual(await runAutoApproval(t.db, new Date(due.getTime() + 30 * 24 * HOUR)), []);
    assert.equal((await record(opted, optedOut.serviceRecordId)).status, 'pending');
  });
});

describe('disputes', () => {
  it('within 30 days; accepting creates an approved correcting record and supersedes the old one, never editing it', async () => {
    const w = await world();
    const out = await checkInAndOut(w, 0, 100); // 100 min: 55 %, no hours
    const organizer = () => remintOrganizer(w);
    const noClaim = await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: w.volunteer, body: { kind: 'wrong_hours', reason: '忘了签退' } });
    assert.equal(fieldError(noClaim, 'claimedHours'), 'required');
    const opened = await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: w.volunteer, body: { kind: 'wrong_hours', claimedHours: 3, reason: '我 9 点到 12 点都在，忘了签退' } });
    assert.equal(opened.status, 201, opened.text);
    assertShape(Dispute, opened.body);
    assertProblem(await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: w.volunteer, body: { kind: 'never_there', reason: 'again' } }), 409, 'conflict');
    // Someone else's record does not exist for this volunteer.
    const stranger = await mintVolunteer();
    assertProblem(await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: stranger.token, body: { kind: 'never_there', reason: 'x' } }), 404, 'not_found');

    const token = await organizer();
    const listed = await call(t.app, 'GET', '/v1/organizer/disputes?status=open', { bearer: token });
    assert.deepEqual(listed.body.data.map((d: { id: string }) => d.id), [opened.body.id]);
    const accepted = await call(t.app, 'POST', `/v1/organizer/disputes/${opened.body.id}/resolve`, { bearer: token, body: { decision: 'accept', hours: 2.5, note: '签到表显示在岗到 11:30' } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.status, 'accepted');
    const correction = await record(w, accepted.body.correctionId);
    assert.deepEqual([correction.status, correction.hours, correction.source, correction.corrects], ['approved', 2.5, 'correction', out.serviceRecordId]);
    assert.deepEqual(correction.explanation, [{ code: 'dispute_corrected', params: { disputeId: opened.body.id, previousHours: 0, hours: 2.5 } }]);
    const old = await record(w, out.serviceRecordId);
    assert.deepEqual([old.status, old.hours, old.correctedBy, old.dispute], ['superseded', 0, correction.id, { id: opened.body.id, status: 'accepted' }]);
    assert.deepEqual(old.explanation.map((e: { code: string }) => e.code), ['present', 'below_minimum']);
    assert.equal(await approvedHours(w.volunteer), 2.5);
    assertProblem(await call(t.app, 'POST', `/v1/organizer/disputes/${opened.body.id}/resolve`, { bearer: token, body: { decision: 'reject', note: 'no' } }), 409, 'conflict');
  });

  it('"I was never there" on a manual, approved record: accepted, the hours stop counting', async () => {
    const w = await world();
    t.now = at(300);
    const manual = await call(t.app, 'POST', '/v1/service-records', { bearer: news.secretKey, body: {
      volunteerId: w.volunteerId, opportunityId: w.opportunityId, shiftId: w.shiftId, checkIn: at(0).toISOString(), checkOut: at(180).toISOString(), recordedBy: '后台导入',
    } });
    assert.equal(manual.status, 201, manual.text);
    assert.equal(manual.body.source, 'manual');
    assert.deepEqual(manual.body.explanation, [{ code: 'recorded_manually', params: {} }]);
    assert.equal((await call(t.app, 'POST', `/v1/service-records/${manual.body.id}/approve`, { bearer: news.secretKey, body: { reviewedBy: '李主任' } })).status, 200);
    assert.equal(await approvedHours(w.volunteer), 3);
    const opened = await call(t.app, 'POST', `/v1/me/service-records/${manual.body.id}/disputes`, { bearer: w.volunteer, body: { kind: 'never_there', reason: '我从没参加过这个活动' } });
    assert.equal(opened.status, 201, opened.text);
    const accepted = await call(t.app, 'POST', `/v1/organizer/disputes/${opened.body.id}/resolve`, { bearer: await remintOrganizer(w), body: { decision: 'accept', note: '核实为误录' } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(await approvedHours(w.volunteer), 0);
    assert.equal((await record(w, accepted.body.correctionId)).explanation[0].code, 'dispute_never_there');
  });

  it('closes 30 days after the record was made', async () => {
    const w = await world();
    const out = await checkInAndOut(w, 0, 180);
    const made = await record(w, out.serviceRecordId);
    t.now = new Date(Date.parse(made.disputableUntil));
    await signInAgain(w);
    const late = await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: w.volunteer, body: { kind: 'wrong_hours', claimedHours: 2, reason: 'x' } });
    assertProblem(late, 409, 'conflict');
    t.now = new Date(Date.parse(made.disputableUntil) - 1);
    const inTime = await call(t.app, 'POST', `/v1/me/service-records/${out.serviceRecordId}/disputes`, { bearer: w.volunteer, body: { kind: 'wrong_hours', claimedHours: 2, reason: 'x' } });
    assert.equal(inTime.status, 201, inTime.text);
  });
});
