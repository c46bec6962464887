/** Which of a volunteer's sign-ups still hold or wait for a place: shared by the form and the list. @module */
import type { Signup, SignupStatus } from '@volunteerkit/sdk/schemas';

/** The statuses a volunteer may still cancel from (docs/spec/domain.md, sign-up statuses). */
export const LIVE_STATUSES: readonly SignupStatus[] = ['pending_review', 'approved', 'waitlisted'];

export function liveSignups(signups: readonly Signup[]): Signup[] {
  return signups.filter((signup) => LIVE_STATUSES.includes(signup.status));
}
