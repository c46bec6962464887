/** Impact statistics for a scope. @module */
import * as z from 'zod/mini';
import { Timestamp } from './common.js';
import { Period, Scope } from './honor.js';

export const ImpactStats = z.object({
  scope: z.string(),
  period: Period,
  registeredVolunteers: z.int().check(z.minimum(0)),
  organizations: z.int().check(z.minimum(0)),
  openOpportunities: z.int().check(z.minimum(0)),
  /** Only approved service hours count. */
  approvedHours: z.number().check(z.minimum(0)),
  signupsInPeriod: z.int().check(z.minimum(0)),
  generatedAt: Timestamp,
});
export type ImpactStats = z.infer<typeof ImpactStats>;

export const StatsQuery = z.object({ scope: z.optional(Scope), period: z.optional(Period) });
export type StatsQuery = z.input<typeof StatsQuery>;
