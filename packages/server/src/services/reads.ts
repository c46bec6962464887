/** The public reads: opportunity search, organizations, honor board, stats, a volunteer's profile. @module */
import type {
  HonorBoard,
  ImpactStats,
  ListOpportunitiesFilters,
  Opportunity,
  OpportunityPage,
  Organization,
  VolunteerProfile,
} from '@volunteerkit/sdk/schemas';
import { NATIONAL_STAR_RULE, StarRule } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import { approvalTimes } from '../db/hours-queries.js';
import { balancesOf, starStateOf } from '../db/points-queries.js';
import { iso, isoOrNull, toHonor, toOpportunity, toOpportunitySummary, toOrganization, type OpportunityRow, type ShiftRow } from '../db/rows.js';
import { hoursToNextStar, maskEmail, maskMobile, publicName, starLevel } from '../domain/people.js';
import { rankWithTies } from '../domain/ranking.js';
import { DomainError } from './errors.js';
import { MIN_PUBLISHED_COUNT } from '../domain/disclosure.js';
import { impactFigures } from './stats.js';
import { keysetPage } from './paging.js';

async function withShifts(db: Queryable, rows: OpportunityRow[]): Promise<Opportunity[]> {
  const shifts = await q.shiftsOf(db, rows.map((r) => r.id));
  const byOpportunity = new Map<string, ShiftRow[]>();
  for (const shift of shifts) {
    const list = byOpportunity.get(shift.opportunity_id) ?? [];
    list.push(shift);
    byOpportunity.set(shift.opportunity_id, list);
  }
  return rows.map((row) => toOpportunity(row, byOpportunity.get(row.id) ?? []));
}

/** The search a list request asks for: its filters, sort and position (the route has validated them). */
export function opportunitySearch(
  channelId: string,
  f: ListOpportunitiesFilters,
  now: Date,
  after: { key: number; id: string } | null,
  limit: number,
): q.OpportunitySearch {
  const terms = (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  // near's ranges, radiusKm's bounds and the rules that tie them to `sort` are the contract's
  // (ListOpportunitiesQuery), checked when the route parses the query.
  return {
    channelId,
    now,
    terms,
    category: f.category,
    regionPrefix: f.regionCode,
    orgId: f.orgId,
    near: f.near,
    radiusKm: f.radiusKm,
    from: f.from ? new Date(f.from) : undefined,
    to: f.to ? new Date(f.to) : undefined,
    skills: f.skills,
    hasOpenSlots: f.hasOpenSlots,
    status: f.status,
    sort: f.sort ?? (terms.length ? 'relevance' : 'startsAt'),
    after: after ? { key: after.key, id: after.id } : null,
    limit,
  };
}

export async function listOpportunities(db: Queryable, channelId: string, f: ListOpportunitiesFilters, now: Date): Promise<OpportunityPage> {
  const sort = opportunitySearch(channelId, f, now, null, 0).sort;
  const search = (after: { key: number; id: string } | null, limit: number) =>
    q.searchOpportunities(db, opportunitySearch(channelId, f, now, after, limit));
  return keysetPage(f, sort, search, (row) => ({ key: row.sort_key!, id: row.id }), (rows) => rows.map(toOpportunitySummary));
}

export async function getOpportunity(db: Queryable, channelId: string, id: string, now: Date): Promise<Opportunity | null> {
  const row = await q.getOpportunity(db, id, channelId, now);
  return row ? (await withShifts(db, [row]))[0]! : null;
}

export async function listOrganizations(
  db: Queryable,
  f: { q?: string | undefined; kind?: string | undefined; regionCode?: string | undefined; limit?: number | undefined; cursor?: string | undefined },
): Promise<{ data: Organization[]; nextCursor: string | null }> {
  return keysetPage(f, 'id', (after, limit) => q.listOrganizations(db, f, after?.id ?? null, limit), (row) => ({ key: 0, id: row.id }),
    (rows) => rows.map(toOrganization));
}

export async function getOrganization(db: Queryable, id: string): Promise<Organization | null> {
  const row = await q.getOrganization(db, id);
  return row ? toOrganization(row) : null;
}

/** `platform`, `org:<id>`, `region:<code>`, `channel:<id>` → a filter. Channel scopes are the caller's own only. */
export function scopeFilter(scope: string, callerChannelId: string): q.ScopeFilter {
  if (scope === 'platform') return { kind: 'platform' };
  const [kind, value = ''] = scope.split(/:(.*)/s) as [string, string?];
  if (kind === 'org') return { kind: 'org', orgId: value };
  if (kind === 'region') return { kind: 'region', prefix: value };
  if (value !== callerChannelId) throw new DomainError('forbidden', 'A channel scope is only readable with that channel\'s own key.');
  return { kind: 'channel', channelId: value };
}

/**
 * Boards and stats are computed "as of" the current minute, so repeated requests within it are
 * byte-identical and revalidate with a 304 (their `generatedAt` says which minute).
 */
export function asOfMinute(now: Date): Date {
  return new Date(now.getTime() - (now.getTime() % 60_000));
}

/** The start of a period ending now (a rolling week, month or year), `null` for all time. */
export function periodStart(period: 'week' | 'month' | 'year' | 'all', now: Date): Date | null {
  const days = { week: 7, month: 30, year: 365, all: 0 }[period];
  return days ? new Date(now.getTime() - days * 86_400_000) : null;
}

/**
 * Reads from service_totals (migrations/004), first moving its rolling windows up when they lag
 * behind `now` (the first read of a new minute does it, once, for every later read). `exact` says
 * whether the period's window starts at `since`; it does not when a clock behind the one that
 * moved it asks, or when changes in flight kept the windows from moving just now, and the caller
 * then computes from the monthly rollup and the records.
 */
async function readTotals<T>(db: Queryable, since: Date | null, now: Date, read: () => Promise<q.FromTotals<T>>): Promise<{ value: T; exact: boolean }> {
  let answer = await read();
  if (since && answer.windowStart && answer.windowStart < since) {
    await q.advanceTotals(db, now);
    answer = await read();
  }
  return { value: answer.value, exact: (answer.windowStart?.getTime() ?? null) === (since?.getTime() ?? null) };
}

export async function starRule(db: Queryable): Promise<StarRule> {
  const stored = await q.setting(db, 'star_rule');
  if (!stored) return NATIONAL_STAR_RULE;
  const parsed = StarRule.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : NATIONAL_STAR_RULE;
}

export async function honorBoard(
  db: Queryable,
  callerChannelId: string,
  query: { scope?: string | undefined; period?: 'week' | 'month' | 'year' | 'all' | undefined; metric?: 'hours' | 'points' | undefined;
    subject?: 'volunteer' | 'organization' | undefined; limit?: number | undefined; featured?: number | undefined },
  clock: Date,
): Promise<HonorBoard> {
  const now = asOfMinute(clock);
  const scope = query.scope ?? 'platform';
  const period = query.period ?? 'month';
  const metric = query.metric ?? 'hours';
  const subject = query.subject ?? 'volunteer';
  const filter = scopeFilter(scope, callerChannelId);
  const rule = await starRule(db);
  const board = { subject, metric, period, scope: filter, limit: query.limit ?? 10 };
  const since = periodStart(period, now);
  const ranked = await readTotals(db, since, now, () => q.rankedTotals(db, board));
  const rows = ranked.exact ? ranked.value : await q.honorBoardRows(db, { ...board, since });
  const featured = await q.featuredHonors(db, filter, query.featured ?? 3);
  return {
    scope,
    period,
    metric,
    subject,
    generatedAt: iso(now),
    entries: rankWithTies(rows, (r) => r.value).map((row) => ({
      rank: row.rank,
      subject: {
        type: subject,
        id: row.id,
        name: subject === 'volunteer' ? publicName(row.name, row.show_name) : row.name,
        avatarUrl: row.avatar_url,
        // Each volunteer under their channel's rule, as their own profile shows it.
        starLevel: subject === 'volunteer' ? starLevel(row.lifetime_hours, row.star_thresholds ? { thresholds: row.star_thresholds } : rule) : null,
      },
      value: row.value,
    })),
    featured: featured.map(toHonor),
  };
}

export async function impactStats(
  db: Queryable,
  callerChannelId: string,
  query: { scope?: string | undefined; period?: 'week' | 'month' | 'year' | 'all' | undefined; groupBy?: 'month' | 'category' | 'region' | undefined },
  clock: Date,
): Promise<ImpactStats> {
  const now = asOfMinute(clock);
  const scope = query.scope ?? 'platform';
  const period = query.period ?? 'all';
  const since = periodStart(period, now);
  const filter = scopeFilter(scope, callerChannelId);
  // The statement itself falls back to the rollup and the records when the window is not the period's.
  const { value: row } = await readTotals(db, since, now, () => q.impactStats(db, filter, period, since, callerChannelId, now));
  const approvals = await approvalTimes(db, filter.kind === 'org' ? { orgId: filter.orgId } : filter.kind === 'region' ? { regionPrefix: filter.prefix }
    : filter.kind === 'channel' ? { channelId: filter.channelId } : {}, since);
  const groupBy = query.groupBy ?? null;
  const figures = await impactFigures(db, { scope: filter, since, now, viewerChannelId: callerChannelId, groupBy });
  return {
    scope,
    period,
    registeredVolunteers: row.registered_volunteers,
    organizations: row.organizations,
    openOpportunities: row.open_opportunities,
    approvedHours: row.approved_hours,
    signupsInPeriod: row.signups_in_period,
    approvalTimes: approvals.map((a) => ({
      organizationId: a.org_id as ImpactStats['approvalTimes'][number]['organizationId'],
      organizationName: a.name,
      // To the minute: the median of seconds would show noise, not lag.
      medianApprovalHours: Math.round(a.median_hours * 60) / 60,
      approvedRecords: a.approved,
    })),
    metrics: figures.metrics,
    groupBy,
    groups: figures.groups,
    minPublishedCount: MIN_PUBLISHED_COUNT,
    generatedAt: iso(now),
  };
}

/** The signed-in volunteer's own profile: their details with contact masked, stars from approved hours. */
export async function volunteerProfile(db: Queryable, volunteerId: string): Promise<VolunteerProfile | null> {
  const v = await q.getVolunteer(db, volunteerId);
  if (!v) return null;
  const totals = await q.approvedTotals(db, volunteerId);
  // The channel's own rule (else the platform's, else the national one), as star levels are kept.
  const stars = await starStateOf(db, volunteerId, v.channel_id);
  const rule: StarRule = { thresholds: stars.thresholds };
  const { available } = await balancesOf(db, volunteerId);
  return {
    id: v.id as VolunteerProfile['id'],
    displayName: publicName(v.name, v.show_name),
    avatarUrl: v.avatar_url,
    starLevel: starLevel(totals.hours, rule),
    approvedHours: totals.hours,
    points: totals.points,
    name: v.name,
    channelId: v.channel_id as VolunteerProfile['channelId'],
    mobile: v.mobile ? maskMobile(v.mobile) : null,
    email: v.email ? maskEmail(v.email) : null,
    studentId: v.student_id,
    employeeId: v.employee_id,
    showName: v.show_name,
    birthDateOnFile: v.birth_date !== null,
    hoursToNextStar: hoursToNextStar(totals.hours, rule),
    starLevelReachedAt: starLevel(totals.hours, rule) > 0 ? isoOrNull(stars.reached_at) : null,
    starRule: rule,
    pointsAvailable: available,
    createdAt: iso(v.created_at),
    updatedAt: iso(v.updated_at),
  };
}
