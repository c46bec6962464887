/** Opportunities (活动/岗位), their shifts (班次) and custom sign-up questions. @module */
import * as z from 'zod/mini';
import {
  ChannelId,
  HttpUrl,
  OpportunityId,
  OrganizationId,
  RegionCode,
  ShiftId,
  Timestamp,
  pageOf,
  pageParams,
  timestamps,
} from './common.js';

/** The fixed category taxonomy. */
export const Category = z.enum([
  'community',
  'elderly',
  'children',
  'education',
  'environment',
  'health',
  'emergency',
  'culture',
  'sports_events',
  'civic',
]);
export type Category = z.infer<typeof Category>;

export const OpportunityStatus = z.enum([
  'draft',
  'recruiting',
  'full',
  'closed',
  'in_progress',
  'completed',
  'cancelled',
]);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;

export const Location = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  address: z.string().check(z.maxLength(200)),
  regionCode: RegionCode,
  lat: z.optional(z.number().check(z.minimum(-90), z.maximum(90))),
  lng: z.optional(z.number().check(z.minimum(-180), z.maximum(180))),
  online: z.boolean(),
});
export type Location = z.infer<typeof Location>;

/** A time slot with its own capacity. Spots left = `capacity - signedUp` (never negative). */
export const Shift = z.object({
  id: ShiftId,
  start: Timestamp,
  end: Timestamp,
  capacity: z.int().check(z.minimum(1)),
  signedUp: z.int().check(z.minimum(0)),
  waitlisted: z.int().check(z.minimum(0)),
});
export type Shift = z.infer<typeof Shift>;

/** Spots still open on a shift. */
export function spotsLeft(shift: Pick<Shift, 'capacity' | 'signedUp'>): number {
  return Math.max(0, shift.capacity - shift.signedUp);
}

export const QuestionKind = z.enum(['text', 'choice', 'multi']);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** A custom sign-up question. `options` is present for `choice` and `multi`. */
export const Question = z.object({
  id: z.string().check(z.regex(/^q_[A-Za-z0-9]{1,40}$/, 'must be a question id starting with q_')),
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: QuestionKind,
  required: z.boolean(),
  options: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100)))),
});
export type Question = z.infer<typeof Question>;

export const Requirements = z.object({
  minAge: z.optional(z.int().check(z.minimum(0), z.maximum(120))),
  maxAge: z.optional(z.int().check(z.minimum(0), z.maximum(120))),
  trainingRequired: z.optional(z.boolean()),
  insuranceProvided: z.optional(z.boolean()),
});
export type Requirements = z.infer<typeof Requirements>;

/** Who can see an opportunity: everyone, or only one channel (campus-only, employees-only). */
export const Audience = z.union([z.literal('public'), ChannelId]);

export const Opportunity = z.object({
  id: OpportunityId,
  orgId: OrganizationId,
  /** The organizer's name, denormalized so a list renders without a second request. */
  orgName: z.string(),
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  summary: z.string().check(z.maxLength(300)),
  /** Plain text; paragraphs separated by blank lines. Never HTML. */
  description: z.string().check(z.maxLength(10000)),
  category: Category,
  skills: z.array(z.string().check(z.maxLength(40))),
  location: Location,
  status: OpportunityStatus,
  audience: Audience,
  approval: z.enum(['auto', 'manual']),
  signupOpensAt: z.nullable(Timestamp),
  signupClosesAt: z.nullable(Timestamp),
  requirements: Requirements,
  hoursPerShift: z.number().check(z.minimum(0), z.maximum(24)),
  pointsPerHour: z.number().check(z.minimum(0)),
  coverImageUrl: z.nullable(HttpUrl),
  /** IANA time zone the activity happens in; times are displayed in it. */
  timezone: z.string(),
  shifts: z.array(Shift),
  questions: z.array(Question),
  ...timestamps,
});
export type Opportunity = z.infer<typeof Opportunity>;

/** The next shift as a list shows it: when it is and how many spots it has left. */
export const NextShift = z.object({
  id: ShiftId,
  start: Timestamp,
  end: Timestamp,
  /** `capacity - signedUp` of this shift, never negative. */
  spotsLeft: z.int().check(z.minimum(0)),
});
export type NextShift = z.infer<typeof NextShift>;

/** Where, as a list shows it: the place's name, its region and whether it is online. */
export const LocationSummary = z.object({
  name: Location.shape.name,
  regionCode: RegionCode,
  online: z.boolean(),
});
export type LocationSummary = z.infer<typeof LocationSummary>;

/**
 * An opportunity as a list shows it (`GET /v1/opportunities`): no description, questions or
 * shift table, but the next shift and totals, computed by the server. The full record is
 * `GET /v1/opportunities/{id}`; a page of five stays under 2 KB on the wire.
 */
export const OpportunitySummary = z.object({
  id: OpportunityId,
  orgId: OrganizationId,
  orgName: z.string(),
  title: Opportunity.shape.title,
  category: Category,
  location: LocationSummary,
  /** As the public sees it: `recruiting` with no open spot left reads `full`. */
  status: OpportunityStatus,
  /** `public`, or the only channel that sees it (a list may mark campus-only activities). */
  audience: Audience,
  signupOpensAt: z.nullable(Timestamp),
  signupClosesAt: z.nullable(Timestamp),
  hoursPerShift: Opportunity.shape.hoursPerShift,
  /** IANA time zone the activity happens in; times are displayed in it. */
  timezone: z.string(),
  /** The soonest shift that has not ended; `null` when every shift is over. */
  nextShift: z.nullable(NextShift),
  /** Shifts that have not ended, the next one included. */
  shiftCount: z.int().check(z.minimum(0)),
  /** Spots left across the shifts that have not started. */
  openSpots: z.int().check(z.minimum(0)),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummary>;

export const OpportunityPage = pageOf(OpportunitySummary);
export type OpportunityPage = z.infer<typeof OpportunityPage>;

export const OpportunitySort = z.enum(['relevance', 'startsAt', 'newest', 'distance', 'spotsLeft']);
export type OpportunitySort = z.infer<typeof OpportunitySort>;

/** A comma-separated query value (`skills=first_aid,driving`) read as a list. */
const commaList = z.pipe(
  z.string().check(z.maxLength(500)),
  z.transform((value: string) => value.split(',').map((s) => s.trim()).filter(Boolean)),
);

/** Decimal degrees as the URL carries them: latitude within ±90, longitude within ±180. */
const LATITUDE = String.raw`-?(?:90(?:\.0+)?|[0-8]?\d(?:\.\d+)?)`;
const LONGITUDE = String.raw`-?(?:180(?:\.0+)?|(?:1[0-7]\d|0?\d?\d)(?:\.\d+)?)`;
/** Any two decimal numbers: what the range check reads, to say which coordinate is out of range. */
const NUMBER_PAIR = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/;

/** What is out of range in a `lat,lng` pair, as a message; `undefined` when nothing is (or it is no pair). */
function outOfRange(value: string): string | undefined {
  const match = NUMBER_PAIR.exec(value);
  const lat = !!match && Math.abs(Number(match[1])) > 90;
  const lng = !!match && Math.abs(Number(match[2])) > 180;
  if (lat && lng) return 'must have a latitude between -90 and 90 and a longitude between -180 and 180';
  if (lat) return 'must have a latitude between -90 and 90';
  if (lng) return 'must have a longitude between -180 and 180';
  return undefined;
}

/**
 * `near=lat,lng` read as a point. The ranges are checked here, in the contract, so the SDK, the
 * OpenAPI `pattern` and the server's 422 agree. An out-of-range latitude or longitude gets a
 * message naming it (code `out_of_range`, path `near`) and stops the checks there; anything else
 * that is not a pair of decimal degrees fails the exact pattern and gets the format message. So
 * one mistake is reported once, and specifically. (A `z.describe` here would put zod's registry
 * into the browser bundle, about 340 B gzip, for the OpenAPI text alone; the pattern says it.)
 */
const LatLng = z.pipe(
  z.string().check(
    z.refine((value: string) => outOfRange(value) === undefined, {
      error: (issue) => outOfRange(issue.input as string),
      params: { code: 'out_of_range' },
      abort: true,
    }),
    z.regex(new RegExp(`^${LATITUDE},${LONGITUDE}$`), 'must be "lat,lng" in decimal degrees'),
  ),
  z.transform((value: string) => {
    const [lat, lng] = value.split(',').map(Number) as [number, number];
    return { lat, lng };
  }),
);

/** `true`/`1` or `false`/`0`: the spellings of a boolean in a query string. */
/** `true`/`false`/`1`/`0` in a query string, as a boolean. */
export const queryBoolean = z.pipe(z.enum(['true', 'false', '1', '0']), z.transform((value) => value === 'true' || value === '1'));

type NearDependent = { near?: unknown; radiusKm?: number | undefined; sort?: string | undefined };

/** `radiusKm` and `sort=distance` measure from `near`: without it they are a 422 naming them. */
const needsNear = (name: 'radiusKm' | 'sort', message: string, applies: (query: NearDependent) => boolean) =>
  z.refine<NearDependent>((query) => query.near !== undefined || !applies(query), { message, path: [name], params: { code: 'near_required' } });

/**
 * Query of `GET /v1/opportunities`. Every value arrives as text in the URL; this schema turns
 * it into typed filters (`hasOpenSlots=true` → `true`, `skills=a,b` → `['a','b']`).
 */
export const ListOpportunitiesQuery = z.object({
  /** Free text over title, summary, organizer and place; works for Chinese text. */
  q: z.optional(z.string().check(z.maxLength(100))),
  category: z.optional(Category),
  /** A province (`33xxxx` prefix 2), city (4) or district (6) code; matches the region and below. */
  regionCode: z.optional(z.string().check(z.regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be 2, 4 or 6 digits of a region code'))),
  orgId: z.optional(OrganizationId),
  near: z.optional(LatLng),
  radiusKm: z.optional(z.coerce.number().check(z.minimum(0.1), z.maximum(500))),
  /** Only opportunities with a shift ending at or after this instant. */
  from: z.optional(Timestamp),
  /** Only opportunities with a shift starting at or before this instant. */
  to: z.optional(Timestamp),
  skills: z.optional(commaList),
  hasOpenSlots: z.optional(queryBoolean),
  status: z.optional(OpportunityStatus),
  sort: z.optional(OpportunitySort),
  ...pageParams,
}).check(
  needsNear('radiusKm', 'needs near=lat,lng', (query) => query.radiusKm !== undefined),
  needsNear('sort', 'distance needs near=lat,lng', (query) => query.sort === 'distance'),
);
/** Filters as a caller writes them (`skills` may be a list, `hasOpenSlots` a boolean). */
export type ListOpportunitiesParams = {
  q?: string;
  category?: Category;
  regionCode?: string;
  orgId?: string;
  near?: { lat: number; lng: number };
  radiusKm?: number;
  from?: string;
  to?: string;
  skills?: string[];
  hasOpenSlots?: boolean;
  status?: OpportunityStatus;
  sort?: OpportunitySort;
  limit?: number;
  cursor?: string;
};
/** Filters as the server reads them after parsing the query string. */
export type ListOpportunitiesFilters = z.output<typeof ListOpportunitiesQuery>;
