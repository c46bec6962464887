/**
 * SQL of attendance, the hours policy, organizer reviews, disputes and the audit log. Parameterised
 * throughout; numbers cast to int/float8 so both drivers return JavaScript numbers (see database.ts).
 * @module
 */
import type { Queryable, SqlParam } from './database.js';
import { RECORD_SELECT } from './queries.js';
import type { AttendanceRow, AttendanceShiftRow, AuditRow, DisputeRow, HoursPolicyRow, ServiceRecordRow } from './rows.js';

// ---------------------------------------------------------------------------------------------
// Organizations of a channel, hours policies

export async function channelAuthorizedFor(db: Queryable, channelId: string, orgId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM channel_organizations WHERE channel_id = $1 AND org_id = $2', [channelId, orgId]);
  return rows.length === 1;
}

export async function authorizeChannelFor(db: Queryable, channelId: string, orgId: string): Promise<void> {
  await db.query('INSERT INTO channel_organizations (channel_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [channelId, orgId]);
}

/** The organization's newest policy version, or `null` when it has none (the default applies). */
export async function latestHoursPolicy(db: Queryable, orgId: string): Promise<HoursPolicyRow | null> {
  const [row] = await db.query<HoursPolicyRow>(
    `SELECT version, skew_minutes, min_present_percent, round_down_minutes, approval_sla_hours, auto_approve, created_at
     FROM hours_policies WHERE org_id = $1 ORDER BY version DESC LIMIT 1`,
    [orgId],
  );
  return row ?? null;
}

export async function lockOrganization(db: Queryable, orgId: string): Promise<void> {
  await db.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
}

export async function insertHoursPolicy(db: Queryable, orgId: string, p: Omit<HoursPolicyRow, 'created_at'>, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO hours_policies (org_id, version, skew_minutes, min_present_percent, round_down_minutes, approval_sla_hours, auto_approve, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [orgId, p.version, p.skew_minutes, p.min_present_percent, p.round_down_minutes, p.approval_sla_hours, p.auto_approve, at],
  );
}

// ---------------------------------------------------------------------------------------------
// Shifts and attendance

export async function attendanceShift(db: Queryable, shiftId: string): Promise<AttendanceShiftRow | null> {
  const [row] = await db.query<AttendanceShiftRow>(
    `SELECT s.id, s.opportunity_id, o.title AS opportunity_title, o.org_id, s.starts_at, s.ends_at
     FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id WHERE s.id = $1`,
    [shiftId],
  );
  return row ?? null;
}

/**
 * The organization's other shifts around `now` (starting within 12 h, or ended less than 12 h
 * ago): their kiosks may be showing codes, and a code of one of them is named as "another shift's".
 */
export async function otherOpenShifts(db: Queryable, orgId: string, shiftId: string, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT s.id FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id
     WHERE o.org_id = $1 AND s.id <> $2 AND s.starts_at - interval '12 hours' <= $3 AND s.ends_at + interval '12 hours' >= $3
     ORDER BY s.starts_at LIMIT 50`,
    [orgId, shiftId, now],
  );
  return rows.map((r) => r.id);
}

const ATTENDANCE_SELECT = `
  SELECT a.id, a.signup_id, a.shift_id, a.volunteer_id, a.check_in_at, a.check_out_at, a.check_in_method, a.check_out_method,
    a.recorded_by, a.created_at, a.updated_at,
    (SELECT r.id FROM service_records r WHERE r.signup_id = a.signup_id AND r.source = 'attendance' AND r.status <> 'superseded') AS service_record_id
  FROM attendance a`;

export async function attendanceOfSignup(db: Queryable, signupId: string): Promise<AttendanceRow | null> {
  const [row] = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.signup_id = $1`, [signupId]);
  return row ?? null;
}

export async function insertAttendance(
  db: Queryable,
  a: { id: string; signupId: string; shiftId: string; volunteerId: string; checkInAt: Date; checkOutAt?: Date | null; method: string; recordedBy: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO attendance (id, signup_id, shift_id, volunteer_id, check_in_at, check_out_at, check_in_method, check_out_method, recorded_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE $7 END, $8, $9, $9)`,
    [a.id, a.signupId, a.shiftId, a.volunteerId, a.checkInAt, a.checkOutAt ?? null, a.method, a.recordedBy, a.at],
  );
}

/** Sets the check-out once; `false` if the attendance was already checked out. */
export async function checkOut(db: Queryable, attendanceId: string, at: Date, method: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE attendance SET check_out_at = $2, check_out_method = $3, updated_at = $4 WHERE id = $1 AND check_out_at IS NULL RETURNING id',
    [attendanceId, at, method, now],
  );
  return rows.length === 1;
}

export async function setAttendanceTimes(db: Queryable, attendanceId: string, checkInAt: Date, checkOutAt: Date, recordedBy: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE attendance SET check_in_at = $2, check_out_at = $3, check_out_method = coalesce(check_out_method, 'roster'), recorded_by = $4, updated_at = $5
     WHERE id = $1`,
    [attendanceId, checkInAt, checkOutAt, recordedBy, now],
  );
}

export async function countCheckedIn(db: Queryable, shiftId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance WHERE shift_id = $1', [shiftId]);
  return row!.n;
}

// ---------------------------------------------------------------------------------------------
// Wrong check-in codes in a row

/** Until when the volunteer may not try a code for the shift, or `null`. */
export async function checkinLockedUntil(db: Queryable, volunteerId: string, shiftId: string): Promise<Date | null> {
  const [row] = await db.query<{ locked_until: Date | null }>(
    'SELECT locked_until FROM checkin_failures WHERE volunteer_id = $1 AND shift_id = $2',
    [volunteerId, shiftId],
  );
  return row?.locked_until ?? null;
}

/**
 * Counts one wrong code. The `maxInARow`-th in a row locks the volunteer out of the shift's
 * check-in for `lockSeconds` × 2^(earlier lock-outs), and starts the count again.
 */
export async function recordCheckinFailure(db: Queryable, volunteerId: string, shiftId: string, now: Date, maxInARow: number, lockSeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO checkin_failures AS f (volunteer_id, shift_id, failures, lockouts, locked_until) VALUES ($1, $2, 1, 0, NULL)
     ON CONFLICT (volunteer_id, shift_id) DO UPDATE SET
       failures = CASE WHEN f.failures + 1 >= $4 THEN 0 ELSE f.failures + 1 END,
       lockouts = CASE WHEN f.failures + 1 >= $4 THEN f.lockouts + 1 ELSE f.lockouts END,
       locked_until = CASE WHEN f.failures + 1 >= $4 THEN $3::timestamptz + make_interval(secs => $5 * power(2, least(f.lockouts, 10))) ELSE f.locked_until END`,
    [volunteerId, shiftId, now, maxInARow, lockSeconds],
  );
}

export async function clearCheckinFailures(db: Queryable, volunteerId: string, shiftId: string): Promise<void> {
  await db.query('DELETE FROM checkin_failures WHERE volunteer_id = $1 AND shift_id = $2', [volunteerId, shiftId]);
}

// ---------------------------------------------------------------------------------------------
// Rosters

export interface RosterRow {
  seq: number;
  signup_id: string;
  reference: string;
  volunteer_id: string;
  name: string;
  mobile: string | null;
  status: string;
}

export async function rosterOfShift(db: Queryable, shiftId: string, afterSeq: number | null, limit: number): Promise<RosterRow[]> {
  return db.query<RosterRow>(
    `SELECT s.seq::int AS seq, s.id AS signup_id, s.reference, s.volunteer_id, v.name, v.mobile, s.status
     FROM signups s JOIN volunteers v ON v.id = s.volunteer_id
     WHERE s.shift_id = $1 AND s.status IN ('pending_review', 'approved', 'attended', 'no_show') AND ($2::bigint IS NULL OR s.seq > $2)
     ORDER BY s.seq LIMIT $3`,
    [shiftId, afterSeq, limit],
  );
}

export async function attendanceOfSignups(db: Queryable, signupIds: readonly string[]): Promise<AttendanceRow[]> {
  if (signupIds.length === 0) return [];
  return db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.signup_id = ANY($1::text[])`, [signupIds]);
}

export async function standingRecordsOfSignups(db: Queryable, signupIds: readonly string[]): Promise<Array<{ signup_id: string; id: string; status: ServiceRecordRow['status']; hours: number }>> {
  if (signupIds.length === 0) return [];
  return db.query(
    `SELECT signup_id, id, status, hours FROM service_records
     WHERE signup_id = ANY($1::text[]) AND source = 'attendance' AND status <> 'superseded'`,
    [signupIds],
  );
}

// ---------------------------------------------------------------------------------------------
// Service records from attendance, reviews, corrections

export async function insertRecord(
  db: Queryable,
  r: {
    id: string; volunteerId: string; opportunityId: string; shiftId: string; signupId: string | null; checkIn: Date; checkOut: Date;
    hours: number; status: 'pending' | 'approved'; recordedBy: string; source: ServiceRecordRow['source']; policyVersion: number | null;
    dueAt: Date | null; explanation: unknown; correctsId: string | null; reviewedBy: string | null; at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO service_records (id, volunteer_id, opportunity_id, shift_id, signup_id, check_in, check_out, hours, status, recorded_by, source,
       policy_version, due_at, explanation, corrects_id, reviewed_by, reviewed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, CASE WHEN $9 = 'approved' THEN $17::timestamptz END, $17, $17)`,
    [r.id, r.volunteerId, r.opportunityId, r.shiftId, r.signupId, r.checkIn, r.checkOut, r.hours, r.status, r.recordedBy, r.source,
      r.policyVersion, r.dueAt, JSON.stringify(r.explanation), r.correctsId, r.reviewedBy, r.at],
  );
}

/** Marks a record replaced by a correction; `false` if it was already superseded. */
export async function supersedeRecord(db: Queryable, id: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE service_records SET status = 'superseded', updated_at = $2 WHERE id = $1 AND status <> 'superseded' RETURNING id`,
    [id, at],
  );
  return rows.length === 1;
}

export async function getRecord(db: Queryable, id: string): Promise<ServiceRecordRow | null> {
  const [row] = await db.query<ServiceRecordRow>(`${RECORD_SELECT} WHERE r.id = $1`, [id]);
  return row ?? null;
}

/** Locks records of `orgId` among `ids` for a review, in id order (two bulk reviews never deadlock). */
export async function lockOrgRecords(db: Queryable, orgId: string, ids: readonly string[]): Promise<Array<{ id: string; status: string; channel_id: string }>> {
  return db.query(
    `SELECT r.id, r.status, v.channel_id FROM service_records r
     JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
     WHERE r.id = ANY($1::text[]) AND o.org_id = $2 ORDER BY r.id FOR UPDATE OF r`,
    [ids, orgId],
  );
}

export async function decideRecords(db: Queryable, ids: readonly string[], decision: 'approved' | 'rejected', reviewedBy: string, note: string | null, at: Date): Promise<void> {
  if (ids.length === 0) return;
  // One statement, so the rollup's statement-level triggers see every change at once.
  await db.query(
    `UPDATE service_records SET status = $2, reviewed_by = $3, note = coalesce($4, note), reviewed_at = $5, updated_at = $5
     WHERE id = ANY($1::text[]) AND status = 'pending'`,
    [ids, decision, reviewedBy, note, at],
  );
}

/**
 * The organization's records, ordered by deadline (records without one by creation), `overdueAt`
 * keeping only pending ones due by then.
 */
export async function listOrgRecords(
  db: Queryable,
  orgId: string,
  f: { status?: string | undefined; overdueAt: Date | null; after: { key: number; id: string } | null; limit: number },
): Promise<Array<ServiceRecordRow & { sort_key: number }>> {
  const params: SqlParam[] = [orgId];
  const add = (value: SqlParam) => `$${params.push(value)}`;
  const sortKey = `(extract(epoch FROM coalesce(r.due_at, r.created_at)) * 1000)::float8`;
  const where = [`o.org_id = $1`];
  if (f.status) where.push(`r.status = ${add(f.status)}`);
  if (f.overdueAt) where.push(`r.status = 'pending' AND r.due_at <= ${add(f.overdueAt)}`);
  if (f.after) where.push(`(${sortKey}, r.id) > (${add(f.after.key)}::float8, ${add(f.after.id)})`);
  return db.query(
    `${RECORD_SELECT.replace('r.created_at,', `r.created_at, ${sortKey} AS sort_key,`)} WHERE ${where.join(' AND ')}
     ORDER BY ${sortKey}, r.id LIMIT ${add(f.limit)}`,
    params,
  );
}

/**
 * Approves attendance records whose deadline has passed (unless their organization opted out,
 * or a dispute of theirs is open), at most `limit`, and writes an audit row for each — one
 * statement. Rows another instance is approving right now are skipped, not waited for, and a
 * row it approved is no longer pending: no record is approved twice.
 */
export async function autoApproveDue(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ subject_id: string }>(
    `WITH due AS (
       SELECT r.id FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id
       WHERE r.status = 'pending' AND r.source = 'attendance' AND r.due_at <= $1
         AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.record_id = r.id AND d.status = 'open')
         AND coalesce((SELECT p.auto_approve FROM hours_policies p WHERE p.org_id = o.org_id ORDER BY p.version DESC LIMIT 1), true)
       ORDER BY r.due_at, r.id LIMIT $2
       FOR UPDATE OF r SKIP LOCKED
     ), approved AS (
       UPDATE service_records r SET status = 'approved', reviewed_by = 'auto-approval', reviewed_at = $1, updated_at = $1
       FROM due WHERE r.id = due.id AND r.status = 'pending'
       RETURNING r.id, r.volunteer_id, r.opportunity_id
     ), events AS (
       -- service_record.approved for each, in this transaction (the outbox; services/events.ts).
       INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at)
       SELECT 'evt_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20), v.channel_id, 'service_record.approved', a.id,
         coalesce((SELECT max(x.subject_version) FROM outbox_events x WHERE x.subject_id = a.id), 0) + 1, $1
       FROM approved a JOIN volunteers v ON v.id = a.volunteer_id
     )
     INSERT INTO audit_log (id, channel_id, actor_kind, actor_id, actor_name, org_id, action, subject_type, subject_id, request_id, details, at)
     SELECT 'aud_' || replace(gen_random_uuid()::text, '-', ''), v.channel_id, 'system', NULL, 'auto-approval', o.org_id,
       'service_record.auto_approved', 'service_record', a.id, NULL, '{}'::jsonb, $1
     FROM approved a JOIN volunteers v ON v.id = a.volunteer_id JOIN opportunities o ON o.id = a.opportunity_id
     RETURNING subject_id`,
    [now, limit],
  );
  return rows.map((r) => r.subject_id);
}

/** Each organization's median hours from a record's creation to its approval, over approvals since `since`. */
export async function approvalTimes(
  db: Queryable,
  scope: { orgId?: string; regionPrefix?: string; channelId?: string },
  since: Date | null,
): Promise<Array<{ org_id: string; name: string; median_hours: number; approved: number }>> {
  const params: SqlParam[] = [];
  const add = (value: SqlParam) => `$${params.push(value)}`;
  const where = [`r.status = 'approved'`, `r.reviewed_at IS NOT NULL`];
  if (since) where.push(`r.reviewed_at >= ${add(since)}`);
  if (scope.orgId) where.push(`o.org_id = ${add(scope.orgId)}`);
  if (scope.regionPrefix) where.push(`o.region_code LIKE ${add(`${scope.regionPrefix}%`)}`);
  if (scope.channelId) where.push(`v.channel_id = ${add(scope.channelId)}`);
  return db.query(
    `SELECT o.org_id, g.name,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.reviewed_at - r.created_at) / 3600))::float8 AS median_hours,
       count(*)::int AS approved
     FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN organizations g ON g.id = o.org_id
       JOIN volunteers v ON v.id = r.volunteer_id
     WHERE ${where.join(' AND ')}
     GROUP BY o.org_id, g.name ORDER BY count(*) DESC, o.org_id LIMIT 100`,
    params,
  );
}

// ---------------------------------------------------------------------------------------------
// Disputes

const DISPUTE_SELECT = `
  SELECT d.id, d.seq::int AS seq, d.record_id, d.volunteer_id, d.org_id, r.opportunity_id, d.kind, d.claimed_hours, d.reason, d.status,
    d.resolution_note, d.resolved_by, d.resolved_at, d.correction_id, d.created_at, d.updated_at
  FROM disputes d JOIN service_records r ON r.id = d.record_id`;

export async function insertDispute(
  db: Queryable,
  d: { id: string; recordId: string; volunteerId: string; orgId: string; kind: string; claimedHours: number | null; reason: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO disputes (id, record_id, volunteer_id, org_id, kind, claimed_hours, reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [d.id, d.recordId, d.volunteerId, d.orgId, d.kind, d.claimedHours, d.reason, d.at],
  );
}

export async function getDispute(db: Queryable, id: string, forUpdate = false): Promise<DisputeRow | null> {
  const [row] = await db.query<DisputeRow>(`${DISPUTE_SELECT} WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`, [id]);
  return row ?? null;
}

export async function resolveDispute(
  db: Queryable, id: string, status: 'accepted' | 'rejected', note: string, resolvedBy: string, correctionId: string | null, at: Date,
): Promise<void> {
  await db.query(
    `UPDATE disputes SET status = $2, resolution_note = $3, resolved_by = $4, correction_id = $5, resolved_at = $6, updated_at = $6 WHERE id = $1`,
    [id, status, note, resolvedBy, correctionId, at],
  );
}

export async function listOrgDisputes(db: Queryable, orgId: string, f: { status?: string | undefined; afterSeq: number | null; limit: number }): Promise<DisputeRow[]> {
  return db.query<DisputeRow>(
    `${DISPUTE_SELECT} WHERE d.org_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.seq > $3) ORDER BY d.seq LIMIT $4`,
    [orgId, f.status ?? null, f.afterSeq, f.limit],
  );
}

// ---------------------------------------------------------------------------------------------
// Audit log

export interface AuditInsert {
  id: string;
  channelId: string;
  actorKind: AuditRow['actor_kind'];
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export async function insertAudit(db: Queryable, a: AuditInsert): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (id, channel_id, actor_kind, actor_id, actor_name, org_id, action, subject_type, subject_id, request_id, details, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
    [a.id, a.channelId, a.actorKind, a.actorId, a.actorName, a.orgId, a.action, a.subjectType, a.subjectId, a.requestId, JSON.stringify(a.details), a.at],
  );
}

/** The channel's audit rows, newest first, before `beforeSeq`. */
export async function listAudit(db: Queryable, channelId: string, beforeSeq: number | null, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `SELECT seq::int AS seq, id, actor_kind, actor_id, actor_name, org_id, action, subject_type, subject_id, request_id, at
     FROM audit_log WHERE channel_id = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
    [channelId, beforeSeq, limit],
  );
}
