/**
 * The needs board (微心愿/点单): a channel's service menu, residents' needs (filed by the resident
 * or by a helper with the resident's consent), claims by volunteers, and the confirmation that
 * turns a fulfilled need into approved hours. Public views carry no address and no contact: those
 * are shown only to the claiming volunteer (`Claim`).
 *
 * @module
 */
import * as z from 'zod/mini';
import { NeedId, OrganizationId, RegionCode, ServiceRecordId, Timestamp, pageOf, pageParams, timestamps } from './common.js';
import { isMainlandMobile } from './validators.js';

/** A service code of the menu: lower-case letters, digits and `_`, e.g. `haircut`, `tech_help`. */
export const ServiceCode = z.string().check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a service code of the menu (lower-case letters, digits, _)'));

/** One service of a channel's menu. */
export const ServiceMenuItem = z.object({
  code: ServiceCode,
  /** Its name in each locale. */
  names: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  /** How long it usually takes; a fulfilled need records this unless the volunteer says otherwise. */
  typicalMinutes: z.number().check(z.int()),
  /** How many needs one resident may file for it in any 7 days. */
  weeklyCap: z.number().check(z.int()),
});
export type ServiceMenuItem = z.infer<typeof ServiceMenuItem>;

export const ServiceMenu = z.object({ data: z.array(ServiceMenuItem) });
export type ServiceMenu = z.infer<typeof ServiceMenu>;

export const NeedStatus = z.enum(['submitted', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'cancelled', 'expired']);
export type NeedStatus = z.infer<typeof NeedStatus>;

/** A need as anyone may see it: no address, no contact, the requester masked. */
export const Need = z.object({
  id: NeedId,
  serviceCode: ServiceCode,
  title: z.string(),
  details: z.string(),
  /** The community (6-digit region code); the exact address is sealed. */
  regionCode: RegionCode,
  organizationId: OrganizationId,
  /** The requester's name, masked (`王*英`). */
  requester: z.string(),
  /** Filed by a helper (a community worker) on the resident's behalf, with their recorded consent. */
  filedOnBehalf: z.boolean(),
  preferredTimes: z.string(),
  status: NeedStatus,
  /** Why it was rejected or cancelled (written for the requester), else `null`. */
  statusReason: z.nullable(z.string()),
  /** Since when it waits for a volunteer: filing, or its last release. `null` before moderation. */
  waitingSince: z.nullable(Timestamp),
  /** The deadline of the current step (moderation, expiry, the claim, confirmation), `null` once closed. */
  dueAt: z.nullable(Timestamp),
  claimedAt: z.nullable(Timestamp),
  fulfilledAt: z.nullable(Timestamp),
  confirmedAt: z.nullable(Timestamp),
  /** The pending (then approved) service record a fulfilment made. */
  serviceRecordId: z.nullable(ServiceRecordId),
  rating: z.nullable(z.number().check(z.int())),
  ...timestamps,
});
export type Need = z.infer<typeof Need>;

export const NeedPage = pageOf(Need);
export type NeedPage = z.infer<typeof NeedPage>;

/**
 * A need as its claiming volunteer sees it. `address` and `contact` are there only in
 * `GET /v1/me/claims/{id}` while the claim lasts (each read is audited); `confirmationCode` once
 * fulfilled, until confirmed.
 */
export const Claim = z.object({
  need: Need,
  address: z.nullable(z.string()),
  contact: z.nullable(z.object({ name: z.string(), mobile: z.string() })),
  /** Six digits to show the resident, who confirms with them. */
  confirmationCode: z.nullable(z.string()),
});
export type Claim = z.infer<typeof Claim>;

export const ClaimPage = pageOf(Claim);
export type ClaimPage = z.infer<typeof ClaimPage>;

/**
 * Consent to file a need. A resident filing their own (publishable key) accepts the channel's
 * privacy policy (`policyVersion`, `accepted`); a helper filing on a resident's behalf (organizer
 * session) records how the resident agreed (`method`), where the evidence is (`evidenceRef`) and
 * when (`obtainedAt`).
 */
export const NeedConsent = z.object({
  policyVersion: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  accepted: z.optional(z.literal(true, 'must be given to file a need')),
  method: z.optional(z.enum(['in_person', 'phone', 'written'])),
  evidenceRef: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  obtainedAt: z.optional(Timestamp),
});
export type NeedConsent = z.input<typeof NeedConsent>;

/** Body of `POST /v1/needs`. */
export const CreateNeedBody = z.object({
  serviceCode: ServiceCode,
  title: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(120)),
  details: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  regionCode: RegionCode,
  preferredTimes: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** The community organization that moderates it; may be left out when the channel works with one. */
  organizationId: z.optional(OrganizationId),
  /** Who needs the help; sealed, shown only to the claiming volunteer. */
  resident: z.object({
    name: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(50)),
    mobile: z.string().check(z.trim(), z.refine(isMainlandMobile, { message: 'must be an 11-digit mainland mobile number starting with 1', params: { code: 'invalid_mobile' } })),
    address: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200)),
  }),
  consent: NeedConsent,
});
export type CreateNeedBody = z.input<typeof CreateNeedBody>;

/** `GET /v1/needs`: the public board. */
export const ListNeedsQuery = z.object({
  serviceCode: z.optional(ServiceCode),
  /** A 2, 4 or 6-digit region prefix. */
  regionCode: z.optional(z.string().check(z.regex(/^(\d{2}|\d{4}|\d{6})$/, 'must be a 2, 4 or 6-digit region code'))),
  status: z.optional(z.enum(['open', 'claimed', 'fulfilled', 'confirmed'])),
  /** `longest_waiting` (default) or `newest`. */
  sort: z.optional(z.enum(['longest_waiting', 'newest'])),
  ...pageParams,
});
export type ListNeedsQuery = z.input<typeof ListNeedsQuery>;

/** `GET /v1/organizer/needs`: the organization's needs, oldest first. */
export const OrganizerNeedsQuery = z.object({ status: z.optional(NeedStatus), ...pageParams });
export type OrganizerNeedsQuery = z.input<typeof OrganizerNeedsQuery>;

/** `GET /v1/me/claims`. */
export const ListClaimsQuery = z.object({ ...pageParams });
export type ListClaimsQuery = z.input<typeof ListClaimsQuery>;

/** Body of `POST /v1/organizer/needs/{id}/moderate`. */
export const ModerateNeedBody = z.object({
  decision: z.enum(['open', 'reject']),
  /** Required to reject: the requester reads it. */
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
});
export type ModerateNeedBody = z.input<typeof ModerateNeedBody>;

/** Body of `POST /v1/organizer/needs/{id}/cancel`. */
export const CancelNeedBody = z.object({ reason: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(500)) });
export type CancelNeedBody = z.input<typeof CancelNeedBody>;

/** Body of `POST /v1/needs/{id}/fulfil`. */
export const FulfilNeedBody = z.object({
  /** Minutes served (5–480); a form offers the service's `typicalMinutes`. */
  minutes: z.number().check(z.int('must be a whole number'), z.minimum(5), z.maximum(480)),
});
export type FulfilNeedBody = z.input<typeof FulfilNeedBody>;

/**
 * Body of `POST /v1/needs/{id}/confirm`: `method: 'code'` with the 6 digits the volunteer shows
 * (the resident, or a helper typing them in), or `method: 'helper'` (organizer session only).
 */
export const ConfirmNeedBody = z.object({
  method: z.enum(['code', 'helper']),
  code: z.optional(z.string().check(z.regex(/^\d{6}$/, 'must be the 6 digits the volunteer shows'))),
  rating: z.optional(z.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(5))),
});
export type ConfirmNeedBody = z.input<typeof ConfirmNeedBody>;

/** Body of `POST /v1/needs/{id}/rate` (organizer session: the helper records the resident's rating). */
export const RateNeedBody = z.object({
  rating: z.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(5)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
export type RateNeedBody = z.input<typeof RateNeedBody>;
