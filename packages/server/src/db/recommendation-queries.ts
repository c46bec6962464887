/** The SQL behind recommendations: the candidates, the volunteer's history, dismissals. @module */
import type { Queryable } from './database.js';
import type { RecommendationCandidateRow, RecommendationHistoryRow } from './rows.js';

/** How many activities are scored per request: the soonest visible ones, which is what a volunteer acts on. */
export const CANDIDATE_LIMIT = 300;

/**
 * Activities the channel sees that are recruiting and have a shift not yet started, minus those
 * the volunteer dismissed, soonest first, each with those shifts. The finer filters (window, age,
 * spots, clashes) are domain/recommendations.ts's, on these rows.
 */
export async function recommendationCandidates(db: Queryable, channelId: string, volunteerId: string, now: Date): Promise<RecommendationCandidateRow[]> {
  return db.query<RecommendationCandidateRow>(
    `SELECT o.id, o.category, o.skills, o.region_code, o.audience, o.status, o.signup_opens_at, o.signup_closes_at,
       o.requirements, o.timezone, up.shifts
     FROM opportunities o
       CROSS JOIN LATERAL (
         SELECT min(sh.starts_at) AS next_start,
           json_agg(json_build_object('id', sh.id, 'starts_at', sh.starts_at, 'ends_at', sh.ends_at,
             'capacity', sh.capacity, 'signed_up', sh.signed_up) ORDER BY sh.starts_at, sh.id) AS shifts
         FROM shifts sh WHERE sh.opportunity_id = o.id AND sh.starts_at > $3
       ) up
     WHERE o.status = 'recruiting' AND (o.audience = 'public' OR o.audience = $1) AND up.next_start IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM recommendation_dismissals d WHERE d.volunteer_id = $2 AND d.opportunity_id = o.id)
     ORDER BY up.next_start, o.id
     LIMIT $4`,
    [channelId, volunteerId, now, CANDIDATE_LIMIT],
  );
}

/**
 * What the volunteer took part in: their live sign-ups (with the shift's times, for clashes and
 * habits) and their approved service records, with each activity's category, skills and region.
 */
export async function recommendationHistory(db: Queryable, volunteerId: string): Promise<RecommendationHistoryRow[]> {
  return db.query<RecommendationHistoryRow>(
    `SELECT 'signup' AS source, s.status, sh.starts_at, sh.ends_at, o.category, o.skills, o.region_code, o.timezone
     FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN opportunities o ON o.id = s.opportunity_id
     WHERE s.volunteer_id = $1 AND s.status NOT IN ('cancelled', 'rejected')
     UNION ALL
     SELECT 'record' AS source, r.status, sh.starts_at, sh.ends_at, o.category, o.skills, o.region_code, o.timezone
     FROM service_records r JOIN shifts sh ON sh.id = r.shift_id JOIN opportunities o ON o.id = r.opportunity_id
     WHERE r.volunteer_id = $1 AND r.status = 'approved'`,
    [volunteerId],
  );
}

export async function volunteerBirthDate(db: Queryable, volunteerId: string): Promise<{ birth_date: string | null } | undefined> {
  const rows = await db.query<{ birth_date: string | null }>(`SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM volunteers WHERE id = $1`, [volunteerId]);
  return rows[0];
}

/** Whether the channel sees the activity (drafts are nobody's to dismiss). */
export async function visibleOpportunityExists(db: Queryable, channelId: string, opportunityId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM opportunities WHERE id = $1 AND status <> 'draft' AND (audience = 'public' OR audience = $2)`, [opportunityId, channelId]);
  return rows.length > 0;
}

/** Records a dismissal once; a second one keeps the first time. Returns the time on record. */
export async function dismissRecommendation(db: Queryable, volunteerId: string, opportunityId: string, now: Date): Promise<Date> {
  await db.query(
    `INSERT INTO recommendation_dismissals (volunteer_id, opportunity_id, dismissed_at) VALUES ($1, $2, $3)
     ON CONFLICT (volunteer_id, opportunity_id) DO NOTHING`,
    [volunteerId, opportunityId, now],
  );
  const rows = await db.query<{ dismissed_at: Date }>(
    `SELECT dismissed_at FROM recommendation_dismissals WHERE volunteer_id = $1 AND opportunity_id = $2`, [volunteerId, opportunityId]);
  return rows[0]!.dismissed_at;
}
