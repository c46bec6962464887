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
