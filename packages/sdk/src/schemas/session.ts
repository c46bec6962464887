/** Volunteer sessions minted by a partner back end with its secret key. @module */
import * as z from 'zod/mini';
import { ChannelId, Timestamp, VolunteerId } from './common.js';
import { GuestVolunteer } from './volunteer.js';
import { OrganizerSession, OrganizerSessionBody } from './attendance.js';

/**
 * Body of `POST /v1/sessions` (secret key): the partner vouches for a person it authenticated
 * (campus SSO, enterprise login). `externalId` is the partner's stable id for them; the same
 * `externalId` always maps to the same volunteer within the channel.
 */
export const VolunteerSessionBody = z.object({
  externalId: z.string().check(z.minLength(1), z.maxLength(100)),
  volunteer: GuestVolunteer,
  /** Lifetime in seconds, 60 s to 24 h; default 1 h. */
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(86400))),
});
export type VolunteerSessionBody = z.input<typeof VolunteerSessionBody>;

/** Body of `POST /v1/sessions`: a volunteer (`externalId` + `volunteer`) or an organizer (`organizer`). */
export const CreateSessionBody = z.union([VolunteerSessionBody, OrganizerSessionBody]);
export type CreateSessionBody = z.input<typeof CreateSessionBody>;

export const Session = z.object({
  /** `vst_…`: give it to the widgets as their `session` property; never put it in a URL. */
  token: z.string().check(z.regex(/^vst_/)),
  volunteerId: VolunteerId,
  channelId: ChannelId,
  expiresAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** The answer of `POST /v1/sessions`: a volunteer session or an organizer session, as asked. */
export const CreatedSession = z.union([Session, OrganizerSession]);
export type CreatedSession = z.infer<typeof CreatedSession>;
