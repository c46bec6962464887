/**
 * What `<vk-checkin>` knows without a DOM: which of the volunteer's shifts can be checked into
 * today, how a typed code is read, and which refusal of the server means what. The rule it keeps:
 * a refusal is shown in words and never clears what the volunteer typed, so the class only maps
 * a {@link Refusal} to a message and puts focus where the fix is.
 *
 * @module
 */
import { AuthenticationError, ConnectionError, Me, Opportunities, RateLimitError, ValidationError, type Attendance, type BaseClient, type Opportunity, type ServiceRecord, type Signup } from '@volunteerkit/sdk';

/** Check-in opens this long before a shift (the server's rule, packages/server/src/domain/hours-policy.ts). */
export const CHECK_IN_OPENS_MINUTES = 30;

export type CheckinAction = 'check_in' | 'check_out';

/**
 * Where the volunteer's duty on a shift stands: nothing recorded yet (check in next), checked in
 * (check out next), or checked out (done: nothing more to send; the record waits for approval).
 */
export type DutyStage = 'not_checked_in' | 'checked_in' | 'checked_out';

/** One confirmed sign-up the volunteer may check into or out of today. */
export interface CheckinShift {
  signupId: string;
  shiftId: string;
  title: string;
  start: string;
  end: string;
  timezone: string;
  stage: DutyStage;
  /** When known (this page recorded it, or the service record says). */
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** The service record made at check-out, once read: hours, status, deadline, explanation. */
  record: ServiceRecord | null;
}

/** What the volunteer can send next for a shift, or `null` when the duty is done. */
export function nextAction(shift: Pick<CheckinShift, 'stage'>): CheckinAction | null {
  return shift.stage === 'not_checked_in' ? 'check_in' : shift.stage === 'checked_in' ? 'check_out' : null;
}

/**
 * The shift after the server recorded `action`: a check-in moves it to `checked_in`, a check-out
 * to `checked_out` with both times. The server answers a repeated check-in or check-out with the
 * attendance as it is, so the attendance, not the action, decides: a "check-in" answered with a
 * check-out time means the duty was already done.
 */
export function afterAttendance(shift: CheckinShift, attendance: Attendance): CheckinShift {
  if (attendance.checkOutAt) return { ...shift, stage: 'checked_out', checkedInAt: attendance.checkInAt, checkedOutAt: attendance.checkOutAt };
  return { ...shift, stage: 'checked_in', checkedInAt: attendance.checkInAt, checkedOutAt: null };
}

/** The record that stands for a shift's attendance: made from check-in and out (or correcting it), not replaced. */
function standingRecordOf(records: readonly ServiceRecord[], shiftId: string): ServiceRecord | null {
  return records.find((r) => r.shiftId === shiftId && (r.source === 'attendance' || r.source === 'correction') && r.status !== 'superseded') ?? null;
}

/** Sign-up statuses that may check in (the server's `CONFIRMED`). */
const CONFIRMED = new Set<Signup['status']>(['approved', 'attended']);

const HOUR = 3_600_000;

/**
 * The shifts of `signups` that are today for the volunteer: from 12 h before to 12 h after now,
 * soonest first. A window around now rather than the calendar day: a night shift past midnight is
 * still "today" for the person standing there, and nothing depends on the reader's time zone.
 */
export function todaysShifts(
  signups: readonly Signup[], opportunities: ReadonlyMap<string, Opportunity>, now: Date, records: readonly ServiceRecord[] = [],
): CheckinShift[] {
  const from = now.getTime() - 12 * HOUR;
  const to = now.getTime() + 12 * HOUR;
  const shifts: CheckinShift[] = [];
  for (const signup of signups) {
    if (!CONFIRMED.has(signup.status)) continue;
    const opportunity = opportunities.get(signup.opportunityId);
    const shift = opportunity?.shifts.find((s) => s.id === signup.shiftId);
    if (!opportunity || !shift) continue;
    if (new Date(shift.end).getTime() < from || new Date(shift.start).getTime() > to) continue;
    // `attended` is the sign-up from check-in on; a service record for the shift means checked out too.
    const record = signup.status === 'attended' ? standingRecordOf(records, shift.id) : null;
    shifts.push({
      signupId: signup.id, shiftId: shift.id, title: opportunity.title, start: shift.start, end: shift.end, timezone: opportunity.timezone,
      stage: record ? 'checked_out' : signup.status === 'attended' ? 'checked_in' : 'not_checked_in',
      checkedInAt: record?.checkIn ?? null, checkedOutAt: record?.checkOut ?? null, record,
    });
  }
  return shifts.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * The shift chosen for the volunteer before they choose: the only one; else the only one checked
 * in (they are here to check out); else the only one under way at `now` (from when check-in
 * opens). With several candidates nothing is chosen: the volunteer picks.
 */
export function defaultShift(shifts: readonly CheckinShift[], now: Date): CheckinShift | undefined {
  const onlyOne = (candidates: readonly CheckinShift[]) => (candidates.length === 1 ? candidates[0] : undefined);
  const underWay = (shift: CheckinShift) => checkInOpensAt(shift.start).getTime() <= now.getTime() && now.getTime() < Date.parse(shift.end);
  return onlyOne(shifts)
    ?? onlyOne(shifts.filter((s) => s.stage === 'checked_in'))
    ?? onlyOne(shifts.filter((s) => s.stage === 'not_checked_in' && underWay(s)));
}

/**
 * Reads the volunteer's confirmed sign-ups (every page) and their activities, for {@link todaysShifts};
 * the service records of each shift of today that is checked in too (only they tell whether it
 * is also checked out).
 */
export async function loadTodaysShifts(client: BaseClient, session: string, now: Date, signal?: AbortSignal): Promise<CheckinShift[]> {
  const me = new Me(client.withSession(session));
  const signups: Signup[] = [];
  for await (const signup of me.signups.list({}, { signal })) if (CONFIRMED.has(signup.status)) signups.push(signup);
  const opportunities = new Map<string, Opportunity>();
  const ids = [...new Set(signups.map((s) => s.opportunityId))];
  const found = await Promise.all(ids.map((id) => new Opportunities(client).get(id, { signal })));
  for (const opportunity of found) opportunities.set(opportunity.id, opportunity);
  const today = todaysShifts(signups, opportunities, now);
  const checkedIn = today.filter((s) => s.stage === 'checked_in');
  if (checkedIn.length === 0) return today;
  const records = (await Promise.all(checkedIn.map((s) => shiftRecords(me, s.shiftId, signal)))).flat();
  return todaysShifts(signups, opportunities, now, records);
}

/** The volunteer's records of one shift (its check-out's, and any correction): one page as a rule. */
async function shiftRecords(me: Me, shiftId: string, signal?: AbortSignal): Promise<ServiceRecord[]> {
  const records: ServiceRecord[] = [];
  for await (const record of me.serviceRecords.list({ shiftId }, { signal })) records.push(record);
  return records;
}

/** The service record a check-out of `shiftId` made (`attendance.serviceRecordId`), read back for its hours and explanation. */
export async function loadRecord(client: BaseClient, session: string, shiftId: string, id: string, signal?: AbortSignal): Promise<ServiceRecord | null> {
  return (await shiftRecords(new Me(client.withSession(session)), shiftId, signal)).find((record) => record.id === id) ?? null;
}

/**
 * The code as the server wants it: the 6 digits without the spaces or dashes people paste
 * ("123 456", "123-456") and with full-width digits (a Chinese IME's "１２３４５６") made ASCII; a
 * scanned QR text (`vkci1.…`) is passed through.
 */
export function normalizeCode(raw: string): string {
  const trimmed = raw.trim();
  if (/^vkci1\./.test(trimmed)) return trimmed;
  return trimmed.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[\s\-–]/g, '');
}

/**
 * The shift a scanned QR text names: the kiosk's payload is `vkci1.<shiftId>.<window>.<tag>`
 * (packages/server/src/domain/checkin-code.ts), so a scan needs no shift chosen by hand.
 */
export function qrShiftId(text: string): string | null {
  return /^vkci1\.(shf_[A-Za-z0-9]+)\./.exec(text.trim())?.[1] ?? null;
}

/** Why scanning could not start or go on: denied, no camera, another failure, or a QR code that is not a check-in code. */
export type ScanProblem = 'camera_denied' | 'no_camera' | 'camera_failed' | 'foreign_code';

/**
 * `getUserMedia`'s failures, by their DOMException name (the browser's, not the SDK's errors, which
 * widgets tell apart with `X.is()`).
 */
const CAMERA_FAILURES: Readonly<Record<string, ScanProblem>> = {
  NotAllowedError: 'camera_denied',
  SecurityError: 'camera_denied',
  NotFoundError: 'no_camera',
  OverconstrainedError: 'no_camera',
  NotReadableError: 'no_camera',
};

/** What a failed `getUserMedia` (or a scan chunk that did not load) means for the volunteer. */
export function scanProblemOf(error: unknown): ScanProblem {
  const name = (error as { name?: unknown } | null)?.name;
  return (typeof name === 'string' && Object.hasOwn(CAMERA_FAILURES, name) ? CAMERA_FAILURES[name] : undefined) ?? 'camera_failed';
}

/** Why a typed code cannot be sent yet, or `null` when it can. */
export function codeProblem(raw: string): 'code_empty' | 'code_format' | null {
  const code = normalizeCode(raw);
  if (code === '') return 'code_empty';
  return /^\d{6}$/.test(code) || /^vkci1\./.test(code) ? null : 'code_format';
}

/** Where the fix for a refusal is: the code input, the shift choice, or the action choice. */
export type RefusalField = 'code' | 'shiftId' | 'action' | null;

/** A refusal in the widget's terms: a message key of checkin.messages.ts and where to fix it. */
export interface Refusal {
  key: RefusalKey;
  field: RefusalField;
  /** For `rate_limited`: seconds to wait, when the server said. */
  retryAfter?: number | null;
}

export type RefusalKey =
  | 'choose_shift' | 'code_empty' | 'code_format' | 'wrong_code' | 'expired_code' | 'other_shift' | 'too_early' | 'check_in_closed'
  | 'check_out_closed' | 'not_checked_in' | 'too_soon' | 'no_confirmed_signup' | 'unknown_shift' | 'rate_limited'
  | 'signed_out' | 'renewing' | 'offline' | 'failed' | ScanProblem;

const FIELD_CODES: Record<string, { key: RefusalKey; field: RefusalField }> = {
  wrong_code: { key: 'wrong_code', field: 'code' },
  expired_code: { key: 'expired_code', field: 'code' },
  other_shift: { key: 'other_shift', field: 'code' },
  malformed: { key: 'code_format', field: 'code' },
  too_early: { key: 'too_early', field: 'action' },
  check_in_closed: { key: 'check_in_closed', field: 'action' },
  check_out_closed: { key: 'check_out_closed', field: 'action' },
  not_checked_in: { key: 'not_checked_in', field: 'action' },
  too_soon: { key: 'too_soon', field: 'action' },
  no_confirmed_signup: { key: 'no_confirmed_signup', field: 'shiftId' },
  unknown_shift: { key: 'unknown_shift', field: 'shiftId' },
};

/** What a failed `POST /v1/me/attendance` means for the volunteer (SDK errors told apart by `X.is()`). */
export function refusalOf(error: unknown): Refusal {
  if (ValidationError.is(error)) {
    for (const fieldError of error.errors) {
      const known = FIELD_CODES[fieldError.code];
      if (known) return known;
    }
    // A 422 naming the code with a reason this widget does not know yet: still about the code.
    if (error.errors.some((e) => e.path === 'code')) return { key: 'wrong_code', field: 'code' };
    return { key: 'failed', field: null };
  }
  if (RateLimitError.is(error)) return { key: 'rate_limited', field: 'code', retryAfter: error.retryAfter };
  if (AuthenticationError.is(error)) return { key: 'signed_out', field: null };
  if (ConnectionError.is(error)) return { key: 'offline', field: null };
  return { key: 'failed', field: null };
}

/** A wall-clock time in the activity's zone, 24-hour, as on the organizer's screen: "09:02". */
export function clockTime(locale: string, instant: string | Date, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Asia/Shanghai' }).format(date);
  }
}

/** When check-in opens for a shift starting at `start`. */
export function checkInOpensAt(start: string): Date {
  return new Date(Date.parse(start) - CHECK_IN_OPENS_MINUTES * 60_000);
}
