/**
 * What a roster row is and what can be done with it, as plain functions (no DOM), so that the
 * buttons a row offers and what a bulk action sends are decided in one place.
 *
 * @module
 */
import type { RosterEntry, RosterUpdate } from '@volunteerkit/sdk';

export type RosterState = 'expected' | 'checked_in' | 'checked_out' | 'no_show';
export type RosterAction = Exclude<RosterUpdate['action'], 'set_times'>;

export function rosterState(entry: RosterEntry): RosterState {
  if (entry.signupStatus === 'no_show') return 'no_show';
  if (entry.attendance?.checkOutAt) return 'checked_out';
  if (entry.attendance) return 'checked_in';
  return 'expected';
}

/** The roster changes that make sense for a row now (a no-show can still be checked in: a mistake). */
export function actionsFor(entry: RosterEntry): RosterAction[] {
  switch (rosterState(entry)) {
    case 'expected':
      return ['check_in', 'no_show'];
    case 'checked_in':
      return ['check_out'];
    case 'no_show':
      return ['check_in'];
    default:
      return [];
  }
}

/** Whether the row has a service record waiting for approval. */
export function awaitsApproval(entry: RosterEntry): boolean {
  return entry.serviceRecord?.status === 'pending';
}

/** The selected rows a bulk action applies to (the others are left alone, and counted as such). */
export function applicable(entries: readonly RosterEntry[], action: RosterAction | 'approve'): RosterEntry[] {
  return entries.filter((entry) => (action === 'approve' ? awaitsApproval(entry) : actionsFor(entry).includes(action)));
}

// ---------------------------------------------------------------------------------------------
// Fixing times (a forgotten check-out, a check-in made late): `set_times`

export type TimesField = 'checkInAt' | 'checkOutAt';
export type TimesProblem = 'required' | 'invalid' | 'order' | 'too_long';

/** Whether the row's times may be set: not once its hours were approved or rejected (the volunteer disputes those). */
export function canSetTimes(entry: RosterEntry): boolean {
  const status = entry.serviceRecord?.status;
  return status !== 'approved' && status !== 'rejected';
}

/** The wall-clock parts of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return { y: parts['year']!, mo: parts['month']!, d: parts['day']!, h: parts['hour']!, mi: parts['minute']! };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `instant` as a `datetime-local` value (`2026-12-05T08:55`) on the wall clock of `timeZone`. */
export function toLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const w = wallClock(Date.parse(iso), timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/**
 * A `datetime-local` value read on the wall clock of `timeZone`, as an ISO instant; `null` when
 * it is not a date and time. The zone's offset is taken at that moment (twice, for a change of
 * offset in between), so summer time is right wherever the activity is.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wanted) || new Date(wanted).getUTCDate() !== d) return null;
  const offsetAt = (instant: number) => {
    const w = wallClock(instant, timeZone);
    return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - instant;
  };
  let instant = wanted - offsetAt(wanted);
  instant = wanted - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** What is wrong with the typed times before anything is sent, by field. */
export function timesProblems(checkIn: string, checkOut: string, timeZone: string): Partial<Record<TimesField, TimesProblem>> {
  const problems: Partial<Record<TimesField, TimesProblem>> = {};
  const inIso = fromLocalInput(checkIn, timeZone);
  const outIso = fromLocalInput(checkOut, timeZone);
  if (!checkIn.trim()) problems.checkInAt = 'required';
  else if (!inIso) problems.checkInAt = 'invalid';
  if (!checkOut.trim()) problems.checkOutAt = 'required';
  else if (!outIso) problems.checkOutAt = 'invalid';
  if (inIso && outIso) {
    const span = Date.parse(outIso) - Date.parse(inIso);
    if (span <= 0) problems.checkOutAt = 'order';
    else if (span > 24 * 3_600_000) problems.checkOutAt = 'too_long';
  }
  return problems;
}

/**
 * The server's refusal of `set_times` by field, from its problem details (`errors[].path` is
 * `checkInAt` or `checkOutAt`); `null` when it names neither (the row says why in general words).
 */
export function timesRefusal(error: unknown): Partial<Record<TimesField, TimesProblem>> | null {
  const problem = error as { status?: number; errors?: Array<{ path: string; code: string }> } | null;
  if (problem?.status !== 422 || !Array.isArray(problem.errors)) return null;
  const fields: Partial<Record<TimesField, TimesProblem>> = {};
  for (const { path, code } of problem.errors) {
    if (path !== 'checkInAt' && path !== 'checkOutAt') continue;
    fields[path] = code === 'required' ? 'required' : code === 'too_small' ? 'order' : code === 'too_big' ? 'too_long' : 'invalid';
  }
  return Object.keys(fields).length ? fields : null;
}
