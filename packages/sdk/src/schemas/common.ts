/**
 * Building blocks shared by every schema of the contract: ids, timestamps, the page envelope and
 * problem details (RFC 9457).
 *
 * The contract is written with `zod/mini` (see docs/architecture.md, "zod/mini for the contract"):
 * the same schemas validate requests on the server, type the SDK and check its responses, and
 * generate `docs/openapi.json`.
 *
 * @module
 */
import * as z from 'zod/mini';

/** The prefix of each entity's id: `opp_3k9…`. */
export const ID_PREFIXES = {
  opportunity: 'opp',
  organization: 'org',
  shift: 'shf',
  signup: 'sgn',
  volunteer: 'vol',
  serviceRecord: 'rec',
  honor: 'hon',
  channel: 'chn',
  need: 'ned',
  attendance: 'att',
  dispute: 'dsp',
  auditEntry: 'aud',
} as const;

/** An id schema for one entity kind: `prefix_` followed by 4–40 letters or digits. */
export function idOf<P extends string>(prefix: P) {
  return z.string().check(
    z.regex(new RegExp(`^${prefix}_[A-Za-z0-9]{4,40}$`), `must be an id that starts with ${prefix}_`),
  ) as z.ZodMiniType<`${P}_${string}`, string>;
}

export const OpportunityId = idOf(ID_PREFIXES.opportunity);
export const OrganizationId = idOf(ID_PREFIXES.organization);
export const ShiftId = idOf(ID_PREFIXES.shift);
export const SignupId = idOf(ID_PREFIXES.signup);
export const VolunteerId = idOf(ID_PREFIXES.volunteer);
export const ServiceRecordId = idOf(ID_PREFIXES.serviceRecord);
export const HonorId = idOf(ID_PREFIXES.honor);
export const ChannelId = idOf(ID_PREFIXES.channel);
export const NeedId = idOf(ID_PREFIXES.need);

/** ISO 8601 date-time with an offset: `2026-11-22T09:00:00+08:00` or `…Z`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** `createdAt` and `updatedAt`, carried by every entity. */
export const timestamps = { createdAt: Timestamp, updatedAt: Timestamp };

/** A 6-digit administrative region code (GB/T 2260), e.g. `330106` for 杭州市西湖区. */
export const RegionCode = z.string().check(z.regex(/^\d{6}$/, 'must be a 6-digit region code (GB/T 2260)'));

/** The locales every widget and every server message is available in. */
export const Locale = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Locale = z.infer<typeof Locale>;

/** An http(s) URL. */
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The envelope of every list endpoint: one page of items and the cursor of the next page. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({
    data: z.array(item),
    /** Opaque; pass it back as `cursor` for the next page. `null` on the last page. */
    nextCursor: z.nullable(z.string()),
  });
}

/** `limit` and `cursor` of every list endpoint (query strings, so numbers arrive as text). */
export const pageParams = {
  limit: z.optional(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
};

/** One field-level problem: `path` is dot-separated (`volunteer.mobile`, `answers.q_1`). */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/**
 * Machine-readable error codes carried in `ProblemDetails.code`. Clients switch on these, never on
 * `title` or `detail`, which are human text and may be localized.
 */
export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'secret_key_required',
  'forbidden',
  'origin_not_allowed',
  'not_found',
  'method_not_allowed',
  'conflict',
  'duplicate_signup',
  'idempotency_key_reused',
  'signup_closed',
  'requirements_not_met',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** RFC 9457 problem details, with `code`, `requestId` and field `errors` added. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.minimum(400), z.maximum(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.string(),
  requestId: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
  /** On a 409: the resource that already exists (e.g. the first sign-up). */
  existing: z.optional(z.unknown()),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** The shape of a validation issue as zod reports it (kept structural so any zod build fits). */
interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code: string;
  params?: Record<string, unknown>;
}

/**
 * Turns validation issues into problem-details field errors: dot-joined `path`, the message,
 * and a stable `code` (a domain code such as `invalid_mobile` where the schema names one, else
 * zod's issue code). The server answers with these; a form maps them onto the same fields.
 */
export function toFieldErrors(issues: ReadonlyArray<IssueLike>, pathPrefix: readonly PropertyKey[] = []): FieldError[] {
  return issues.map((issue) => ({
    path: [...pathPrefix, ...issue.path].map(String).join('.'),
    message: issue.message,
    code: typeof issue.params?.['code'] === 'string' ? issue.params['code'] : issue.code,
  }));
}
