/**
 * SQL of the needs board (migration 009): the service menu, needs and their claims, the residents'
 * cap rows and the standing opportunity records from needs belong to.
 * @module
 */
import type { Queryable, SqlParam } from './database.js';
import type { NeedRow, ServiceMenuRow } from './rows.js';

const NEED_COLUMNS = `id, seq::int AS seq, channel_id, org_id, service_code, title, details, region_code, preferred_times, requester_masked,
  resident_key, address_sealed, contact_sealed, filed_by, helper_id, helper_name, consent, status, status_reason, expires_at, claim_due_at,
  opened_at, claimed_by, claimed_at, fulfilled_at, record_id, confirm_code_sealed, confirm_failures, confirmed_at, confirmed_by, rating,
  rating_comment, version, created_at, updated_at`;

export async function serviceMenu(db: Queryable, channelId: string): Promise<ServiceMenuRow[]> {
  return db.query<ServiceMenuRow>(
    `SELECT code, name_zh_cn, name_zh_tw, name_en, typical_minutes, weekly_cap FROM service_menu_items WHERE channel_id = $1 ORDER BY position, code`,
    [channelId],
  );
}

export async function insertMenuItem(db: Queryable, channelId: string, item: ServiceMenuRow & { position: number }): Promise<void> {
  await db.query(
    `INSERT INTO service_menu_items (channel_id, code, name_zh_cn, name_zh_tw, name_en, typical_minutes, weekly_cap, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (channel_id, code) DO UPDATE SET name_zh_cn = excluded.name_zh_cn, name_zh_tw = excluded.name_zh_tw, name_en = excluded.name_en,
       typical_minutes = excluded.typical_minutes, weekly_cap = excluded.weekly_cap, position = excluded.position`,
    [channelId, item.code, item.name_zh_cn, item.name_zh_tw, item.name_en, item.typical_minutes, item.weekly_cap, item.position],
  );
}

export async function getNeed(db: Queryable, id: string, forUpdate = false): Promise<NeedRow | null> {
  const rows = await db.query<NeedRow>(`SELECT ${NEED_COLUMNS} FROM needs WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/**
 * Locks the resident's row (made on first use): two needs of one resident filed at once are
 * counted against the cap one after the other, on PostgreSQL as on PGlite.
 */
export async function lockResident(db: Queryable, channelId: string, residentKey: string): Promise<void> {
  await db.query(
    `INSERT INTO need_residents (channel_id, resident_key, needs_filed) VALUES ($1, $2, 0)
     ON CONFLICT (channel_id, resident_key) DO UPDATE SET needs_filed = need_residents.needs_filed`,
    [channelId, residentKey],
  );
}

export async function countResidentNeeds(db: Queryable, channelId: string, residentKey: string, serviceCode: string, since: Date, uncounted: readonly string[]): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM needs WHERE channel_id = $1 AND resident_key = $2 AND service_code = $3 AND created_at > $4 AND NOT (status = ANY($5::text[]))`,
    [channelId, residentKey, serviceCode, since, uncounted],
  );
  return rows[0]!.n;
}

export async function markResidentFiled(db: Queryable, channelId: string, residentKey: string): Promise<void> {
  await db.query(`UPDATE need_residents SET needs_filed = needs_filed + 1 WHERE channel_id = $1 AND resident_key = $2`, [channelId, residentKey]);
}

export async function insertNeed(db: Queryable, n: Omit<NeedRow, 'seq' | 'version' | 'confirm_failures'>): Promise<void> {
  await db.query(
    `INSERT INTO needs (id, channel_id, org_id, service_code, title, details, region_code, preferred_times, requester_masked, resident_key,
       address_sealed, contact_sealed, filed_by, helper_id, helper_name, consent, status, status_reason, expires_at, claim_due_at, opened_at,
       claimed_by, claimed_at, fulfilled_at, record_id, confirm_code_sealed, confirmed_at, confirmed_by, rating, rating_comment, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)`,
    [n.id, n.channel_id, n.org_id, n.service_code, n.title, n.details, n.region_code, n.preferred_times, n.requester_masked, n.resident_key,
      n.address_sealed, n.contact_sealed, n.filed_by, n.helper_id, n.helper_name, JSON.stringify(n.consent), n.status, n.status_reason,
      n.expires_at, n.claim_due_at, n.opened_at, n.claimed_by, n.claimed_at, n.fulfilled_at, n.record_id, n.confirm_code_sealed,
      n.confirmed_at, n.confirmed_by, n.rating, n.rating_comment, n.created_at, n.updated_at],
  );
}

/** The columns a step may change; the version goes up by one. */
export type NeedChange = Partial<Pick<NeedRow,
  'status' | 'status_reason' | 'claim_due_at' | 'opened_at' | 'claimed_by' | 'claimed_at' | 'fulfilled_at' | 'record_id' |
  'confirm_code_sealed' | 'confirmed_at' | 'confirmed_by' | 'rating' | 'rating_comment'>>;

export async function updateNeed(db: Queryable, id: string, change: NeedChange, at: Date): Promise<NeedRow> {
  const params: SqlParam[] = [id, at];
  const sets = Object.entries(change).map(([column, value]) => `${column} = $${params.push(value as SqlParam)}`);
  const rows = await db.query<NeedRow>(
    `UPDATE needs SET ${[...sets, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${NEED_COLUMNS}`,
    params,
  );
  return rows[0]!;
}

export async function countConfirmFailure(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE needs SET confirm_failures = confirm_failures + 1 WHERE id = $1 AND status = 'fulfilled'`, [id]);
}

/** The public board: `sort` by waiting time (oldest first) or newest first, keyset after `(key, id)`. */
export async function listBoard(
  db: Queryable,
  channelId: string,
  f: { serviceCode?: string | undefined; regionPrefix?: string | undefined; status: string; newest: boolean; after: { key: number; id: string } | null; limit: number },
): Promise<Array<NeedRow & { sort_key: number }>> {
  const params: SqlParam[] = [channelId, f.status];
  const add = (value: SqlParam) => `$${params.push(value)}`;
  const sortKey = f.newest ? `(-extract(epoch FROM created_at) * 1000)::float8` : `(extract(epoch FROM coalesce(opened_at, created_at)) * 1000)::float8`;
  const where = [`channel_id = $1`, `status = $2`];
  if (f.serviceCode) where.push(`service_code = ${add(f.serviceCode)}`);
  if (f.regionPrefix) where.push(`region_code LIKE ${add(`${f.regionPrefix}%`)}`);
  if (f.after) where.push(`(${sortKey}, id) > (${add(f.after.key)}::float8, ${add(f.after.id)})`);
  return db.query(`SELECT ${NEED_COLUMNS}, ${sortKey} AS sort_key FROM needs WHERE ${where.join(' AND ')} ORDER BY sort_key, id LIMIT ${add(f.limit)}`, params);
}

export async function listOrgNeeds(db: Queryable, orgId: string, f: { status?: string | undefined; afterSeq: number | null; limit: number }): Promise<NeedRow[]> {
  const params: SqlParam[] = [orgId];
  const add = (value: SqlParam) => `$${params.push(value)}`;
  const where = [`org_id = $1`];
  if (f.status) where.push(`status = ${add(f.status)}`);
  if (f.afterSeq !== null) where.push(`seq > ${add(f.afterSeq)}`);
  return db.query(`SELECT ${NEED_COLUMNS} FROM needs WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${add(f.limit)}`, params);
}

/** A volunteer's claims, newest first (needs they hold or held to fulfilment). */
export async function listClaims(db: Queryable, volunteerId: string, beforeSeq: number | null, limit: number): Promise<NeedRow[]> {
  const params: SqlParam[] = [volunteerId, limit];
  const before = beforeSeq === null ? '' : ` AND seq < $${params.push(beforeSeq)}`;
  return db.query(`SELECT ${NEED_COLUMNS} FROM needs WHERE claimed_by = $1${before} ORDER BY seq DESC LIMIT $2`, params);
}

/** Claims past their deadline, locked; rows another instance holds are skipped. */
export async function lockOverdueClaims(db: Queryable, now: Date, limit: number): Promise<NeedRow[]> {
  return db.query(
    `SELECT ${NEED_COLUMNS} FROM needs WHERE status = 'claimed' AND claim_due_at <= $1 ORDER BY claim_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

/** Submitted or open needs past their expiry, locked, skipping rows another instance holds. */
export async function lockExpiredNeeds(db: Queryable, now: Date, limit: number): Promise<NeedRow[]> {
  return db.query(
    `SELECT ${NEED_COLUMNS} FROM needs WHERE status IN ('submitted', 'open') AND expires_at <= $1 ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

export async function needHost(db: Queryable, orgId: string): Promise<{ opportunity_id: string; shift_id: string } | null> {
  const rows = await db.query<{ opportunity_id: string; shift_id: string }>(`SELECT opportunity_id, shift_id FROM need_hosts WHERE org_id = $1`, [orgId]);
  return rows[0] ?? null;
}

/**
 * The organization's standing opportunity and shift for records from needs. A draft, so it never
 * appears in public lists; the caller holds the organization's row lock.
 */
export async function insertNeedHost(db: Queryable, orgId: string, ids: { opportunityId: string; shiftId: string }, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO opportunities (id, org_id, title, summary, category, location_name, region_code, status, hours_per_shift, created_at, updated_at)
     SELECT $2, o.id, '社区微心愿 Neighbourhood needs', '居民微心愿的服务记录', 'community', o.name, o.region_code, 'draft', 8, $3, $3 FROM organizations o WHERE o.id = $1`,
    [orgId, ids.opportunityId, at],
  );
  await db.query(
    `INSERT INTO shifts (id, opportunity_id, starts_at, ends_at, capacity, created_at, updated_at) VALUES ($2, $1, '2000-01-01T00:00:00Z', '9999-12-31T00:00:00Z', 1, $3, $3)`,
    [ids.opportunityId, ids.shiftId, at],
  );
  await db.query(`INSERT INTO need_hosts (org_id, opportunity_id, shift_id) VALUES ($1, $2, $3)`, [orgId, ids.opportunityId, ids.shiftId]);
}

/** The organizations of kind `community` a channel is authorized for. */
export async function channelCommunityOrgs(db: Queryable, channelId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT o.id FROM channel_organizations c JOIN organizations o ON o.id = c.org_id WHERE c.channel_id = $1 AND o.kind = 'community' ORDER BY o.id LIMIT 2`,
    [channelId],
  );
  return rows.map((r) => r.id);
}

export async function organizationKind(db: Queryable, orgId: string): Promise<string | null> {
  const rows = await db.query<{ kind: string }>(`SELECT kind FROM organizations WHERE id = $1`, [orgId]);
  return rows[0]?.kind ?? null;
}
