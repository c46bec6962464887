/**
 * SQL of certificates and their signing keys (migration 008). Parameterised throughout; numbers
 * cast so both drivers return JavaScript numbers (see database.ts).
 * @module
 */
import type { Queryable } from './database.js';
import type { CertificateKeyRow, CertificateRow } from './rows.js';

const KEY_COLUMNS = 'kid, public_jwk, private_jwk_sealed, created_at, retired_at';
const CERTIFICATE_COLUMNS = 'id, number, channel_id, volunteer_id, kid, claims, jws, issued_at, revoked_at, revocation_reason';

/** The key in use; `share` holds it until the transaction ends, so a rotation waits for a signing in progress. */
export async function keyInUse(db: Queryable, options: { share?: boolean } = {}): Promise<CertificateKeyRow | null> {
  const [row] = await db.query<CertificateKeyRow>(`SELECT ${KEY_COLUMNS} FROM certificate_keys WHERE retired_at IS NULL${options.share ? ' FOR SHARE' : ''}`);
  return row ?? null;
}

/** Every key, newest first: the published key set. */
export function allKeys(db: Queryable): Promise<CertificateKeyRow[]> {
  return db.query<CertificateKeyRow>(`SELECT ${KEY_COLUMNS} FROM certificate_keys ORDER BY created_at DESC, kid`);
}

/** Puts `key` in use unless another is (a concurrent first start); true when this one was stored. */
export async function insertKeyIfNoneInUse(db: Queryable, key: { kid: string; publicJwk: object; privateJwkSealed: string; at: Date }): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO certificate_keys (kid, public_jwk, private_jwk_sealed, created_at) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT DO NOTHING RETURNING kid`,
    [key.kid, JSON.stringify(key.publicJwk), key.privateJwkSealed, key.at],
  );
  return rows.length === 1;
}

/**
 * Retires the key in use (locked, so two rotations queue up, and a signing in progress finishes
 * first); returns its kid. The window closes no earlier than the last certificate the key signed:
 * a signing that began before the rotation took its lock may carry a later issue time.
 */
export async function retireKeyInUse(db: Queryable, at: Date): Promise<string | null> {
  const [locked] = await db.query<{ kid: string }>('SELECT kid FROM certificate_keys WHERE retired_at IS NULL FOR UPDATE');
  if (!locked) return null;
  await db.query(
    `UPDATE certificate_keys SET retired_at = greatest($2::timestamptz, created_at, (SELECT max(issued_at) FROM certificates WHERE kid = $1))
     WHERE kid = $1`,
    [locked.kid, at],
  );
  return locked.kid;
}

export interface ApprovedInPeriod {
  hours: number;
  record_ids: string[];
}

/**
 * The volunteer's approved records whose service began in [from, to] (days in China Standard
 * Time, both included). Superseded, pending and rejected records do not count.
 */
export async function approvedRecordsInPeriod(db: Queryable, volunteerId: string, from: string, to: string): Promise<ApprovedInPeriod> {
  const [row] = await db.query<ApprovedInPeriod>(
    `SELECT coalesce(sum(hours), 0)::float8 AS hours, coalesce(array_agg(id ORDER BY id), '{}') AS record_ids
     FROM service_records
     WHERE volunteer_id = $1 AND status = 'approved'
       AND check_in >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
       AND check_in < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [volunteerId, from, to],
  );
  return row!;
}

/** The next certificate sequence number (the number is made from it before the row exists, to be signed). */
export async function nextCertificateSeq(db: Queryable): Promise<number> {
  const [row] = await db.query<{ seq: number }>(`SELECT nextval(pg_get_serial_sequence('certificates', 'seq'))::int AS seq`);
  return row!.seq;
}

export async function insertCertificate(db: Queryable, c: {
  id: string; seq: number; number: string; channelId: string; volunteerId: string; kid: string; from: string; to: string;
  hours: number; recordCount: number; claims: object; jws: string; at: Date;
}): Promise<void> {
  await db.query(
    `INSERT INTO certificates (id, seq, number, channel_id, volunteer_id, kid, period_from, period_to, hours, record_count, claims, jws, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)`,
    [c.id, c.seq, c.number, c.channelId, c.volunteerId, c.kid, c.from, c.to, c.hours, c.recordCount, JSON.stringify(c.claims), c.jws, c.at],
  );
}

export async function lockCertificate(db: Queryable, id: string): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1 FOR UPDATE`, [id]);
  return row ?? null;
}

export async function getCertificate(db: Queryable, id: string): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1`, [id]);
  return row ?? null;
}

export async function markRevoked(db: Queryable, id: string, reason: string, at: Date): Promise<void> {
  await db.query('UPDATE certificates SET revoked_at = $2, revocation_reason = $3 WHERE id = $1', [id, at, reason]);
}

/** Every revoked certificate, newest revocation first. */
export function revokedCertificates(db: Queryable): Promise<Array<{ id: string; number: string; revoked_at: Date | string }>> {
  return db.query('SELECT id, number, revoked_at FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at DESC, id');
}
