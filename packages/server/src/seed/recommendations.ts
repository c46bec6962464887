/**
 * The campus demo's signed-in student (the SSO user of scripts/demo-server.mjs) with a history, so
 * their recommendations have reasons to give: approved service records in the categories most
 * recruited for around Hangzhou, in West Lake district, and a birth date for age limits.
 */
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';

/**
 * As the campus demo's back end vouches for them (scripts/demo-server.mjs): the one campus demo
 * student, inserted by seedDemoData (SEED_STATION in seed.ts) with a few records of their own;
 * this adds the history recommendations read.
 */
export const SEED_SSO_STUDENT = {
  id: 'vol_demoCampusStudent',
  externalId: 'zju-sso|3230100123',
  name: '林晓雨',
  mobile: '13957112345',
  studentId: '3230100123',
  birthDate: '2005-03-14',
} as const;

/** Adds the student's approved records on past shifts they have no record of yet; returns how many. */
export async function seedSsoStudent(tx: Queryable, now: Date): Promise<number> {
  const s = SEED_SSO_STUDENT;
  // Past shifts in the two categories most recruited for in Hangzhou now, West Lake district first.
  const past = await tx.query<{ shift_id: string; opportunity_id: string; starts_at: Date; hours: number }>(
    `WITH liked AS (
       SELECT category FROM opportunities WHERE status = 'recruiting' AND region_code LIKE '3301%'
       GROUP BY category ORDER BY count(*) DESC, category LIMIT 2
     )
     SELECT DISTINCT ON (o.id) sh.id AS shift_id, o.id AS opportunity_id, sh.starts_at, o.hours_per_shift AS hours
     FROM opportunities o JOIN shifts sh ON sh.opportunity_id = o.id
     WHERE o.status = 'completed' AND o.region_code LIKE '3301%' AND o.category IN (SELECT category FROM liked) AND sh.ends_at < $1
       AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.volunteer_id = $2 AND r.shift_id = sh.id)
     ORDER BY o.id, sh.starts_at DESC`,
    [now, s.id],
  );
  const chosen = past.sort((a, b) => b.starts_at.getTime() - a.starts_at.getTime()).slice(0, 5);
  await q.bulkInsert(tx, 'service_records', chosen.map((p, i) => {
    const checkOut = new Date(p.starts_at.getTime() + p.hours * 3_600_000);
    return {
      id: `rec_demoSsoStudent${i + 1}`, volunteer_id: s.id, opportunity_id: p.opportunity_id, shift_id: p.shift_id,
      check_in: p.starts_at.toISOString(), check_out: checkOut.toISOString(), hours: p.hours, status: 'approved',
      recorded_by: '组织方签到系统', created_at: checkOut.toISOString(), updated_at: checkOut.toISOString(),
    };
  }));
  return chosen.length;
}
