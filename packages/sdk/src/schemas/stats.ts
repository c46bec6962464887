/** Impact statistics for a scope. @module */
import * as z from 'zod/mini';
import { OrganizationId, Timestamp } from './common.js';
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
  /**
   * Each organization's median time from a service record's creation to its approval, over the
   * records approved in the period (at most 100 organizations, most approvals first).
   */
  approvalTimes: z.array(z.object({
    organizationId: OrganizationId,
    organizationName: z.string(),
    medianApprovalHours: z.number().check(z.minimum(0)),
    approvedRecords: z.int().check(z.minimum(1)),
  })),
  generatedAt: Timestamp,
});
export type ImpactStats = z.infer<typeof ImpactStats>;

export const StatsQuery = z.object({ scope: z.optional(Scope), period: z.optional(Period) });
export type StatsQuery = z.input<typeof StatsQuery>;
