/** The rules of service hours as plain functions: the hours policy, the check-in code, the deadlines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCEPTED_PAST_WINDOWS,
  CODE_WINDOW_MS,
  checkCode,
  checkinCode,
  codeWindow,
  parseQrPayload,
  qrPayload,
  shiftSecret,
  windowEndsAt,
} from '../src/domain/checkin-code.js';
import {
  DEFAULT_HOURS_POLICY,
  approvalDueAt,
  attendanceTimingProblem,
  disputeClosesAt,
  disputeWindowOpen,
  hoursForAttendance,
  type HoursPolicy,
} from '../src/domain/hours-policy.js';

const at = (time: string) => new Date(`2026-12-05T${time}+08:00`);
/** A 3-hour shift, 09:00–12:00. */
const shift = { start: at('09:00:00'), end: at('12:00:00') };
const hours = (checkIn: string, checkOut: string, policy: HoursPolicy = DEFAULT_HOURS_POLICY, s = shift) =>
  hoursForAttendance(policy, s, { checkIn: at(checkIn), checkOut: at(checkOut) });
const codes = (result: { explanation: Array<{ code: string }> }) => result.explanation.map((e) => e.code);

describe('hours policy (default: ±15 min, 60 %, rounded down to 0.5 h)', () => {
  it('credits the whole shift to someone there from start to end', () => {
    const result = hours('08:58:00', '12:03:00');
    assert.equal(result.hours, 3);
    assert.deepEqual(codes(result), ['present', 'full_shift']);
  });

  it('59 % of the shift is no hours; 60 % is', () => {
    // 60 % of 180 min is 108 min.
    const under = hours('09:00:00', '10:47:59');
    assert.equal(under.hours, 0);
    assert.deepEqual(codes(under), ['present', 'below_minimum']);
    assert.deepEqual(under.explanation[1]!.params, { percent: 59, minimumPercent: 60 });
    assert.deepEqual(under.explanation[0]!.params, { minutes: 107, shiftMinutes: 180, percent: 59 });
    const exactly = hours('09:00:00', '10:48:00');
    assert.equal(exactly.hours, 1.5);
    assert.deepEqual(codes(exactly), ['present', 'rounded_down']);
  });

  it('rounds down to the half hour', () => {
    assert.equal(hours('09:00:00', '11:29:59').hours, 2);
    assert.equal(hours('09:00:00', '11:30:00').hours, 2.5);
    assert.deepEqual(hours('09:00:00', '11:59:59').explanation.at(-1), { code: 'rounded_down', params: { minutes: 179, stepMinutes: 30, hours: 2.5 } });
  });

  it('clips presence to the shift ± 15 minutes, and says so', () => {
    // In at 08:00, out at 10:00: counted from 08:45, 75 min of 180 — under 60 %.
    const early = hours('08:00:00', '10:00:00');
    assert.equal(early.hours, 0);
    assert.deepEqual(codes(early), ['clipped_check_in', 'present', 'below_minimum']);
    assert.deepEqual(early.explanation[0]!.params, { checkIn: at('08:00:00').toISOString(), countedFrom: at('08:45:00').toISOString() });
    // Out at 18:00 after coming in at 10:30: counted until 12:15, 105 min — 58 %.
    const late = hours('10:30:00', '18:00:00');
    assert.deepEqual(codes(late), ['clipped_check_out', 'present', 'below_minimum']);
    assert.equal(late.explanation[1]!.params['minutes'], 105);
  });

  it('the skew window: 14 min before the start counts, time before the window does not', () => {
    // In at 08:46, out at 11:00: counted from 08:46, 134 min → 2 h.
    assert.equal(hours('08:46:00', '11:00:00').hours, 2);
    // In at 08:30, out at 10:30: counted from 08:45, 105 min → 58 %, no hours.
    assert.equal(hours('08:30:00', '10:30:00').hours, 0);
    // Late by 15 min and staying 15 min past the end: present for the shift's full length.
    assert.equal(hours('09:15:00', '12:15:00').hours, 3);
  });

  it('never credits more than the shift, and a shift that is not a whole half hour is credited in full', () => {
    const odd = { start: at('09:00:00'), end: at('11:45:00') };
    assert.equal(hours('08:45:00', '12:00:00', DEFAULT_HOURS_POLICY, odd).hours, 2.75);
    assert.equal(hours('09:00:00', '11:44:00', DEFAULT_HOURS_POLICY, odd).hours, 2.5);
  });

  it('presence entirely outside the window is zero, never negative', () => {
    const result = hours('13:00:00', '14:00:00');
    assert.equal(result.hours, 0);
    assert.equal(result.explanation.find((e) => e.code === 'present')!.params['minutes'], 0);
  });

  it('follows the organization\'s own policy', () => {
    const strict: HoursPolicy = { ...DEFAULT_HOURS_POLICY, version: 2, skewMinutes: 0, minPresentPercent: 80, roundDownMinutes: 15 };
    assert.equal(hours('09:00:00', '11:23:00', strict).hours, 0); // 143 min = 79 %
    assert.equal(hours('09:00:00', '11:24:00', strict).hours, 2.25); // 144 min = 80 %
    assert.equal(hours('08:50:00', '11:30:00', strict).hours, 2.5); // counted from 09:00
  });

  it('refuses a shift that does not end after it starts', () => {
    assert.throws(() => hoursForAttendance(DEFAULT_HOURS_POLICY, { start: shift.end, end: shift.start }, { checkIn: shift.start, checkOut: shift.end }), RangeError);
  });
});

describe('deadlines', () => {
  it('a record is due 72 h after check-out by default', () => {
    assert.equal(approvalDueAt(DEFAULT_HOURS_POLICY, at('12:00:00')).toISOString(), new Date('2026-12-08T04:00:00Z').toISOString());
    assert.equal(approvalDueAt({ ...DEFAULT_HOURS_POLICY, approvalSlaHours: 24 }, at('12:00:00')).toISOString(), new Date('2026-12-06T04:00:00Z').toISOString());
  });

  it('a record may be disputed for 30 days after it was created, not a millisecond longer', () => {
    const created = at('12:10:00');
    const closes = disputeClosesAt(created);
    assert.equal(closes.getTime() - created.getTime(), 30 * 24 * 3_600_000);
    assert.equal(disputeWindowOpen(created, new Date(closes.getTime() - 1)), true);
    assert.equal(disputeWindowOpen(created, closes), false);
  });

  it('check-in opens 30 minutes before the shift and closes at its end; check-out stays open 12 h longer', () => {
    assert.equal(attendanceTimingProblem('check_in', shift, at('08:29:59')), 'too_early');
    assert.equal(attendanceTimingProblem('check_in', shift, at('08:30:00')), null);
    assert.equal(attendanceTimingProblem('check_in', shift, at('12:00:00')), null);
    assert.equal(attendanceTimingProblem('check_in', shift, at('12:00:01')), 'check_in_closed');
    assert.equal(attendanceTimingProblem('check_out', shift, at('23:59:00')), null);
    assert.equal(attendanceTimingProblem('check_out', shift, new Date('2026-12-06T00:00:01+08:00')), 'check_out_closed');
  });
});

describe('check-in code', () => {
  const secret = shiftSecret('server-secret', 'shf_morning1');
  const otherSecret = shiftSecret('server-secret', 'shf_evening2');
  const self = { id: 'shf_morning1', secret };
  const other = { id: 'shf_evening2', secret: otherSecret };
  const now = at('09:00:10');
  const window = codeWindow(now);

  it('is 6 digits that change every 30 s, and differ per shift and per server secret', () => {
    const code = checkinCode(secret, window);
    assert.match(code, /^\d{6}$/);
    const nextWindows = Array.from({ length: 20 }, (_, i) => checkinCode(secret, window + 1 + i));
    assert.ok(nextWindows.some((c) => c !== code));
    assert.notEqual(checkinCode(otherSecret, window), code);
    assert.notEqual(checkinCode(shiftSecret('another-secret', 'shf_morning1'), window), code);
    assert.equal(codeWindow(new Date(windowEndsAt(window).getTime() - 1)), window);
    assert.equal(codeWindow(windowEndsAt(window)), window + 1);
  });

  it('is RFC 4226 truncation of the HMAC: the vector below was computed apart, with Python\'s hmac module', () => {
    assert.equal(checkinCode(shiftSecret('s', 'shf_fixed0'), 59_000_000), '888621');
  });

  it('accepts the current window and the one before, says "expired" for older ones', () => {
    assert.deepEqual(checkCode(checkinCode(secret, window), self, now), { ok: true, method: 'code', window });
    assert.deepEqual(checkCode(checkinCode(secret, window - 1), self, now), { ok: true, method: 'code', window: window - 1 });
    assert.deepEqual(checkCode(checkinCode(secret, window - ACCEPTED_PAST_WINDOWS - 1), self, now), { ok: false, reason: 'expired_code' });
    // A code from the future (a screen whose clock runs fast by a whole window) is not accepted.
    assert.equal(checkCode(checkinCode(secret, window + 2), self, now).ok, false);
  });

  it('the previous window still works 59.999 s after it began, not at 60 s', () => {
    const code = checkinCode(secret, window);
    const windowStart = window * CODE_WINDOW_MS;
    assert.equal(checkCode(code, self, new Date(windowStart + 2 * CODE_WINDOW_MS - 1)).ok, true);
    assert.deepEqual(checkCode(code, self, new Date(windowStart + 2 * CODE_WINDOW_MS)), { ok: false, reason: 'expired_code' });
  });

  it('names a code of another open shift', () => {
    assert.deepEqual(checkCode(checkinCode(otherSecret, window), self, now, [other]), { ok: false, reason: 'other_shift' });
  });

  it('calls anything else wrong, or malformed when it is not 6 digits', () => {
    const right = checkinCode(secret, window);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const result = checkCode(wrong, self, now, [other]);
    // (A wrong guess could collide with another window's code; the fixed secret makes this one stable.)
    assert.deepEqual(result, { ok: false, reason: 'wrong_code' });
    assert.deepEqual(checkCode('12a456', self, now), { ok: false, reason: 'malformed' });
    assert.deepEqual(checkCode('1234567', self, now), { ok: false, reason: 'malformed' });
  });

  it('a QR payload names its shift and window, and is checked like the digits', () => {
    const payload = qrPayload(secret, self.id, window);
    assert.deepEqual(parseQrPayload(payload)?.shiftId, self.id);
    assert.deepEqual(checkCode(payload, self, now), { ok: true, method: 'qr', window });
    assert.deepEqual(checkCode(qrPayload(secret, self.id, window - 2), self, now), { ok: false, reason: 'expired_code' });
    assert.deepEqual(checkCode(qrPayload(otherSecret, other.id, window), self, now, [other]), { ok: false, reason: 'other_shift' });
    const forged = payload.slice(0, -3) + (payload.endsWith('AAA') ? 'BBB' : 'AAA');
    assert.deepEqual(checkCode(forged, self, now), { ok: false, reason: 'wrong_code' });
  });
});
