/** Sign-ups (报名) and the bodies that create and review them. @module */
import * as z from 'zod/mini';
import { ChannelId, OpportunityId, ShiftId, SignupId, Timestamp, VolunteerId, pageOf, pageParams, timestamps } from './common.js';
import { GuestVolunteer } from './volunteer.js';

export const SignupStatus = z.enum([
  'pending_review',
  'approved',
  'waitlisted',
  'rejected',
  'cancelled',
  'attended',
  'no_show',
]);
export type SignupStatus = z.infer<typeof SignupStatus>;

/** Answers to custom questions, keyed by question id: text, a choice, or several choices. */
export const Answers = z.record(
  z.string().check(z.regex(/^q_[A-Za-z0-9]{1,40}$/)),
  z.union([z.string().check(z.maxLength(2000)), z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50))]),
);
export type Answers = z.infer<typeof Answers>;

export const Consent = z.object({ policyVersion: z.string(), at: Timestamp });

/** A sign-up as its volunteer, the widgets and the public see it: no contact data. */
export const Signup = z.object({
  id: SignupId,
  /** A short human reference to quote on the phone: `VK-7F3K2Q`. */
  reference: z.string(),
  opportunityId: OpportunityId,
  shiftId: ShiftId,
  volunteerId: VolunteerId,
  /** Masked unless the volunteer opted in. */
  displayName: z.string(),
  answers: Answers,
  consent: Consent,
  status: SignupStatus,
  /** 1-based place in the waitlist while `waitlisted`, else `null`. */
  waitlistPosition: z.nullable(z.int().check(z.minimum(1))),
  source: z.object({ channelId: ChannelId, widget: z.nullable(z.string()) }),
  ...timestamps,
});
export type Signup = z.infer<typeof Signup>;

export const SignupPage = pageOf(Signup);
export type SignupPage = z.infer<typeof SignupPage>;

/**
 * A sign-up in a partner's export (`GET /v1/signups`, secret key): with the contact the channel
 * collected. ID numbers stay masked unless the export asks for them (`reveal=idNumber`).
 */
export const SignupExport = z.object({
  ...Signup.shape,
  contact: z.object({
    name: z.string(),
    mobile: z.nullable(z.string()),
    email: z.nullable(z.string()),
    studentId: z.nullable(z.string()),
    employeeId: z.nullable(z.string()),
    idNumber: z.nullable(z.string()),
  }),
});
export type SignupExport = z.infer<typeof SignupExport>;

export const SignupExportPage = pageOf(SignupExport);
export type SignupExportPage = z.infer<typeof SignupExportPage>;

/**
 * Body of `POST /v1/signups`. `volunteer` is required for a guest. With a volunteer session the
 * session says who signs up and `volunteer` is ignored, except `volunteer.birthDate` while the
 * profile has no birth date on file (`VolunteerProfile.birthDateOnFile: false`): it is then used
 * for the age check and stored with the sign-up (send `{ name: profile.name, birthDate }`).
 * Consent must be given explicitly.
 */
export const CreateSignupBody = z.object({
  opportunityId: OpportunityId,
  shiftId: ShiftId,
  volunteer: z.optional(GuestVolunteer),
  answers: z.optional(Answers),
  consent: z.object({
    policyVersion: z.string().check(z.minLength(1), z.maxLength(40)),
    accepted: z.literal(true, 'must be given to sign up'),
  }),
  source: z.optional(z.object({ widget: z.optional(z.string().check(z.maxLength(60))) })),
});
export type CreateSignupBody = z.input<typeof CreateSignupBody>;

/** Body of `PATCH /v1/signups/{id}` (secret key): approve, reject or record attendance. */
export const UpdateSignupBody = z.object({
  status: z.enum(['approved', 'rejected', 'attended', 'no_show', 'cancelled']),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type UpdateSignupBody = z.input<typeof UpdateSignupBody>;

/** Query of `GET /v1/signups` (secret key export) and `GET /v1/me/signups`. */
export const ListSignupsQuery = z.object({
  opportunityId: z.optional(OpportunityId),
  status: z.optional(SignupStatus),
  /** `idNumber` to export unmasked ID numbers (secret key only; logged). */
  reveal: z.optional(z.literal('idNumber')),
  ...pageParams,
});
export type ListSignupsQuery = z.input<typeof ListSignupsQuery>;

/** Query of `GET /v1/me/signups`: the export's filters without `reveal` (nothing is masked there). */
export const ListMySignupsQuery = z.omit(ListSignupsQuery, { reveal: true });
export type ListMySignupsQuery = z.input<typeof ListMySignupsQuery>;
