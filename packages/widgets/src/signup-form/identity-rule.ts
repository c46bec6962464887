/**
 * Who signs up, and what the form asks to know who they are. No DOM, no strings shown to people.
 *
 * The rule: a guest always gives a name (the contract requires it), then each identity field the
 * channel asks for, and a birth date when the activity has an age limit, since the server checks
 * it (an ID number, where the channel asks for one, carries the birth date already). With a
 * volunteer session the server knows who signs up: only a birth date it does not have yet is
 * asked for, and it is sent with the profile's name (the contract's `GuestVolunteer` needs one).
 *
 * @module
 */
import type { Channel, IdentityField, Opportunity, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { IDENTITY_FIELD_ORDER, type BodyContext, type FormSpec } from './form-model.js';

/** What the rule looks at: the loaded opportunity and channel, and the session's profile if any. */
export interface IdentityInputs {
  opportunity: Pick<Opportunity, 'requirements'>;
  channel: Pick<Channel, 'identityFields'>;
  /** The signed-in volunteer's profile; `null` for a guest. */
  profile: VolunteerProfile | null;
  /** Whether a session token is set (the profile may still be loading with it). */
  hasSession: boolean;
}

/** How the form names a signed-in volunteer: their name, else the name the platform shows. */
export function signedInName(profile: VolunteerProfile): string {
  return profile.name || profile.displayName;
}

/** The identity fields the form shows, in display order. */
export function identityFieldsFor({ opportunity, channel, profile, hasSession }: IdentityInputs): IdentityField[] {
  const { minAge, maxAge } = opportunity.requirements;
  const ageLimited = minAge !== undefined || maxAge !== undefined;
  if (hasSession) return ageLimited && profile && !profile.birthDateOnFile ? ['birthDate'] : [];
  const asked = channel.identityFields;
  return IDENTITY_FIELD_ORDER.filter((field) => field === 'name' || asked.includes(field)
    || (field === 'birthDate' && ageLimited && !asked.includes('idNumber')));
}

/** The form's {@link FormSpec}: identity fields by the rule above, the opportunity's questions and shifts. */
export function formSpecFor(inputs: IdentityInputs & { opportunity: Pick<Opportunity, 'requirements' | 'questions' | 'shifts'> }): FormSpec {
  const { opportunity } = inputs;
  return { identityFields: identityFieldsFor(inputs), questions: opportunity.questions, shiftIds: opportunity.shifts.map((s) => s.id) };
}

/** The part of the request body that depends on who signs up. */
export function bodyContextFor(opportunityId: string, policyVersion: string, hasSession: boolean, profile: VolunteerProfile | null): BodyContext {
  return { opportunityId, policyVersion, hasSession, ...(profile ? { sessionName: signedInName(profile) } : {}) };
}

