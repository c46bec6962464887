/**
 * The rules of signing up, as plain functions: who gets a spot, who waits, what a status change
 * does to a shift's counters, and what a sign-up must carry. The database code only applies the
 * decisions taken here (while it holds the shift's row lock).
 */
import { ageOn, type FieldError, type IdentityField } from '@volunteerkit/sdk/schemas';

export type SignupStatus = 'pending_review' | 'approved' | 'waitlisted' | 'rejected' | 'cancelled' | 'attended' | 'no_show';
export type Approval = 'auto' | 'manual';

/** Statuses that occupy one of the shift's `capacity` spots. `pending_review` holds its spot while it waits. */
export const SPOT_HOLDING: ReadonlySet<SignupStatus> = new Set(['pending_review', 'approved', 'attended', 'no_show']);
/** Statuses that make a sign-up "live": a second sign-up for the same shift is a duplicate. */
export const LIVE: ReadonlySet<SignupStatus> = new Set(['pending_review', 'approved', 'waitlisted', 'attended', 'no_show']);

/** The status of a new sign-up: a spot if one is left (reviewed first when approval is manual), else the waitlist. */
export function initialStatus(shift: { capacity: number; signedUp: number }, approval: Approval): SignupStatus {
  if (shift.signedUp >= shift.capacity) return 'waitlisted';
  return approval === 'manual' ? 'pending_review' : 'approved';
}

/** The status of the first waitlisted person when a spot frees up. */
export function promotedStatus(approval: Approval): SignupStatus {
  return approval === 'manual' ? 'pending_review' : 'approved';
}

const ALLOWED_TRANSITIONS: Record<SignupStatus, readonly SignupStatus[]> = {
  pending_review: ['approved', 'rejected', 'cancelled'],
  approved: ['cancelled', 'rejected', 'attended', 'no_show'],
  waitlisted: ['approved', 'rejected', 'cancelled'],
  attended: ['no_show'],
  no_show: ['attended'],
  rejected: [],
  cancelled: [],
};

export type TransitionPlan =
  | { ok: true; signedUpDelta: number; waitlistedDelta: number; promoteNext: boolean }
  | { ok: false; reason: 'not_allowed' | 'shift_full' };

/**
 * What changing a sign-up from `from` to `to` does to its shift. Taking a spot from the waitlist
 * is refused when the shift is full (capacity is never exceeded, not even by a partner); freeing
 * a spot promotes the first waitlisted person.
 */
export function planTransition(from: SignupStatus, to: SignupStatus, shift: { capacity: number; signedUp: number }): TransitionPlan {
  if (!ALLOWED_TRANSITIONS[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  const held = SPOT_HOLDING.has(from);
  const holds = SPOT_HOLDING.has(to);
  if (!held && holds && shift.signedUp >= shift.capacity) return { ok: false, reason: 'shift_full' };
  const signedUpDelta = (holds ? 1 : 0) - (held ? 1 : 0);
  const waitlistedDelta = (to === 'waitlisted' ? 1 : 0) - (from === 'waitlisted' ? 1 : 0);
  return { ok: true, signedUpDelta, waitlistedDelta, promoteNext: signedUpDelta < 0 };
}

export type WindowProblem = 'not_recruiting' | 'not_open_yet' | 'closed' | 'shift_started';

/** Why a sign-up cannot be taken now, or `null` when it can. */
export function signupWindowProblem(
  opportunity: { status: string; signupOpensAt: Date | null; signupClosesAt: Date | null },
  shift: { startsAt: Date },
  now: Date,
): WindowProblem | null {
  if (opportunity.status !== 'recruiting' && opportunity.status !== 'full') return 'not_recruiting';
  if (opportunity.signupOpensAt && now < opportunity.signupOpensAt) return 'not_open_yet';
  if (opportunity.signupClosesAt && now > opportunity.signupClosesAt) return 'closed';
  if (now >= shift.startsAt) return 'shift_started';
  return null;
}

/** The birth date (`YYYY-MM-DD`) written in positions 7–14 of a resident ID number. */
export function birthDateFromResidentId(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Checks the opportunity's age limits against a birth date, on the day of the shift. Returns a
 * field error, or `null` when the person may take part (or the opportunity has no limits).
 */
export function ageProblem(
  requirements: { minAge?: number | undefined; maxAge?: number | undefined },
  birthDate: string | null,
  shiftStart: Date,
): FieldError | null {
  if (requirements.minAge === undefined && requirements.maxAge === undefined) return null;
  const path = 'volunteer.birthDate';
  if (!birthDate) return { path, message: 'is required: this activity has an age limit', code: 'required' };
  const age = ageOn(birthDate, shiftStart);
  if (age === null) return { path, message: 'must be a past date written YYYY-MM-DD', code: 'invalid_birth_date' };
  if (requirements.minAge !== undefined && age < requirements.minAge)
    return { path, message: `must be at least ${requirements.minAge} years old on the day`, code: 'too_young' };
  if (requirements.maxAge !== undefined && age > requirements.maxAge)
    return { path, message: `must be at most ${requirements.maxAge} years old on the day`, code: 'too_old' };
  return null;
}

export interface QuestionLike {
  id: string;
  kind: 'text' | 'choice' | 'multi';
  required: boolean;
  options?: string[] | undefined;
}

/** Checks answers against the opportunity's custom questions; one field error per problem. */
export function answerErrors(questions: readonly QuestionLike[], answers: Record<string, string | string[]>): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) errors.push({ path: `answers.${id}`, message: 'is not a question of this activity', code: 'unknown_question' });
  }
  for (const question of questions) {
    const path = `answers.${question.id}`;
    const answer = answers[question.id];
    const empty = answer === undefined || (typeof answer === 'string' ? answer.trim() === '' : answer.length === 0);
    if (empty) {
      if (question.required) errors.push({ path, message: 'is required', code: 'required' });
      continue;
    }
    if (question.kind === 'text' && typeof answer !== 'string') {
      errors.push({ path, message: 'must be text', code: 'invalid_type' });
    } else if (question.kind === 'choice' && (typeof answer !== 'string' || !question.options?.includes(answer))) {
      errors.push({ path, message: 'must be one of the options', code: 'invalid_option' });
    } else if (question.kind === 'multi') {
      const values = typeof answer === 'string' ? [answer] : answer;
      if (typeof answer === 'string' || values.some((v) => !question.options?.includes(v)) || new Set(values).size !== values.length)
        errors.push({ path, message: 'must be a list of distinct options', code: 'invalid_option' });
    }
  }
  return errors;
}

type GuestIdentity = Partial<Record<IdentityField, string | undefined>>;

/** Field errors for identity fields the channel requires but the guest left out. */
export function missingIdentityErrors(required: readonly IdentityField[], volunteer: GuestIdentity): FieldError[] {
  return required
    .filter((field) => !volunteer[field])
    .map((field) => ({ path: `volunteer.${field}`, message: 'is required by this channel', code: 'required' }));
}

/**
 * How a guest is recognised within a channel: by the strongest identifier the channel requires
 * (student or employee number, ID number, mobile, email), so the same person signing up twice is
 * one volunteer and a second sign-up for the same shift is caught as a duplicate.
 */
export function guestIdentityKey(required: readonly IdentityField[], volunteer: GuestIdentity): string | null {
  const order: IdentityField[] = ['studentId', 'employeeId', 'idNumber', 'mobile', 'email'];
  for (const field of order) {
    const value = volunteer[field];
    if (required.includes(field) && value) return `${field}:${field === 'email' || field === 'idNumber' ? value.toUpperCase() : value}`;
  }
  for (const field of order) {
    const value = volunteer[field];
    if (value) return `${field}:${field === 'email' || field === 'idNumber' ? value.toUpperCase() : value}`;
  }
  return null;
}
