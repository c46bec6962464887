/** Honors (先进典型/嘉许) and the honor board (光荣榜). @module */
import * as z from 'zod/mini';
import { HonorId, HttpUrl, Timestamp, timestamps } from './common.js';
import { StarLevel } from './volunteer.js';

export const HonorKind = z.enum(['exemplary_volunteer', 'team', 'project', 'annual_award']);
export type HonorKind = z.infer<typeof HonorKind>;

export const Honor = z.object({
  id: HonorId,
  kind: HonorKind,
  title: z.string(),
  citation: z.string(),
  subject: z.object({
    type: z.enum(['volunteer', 'organization', 'opportunity']),
    id: z.string(),
    /** Masked for a volunteer who did not opt in. */
    name: z.string(),
  }),
  awardedAt: Timestamp,
  ...timestamps,
});
export type Honor = z.infer<typeof Honor>;

/** `platform`, `org:<id>`, `region:<code>` or `channel:<id>`. */
export const Scope = z.string().check(
  z.regex(/^(platform|org:org_[A-Za-z0-9]{4,40}|region:\d{2}(\d{2}(\d{2})?)?|channel:chn_[A-Za-z0-9]{4,40})$/, 'must be platform, org:<id>, region:<code> or channel:<id>'),
);
export const Period = z.enum(['week', 'month', 'year', 'all']);
export type Period = z.infer<typeof Period>;
export const Metric = z.enum(['hours', 'points']);
export type Metric = z.infer<typeof Metric>;

/** One ranked line. Ties share a rank (1, 2, 2, 4). */
export const HonorBoardEntry = z.object({
  rank: z.int().check(z.minimum(1)),
  subject: z.object({
    type: z.enum(['volunteer', 'organization']),
    id: z.string(),
    /** Masked for a volunteer who did not opt in. */
    name: z.string(),
    avatarUrl: z.nullable(HttpUrl),
    /** Star level of a volunteer; `null` for an organization. */
    starLevel: z.nullable(StarLevel),
  }),
  value: z.number(),
});
export type HonorBoardEntry = z.infer<typeof HonorBoardEntry>;

export const HonorBoard = z.object({
  scope: z.string(),
  period: Period,
  metric: Metric,
  subject: z.enum(['volunteer', 'organization']),
  generatedAt: Timestamp,
  entries: z.array(HonorBoardEntry),
  featured: z.array(Honor),
});
export type HonorBoard = z.infer<typeof HonorBoard>;

/** Query of `GET /v1/honor-board`. `subject=organization` ranks teams instead of people. */
export const HonorBoardQuery = z.object({
  scope: z.optional(Scope),
  period: z.optional(Period),
  metric: z.optional(Metric),
  subject: z.optional(z.enum(['volunteer', 'organization'])),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  /** How many featured honors to include (0–10). */
  featured: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10))),
});
export type HonorBoardQuery = z.input<typeof HonorBoardQuery>;

