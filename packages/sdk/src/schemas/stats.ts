/** Impact statistics for a scope. @module */
import * as z from 'zod/mini';
import { OrganizationId, Timestamp } from './common.js';
import { Period, Scope } from './honor.js';

export const StatsGroupBy = z.enum(['month', 'category', 'region']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;

/** A figure that may be hidden; `suppressed` names the ones hidden to protect small counts. */
export const StatsMetric = z.enum(['approvedHours', 'activeVolunteers', 'fillRate', 'needsFulfilled', 'medianApprovalHours']);
export type StatsMetric = z.infer<typeof StatsMetric>;

/**
 * Figures over a period. A count of people or needs from 1 to 4 is `null` and named in
 * `suppressed`, and so is any figure that would give one back (the hours of those volunteers, a
 * group whose value the total minus the other groups would reveal). `null` without being named in
 * `suppressed` means there was nothing to measure (no shifts for a fill rate, no approvals for a
 * median).
 */
export const StatsFigures = z.object({
  /** Approved service hours, by the check-out time of each record. */
  approvedHours: z.nullable(z.number().check(z.minimum(0))),
  /** Volunteers with at least one approved record. */
  activeVolunteers: z.nullable(z.int().check(z.minimum(0))),
  /** Spots taken ÷ spots offered on shifts that started in the period (0 to 1). */
  fillRate: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
  /** Needs (微心愿) fulfilled. */
  needsFulfilled: z.nullable(z.int().check(z.minimum(0))),
  /** Median hours from a service record's creation to its approval, over approvals in the period. */
  medianApprovalHours: z.nullable(z.number().check(z.minimum(0))),
  suppressed: z.array(StatsMetric),
});
export type StatsFigures = z.infer<typeof StatsFigures>;

export const StatsGroup = z.object({
  /** `YYYY-MM`, a category code, or a region code. */
  key: z.string(),
  ...StatsFigures.shape,
});
export type StatsGroup = z.infer<typeof StatsGroup>;

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
  /** The scope's figures over the period, small counts hidden (see `StatsFigures`). */
  metrics: StatsFigures,
  /** The grouping asked for, `null` without `groupBy`. */
  groupBy: z.nullable(StatsGroupBy),
  /**
   * The figures per group: each month of the period (`2026-11`, oldest first, months without
   * activity included), each opportunity category, or each region one level below the scope
   * (cities under the platform or a province, counties under a city). Empty without `groupBy`.
   */
  groups: z.array(StatsGroup),
  /** Counts of people or needs below this are never published. */
  minPublishedCount: z.int(),
  generatedAt: Timestamp,
});
export type ImpactStats = z.infer<typeof ImpactStats>;

export const StatsQuery = z.object({ scope: z.optional(Scope), period: z.optional(Period), groupBy: z.optional(StatsGroupBy) });
export type StatsQuery = z.input<typeof StatsQuery>;
