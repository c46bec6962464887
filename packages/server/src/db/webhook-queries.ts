/**
 * SQL of webhooks and the events feed (migration 010): endpoints, deliveries and their attempts,
 * the subject versions of events, and the feed's reads below the oldest open transaction.
 */
import type { Queryable } from './database.js';
import type { DeliveryRow, FeedEventRow, WebhookAttemptRow, WebhookEndpointRow } from './rows.js';

/** The version the next event about `subjectId` carries: one more than its last. */
export async function nextSubjectVersion(db: Queryable, subjectId: string): Promise<number> {
  const [row] = await db.query<{ version: number }>(
    'SELECT coalesce(max(subject_version), 0)::int + 1 AS version FROM outbox_events WHERE subject_id = $1', [subjectId]);
  return row!.version;
}

/** The channel a volunteer belongs to: events about their records and disputes go to it. */
export async function channelOfVolunteer(db: Queryable, volunteerId: string): Promise<string> {
  const [row] = await db.query<{ channel_id: string }>('SELECT channel_id FROM volunteers WHERE id = $1', [volunteerId]);
  return row!.channel_id;
}

/**
 * The channel's events after position (`afterTxid`, `afterSeq`), in (txid, seq) order, only those
 * written by transactions older than every transaction still open (`pg_snapshot_xmin`): those are
 * all finished, and whatever commits later has a larger txid, so it lands after them.
 */
export function feedEvents(db: Queryable, channelId: string, after: { txid: string; seq: number } | null, limit: number): Promise<FeedEventRow[]> {
  return db.query<FeedEventRow>(
    `SELECT e.seq::int AS seq, e.txid::text AS txid, e.id, e.type, e.subject_id, e.subject_version, e.channel_id, e.occurred_at
     FROM outbox_events e
     WHERE e.channel_id = $1 AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
       AND ($2::xid8 IS NULL OR (e.txid, e.seq) > ($2::xid8, $3::bigint))
     ORDER BY e.txid, e.seq LIMIT $4`,
    [channelId, after?.txid ?? null, after?.seq ?? 0, limit],
  );
}

const ENDPOINT_COLUMNS = `id, channel_id, url, description, event_types, secret, previous_secret, previous_secret_expires_at, sandbox,
  status, disabled_reason, last_success_at, created_at, updated_at, seq::int AS seq`;

export async function insertEndpoint(
  db: Queryable,
  e: { id: string; channelId: string; url: string; description: string; eventTypes: readonly string[]; secret: string; sandbox: boolean; at: Date },
): Promise<WebhookEndpointRow> {
  const [row] = await db.query<WebhookEndpointRow>(
    `INSERT INTO webhook_endpoints (id, channel_id, url, description, event_types, secret, sandbox, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${ENDPOINT_COLUMNS}`,
    [e.id, e.channelId, e.url, e.description, e.eventTypes, e.secret, e.sandbox, e.at],
  );
  return row!;
}

export async function getEndpoint(db: Queryable, id: string, channelId: string, forUpdate = false): Promise<WebhookEndpointRow | null> {
  const [row] = await db.query<WebhookEndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND channel_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, channelId]);
  return row ?? null;
}

export function listEndpoints(db: Queryable, channelId: string, afterSeq: number | null, limit: number): Promise<WebhookEndpointRow[]> {
  return db.query<WebhookEndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE channel_id = $1 AND ($2::bigint IS NULL OR seq > $2) ORDER BY seq LIMIT $3`,
    [channelId, afterSeq, limit],
  );
}

export async function updateEndpoint(
  db: Queryable,
  id: string,
  change: {
    url: string; sandbox: boolean; description: string; eventTypes: readonly string[]; status: 'enabled' | 'disabled'; disabledReason: string | null;
    secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null; at: Date;
  },
): Promise<WebhookEndpointRow> {
  const [row] = await db.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET url = $2, description = $3, event_types = $4, status = $5, disabled_reason = $6, secret = $7,
       previous_secret = $8, previous_secret_expires_at = $9, updated_at = $10, sandbox = $11
     WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
    [id, change.url, change.description, change.eventTypes, change.status, change.disabledReason, change.secret,
      change.previousSecret, change.previousSecretExpiresAt, change.at, change.sandbox],
  );
  return row!;
}

export async function deleteEndpoint(db: Queryable, id: string, channelId: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhook_endpoints WHERE id = $1 AND channel_id = $2 RETURNING id', [id, channelId])).length === 1;
}

const DELIVERY_SELECT = `SELECT d.id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.created_at, d.updated_at, d.seq::int AS seq,
    e.id AS event_id, e.type AS event_type, e.subject_id, e.subject_version, e.channel_id, e.occurred_at
  FROM webhook_deliveries d JOIN outbox_events e ON e.seq = d.event_seq`;

export function listDeliveries(db: Queryable, endpointId: string, filter: { status?: string | undefined; afterSeq: number | null; limit: number }): Promise<DeliveryRow[]> {
  // Newest first: the log is read to see what just happened.
  return db.query<DeliveryRow>(
    `${DELIVERY_SELECT} WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.seq < $3)
     ORDER BY d.seq DESC LIMIT $4`,
    [endpointId, filter.status ?? null, filter.afterSeq, filter.limit],
  );
}

export async function getDelivery(db: Queryable, endpointId: string, id: string): Promise<DeliveryRow | null> {
  const [row] = await db.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.endpoint_id = $1 AND d.id = $2`, [endpointId, id]);
  return row ?? null;
}

export function attemptsOf(db: Queryable, deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
  return db.query<WebhookAttemptRow>(
    `SELECT delivery_id, attempt, at, duration_ms, status_code, error, succeeded FROM webhook_attempts
     WHERE delivery_id = ANY($1::text[]) ORDER BY delivery_id, seq`,
    [deliveryIds],
  );
}

/** Due again at `at`, its schedule from the start (a replay, or the endpoint enabled again). */
export async function requeueDelivery(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1`, [id, at]);
  await db.query(`SELECT pg_notify('vk_webhooks', '')`);
}

/** A delivery claimed for one attempt: what the dispatcher needs to send it. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  endpoint_id: string;
  url: string;
  sandbox: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  event_id: string;
  event_type: string;
  subject_id: string;
  subject_version: number;
  channel_id: string;
  occurred_at: Date;
  created_at: Date;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints for one attempt each: rows another
 * instance holds are skipped, and each claimed row's `next_attempt_at` becomes `leaseUntil`, so no
 * other instance takes it while this one sends it; if this one dies, the lease runs out and the
 * delivery is due again.
 */
export function claimDueDeliveries(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  return db.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND w.status = 'enabled'
       ORDER BY d.next_attempt_at, d.seq LIMIT $3
       FOR UPDATE OF d SKIP LOCKED
     ), claimed AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2, updated_at = $1
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.attempts, d.endpoint_id, d.event_seq, d.created_at
     )
     SELECT c.id, c.attempts, c.endpoint_id, c.created_at, w.url, w.sandbox, w.secret, w.previous_secret, w.previous_secret_expires_at,
       e.id AS event_id, e.type AS event_type, e.subject_id, e.subject_version, e.channel_id, e.occurred_at
     FROM claimed c JOIN webhook_endpoints w ON w.id = c.endpoint_id JOIN outbox_events e ON e.seq = c.event_seq`,
    [now, leaseUntil, limit],
  );
}

/** When the earliest pending delivery of an enabled endpoint is due, or `null`. */
export async function nextDueAt(db: Queryable): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>(
    `SELECT min(d.next_attempt_at) AS at FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
     WHERE d.status = 'pending' AND w.status = 'enabled'`);
  return row?.at ? new Date(row.at) : null;
}

/**
 * The result of attempt number `attempt`, recorded only if no later claim has taken the delivery
 * (a slow instance whose lease ran out must not overwrite a newer attempt's outcome). Returns
 * whether it was recorded.
 */
export async function recordAttempt(
  db: Queryable,
  a: {
    deliveryId: string; attempt: number; instance: string; at: Date; durationMs: number; statusCode: number | null; error: string | null;
    succeeded: boolean; next: { status: 'pending'; at: Date } | { status: 'succeeded' | 'failed' };
  },
): Promise<boolean> {
  const updated = await db.query<{ endpoint_id: string }>(
    `UPDATE webhook_deliveries SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), updated_at = $5
     WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING endpoint_id`,
    [a.deliveryId, a.attempt, a.next.status, a.next.status === 'pending' ? a.next.at : null, a.at],
  );
  if (updated.length === 0) return false;
  await db.query(
    `INSERT INTO webhook_attempts (delivery_id, attempt, instance, at, duration_ms, status_code, error, succeeded)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.deliveryId, a.attempt, a.instance, a.at, a.durationMs, a.statusCode, a.error, a.succeeded],
  );
  if (a.succeeded) await db.query('UPDATE webhook_endpoints SET last_success_at = $2 WHERE id = $1', [updated[0]!.endpoint_id, a.at]);
  return true;
}

/**
 * Disables the endpoint when nothing reached it since `since` (the first attempt of a delivery that
 * just gave up): it has failed for the whole retry schedule. Returns whether it did.
 */
export async function disableIfFailingSince(db: Queryable, endpointId: string, since: Date, at: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'failing', updated_at = $3
     WHERE id = $1 AND status = 'enabled' AND (last_success_at IS NULL OR last_success_at < $2) RETURNING id`,
    [endpointId, since, at],
  );
  return rows.length === 1;
}
