/**
 * The campus demo's signed-in student (the SSO user of scripts/demo-server.mjs) with a history, so
 * their recommendations have reasons to give: approved service records in the categories most
 * recruited for around Hangzhou, in West Lake district, and a birth date for age limits.
 */
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';

/** As the campus demo's back end vouches for them (scripts/demo-server.mjs). */
export const SEED_SSO_STUDENT = {
  id: 'vol_demoSsoStudent',
  externalId: 'zju-sso|3230100123',
  name: '林晓雨',
  mobile: '13957112345',
  studentId: '3230100123',
  birthDate: '2005-09-12',
} as const;

/** Seeds the student and their approved records on past shifts; returns how many records. */
export async function seedSsoStudent(tx: Queryable, channelId: string, now: Date): Promise<number> {
  const s = SEED_SSO_STUDENT;
  await tx.query(
    `INSERT INTO volunteers (id, channel_id, external_id, identity_key, name, mobile, birth_date, student_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $9)`,
    [s.id, channelId, s.externalId, `studentId:${s.studentId}`, s.name, s.mobile, s.birthDate, s.studentId, now],
  );
  // Past shifts in the two categories most recruited for in Hangzhou now, West Lake district first.
  const past = await tx.query<{ shift_id: string; opportunity_id: string; starts_at: Date; hours: number }>(
    `WITH liked AS (
       SELECT category FROM opportunities WHERE status = 'recruiting' AND region_code LIKE '3301%'
       GROUP BY category ORDER BY count(*) DESC, category LIMIT 2
     )
     SELECT DISTINCT ON (o.id) sh.id AS shift_id, o.id AS opportunity_id, sh.starts_at, o.hours_per_shift AS hours
     FROM opportunities o JOIN shifts sh ON sh.opportunity_id = o.id
     WHERE o.status = 'completed' AND o.region_code LIKE '3301%' AND o.category IN (SELECT category FROM liked) AND sh.ends_at < $1
     ORDER BY o.id, sh.starts_at DESC`,
    [now],
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
