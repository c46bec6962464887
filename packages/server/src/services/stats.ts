/**
 * Impact statistics' figures: the scope's totals and its groups, from db/stats-queries.ts, with
 * small counts hidden by domain/disclosure.ts. Nothing about a person leaves here: only counts,
 * sums, rates and medians over groups.
 * @module
 */
import type { StatsFigures, StatsGroup, StatsMetric } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import type { ScopeFilter } from '../db/queries.js';
import * as sq from '../db/stats-queries.js';
import { hideWith, protectCounts, protectMedian } from '../domain/disclosure.js';

export interface FiguresQuery {
  scope: ScopeFilter;
  since: Date | null;
  now: Date;
  viewerChannelId: string;
  groupBy: sq.StatsGrouping | null;
}

/** Region groups one level below the scope: cities under the platform or a province, counties under a city. */
export function regionDigits(scope: ScopeFilter): number {
  return scope.kind === 'region' ? Math.min(scope.prefix.length + 2, 6) : 4;
}

/** `YYYY-MM` of each month from `first` to `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; key = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(key);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return months;
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** Rows by key; the total is the row whose key is NULL. */
function byKey<T extends { key: string | null }>(rows: readonly T[]): { total: T | undefined; groups: Map<string, T> } {
  return { total: rows.find((row) => row.key === null), groups: new Map(rows.flatMap((row) => (row.key === null ? [] : [[row.key, row] as const]))) };
}

export async function impactFigures(db: Queryable, query: FiguresQuery): Promise<{ metrics: StatsFigures; groups: StatsGroup[] }> {
  const selection: sq.StatsSelection = { ...query, regionDigits: regionDigits(query.scope) };
  const service = byKey(await sq.serviceFigures(db, selection));
  const fill = byKey(await sq.fillFigures(db, selection));
  const needs = byKey(await sq.needsFigures(db, selection));
  const approvals = byKey(await sq.approvalFigures(db, selection));

  const seen = [service, fill, needs, approvals].flatMap((family) => [...family.groups.keys()]).sort();
  let keys = [...new Set(seen)];
  if (query.groupBy === 'month') {
    // Every month of the period, quiet ones too: a trend with gaps closed up would mislead.
    const first = query.since ? monthOf(query.since) : seen[0];
    keys = first ? monthsBetween(first, monthOf(query.now)) : [];
  }

  const volunteers = protectCounts(keys.map((key) => service.groups.get(key)?.active_volunteers ?? 0), service.total?.active_volunteers ?? 0);
  const hours = hideWith(keys.map((key) => service.groups.get(key)?.approved_hours ?? 0), volunteers.cells);
  const filled = protectCounts(keys.map((key) => fill.groups.get(key)?.filled ?? 0), fill.total?.filled ?? 0);
  const rates = hideWith(keys.map((key) => rate(fill.groups.get(key))), filled.cells);
  const fulfilled = protectCounts(keys.map((key) => needs.groups.get(key)?.fulfilled ?? 0), needs.total?.fulfilled ?? 0);

  const figures = (index: number | null): StatsFigures => {
    const pick = <T>(total: T, cells: readonly T[]) => (index === null ? total : cells[index]!);
    const approval = index === null ? approvals.total : approvals.groups.get(keys[index]!);
    const median = approval?.median_hours ?? null;
    const shown: StatsFigures = {
      approvedHours: pick(volunteers.total === null ? null : service.total?.approved_hours ?? 0, hours),
      activeVolunteers: pick(volunteers.total, volunteers.cells),
      fillRate: pick(filled.total === null ? null : rate(fill.total), rates),
      needsFulfilled: pick(fulfilled.total, fulfilled.cells),
      // To the minute: the median of seconds would show noise, not lag.
      medianApprovalHours: roundMinute(protectMedian(median, approval?.approvals ?? 0)),
      suppressed: [],
    };
    const hidden: Array<[StatsMetric, boolean]> = [
      ['approvedHours', shown.approvedHours === null],
      ['activeVolunteers', shown.activeVolunteers === null],
      ['fillRate', shown.fillRate === null && pick(filled.total, filled.cells) === null],
      ['needsFulfilled', shown.needsFulfilled === null],
      ['medianApprovalHours', shown.medianApprovalHours === null && median !== null],
    ];
    return { ...shown, suppressed: hidden.flatMap(([metric, isHidden]) => (isHidden ? [metric] : [])) };
  };
  return { metrics: figures(null), groups: keys.map((key, index) => ({ key, ...figures(index) })) };
}

/** Spots taken ÷ offered, to three places; `null` where none were offered. */
function rate(row: { filled: number; capacity: number } | undefined): number | null {
  return row && row.capacity > 0 ? Math.round((row.filled / row.capacity) * 1000) / 1000 : null;
}

function roundMinute(hours: number | null): number | null {
  return hours === null ? null : Math.round(hours * 60) / 60;
}
