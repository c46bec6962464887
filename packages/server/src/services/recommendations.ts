/**
 * The signed-in volunteer's recommendations: the facts gathered from the database, scored by
 * domain/recommendations.ts, presented as list items with their reasons; and dismissing one.
 */
import type { ListRecommendationsQuery, Recommendation, RecommendationDismissal, RecommendationPage } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import { OPPORTUNITY_LIST_SELECT } from '../db/queries.js';
import * as q from '../db/recommendation-queries.js';
import { iso, toOpportunitySummary, type OpportunityListRow, type RecommendationCandidateRow } from '../db/rows.js';
import { recommend, timeSlotOf, usualRegion, type Candidate, type Scored, type VolunteerFacts } from '../domain/recommendations.js';
import { DomainError } from './errors.js';
import { keysetPage } from './paging.js';

/** The cursor's sort name: a position is (rank key, id), the key descending (domain/recommendations.ts `rankKeyOf`). */
const SORT = 'recommended';

export async function listRecommendations(
  db: Queryable,
  channelId: string,
  volunteerId: string,
  query: Omit<ListRecommendationsQuery, 'limit'> & { limit?: number | undefined },
  now: Date,
): Promise<RecommendationPage> {
  const volunteer = await volunteerFacts(db, channelId, volunteerId, query.regionCode ?? null);
  const candidates = (await q.recommendationCandidates(db, channelId, volunteerId, now)).map(toCandidate);
  const ranked = recommend(candidates, volunteer, now);
  return keysetPage(
    query,
    SORT,
    async (after, rowsToRead) =>
      ranked.filter((r) => !after || r.rankKey < after.key || (r.rankKey === after.key && r.id > after.id)).slice(0, rowsToRead),
    (r) => ({ key: r.rankKey, id: r.id }),
    (page) => present(db, page, now),
  );
}

export async function dismissRecommendation(
  tx: Queryable,
  channelId: string,
  volunteerId: string,
  opportunityId: string,
  now: Date,
): Promise<RecommendationDismissal> {
  if (!(await q.visibleOpportunityExists(tx, channelId, opportunityId)))
    throw new DomainError('not_found', 'No opportunity with this id is visible to this channel.');
  const dismissedAt = await q.dismissRecommendation(tx, volunteerId, opportunityId, now);
  return { opportunityId: opportunityId as RecommendationDismissal['opportunityId'], dismissedAt: iso(dismissedAt) };
}

async function volunteerFacts(db: Queryable, channelId: string, volunteerId: string, regionCode: string | null): Promise<VolunteerFacts> {
  const [person, history] = await Promise.all([q.volunteerBirthDate(db, volunteerId), q.recommendationHistory(db, volunteerId)]);
  if (!person) throw new DomainError('unauthorized', 'The session names an unknown volunteer.');
  return {
    channelId,
    birthDate: person.birth_date,
    regionCode: regionCode ?? usualRegion(history.map((h) => h.region_code)),
    busy: history.filter((h) => h.source === 'signup').map((h) => ({ startsAt: h.starts_at, endsAt: h.ends_at })),
    categories: new Set(history.map((h) => h.category)),
    skills: new Set(history.flatMap((h) => h.skills)),
    slots: history.map((h) => timeSlotOf(h.starts_at, h.timezone)),
  };
}

function toCandidate(row: RecommendationCandidateRow): Candidate {
  return {
    id: row.id,
    category: row.category,
    skills: row.skills,
    regionCode: row.region_code,
    audience: row.audience,
    status: row.status,
    signupOpensAt: row.signup_opens_at,
    signupClosesAt: row.signup_closes_at,
    requirements: row.requirements,
    timezone: row.timezone,
    shifts: row.shifts.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: s.capacity, signedUp: s.signed_up })),
  };
}

/** The page's list items, as GET /v1/opportunities shows them, with their score and reasons. */
async function present(db: Queryable, page: Scored[], now: Date): Promise<Recommendation[]> {
  if (page.length === 0) return [];
  const rows = await db.query<OpportunityListRow>(OPPORTUNITY_LIST_SELECT, [page.map((r) => r.id), now]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.map((r) => ({ ...toOpportunitySummary(byId.get(r.id)!), score: r.score, reasons: r.reasons }));
}
