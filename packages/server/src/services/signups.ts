/**
 * Signing up, cancelling and reviewing sign-ups. Each is given the write's one transaction (see
 * services/idempotency.ts) and takes the shift's row lock in it, so capacity checks and counter
 * updates cannot interleave; the decisions themselves come from domain/signup-rules.ts.
 */
import type { CreateSignupBody, FieldError, GuestVolunteer, Signup } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import type { ChannelRow, VolunteerFields } from '../db/rows.js';
import { toSignup } from '../db/rows.js';
import {
  ageProblem,
  answerErrors,
  guestIdentityKey,
  initialStatus,
  missingIdentityErrors,
  planTransition,
  promotedStatus,
  signupWindowProblem,
  type SignupStatus,
  type WindowProblem,
} from '../domain/signup-rules.js';
import { newId, newReference } from '../ids.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordChange } from './events.js';
import { volunteerFields } from './volunteers.js';

/** `CreateSignupBody` after parsing (trimmed strings, defaults applied). */
type ParsedSignupBody = {
  opportunityId: string;
  shiftId: string;
  volunteer?: GuestVolunteer | undefined;
  answers?: Record<string, string | string[]> | undefined;
  consent: CreateSignupBody['consent'];
  source?: { widget?: string | undefined } | undefined;
};

const WINDOW_MESSAGES: Record<WindowProblem, string> = {
  not_recruiting: 'This activity is not taking sign-ups.',
  not_open_yet: 'Sign-up for this activity has not opened yet.',
  closed: 'Sign-up for this activity has closed.',
  shift_started: 'This shift has already started.',
};

export interface SignupContext {
  /** The write's transaction. */
  tx: Queryable;
  channel: ChannelRow;
  /** The signed-in volunteer, when the request carries a session. */
  sessionVolunteerId: string | null;
  now: Date;
  sealSecret: string;
}

export async function createSignup(ctx: SignupContext, body: ParsedSignupBody): Promise<Signup> {
  const { tx, channel, now } = ctx;
  const opportunity = await q.getOpportunityWithShift(tx, body.opportunityId, body.shiftId, channel.id, now);
  if (!opportunity) throw notFound('Opportunity');
  if (!opportunity.shift_id) throw invalid([{ path: 'shiftId', message: 'is not a shift of this opportunity', code: 'unknown_shift' }]);
  const shift = { id: opportunity.shift_id, starts_at: opportunity.shift_starts_at! };

  const windowProblem = signupWindowProblem(
    { status: opportunity.status, signupOpensAt: opportunity.signup_opens_at, signupClosesAt: opportunity.signup_closes_at },
    { startsAt: new Date(shift.starts_at) },
    now,
  );
  if (windowProblem) throw new DomainError('signup_closed', WINDOW_MESSAGES[windowProblem]);

  const errors = [];
  if (body.consent.policyVersion !== channel.privacy_policy_version)
    errors.push({ path: 'consent.policyVersion', message: `must be the current privacy policy version (${channel.privacy_policy_version})`, code: 'policy_outdated' });
  const answers = body.answers ?? {};
  errors.push(...answerErrors(opportunity.questions, answers));

  let birthDate: string | null = null;
  /** A session volunteer's first birth date, to store with the sign-up. */
  let birthDateToFill: string | null = null;
  let guest: VolunteerFields | null = null;
  if (ctx.sessionVolunteerId) {
    const volunteer = await q.getVolunteer(tx, ctx.sessionVolunteerId);
    if (!volunteer || volunteer.channel_id !== channel.id) throw new DomainError('unauthorized', 'The session names an unknown volunteer.');
    // The session says who signs up, so the body's identity is ignored; only a birth date the
    // server lacks is taken (fill-once), because an age limit cannot be checked without one.
    birthDate = volunteer.birth_date;
    if (!birthDate && body.volunteer?.birthDate) birthDate = birthDateToFill = body.volunteer.birthDate;
  } else if (!body.volunteer) {
    errors.push({ path: 'volunteer', message: 'is required when signing up without a session', code: 'required' });
  } else {
    errors.push(...missingIdentityErrors(channel.identity_fields, body.volunteer));
    guest = volunteerFields(body.volunteer, ctx.sealSecret);
    birthDate = guest.birthDate;
  }
  const tooYoungOrOld = ageProblem(opportunity.requirements, birthDate, new Date(shift.starts_at));
  if (errors.length) throw invalid(errors);
  if (tooYoungOrOld) throw ageError(tooYoungOrOld);

  const volunteerId = ctx.sessionVolunteerId
    ?? (await q.upsertGuestVolunteer(tx, newId('vol'), channel.id, guestIdentityKey(channel.identity_fields, body.volunteer ?? {}), guest!)).id;
  if (birthDateToFill) {
    // Before the shift's lock, so volunteer-then-shift is the lock order on both paths. If a
    // concurrent request stored another date meanwhile, that one is on file: check it instead.
    const onFile = await q.fillBirthDate(tx, volunteerId, birthDateToFill);
    if (onFile !== birthDateToFill) {
      const problem = ageProblem(opportunity.requirements, onFile, new Date(shift.starts_at));
      if (problem) throw ageError(problem);
    }
  }
  const locked = await q.lockShift(tx, shift.id);
  if (!locked) throw notFound('Shift');
  // Under the lock, one statement adds the sign-up, counts it on the shift and records its event;
  // the unique index on live sign-ups refuses a duplicate, which is then read to be returned.
  const created = await q.insertSignupCounted(tx, {
    id: newId('sgn'),
    reference: newReference(),
    opportunityId: opportunity.id,
    shiftId: shift.id,
    volunteerId,
    channelId: channel.id,
    widget: body.source?.widget ?? null,
    answers,
    consentVersion: body.consent.policyVersion,
    consentAt: now,
    status: initialStatus({ capacity: locked.capacity, signedUp: locked.signed_up }, locked.approval),
    eventId: newId('evt'),
  });
  if (!created) {
    const existing = (await q.findLiveSignup(tx, shift.id, volunteerId))!;
    throw new DomainError('duplicate_signup', 'This volunteer already has a sign-up for this shift; it is returned as `existing`.', {
      existing: toSignup(existing),
    });
  }
  return toSignup(created);
}

/** The 422 for an age limit: `requirements_not_met` when too young or old, else a field error. */
function ageError(problem: FieldError): DomainError {
  const kind = problem.code === 'too_young' || problem.code === 'too_old' ? 'requirements_not_met' : 'invalid';
  return new DomainError(kind, `volunteer.birthDate ${problem.message}.`, { errors: [problem] });
}

/** The event of a sign-up reaching `status` by a change of its own (a promotion is `signup.promoted`). */
function statusEvent(status: SignupStatus): 'signup.cancelled' | 'signup.approved' | 'signup.rejected' | 'signup.updated' {
  return status === 'cancelled' || status === 'approved' || status === 'rejected' ? `signup.${status}` : 'signup.updated';
}

/**
 * Changes a sign-up's status under its shift's lock; when a spot frees up, the first person on
 * the waitlist gets it. Each change is an event at `at`.
 */
export async function changeSignupStatus(
  tx: Queryable,
  signupId: string,
  to: SignupStatus,
  note: string | null,
  mayChange: (signup: { channel_id: string; volunteer_id: string }) => boolean,
  at: Date = new Date(),
): Promise<Signup> {
  const before = await q.getSignup(tx, signupId);
  if (!before || !mayChange(before)) throw notFound('Sign-up');
  const locked = await q.lockShift(tx, before.shift_id);
  const current = await q.getSignup(tx, signupId);
  if (!locked || !current) throw notFound('Sign-up');
  if (current.status === to) return toSignup(current);
  const plan = planTransition(current.status, to, { capacity: locked.capacity, signedUp: locked.signed_up });
  if (!plan.ok) {
    const detail = plan.reason === 'shift_full'
      ? 'The shift is full; a spot must free up first.'
      : `A sign-up that is ${current.status} cannot become ${to}.`;
    throw new DomainError('conflict', detail);
  }
  await q.setSignupStatus(tx, signupId, to, note);
  await q.adjustShiftCounters(tx, locked.id, plan.signedUpDelta, plan.waitlistedDelta);
  await recordChange(tx, current.channel_id, statusEvent(to), signupId, at);
  if (plan.promoteNext) await promoteFirstWaitlisted(tx, locked.id, locked.approval, at);
  return toSignup((await q.getSignup(tx, signupId))!);
}

async function promoteFirstWaitlisted(tx: Queryable, shiftId: string, approval: 'auto' | 'manual', at: Date): Promise<void> {
  const next = await q.firstWaitlisted(tx, shiftId);
  if (!next) return;
  await q.setSignupStatus(tx, next.id, promotedStatus(approval), null);
  await q.adjustShiftCounters(tx, shiftId, 1, -1);
  const promoted = (await q.getSignup(tx, next.id))!;
  await recordChange(tx, promoted.channel_id, 'signup.promoted', next.id, at);
}
