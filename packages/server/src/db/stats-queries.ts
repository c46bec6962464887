/**
 * The SQL behind impact statistics: one statement per family of figures, each answering the
 * scope's total and its groups at once (GROUPING SETS: the row whose `key` is NULL is the total),
 * so a distinct count over the whole period is exact, not a sum of groups. Suppression of small
 * counts is domain/disclosure.ts's, on these rows.
 * @module
 */
import type { Queryable, SqlParam } from './database.js';
import { firstWholeMonth, Params, RECORD_SCOPE, ROLLUP_SCOPE, scopeCondition, type ScopeFilter } from './queries.js';
import type { StatsApprovalRow, StatsFillRow, StatsNeedsRow, StatsServiceRow } from './rows.js';

export type StatsGrouping = 'month' | 'category' | 'region';

export interface StatsSelection {
  scope: ScopeFilter;
  /** The period's start; `null` for all time. */
  since: Date | null;
  now: Date;
  /** The caller's channel: fill rates count the opportunities it sees (public and its own). */
  viewerChannelId: string;
  groupBy: StatsGrouping | null;
  /** How many leading digits of a region code name a region group (4: city, 6: county). */
  regionDigits: number;
}

const MONTH = (column: string) => `to_char(date_trunc('month', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM')`;

/** `key` for a grouping from its columns, or NULL (the total only). */
function groupKey(s: StatsSelection, p: Params, columns: { month: string; category: string; region: string }): string {
  switch (s.groupBy) {
    case 'month':
      return columns.month;
    case 'category':
      return columns.category;
    case 'region':
      return `left(${columns.region}, ${p.add(s.regionDigits)}::int)`;
    default:
      return 'NULL::text';
  }
}

const TOTAL_AND_GROUPS = 'GROUP BY GROUPING SETS ((), (key)) ORDER BY key NULLS FIRST';

/**
 * Approved hours and active volunteers. Whole months come from the monthly rollup
 * (service_hours_monthly, migrations/003), the part of a month before the first whole one from the
 * records (at most a month of them, by service_records_approved); by category, from the records,
 * which the rollup does not split by.
 */
export async function serviceFigures(db: Queryable, s: StatsSelection): Promise<StatsServiceRow[]> {
  const { sql, params } = serviceFiguresSql(s);
  return db.query<StatsServiceRow>(sql, params);
}

/** The statement `serviceFigures` runs (exported for the query-plan test). */
export function serviceFiguresSql(s: StatsSelection): { sql: string; params: SqlParam[] } {
  const p = new Params();
  // Each branch adds its own parameters: one PostgreSQL is not told of cannot be typed.
  const fromRecords = (from: string | null, until: string | null) => `SELECT r.volunteer_id, r.hours::numeric AS hours,
      date_trunc('month', r.check_out AT TIME ZONE 'UTC') AS month, o.category, o.region_code
    FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.status = 'approved' ${from ? `AND r.check_out >= ${from}` : ''} ${until ? `AND r.check_out < ${until}` : ''}
      AND ${scopeCondition(p, s.scope, RECORD_SCOPE)}`;
  let contributions: string;
  if (s.groupBy === 'category') {
    contributions = fromRecords(s.since ? p.add(s.since) : null, null);
  } else {
    const rollupScope = scopeCondition(p, s.scope, ROLLUP_SCOPE);
    const wholeMonths = s.since ? p.add(firstWholeMonth(s.since)) : null;
    contributions = `SELECT m.volunteer_id, m.hours, m.month::timestamp AS month, NULL::text AS category, m.region_code
      FROM service_hours_monthly m WHERE ${rollupScope} ${wholeMonths ? `AND m.month >= ${wholeMonths}::date` : ''}`;
    if (s.since) contributions += ` UNION ALL ${fromRecords(p.add(s.since), wholeMonths)}`;
  }
  const key = groupKey(s, p, { month: `to_char(c.month, 'YYYY-MM')`, category: 'c.category', region: 'c.region_code' });
  return {
    sql: `SELECT ${key} AS key, coalesce(round(sum(c.hours), 1), 0)::float8 AS approved_hours, count(DISTINCT c.volunteer_id)::int AS active_volunteers
     FROM (${contributions}) c ${TOTAL_AND_GROUPS}`,
    params: p.values,
  };
}

/** Spots taken and offered on shifts that started in the period, of published opportunities the channel sees. */
export async function fillFigures(db: Queryable, s: StatsSelection): Promise<StatsFillRow[]> {
  const p = new Params();
  const viewer = p.add(s.viewerChannelId);
  // A channel scope is what the channel sees; the others are by the opportunity's organization or place.
  const scoped = s.scope.kind === 'channel' ? 'TRUE' : scopeCondition(p, s.scope, { org: 'o.org_id', region: 'o.region_code', channel: '' });
  const key = groupKey(s, p, { month: MONTH('sh.starts_at'), category: 'o.category', region: 'o.region_code' });
  return db.query<StatsFillRow>(
    `SELECT ${key} AS key, coalesce(sum(sh.signed_up), 0)::int AS filled, coalesce(sum(sh.capacity), 0)::int AS capacity
     FROM shifts sh JOIN opportunities o ON o.id = sh.opportunity_id
     WHERE o.status <> 'draft' AND (o.audience = 'public' OR o.audience = ${viewer}) AND ${scoped}
       AND sh.starts_at < ${p.add(s.now)} ${s.since ? `AND sh.starts_at >= ${p.add(s.since)}` : ''}
     ${TOTAL_AND_GROUPS}`,
    p.values,
  );
}

/** Needs fulfilled in the period (and still so, or confirmed); a need's category is that of the record it made. */
export async function needsFigures(db: Queryable, s: StatsSelection): Promise<StatsNeedsRow[]> {
  const p = new Params();
  const scoped = scopeCondition(p, s.scope, { org: 'n.org_id', region: 'n.region_code', channel: 'n.channel_id' });
  const key = groupKey(s, p, { month: MONTH('n.fulfilled_at'), category: `coalesce(o.category, 'community')`, region: 'n.region_code' });
  return db.query<StatsNeedsRow>(
    `SELECT ${key} AS key, count(*)::int AS fulfilled
     FROM needs n LEFT JOIN service_records r ON r.id = n.record_id LEFT JOIN opportunities o ON o.id = r.opportunity_id
     WHERE n.status IN ('fulfilled', 'confirmed') AND n.fulfilled_at IS NOT NULL AND ${scoped}
       ${s.since ? `AND n.fulfilled_at >= ${p.add(s.since)}` : ''}
     ${TOTAL_AND_GROUPS}`,
    p.values,
  );
}

/** The median hours from a record's creation to its approval, over approvals in the period, by month of approval. */
export async function approvalFigures(db: Queryable, s: StatsSelection): Promise<StatsApprovalRow[]> {
  const p = new Params();
  const scoped = scopeCondition(p, s.scope, RECORD_SCOPE);
  const key = groupKey(s, p, { month: MONTH('r.reviewed_at'), category: 'o.category', region: 'o.region_code' });
  return db.query<StatsApprovalRow>(
    `SELECT ${key} AS key, count(*)::int AS approvals,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.reviewed_at - r.created_at) / 3600))::float8 AS median_hours
     FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
     WHERE r.status = 'approved' AND r.reviewed_at IS NOT NULL AND ${scoped} ${s.since ? `AND r.reviewed_at >= ${p.add(s.since)}` : ''}
     ${TOTAL_AND_GROUPS}`,
    p.values,
  );
}
