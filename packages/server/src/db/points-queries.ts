/**
 * SQL of the points ledger, rewards, redemptions and star levels (migrations/007). Earnings and
 * reversals are not here: the database makes them when a record's status changes. Parameterised
 * throughout; numbers cast to int/float8 so both drivers return JavaScript numbers.
 * @module
 */
import type { Queryable } from './database.js';
import type { PointsEntryRow, RedemptionRow, RewardRow } from './rows.js';

// ---------------------------------------------------------------------------------------------
// Balances and statements

export async function balancesOf(db: Queryable, volunteerId: string): Promise<{ available: number; held: number }> {
  const rows = await db.query<{ account: 'available' | 'held'; balance: number }>(
    'SELECT account, balance::float8 AS balance FROM points_balances WHERE volunteer_id = $1',
    [volunteerId],
  );
  const of = (account: string) => rows.find((r) => r.account === account)?.balance ?? 0;
  return { available: of('available'), held: of('held') };
}

/** The volunteer's available points, locked until the transaction ends (0 without a row yet). */
export async function lockAvailable(db: Queryable, volunteerId: string): Promise<number> {
  const [row] = await db.query<{ balance: number }>(
    `SELECT balance::float8 AS balance FROM points_balances WHERE volunteer_id = $1 AND account = 'available' FOR UPDATE`,
    [volunteerId],
  );
  return row?.balance ?? 0;
}

/** The volunteer's transactions before `beforeSeq`, newest first, each with its change to their two accounts. */
export async function pointsEntries(db: Queryable, volunteerId: string, beforeSeq: number | null, limit: number): Promise<PointsEntryRow[]> {
  return db.query<PointsEntryRow>(
    `SELECT t.id, t.seq::int AS seq, t.kind, t.record_id, t.redemption_id, t.at,
       coalesce(sum(CASE WHEN x.credit = 'available' THEN x.amount WHEN x.debit = 'available' THEN -x.amount ELSE 0 END), 0)::int AS available,
       coalesce(sum(CASE WHEN x.credit = 'held' THEN x.amount WHEN x.debit = 'held' THEN -x.amount ELSE 0 END), 0)::int AS held
     FROM points_transactions t LEFT JOIN points_transfers x ON x.transaction_id = t.id
     WHERE t.volunteer_id = $1 AND ($2::bigint IS NULL OR t.seq < $2)
     GROUP BY t.id, t.seq ORDER BY t.seq DESC LIMIT $3`,
    [volunteerId, beforeSeq, limit],
  );
}

export interface Transfer {
  debit: 'available' | 'held' | 'issued' | 'redeemed' | 'written_off';
  credit: Transfer['debit'];
  amount: number;
}

/** One transaction and its transfers (the balances follow by trigger; a negative one is refused by the database). */
export async function postTransaction(
  db: Queryable,
  t: { id: string; channelId: string; volunteerId: string; kind: 'hold' | 'release' | 'capture'; redemptionId: string; at: Date; transfers: Transfer[] },
): Promise<void> {
  await db.query(
    `INSERT INTO points_transactions (id, channel_id, volunteer_id, kind, redemption_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [t.id, t.channelId, t.volunteerId, t.kind, t.redemptionId, t.at],
  );
  await db.query(
    `INSERT INTO points_transfers (transaction_id, channel_id, volunteer_id, debit, credit, amount)
     SELECT $1, $2, $3, debit, credit, amount FROM unnest($4::text[], $5::text[], $6::bigint[]) AS x(debit, credit, amount)`,
    [t.id, t.channelId, t.volunteerId, t.transfers.map((x) => x.debit), t.transfers.map((x) => x.credit), t.transfers.map((x) => x.amount)],
  );
}

/**
 * Releases many redemptions' held points in one statement per table (expiry): transfers in
 * volunteer order, so balance rows are locked in the order every other change locks them.
 */
export async function postReleases(
  db: Queryable,
  releases: ReadonlyArray<{ id: string; channelId: string; volunteerId: string; redemptionId: string; amount: number }>,
  at: Date,
): Promise<void> {
  if (releases.length === 0) return;
  const sorted = [...releases].sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0));
  const column = <K extends keyof (typeof sorted)[number]>(key: K) => sorted.map((r) => r[key]) as string[];
  await db.query(
    `INSERT INTO points_transactions (id, channel_id, volunteer_id, kind, redemption_id, at)
     SELECT id, channel_id, volunteer_id, 'release', redemption_id, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(id, channel_id, volunteer_id, redemption_id)`,
    [column('id'), column('channelId'), column('volunteerId'), column('redemptionId'), at],
  );
  await db.query(
    `INSERT INTO points_transfers (transaction_id, channel_id, volunteer_id, debit, credit, amount)
     SELECT id, channel_id, volunteer_id, 'held', 'available', amount FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS x(id, channel_id, volunteer_id, amount, n)
     ORDER BY n`,
    [column('id'), column('channelId'), column('volunteerId'), sorted.map((r) => r.amount)],
  );
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export interface ReconciliationRow {
  transactions: number;
  issued: number;
  available: number;
  held: number;
  redeemed: number;
  written_off: number;
  balance_mismatches: number;
  negative_balances: number;
  record_mismatches: number;
}

/** The channel's books recomputed from its transfers, and every way they could disagree with the balances and the records. */
export async function reconcile(db: Queryable, channelId: string): Promise<ReconciliationRow> {
  const [row] = await db.query<ReconciliationRow>(
    `WITH legs AS (
       SELECT volunteer_id, credit AS account, amount FROM points_transfers WHERE channel_id = $1
       UNION ALL
       SELECT volunteer_id, debit, -amount FROM points_transfers WHERE channel_id = $1
     ), per_account AS (
       SELECT account, sum(amount) AS total FROM legs GROUP BY account
     ), per_volunteer AS (
       SELECT volunteer_id, account, sum(amount) AS total FROM legs WHERE account IN ('available', 'held') GROUP BY 1, 2
     ), kept AS (
       SELECT b.volunteer_id, b.account, b.balance FROM points_balances b JOIN volunteers v ON v.id = b.volunteer_id WHERE v.channel_id = $1
     )
     SELECT
       (SELECT count(*) FROM points_transactions WHERE channel_id = $1)::int AS transactions,
       coalesce((SELECT total FROM per_account WHERE account = 'issued'), 0)::float8 AS issued,
       coalesce((SELECT total FROM per_account WHERE account = 'available'), 0)::float8 AS available,
       coalesce((SELECT total FROM per_account WHERE account = 'held'), 0)::float8 AS held,
       coalesce((SELECT total FROM per_account WHERE account = 'redeemed'), 0)::float8 AS redeemed,
       coalesce((SELECT total FROM per_account WHERE account = 'written_off'), 0)::float8 AS written_off,
       (SELECT count(*) FROM per_volunteer p FULL JOIN kept k USING (volunteer_id, account)
         WHERE coalesce(p.total, 0) <> coalesce(k.balance, 0))::int AS balance_mismatches,
       (SELECT count(*) FROM kept WHERE balance < 0)::int AS negative_balances,
       (SELECT count(*) FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id JOIN opportunities o ON o.id = r.opportunity_id
         CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE t.kind = 'earn') - count(*) FILTER (WHERE t.kind = 'reversal') AS standing
           FROM points_transactions t WHERE t.record_id = r.id) e
         WHERE v.channel_id = $1 AND e.standing <> CASE
           WHEN r.status = 'approved' AND round((r.hours * o.points_per_hour)::numeric) > 0 THEN 1 ELSE 0
         END)::int AS record_mismatches`,
    [channelId],
  );
  return row!;
}

// ---------------------------------------------------------------------------------------------
// Star levels

export async function starStateOf(db: Queryable, volunteerId: string, channelId: string): Promise<{ level: number; reached_at: Date | null; thresholds: number[] }> {
  const [row] = await db.query<{ level: number | null; reached_at: Date | null; thresholds: number[] }>(
    `SELECT (SELECT level FROM volunteer_star_levels WHERE volunteer_id = $1) AS level,
       (SELECT reached_at FROM volunteer_star_levels WHERE volunteer_id = $1) AS reached_at,
       star_rule_of($2)::float8[] AS thresholds`,
    [volunteerId, channelId],
  );
  return { level: row!.level ?? 0, reached_at: row!.reached_at, thresholds: row!.thresholds };
}

/** Sets the channel's star rule and moves its volunteers' levels to it, recording each change. */
export async function setStarRule(db: Queryable, channelId: string, thresholds: readonly number[], at: Date, announce: boolean): Promise<void> {
  await db.query(
    `INSERT INTO star_rules (channel_id, thresholds, updated_at) VALUES ($1, $2::numeric[], $3)
     ON CONFLICT (channel_id) DO UPDATE SET thresholds = excluded.thresholds, updated_at = excluded.updated_at`,
    [channelId, thresholds, at],
  );
  await db.query(
    `SELECT star_levels_apply(ARRAY(SELECT DISTINCT m.volunteer_id FROM service_hours_monthly m WHERE m.channel_id = $1), $2, $3)`,
    [channelId, at, announce],
  );
}

export async function starLevelChanges(db: Queryable, volunteerId: string): Promise<Array<{ from_level: number; to_level: number; approved_hours: number; at: Date }>> {
  return db.query(
    'SELECT from_level, to_level, approved_hours::float8 AS approved_hours, at FROM star_level_changes WHERE volunteer_id = $1 ORDER BY seq',
    [volunteerId],
  );
}

// ---------------------------------------------------------------------------------------------
// Rewards and redemptions

const REWARD_SELECT = `
  SELECT w.id, w.channel_id, w.org_id, g.name AS org_name, w.title, w.description, w.terms, w.image_url, w.cost, w.stock_left,
    w.validity_days, w.available_until, w.active, w.created_at, w.updated_at
  FROM rewards w LEFT JOIN organizations g ON g.id = w.org_id`;

/** The channel's rewards on offer at `now`, cheapest first. */
export async function listRewards(db: Queryable, channelId: string, now: Date, after: { key: number; id: string } | null, limit: number): Promise<RewardRow[]> {
  return db.query<RewardRow>(
    `${REWARD_SELECT}
     WHERE w.channel_id = $1 AND w.active AND (w.available_until IS NULL OR w.available_until > $2)
       AND ($3::int IS NULL OR (w.cost, w.id) > ($3::int, $4::text))
     ORDER BY w.cost, w.id LIMIT $5`,
    [channelId, now, after?.key ?? null, after?.id ?? null, limit],
  );
}

/** The reward, locked: its stock is checked and taken while no one else can. */
export async function lockReward(db: Queryable, id: string, channelId: string): Promise<RewardRow | null> {
  const [row] = await db.query<RewardRow>(`${REWARD_SELECT} WHERE w.id = $1 AND w.channel_id = $2 FOR UPDATE OF w`, [id, channelId]);
  return row ?? null;
}

export async function takeStock(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE rewards SET stock_left = stock_left - 1, updated_at = $2 WHERE id = $1', [id, at]);
}

/** Puts one back per redemption, rewards locked in id order (an expiry batch and a redemption never deadlock). */
export async function returnStock(db: Queryable, rewardIds: readonly string[], at: Date): Promise<void> {
  if (rewardIds.length === 0) return;
  await db.query('SELECT id FROM rewards WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [[...new Set(rewardIds)]]);
  await db.query(
    `UPDATE rewards w SET stock_left = w.stock_left + x.n, updated_at = $2
     FROM (SELECT id, count(*)::int AS n FROM unnest($1::text[]) AS id GROUP BY id) x WHERE w.id = x.id`,
    [rewardIds, at],
  );
}

/** Inserts a held redemption; `false` if its code is already live in the channel (draw another). */
export async function insertRedemption(
  db: Queryable,
  r: { id: string; channelId: string; rewardId: string; volunteerId: string; points: number; code: string; undoUntil: Date; expiresAt: Date; at: Date },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO redemptions (id, channel_id, reward_id, volunteer_id, points, code, status, undo_until, expires_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'held', $7, $8, $9, $9)
     ON CONFLICT (channel_id, code) WHERE status = 'held' DO NOTHING RETURNING id`,
    [r.id, r.channelId, r.rewardId, r.volunteerId, r.points, r.code, r.undoUntil, r.expiresAt, r.at],
  );
  return rows.length === 1;
}

const REDEMPTION_SELECT = `
  SELECT d.id, d.seq::int AS seq, d.channel_id, d.reward_id, w.title AS reward_title, w.org_id AS reward_org_id, d.volunteer_id,
    d.points, d.code, d.status, d.undo_until, d.expires_at, d.captured_by, d.settled_at, d.created_at, d.updated_at
  FROM redemptions d JOIN rewards w ON w.id = d.reward_id`;

export async function getRedemption(db: Queryable, id: string, forUpdate = false): Promise<RedemptionRow | null> {
  const [row] = await db.query<RedemptionRow>(`${REDEMPTION_SELECT} WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`, [id]);
  return row ?? null;
}

/** The channel's redemption with this code: the live one if any, else the latest, locked. */
export async function lockRedemptionByCode(db: Queryable, channelId: string, code: string): Promise<RedemptionRow | null> {
  const [row] = await db.query<RedemptionRow>(
    `${REDEMPTION_SELECT} WHERE d.channel_id = $1 AND d.code = $2 ORDER BY d.status = 'held' DESC, d.seq DESC LIMIT 1 FOR UPDATE OF d`,
    [channelId, code],
  );
  return row ?? null;
}

export async function settleRedemption(db: Queryable, id: string, status: 'captured' | 'undone', capturedBy: string | null, at: Date): Promise<void> {
  await db.query(
    `UPDATE redemptions SET status = $2, captured_by = $3, settled_at = $4, updated_at = $4 WHERE id = $1 AND status = 'held'`,
    [id, status, capturedBy, at],
  );
}

/**
 * Marks held redemptions past their expiry as expired, at most `limit`, skipping rows another
 * instance is working on; returns them. A row no longer held is never picked again.
 */
export async function expireDue(db: Queryable, now: Date, limit: number): Promise<RedemptionRow[]> {
  return db.query<RedemptionRow>(
    `WITH due AS (
       SELECT id FROM redemptions WHERE status = 'held' AND expires_at <= $1 ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
     ), expired AS (
       UPDATE redemptions d SET status = 'expired', settled_at = $1, updated_at = $1 FROM due WHERE d.id = due.id AND d.status = 'held'
       RETURNING d.*
     )
     SELECT d.id, d.seq::int AS seq, d.channel_id, d.reward_id, w.title AS reward_title, w.org_id AS reward_org_id, d.volunteer_id,
       d.points, d.code, d.status, d.undo_until, d.expires_at, d.captured_by, d.settled_at, d.created_at, d.updated_at
     FROM expired d JOIN rewards w ON w.id = d.reward_id ORDER BY d.id`,
    [now, limit],
  );
}

export async function listRedemptions(db: Queryable, volunteerId: string, status: string | null, beforeSeq: number | null, limit: number): Promise<RedemptionRow[]> {
  return db.query<RedemptionRow>(
    `${REDEMPTION_SELECT} WHERE d.volunteer_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.seq < $3)
     ORDER BY d.seq DESC LIMIT $4`,
    [volunteerId, status, beforeSeq, limit],
  );
}

export async function insertReward(
  db: Queryable,
  w: { id: string; channelId: string; orgId: string | null; title: string; description: string; terms: string; imageUrl: string | null;
    cost: number; stock: number; validityDays: number; availableUntil: Date | null; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO rewards (id, channel_id, org_id, title, description, terms, image_url, cost, stock_left, validity_days, available_until, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [w.id, w.channelId, w.orgId, w.title, w.description, w.terms, w.imageUrl, w.cost, w.stock, w.validityDays, w.availableUntil, w.at],
  );
}
