// The DOM-free rules of <vk-checkin>: which shifts are "today", how a typed code is read, and what
// each refusal of the server means. Fixed instants: no clock is read here.
import { expect } from '@open-wc/testing';
import { RateLimitError, ValidationError } from '@volunteerkit/sdk';
import type { Attendance, Opportunity, ServiceRecord, Signup } from '@volunteerkit/sdk/schemas';
import { makeOpportunity, makeShift } from '../../test/fixtures.js';
import { afterAttendance, clockTime, codeProblem, defaultShift, nextAction, normalizeCode, refusalOf, todaysShifts } from './checkin-model.js';

const NOW = new Date('2026-12-01T08:40:00+08:00');
const CREATED = '2026-11-22T10:00:00+08:00';

function signup(shiftId: string, status: Signup['status'] = 'approved'): Signup {
  return {
    id: `sgn_${shiftId.slice(4)}`, reference: 'VK-7F3K2Q', opportunityId: 'opp_elderly001', shiftId,
    volunteerId: 'vol_session001', displayName: '李*华', answers: {}, consent: { policyVersion: '2026-09', at: CREATED },
    status, waitlistPosition: null, source: { channelId: 'chn_campus001', widget: null }, createdAt: CREATED, updatedAt: CREATED,
  } as Signup;
}

const opportunity: Opportunity = makeOpportunity({
  id: 'opp_elderly001',
  shifts: [
    makeShift({ id: 'shf_today0001', start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T11:30:00+08:00' }),
    makeShift({ id: 'shf_night0001', start: '2026-11-30T20:00:00+08:00', end: '2026-11-30T20:40:00+08:00' }),
    makeShift({ id: 'shf_late00001', start: '2026-12-01T20:40:00+08:00', end: '2026-12-01T22:00:00+08:00' }),
    makeShift({ id: 'shf_early0001', start: '2026-12-01T06:00:00+08:00', end: '2026-12-01T07:00:00+08:00' }),
  ],
}, NOW);
const byId = new Map([[opportunity.id, opportunity]]);

const validation = (code: string, path = 'code') => new ValidationError({
  problem: { type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed', errors: [{ path, code, message: 'x' }] },
  requestId: 'req_test', headers: new Headers(),
} as ConstructorParameters<typeof ValidationError>[0]);

describe('checkin-model', () => {
  it('keeps confirmed sign-ups whose shift lies within 12 h of now, soonest first; attended means checked in', () => {
    const shifts = todaysShifts([
      signup('shf_today0001', 'attended'), signup('shf_night0001'), signup('shf_late00001'), signup('shf_early0001'),
    ], byId, NOW);
    // 20:40 the evening before ended exactly 12 h before now: kept; 20:40 tonight starts exactly 12 h after: kept.
    expect(shifts.map((s) => s.shiftId)).to.deep.equal(['shf_night0001', 'shf_early0001', 'shf_today0001', 'shf_late00001']);
    expect(shifts.find((s) => s.shiftId === 'shf_today0001')!.stage).to.equal('checked_in');
    expect(shifts.find((s) => s.shiftId === 'shf_late00001')!.stage).to.equal('not_checked_in');
    const oneMinuteLater = new Date(NOW.getTime() + 60_000);
    expect(todaysShifts([signup('shf_night0001')], byId, oneMinuteLater)).to.deep.equal([]);
  });

  it('chooses a shift for the volunteer: the only one, else the one checked in, else the one under way; else none', () => {
    const ids = (...list: Array<string | [string, Signup['status']]>) =>
      todaysShifts(list.map((item) => (typeof item === 'string' ? signup(item) : signup(...item))), byId, NOW);
    expect(defaultShift(ids('shf_late00001'), NOW)?.shiftId, 'the only shift, even hours away').to.equal('shf_late00001');
    expect(defaultShift(ids('shf_early0001', 'shf_today0001', 'shf_late00001'), NOW)?.shiftId, '09:00 opens for check-in at 08:30').to.equal('shf_today0001');
    expect(defaultShift(ids('shf_early0001', 'shf_today0001'), new Date('2026-12-01T08:29:00+08:00')), 'none under way yet').to.equal(undefined);
    expect(defaultShift(ids('shf_early0001', ['shf_today0001', 'attended'], 'shf_late00001'), new Date('2026-12-01T20:30:00+08:00'))?.shiftId,
      'checked in this morning, the evening shift about to start: here to check out').to.equal('shf_today0001');
  });

  it('a checked-in shift with a standing record from attendance is done, with the record\'s times; a superseded or manual record does not count', () => {
    const record = (overrides: Partial<ServiceRecord>): ServiceRecord => ({
      id: 'rec_00000001', volunteerId: 'vol_session001', opportunityId: 'opp_elderly001', opportunityTitle: 'x', shiftId: 'shf_today0001',
      checkIn: '2026-12-01T01:02:00Z', checkOut: '2026-12-01T03:31:00Z', hours: 2.5, status: 'pending', recordedBy: 'self', source: 'attendance',
      policyVersion: 1, dueAt: '2026-12-08T03:31:00Z', explanation: [], reviewedBy: null, reviewedAt: null, corrects: null, correctedBy: null,
      disputableUntil: '2026-12-31T03:31:00Z', dispute: null, createdAt: CREATED, updatedAt: CREATED, ...overrides,
    } as ServiceRecord);
    const done = todaysShifts([signup('shf_today0001', 'attended')], byId, NOW, [record({})])[0]!;
    expect(done.stage).to.equal('checked_out');
    expect([done.checkedInAt, done.checkedOutAt]).to.deep.equal(['2026-12-01T01:02:00Z', '2026-12-01T03:31:00Z']);
    expect(done.record!.id).to.equal('rec_00000001');
    expect(nextAction(done), 'nothing left to send').to.equal(null);
    for (const other of [record({ status: 'superseded' }), record({ source: 'manual' }), record({ shiftId: 'shf_late00001' })]) {
      expect(todaysShifts([signup('shf_today0001', 'attended')], byId, NOW, [other])[0]!.stage).to.equal('checked_in');
    }
    // An approved sign-up is not checked in, whatever records exist.
    expect(todaysShifts([signup('shf_today0001')], byId, NOW, [record({})])[0]!.stage).to.equal('not_checked_in');
  });

  it('moves a shift on by the attendance the server answers: in, then out and done; a repeated check-in answered with a check-out is done', () => {
    const [open] = todaysShifts([signup('shf_today0001')], byId, NOW);
    expect(nextAction(open!)).to.equal('check_in');
    const attendance = (checkOutAt: string | null) => ({
      id: 'att_00000001', signupId: 'sgn_today0001', shiftId: 'shf_today0001', volunteerId: 'vol_session001', checkInAt: '2026-12-01T01:02:00Z',
      checkOutAt, method: 'code', serviceRecordId: checkOutAt ? 'rec_00000001' : null, createdAt: CREATED, updatedAt: CREATED,
    } as Attendance);
    const checkedIn = afterAttendance(open!, attendance(null));
    expect([checkedIn.stage, checkedIn.checkedInAt, nextAction(checkedIn)]).to.deep.equal(['checked_in', '2026-12-01T01:02:00Z', 'check_out']);
    const checkedOut = afterAttendance(checkedIn, attendance('2026-12-01T03:31:00Z'));
    expect([checkedOut.stage, checkedOut.checkedOutAt, nextAction(checkedOut)]).to.deep.equal(['checked_out', '2026-12-01T03:31:00Z', null]);
    expect(afterAttendance(open!, attendance('2026-12-01T03:31:00Z')).stage).to.equal('checked_out');
  });

  it('leaves out sign-ups that are not confirmed', () => {
    for (const status of ['pending_review', 'waitlisted', 'cancelled', 'no_show', 'rejected'] as const) {
      expect(todaysShifts([signup('shf_today0001', status)], byId, NOW), status).to.deep.equal([]);
    }
  });

  it('reads pasted and full-width codes; checks the 6 digits', () => {
    expect(normalizeCode(' 123 456 ')).to.equal('123456');
    expect(normalizeCode('123-456')).to.equal('123456');
    expect(normalizeCode('１２３４５６')).to.equal('123456');
    expect(normalizeCode('９８７ ０６５')).to.equal('987065');
    expect(normalizeCode('vkci1.shf_x.123.abc')).to.equal('vkci1.shf_x.123.abc');
    expect(codeProblem('123 456')).to.equal(null);
    expect(codeProblem('   ')).to.equal('code_empty');
    expect(codeProblem('12345')).to.equal('code_format');
    expect(codeProblem('1234567')).to.equal('code_format');
    expect(codeProblem('12a456')).to.equal('code_format');
  });

  it('maps each refusal of the server to a message and the field to fix', () => {
    for (const code of ['wrong_code', 'expired_code', 'other_shift']) expect(refusalOf(validation(code))).to.deep.equal({ key: code, field: 'code' });
    expect(refusalOf(validation('malformed'))).to.deep.equal({ key: 'code_format', field: 'code' });
    expect(refusalOf(validation('too_early', 'action'))).to.deep.equal({ key: 'too_early', field: 'action' });
    expect(refusalOf(validation('no_confirmed_signup', 'shiftId'))).to.deep.equal({ key: 'no_confirmed_signup', field: 'shiftId' });
    const limited = new RateLimitError({
      problem: { type: 'about:blank', title: 'Slow down', status: 429, code: 'rate_limited' }, requestId: 'req_test', headers: new Headers({ 'retry-after': '120' }),
    } as ConstructorParameters<typeof RateLimitError>[0]);
    expect(refusalOf(limited)).to.deep.equal({ key: 'rate_limited', field: 'code', retryAfter: 120 });
    expect(refusalOf(new Error('bug'))).to.deep.equal({ key: 'failed', field: null });
  });

  it('says times in the activity\'s zone, 24-hour', () => {
    expect(clockTime('en', '2026-12-01T01:02:00Z', 'Asia/Shanghai')).to.equal('09:02');
    expect(clockTime('zh-CN', '2026-12-01T01:02:00Z', 'Asia/Shanghai')).to.equal('09:02');
  });
});
