/** Volunteers (志愿者), star levels and the identity a channel asks for. @module */
import * as z from 'zod/mini';
import { ChannelId, HttpUrl, Timestamp, VolunteerId, timestamps } from './common.js';
import { ageOn, isEmail, isMainlandMobile, isResidentId } from './validators.js';

/** 0 (no star yet) to 5 stars. */
export const StarLevel = z.int().check(z.minimum(0), z.maximum(5));

/**
 * A star rule: the approved hours from which each level starts, lowest first. The national
 * default is {@link NATIONAL_STAR_RULE}.
 */
export const StarRule = z.object({
  thresholds: z.array(z.number().check(z.minimum(0))).check(z.length(5)),
});
export type StarRule = z.infer<typeof StarRule>;

/** The national rule: 1★ ≥ 100 h, 2★ ≥ 300, 3★ ≥ 600, 4★ ≥ 1000, 5★ ≥ 1500. */
export const NATIONAL_STAR_RULE: StarRule = { thresholds: [100, 300, 600, 1000, 1500] };

/** The star level earned by `approvedHours` under `rule`. */
export function starLevelFor(approvedHours: number, rule: StarRule = NATIONAL_STAR_RULE): number {
  let level = 0;
  for (const threshold of rule.thresholds) if (approvedHours >= threshold) level += 1;
  return level;
}

/**
 * A volunteer as the public sees them: no contact data ever; `displayName` is masked
 * (`张*明`) unless the volunteer opted in to show their name.
 */
export const Volunteer = z.object({
  id: VolunteerId,
  displayName: z.string(),
  avatarUrl: z.nullable(HttpUrl),
  starLevel: StarLevel,
  approvedHours: z.number().check(z.minimum(0)),
  points: z.number().check(z.minimum(0)),
  ...timestamps,
});
export type Volunteer = z.infer<typeof Volunteer>;

/** The signed-in volunteer's own profile (`GET /v1/me`): their own data, contact masked. */
export const VolunteerProfile = z.object({
  ...Volunteer.shape,
  name: z.string(),
  channelId: ChannelId,
  mobile: z.nullable(z.string()),
  email: z.nullable(z.string()),
  studentId: z.nullable(z.string()),
  employeeId: z.nullable(z.string()),
  showName: z.boolean(),
  /**
   * Whether the volunteer's birth date is known (given, or read from a resident ID number). The
   * date itself is not shown; a sign-up form asks for it only when this is `false` and the
   * activity has an age limit, and the first sign-up that carries it stores it.
   */
  birthDateOnFile: z.boolean(),
  /** Hours still needed for the next star, `null` at 5★. */
  hoursToNextStar: z.nullable(z.number()),
  /** When the current star level was reached (or, after a reversal, fallen back to); `null` at 0★. */
  starLevelReachedAt: z.nullable(Timestamp),
  /** The channel's star rule: the approved hours from which each level starts (for a progress bar). */
  starRule: StarRule,
  /** Points that can be spent now (`points` counts every point ever earned by approved hours). */
  pointsAvailable: z.int().check(z.minimum(0)),
});
export type VolunteerProfile = z.infer<typeof VolunteerProfile>;

/** Identity fields a channel may require on sign-up. */
export const IdentityField = z.enum(['name', 'mobile', 'email', 'birthDate', 'studentId', 'employeeId', 'idNumber']);
export type IdentityField = z.infer<typeof IdentityField>;

/**
 * A guest's identity on a sign-up form. Which fields are required depends on the channel
 * (`Channel.identityFields`); the server enforces that, this schema checks each field's form.
 */
export const GuestVolunteer = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(50)),
  mobile: z.optional(z.string().check(z.trim(), z.refine(isMainlandMobile, { message: 'must be an 11-digit mainland mobile number starting with 1', params: { code: 'invalid_mobile' } }))),
  email: z.optional(z.string().check(z.trim(), z.refine(isEmail, { message: 'must be an email address', params: { code: 'invalid_email' } }))),
  birthDate: z.optional(z.string().check(z.refine((v) => ageOn(v) !== null, { message: 'must be a past date written YYYY-MM-DD', params: { code: 'invalid_birth_date' } }))),
  studentId: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{4,20}$/, 'must be 4–20 letters or digits'))),
  employeeId: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{2,20}$/, 'must be 2–20 letters or digits'))),
  idNumber: z.optional(z.string().check(z.trim(), z.refine(isResidentId, { message: 'must be an 18-character resident ID number with a valid check digit', params: { code: 'invalid_resident_id' } }))),
  /** Opt in to show the full name on public honor boards. */
  showName: z.optional(z.boolean()),
});
export type GuestVolunteer = z.infer<typeof GuestVolunteer>;
