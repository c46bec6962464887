/**
 * The hours policy (服务时长规则): how the time a volunteer was present on a shift becomes the
 * hours on a service record, and the deadlines around a record. Plain functions over whole
 * milliseconds, so the boundaries (59 % vs 60 %, 89 vs 90 minutes) are exact, not floating-point.
 *
 * Each record stores the policy's `version` and an `explanation`: machine codes with parameters
 * that a widget turns into plain words ("present 1 h 10 min of 3 h: under 60 %, so no hours").
 */

export interface HoursPolicy {
  /** Per organization, 1 for the default; a changed policy is a new version, old records keep theirs. */
  version: number;
  /** Presence is counted from `skewMinutes` before the shift's start to as long after its end. */
  skewMinutes: number;
  /** Below this share of the shift's length (whole percent), no hours at all. */
  minPresentPercent: number;
  /** Hours are rounded down to a multiple of this many minutes. */
  roundDownMinutes: number;
  /** Approval deadline: check-out + this many hours. */
  approvalSlaHours: number;
  /** Records backed by attendance are approved when the deadline passes (unless the organization opted out). */
  autoApprove: boolean;
}

export const DEFAULT_HOURS_POLICY: HoursPolicy = Object.freeze({
  version: 1,
  skewMinutes: 15,
  minPresentPercent: 60,
  roundDownMinutes: 30,
  approvalSlaHours: 72,
  autoApprove: true,
});

/** One step of a record's explanation: a stable `code` and the numbers a sentence needs. */
export interface ExplanationItem {
  code: ExplanationCode;
  params: Record<string, number | string>;
}

export type ExplanationCode =
  /** Checked in before the counted window opened: counting starts at the window's start. */
  | 'clipped_check_in'
  /** Checked out after the counted window closed: counting ends at the window's end. */
  | 'clipped_check_out'
  /** Minutes present (after clipping) out of the shift's minutes, and the share in whole percent. */
  | 'present'
  /** Present for the whole shift: credited the shift's length. */
  | 'full_shift'
  /** Present for less than the policy's minimum share: no hours. */
  | 'below_minimum'
  /** The minutes present, rounded down to the policy's step. */
  | 'rounded_down'
  /** Recorded by hand (no attendance behind it). */
  | 'recorded_manually'
  /** A correction after an accepted dispute: the hours the organizer settled on. */
  | 'dispute_corrected'
  /** A correction after an accepted "I was never there" dispute: no hours. */
  | 'dispute_never_there';

export interface HoursResult {
  hours: number;
  explanation: ExplanationItem[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Whole minutes of `ms`, rounded down (a widget shows "1 h 10 min", never a fraction). */
const minutesOf = (ms: number) => Math.floor(ms / MINUTE);

/**
 * The hours `policy` credits for presence from `checkIn` to `checkOut` on a shift from `start`
 * to `end`:
 *
 * 1. presence is clipped to the shift ± `skewMinutes`;
 * 2. present for the shift's full length (or more): the shift's length;
 * 3. present for under `minPresentPercent` of it: 0;
 * 4. otherwise the presence rounded down to `roundDownMinutes`.
 *
 * Never more than the shift's length, never negative.
 */
export function hoursForAttendance(
  policy: HoursPolicy,
  shift: { start: Date; end: Date },
  attendance: { checkIn: Date; checkOut: Date },
): HoursResult {
  const shiftMs = shift.end.getTime() - shift.start.getTime();
  if (!(shiftMs > 0)) throw new RangeError('A shift must end after it starts.');
  const skewMs = policy.skewMinutes * MINUTE;
  const windowStart = shift.start.getTime() - skewMs;
  const windowEnd = shift.end.getTime() + skewMs;
  const explanation: ExplanationItem[] = [];
  const checkIn = attendance.checkIn.getTime();
  const checkOut = attendance.checkOut.getTime();
  if (checkIn < windowStart)
    explanation.push({ code: 'clipped_check_in', params: { checkIn: attendance.checkIn.toISOString(), countedFrom: new Date(windowStart).toISOString() } });
  if (checkOut > windowEnd)
    explanation.push({ code: 'clipped_check_out', params: { checkOut: attendance.checkOut.toISOString(), countedUntil: new Date(windowEnd).toISOString() } });
  const presentMs = Math.max(0, Math.min(checkOut, windowEnd) - Math.max(checkIn, windowStart));
  // Whole percent, rounded down: 59.9 % is "59 %", under a 60 % minimum.
  const percent = Math.floor((presentMs * 100) / shiftMs);
  explanation.push({ code: 'present', params: { minutes: minutesOf(presentMs), shiftMinutes: minutesOf(shiftMs), percent } });
  const shiftHours = roundHours(shiftMs / HOUR);
  if (presentMs >= shiftMs) {
    explanation.push({ code: 'full_shift', params: { hours: shiftHours } });
    return { hours: shiftHours, explanation };
  }
  // Compared in milliseconds, not percents: exactly 60 % of the shift counts, a millisecond less does not.
  if (presentMs * 100 < policy.minPresentPercent * shiftMs) {
    explanation.push({ code: 'below_minimum', params: { percent, minimumPercent: policy.minPresentPercent } });
    return { hours: 0, explanation };
  }
  const stepMs = policy.roundDownMinutes * MINUTE;
  const hours = Math.min(shiftHours, roundHours((Math.floor(presentMs / stepMs) * stepMs) / HOUR));
  explanation.push({ code: 'rounded_down', params: { minutes: minutesOf(presentMs), stepMinutes: policy.roundDownMinutes, hours } });
  return { hours, explanation };
}

/** Hours to two decimals (a 2 h 45 min shift is 2.75 h), without float noise such as 2.7500000001. */
function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}

/** When a record must be reviewed by: its check-out plus the policy's approval deadline. */
export function approvalDueAt(policy: HoursPolicy, checkOut: Date): Date {
  return new Date(checkOut.getTime() + policy.approvalSlaHours * HOUR);
}

/** A volunteer may dispute a record for this many days after it was created. */
export const DISPUTE_WINDOW_DAYS = 30;

/** The last instant a record created at `createdAt` may be disputed (exclusive). */
export function disputeClosesAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + DISPUTE_WINDOW_DAYS * 24 * HOUR);
}

/** Whether a record created at `createdAt` may still be disputed at `now`. */
export function disputeWindowOpen(createdAt: Date, now: Date): boolean {
  return now.getTime() < disputeClosesAt(createdAt).getTime();
}

/** Check-in opens this many minutes before the shift starts. */
export const CHECK_IN_OPENS_MINUTES = 30;
/**
 * After the shift's end a volunteer may still check out (not in) for this many hours; later, a
 * forgotten check-out is fixed by an organizer in the roster.
 */
export const CHECK_OUT_CLOSES_HOURS = 12;

export type AttendanceTimingProblem = 'too_early' | 'check_in_closed' | 'check_out_closed';

/** Why a volunteer cannot check in or out of a shift at `now`, or `null` when they can. */
export function attendanceTimingProblem(action: 'check_in' | 'check_out', shift: { start: Date; end: Date }, now: Date): AttendanceTimingProblem | null {
  const t = now.getTime();
  if (t < shift.start.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE) return 'too_early';
  if (action === 'check_in' && t > shift.end.getTime()) return 'check_in_closed';
  if (action === 'check_out' && t > shift.end.getTime() + CHECK_OUT_CLOSES_HOURS * HOUR) return 'check_out_closed';
  return null;
}
