/**
 * What `<vk-checkin>` knows without a DOM: which of the volunteer's shifts can be checked into
 * today, how a typed code is read, and which refusal of the server means what. The rule it keeps:
 * a refusal is shown in words and never clears what the volunteer typed, so the class only maps
 * a {@link Refusal} to a message and puts focus where the fix is.
 *
 * @module
 */
import { AuthenticationError, ConnectionError, Me, Opportunities, RateLimitError, ValidationError, type BaseClient, type Opportunity, type Signup } from '@volunteerkit/sdk';

/** Check-in opens this long before a shift (the server's rule, packages/server/src/domain/hours-policy.ts). */
export const CHECK_IN_OPENS_MINUTES = 30;

export type CheckinAction = 'check_in' | 'check_out';

/** One confirmed sign-up the volunteer may check into or out of today. */
export interface CheckinShift {
  signupId: string;
  shiftId: string;
  title: string;
  start: string;
  end: string;
  timezone: string;
  /** The sign-up is `attended`: checked in already, so checking out is what is left. */
  checkedIn: boolean;
}

/** Sign-up statuses that may check in (the server's `CONFIRMED`). */
const CONFIRMED = new Set<Signup['status']>(['approved', 'attended']);

const HOUR = 3_600_000;

/**
 * The shifts of `signups` that are today for the volunteer: from 12 h before to 12 h after now,
 * soonest first. A window around now rather than the calendar day: a night shift past midnight is
 * still "today" for the person standing there, and nothing depends on the reader's time zone.
 */
export function todaysShifts(signups: readonly Signup[], opportunities: ReadonlyMap<string, Opportunity>, now: Date): CheckinShift[] {
  const from = now.getTime() - 12 * HOUR;
  const to = now.getTime() + 12 * HOUR;
  const shifts: CheckinShift[] = [];
  for (const signup of signups) {
    if (!CONFIRMED.has(signup.status)) continue;
    const opportunity = opportunities.get(signup.opportunityId);
    const shift = opportunity?.shifts.find((s) => s.id === signup.shiftId);
    if (!opportunity || !shift) continue;
    if (new Date(shift.end).getTime() < from || new Date(shift.start).getTime() > to) continue;
    shifts.push({
      signupId: signup.id, shiftId: shift.id, title: opportunity.title, start: shift.start, end: shift.end,
      timezone: opportunity.timezone, checkedIn: signup.status === 'attended',
    });
  }
  return shifts.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Reads the volunteer's confirmed sign-ups (every page) and their activities, for {@link todaysShifts}. */
export async function loadTodaysShifts(client: BaseClient, session: string, now: Date, signal?: AbortSignal): Promise<CheckinShift[]> {
  const me = new Me(client.withSession(session));
  const signups: Signup[] = [];
  for await (const signup of me.signups.list({}, { signal })) if (CONFIRMED.has(signup.status)) signups.push(signup);
  const opportunities = new Map<string, Opportunity>();
  const ids = [...new Set(signups.map((s) => s.opportunityId))];
  const found = await Promise.all(ids.map((id) => new Opportunities(client).get(id, { signal })));
  for (const opportunity of found) opportunities.set(opportunity.id, opportunity);
  return todaysShifts(signups, opportunities, now);
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
  | 'signed_out' | 'offline' | 'failed';

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
