/**
 * Attendance: volunteers check in and out with the shift's rotating code; organizers run the
 * roster. Checking out makes the service record, its hours computed by the organization's hours
 * policy (domain/hours-policy.ts), with its deadline and explanation. A roster fix of a record not
 * yet reviewed supersedes it with a new one; a reviewed record is never changed here.
 */
import type { Attendance, CheckinCode, RosterEntry, RosterUpdate } from '@volunteerkit/sdk/schemas';
import { maskMobile } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import * as q from '../db/queries.js';
import type { AttendanceRow, AttendanceShiftRow, SignupRow } from '../db/rows.js';
import { iso, toAttendance } from '../db/rows.js';
import { checkCode, checkinCode, codeWindow, qrPayload, shiftSecret, windowEndsAt, type CodeCheck } from '../domain/checkin-code.js';
import { approvalDueAt, attendanceTimingProblem, CHECK_IN_OPENS_MINUTES, hoursForAttendance } from '../domain/hours-policy.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordChange } from './events.js';
import { hoursPolicyOf } from './organizers.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';
import { changeSignupStatus } from './signups.js';

/** Wrong codes in a row before a pause, and the first pause (doubling with each further one). */
export const WRONG_CODES_IN_A_ROW = 5;
export const WRONG_CODE_PAUSE_SECONDS = 60;

/** Sign-up statuses that may check in: confirmed (or already checked in). */
const CONFIRMED = new Set(['approved', 'attended']);

const CODE_MESSAGES: Record<Exclude<CodeCheck, { ok: true }>['reason'], string> = {
  wrong_code: 'is not the code shown for this shift; check the digits on the organizer\'s screen',
  expired_code: 'has expired; enter the code shown on the screen now',
  other_shift: 'is the code of another shift; check that you are at the right place and time',
  malformed: 'must be the 6 digits on the organizer\'s screen, or its QR code',
};

/** A refusal of a code that counts towards the pause after several wrong codes in a row. */
export class WrongCodeError extends DomainError {
  constructor(reason: Exclude<CodeCheck, { ok: true }>['reason']) {
    super('invalid', 'The check-in code was not accepted; see errors.', { errors: [{ path: 'code', code: reason, message: CODE_MESSAGES[reason] }] });
  }
}

/** What the kiosk shows now for the organizer's shift. */
export async function currentCheckinCode(db: Queryable, orgId: string, shiftId: string, serverSecret: string, now: Date): Promise<CheckinCode> {
  const shift = await h.attendanceShift(db, shiftId);
  if (!shift || shift.org_id !== orgId) throw notFound('Shift');
  const secret = shiftSecret(serverSecret, shift.id);
  const window = codeWindow(now);
  return {
    shiftId: shift.id as CheckinCode['shiftId'],
    code: checkinCode(secret, window),
    qrPayload: qrPayload(secret, shift.id, window),
    validUntil: iso(windowEndsAt(window)),
    checkedIn: await h.countCheckedIn(db, shift.id),
  };
}

/** Whether the volunteer is paused after wrong codes (429 with Retry-After), checked before the code. */
async function refuseWhilePaused(tx: Queryable, volunteerId: string, shiftId: string, now: Date): Promise<void> {
  const lockedUntil = await h.checkinLockedUntil(tx, volunteerId, shiftId);
  if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
    const retryAfterSeconds = Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
    throw new DomainError('rate_limited', `Too many wrong codes in a row; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** Counts a wrong code (called after the refused request's transaction, so the count survives it). */
export function countWrongCode(db: Queryable, volunteerId: string, shiftId: string, now: Date): Promise<void> {
  return h.recordCheckinFailure(db, volunteerId, shiftId, now, WRONG_CODES_IN_A_ROW, WRONG_CODE_PAUSE_SECONDS);
}

/**
 * A volunteer checks in or out with the shift's code. Refusals, each a 422 naming its field: an
 * unknown shift or no confirmed sign-up for it (`shiftId`), too early or too late (`action`), a
 * wrong, expired or other shift's code (`code`). Checking in twice, or out twice, answers the
 * attendance as it is.
 */
export async function recordOwnAttendance(
  tx: Queryable,
  volunteerId: string,
  body: { shiftId: string; code: string; action: 'check_in' | 'check_out' },
  serverSecret: string,
  now: Date,
): Promise<Attendance> {
  const shift = await h.attendanceShift(tx, body.shiftId);
  if (!shift) throw invalid([{ path: 'shiftId', code: 'unknown_shift', message: 'is not a shift on this platform' }]);
  const signup = await q.findLiveSignup(tx, shift.id, volunteerId);
  if (!signup || !CONFIRMED.has(signup.status)) {
    const why = !signup ? 'you have no sign-up for this shift'
      : signup.status === 'no_show' ? 'the organizer marked you as not present; ask them to check you in'
      : `your sign-up is ${signup.status === 'waitlisted' ? 'on the waitlist' : 'waiting for the organizer\'s approval'}, not confirmed`;
    throw invalid([{ path: 'shiftId', code: 'no_confirmed_signup', message: why }], 'Only a confirmed sign-up can check in.');
  }
  const start = new Date(shift.starts_at);
  const end = new Date(shift.ends_at);
  const timing = attendanceTimingProblem(body.action, { start, end }, now);
  if (timing) {
    const message = timing === 'too_early'
      ? `check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the shift, at ${iso(new Date(start.getTime() - CHECK_IN_OPENS_MINUTES * 60_000))}`
      : timing === 'check_in_closed' ? 'the shift has ended; ask the organizer to record your attendance'
      : 'check-out has closed for this shift; ask the organizer to fix your check-out time';
    throw invalid([{ path: 'action', code: timing, message }]);
  }
  await refuseWhilePaused(tx, volunteerId, shift.id, now);
  const others = await h.otherOpenShifts(tx, shift.org_id, shift.id, now);
  const verdict = checkCode(body.code.trim(), { id: shift.id, secret: shiftSecret(serverSecret, shift.id) }, now,
    others.map((id) => ({ id, secret: shiftSecret(serverSecret, id) })));
  if (!verdict.ok) throw new WrongCodeError(verdict.reason);
  await h.clearCheckinFailures(tx, volunteerId, shift.id);

  const existing = await h.attendanceOfSignup(tx, signup.id);
  if (body.action === 'check_in') {
    if (existing) return toAttendance(existing);
    return toAttendance(await checkIn(tx, signup, shift, now, verdict.method, 'self', now));
  }
  if (!existing) throw invalid([{ path: 'action', code: 'not_checked_in', message: 'check in first: there is no check-in to check out from' }]);
  if (existing.check_out_at) return toAttendance(existing);
  if (now.getTime() <= new Date(existing.check_in_at).getTime())
    throw invalid([{ path: 'action', code: 'too_soon', message: 'check-out must come after check-in' }]);
  await h.checkOut(tx, existing.id, now, verdict.method, now);
  await recordChange(tx, signup.channel_id, 'attendance.checked_out', existing.id, now);
  await recordFromAttendance(tx, signup, shift, new Date(existing.check_in_at), now, 'self', now);
  return toAttendance((await h.attendanceOfSignup(tx, signup.id))!);
}

async function checkIn(
  tx: Queryable, signup: SignupRow, shift: AttendanceShiftRow, at: Date, method: 'code' | 'qr' | 'roster', recordedBy: string, now: Date,
): Promise<AttendanceRow> {
  const id = newId('att');
  await h.insertAttendance(tx, { id, signupId: signup.id, shiftId: shift.id, volunteerId: signup.volunteer_id, checkInAt: at, method, recordedBy, at: now });
  await recordChange(tx, signup.channel_id, 'attendance.checked_in', id, now);
  if (signup.status !== 'attended') await changeSignupStatus(tx, signup.id, 'attended', null, () => true, now);
  return (await h.attendanceOfSignup(tx, signup.id))!;
}

/**
 * The pending service record of an attendance, its hours by the organization's current policy.
 * A standing record not yet reviewed is superseded by the new one; a reviewed one stands (409).
 */
async function recordFromAttendance(
  tx: Queryable, signup: SignupRow, shift: AttendanceShiftRow, checkInAt: Date, checkOutAt: Date, recordedBy: string, now: Date,
): Promise<string> {
  const standing = (await h.standingRecordsOfSignups(tx, [signup.id]))[0];
  if (standing && standing.status !== 'pending')
    throw new DomainError('conflict', `The service record of this attendance was already ${standing.status}; the volunteer may dispute it instead.`);
  const policy = await hoursPolicyOf(tx, shift.org_id);
  const { hours, explanation } = hoursForAttendance(policy, { start: new Date(shift.starts_at), end: new Date(shift.ends_at) }, { checkIn: checkInAt, checkOut: checkOutAt });
  const id = newId('rec');
  if (standing) {
    await h.supersedeRecord(tx, standing.id, now);
    await recordChange(tx, signup.channel_id, 'service_record.superseded', standing.id, now);
  }
  await h.insertRecord(tx, {
    id, volunteerId: signup.volunteer_id, opportunityId: shift.opportunity_id, shiftId: shift.id, signupId: signup.id,
    checkIn: checkInAt, checkOut: checkOutAt, hours, status: 'pending', recordedBy, source: 'attendance', policyVersion: policy.version,
    dueAt: approvalDueAt(policy, checkOutAt), explanation, correctsId: standing?.id ?? null, reviewedBy: null, at: now,
  });
  await recordChange(tx, signup.channel_id, 'service_record.created', id, now);
  return id;
}

/** The sign-ups holding a spot on the organizer's shift, with attendance and record, in sign-up order. */
export async function roster(db: Queryable, orgId: string, shiftId: string, query: PageQuery): Promise<Page<RosterEntry>> {
  const shift = await h.attendanceShift(db, shiftId);
  if (!shift || shift.org_id !== orgId) throw notFound('Shift');
  return keysetPage(query, 'seq',
    (after, limit) => h.rosterOfShift(db, shift.id, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.signup_id }),
    (rows) => rosterEntries(db, rows));
}

async function rosterEntries(db: Queryable, rows: h.RosterRow[]): Promise<RosterEntry[]> {
  const ids = rows.map((r) => r.signup_id);
  const attendance = new Map((await h.attendanceOfSignups(db, ids)).map((a) => [a.signup_id, a]));
  const records = new Map((await h.standingRecordsOfSignups(db, ids)).map((r) => [r.signup_id, r]));
  return rows.map((row) => {
    const a = attendance.get(row.signup_id);
    const r = records.get(row.signup_id);
    return {
      signupId: row.signup_id as RosterEntry['signupId'],
      reference: row.reference,
      volunteerId: row.volunteer_id as RosterEntry['volunteerId'],
      name: row.name,
      mobile: row.mobile ? maskMobile(row.mobile) : null,
      signupStatus: row.status as RosterEntry['signupStatus'],
      attendance: a ? toAttendance(a) : null,
      serviceRecord: r ? { id: r.id as NonNullable<RosterEntry['serviceRecord']>['id'], status: r.status, hours: r.hours } : null,
    };
  });
}

/** Several roster changes in one transaction; a refusal names the update by its index. */
export async function updateRoster(
  tx: Queryable, ctx: ActionContext, orgId: string, shiftId: string, updates: ReadonlyArray<RosterUpdate & { signupId: string }>,
): Promise<RosterEntry[]> {
  const shift = await h.attendanceShift(tx, shiftId);
  if (!shift || shift.org_id !== orgId) throw notFound('Shift');
  const entries: RosterEntry[] = [];
  for (const [index, update] of updates.entries()) {
    try {
      entries.push(await updateRosterEntry(tx, ctx, orgId, shiftId, update.signupId, update));
    } catch (error) {
      if (error instanceof DomainError && updates.length > 1) {
        const errors = error.details.errors?.map((e) => ({ ...e, path: `updates.${index}.${e.path}` }))
          ?? (error.kind === 'not_found' ? [{ path: `updates.${index}.signupId`, code: 'unknown_signup', message: 'is not a sign-up on this shift' }] : undefined);
        throw new DomainError(errors && error.kind === 'not_found' ? 'invalid' : error.kind, `updates.${index}: ${error.message}`, { ...error.details, ...(errors ? { errors } : {}) });
      }
      throw error;
    }
  }
  return entries;
}

/** One roster change by an organizer; audited. */
export async function updateRosterEntry(
  tx: Queryable, ctx: ActionContext, orgId: string, shiftId: string, signupId: string, update: RosterUpdate,
): Promise<RosterEntry> {
  const shift = await h.attendanceShift(tx, shiftId);
  if (!shift || shift.org_id !== orgId) throw notFound('Shift');
  const signup = await q.getSignup(tx, signupId);
  if (!signup || signup.shift_id !== shift.id || !['pending_review', 'approved', 'attended', 'no_show'].includes(signup.status)) throw notFound('Sign-up');
  const staff = ctx.actor.name ?? 'organizer';
  const existing = await h.attendanceOfSignup(tx, signup.id);
  const at = update.at ? new Date(update.at) : ctx.now;
  switch (update.action) {
    case 'check_in':
      if (signup.status === 'pending_review') throw new DomainError('conflict', 'This sign-up is not approved yet; approve it before checking the volunteer in.');
      if (!existing) await checkIn(tx, signup, shift, at, 'roster', staff, ctx.now);
      break;
    case 'check_out': {
      if (!existing) throw new DomainError('conflict', 'This volunteer has not checked in; check them in first, or set both times.');
      if (existing.check_out_at) throw new DomainError('conflict', 'This volunteer has already checked out; use set_times to change the times.');
      if (at.getTime() <= new Date(existing.check_in_at).getTime()) throw invalid([{ path: 'at', code: 'too_small', message: 'must be after the check-in' }]);
      await h.checkOut(tx, existing.id, at, 'roster', ctx.now);
      await recordChange(tx, signup.channel_id, 'attendance.checked_out', existing.id, ctx.now);
      await recordFromAttendance(tx, signup, shift, new Date(existing.check_in_at), at, staff, ctx.now);
      break;
    }
    case 'no_show':
      if (existing) throw new DomainError('conflict', 'This volunteer checked in; a no-show would contradict the attendance.');
      await changeSignupStatus(tx, signup.id, 'no_show', null, () => true, ctx.now);
      break;
    case 'set_times': {
      const errors = [];
      if (!update.checkInAt) errors.push({ path: 'checkInAt', code: 'required', message: 'is required to set times' });
      if (!update.checkOutAt) errors.push({ path: 'checkOutAt', code: 'required', message: 'is required to set times' });
      if (errors.length) throw invalid(errors);
      const checkInAt = new Date(update.checkInAt!);
      const checkOutAt = new Date(update.checkOutAt!);
      const span = checkOutAt.getTime() - checkInAt.getTime();
      if (span <= 0) throw invalid([{ path: 'checkOutAt', code: 'too_small', message: 'must be after checkInAt' }]);
      if (span > 24 * 3_600_000) throw invalid([{ path: 'checkOutAt', code: 'too_big', message: 'must be within 24 hours of checkInAt' }]);
      if (signup.status === 'pending_review') throw new DomainError('conflict', 'This sign-up is not approved yet; approve it before recording attendance.');
      const attendance = existing ?? await checkIn(tx, signup, shift, checkInAt, 'roster', staff, ctx.now);
      await h.setAttendanceTimes(tx, attendance.id, checkInAt, checkOutAt, staff, ctx.now);
      await recordChange(tx, signup.channel_id, 'attendance.corrected', attendance.id, ctx.now);
      if (signup.status === 'no_show') await changeSignupStatus(tx, signup.id, 'attended', null, () => true, ctx.now);
      await recordFromAttendance(tx, signup, shift, checkInAt, checkOutAt, staff, ctx.now);
      break;
    }
  }
  await audit(tx, ctx, `roster.${update.action}`, { type: 'signup', id: signup.id }, update.action === 'set_times'
    ? { checkInAt: update.checkInAt, checkOutAt: update.checkOutAt } : update.at ? { at: update.at } : {});
  const [row] = await h.rosterOfShift(tx, shift.id, signup.seq - 1, 1);
  return (await rosterEntries(tx, [row!]))[0]!;
}
