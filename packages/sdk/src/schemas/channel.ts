/** Channels: the partners (news site, campus, enterprise) that embed VolunteerKit. @module */
import * as z from 'zod/mini';
import { ChannelId, HttpUrl, Locale, timestamps } from './common.js';
import { IdentityField } from './volunteer.js';

export const ChannelKind = z.enum(['news', 'campus', 'enterprise', 'community']);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const Theme = z.enum(['light', 'dark', 'auto']);
export type Theme = z.infer<typeof Theme>;

/**
 * A channel's public configuration (`GET /v1/channel` with its publishable key): what a sign-up
 * form must ask and which privacy policy the person consents to. Allowed origins and keys are
 * not part of it.
 */
export const Channel = z.object({
  id: ChannelId,
  name: z.string(),
  kind: ChannelKind,
  identityFields: z.array(IdentityField),
  privacyPolicyUrl: HttpUrl,
  privacyPolicyVersion: z.string().check(z.minLength(1), z.maxLength(40)),
  defaultLocale: Locale,
  theme: Theme,
  ...timestamps,
});
export type Channel = z.infer<typeof Channel>;
