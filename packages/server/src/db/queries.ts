/**
 * Every SQL statement the server runs, in one place. Values always travel as parameters ($1…);
 * the only text spliced into SQL is chosen from constants in this file (sort expressions, table
 * names), never from a request.
 */
import { prepared, type Database, type Queryable, type SqlParam } from './database.js';
import type {
  ApiKeyRow,
  BoardRow,
  ChannelRow,
  HonorRow,
  LockedShift,
  OpportunityListRow,
  OpportunityRow,
  OrganizationRow,
  ServiceRecordRow,
  ShiftRow,
  SignupExportRow,
  SignupRow,
  StatsRow,
  VolunteerFields,
  VolunteerRow,
} from './rows.js';

/** Collects parameters and hands out their `$n` placeholders. */
export class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes `%`, `_` and `\` so user text matches literally inside an ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------
// Settings, keys, channels

/** Reads a setting, creating it with `initial` if absent; instances racing agree on the first. */
export async function settingOrCreate(db: Queryable, key: string, initial: string): Promise<string> {
  await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, initial]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return row!.value;
}

export async function setting(db: Queryable, key: string): Promise<string | null> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return row?.value ?? null;
}

export async function findApiKey(db: Queryable, keyHash: string): Promise<ApiKeyRow | null> {
  const [row] = await db.query<ApiKeyRow>(
    'SELECT channel_id, kind FROM api_keys WHERE key_hash = $1',
    [keyHash],
  );
  return row ?? null;
}

export async function insertChannel(db: Queryable, channel: Omit<ChannelRow, 'created_at' | 'updated_at'>): Promise<void> {
  await db.query(
    `INSERT INTO channels (id, name, kind, allowed_origins, identity_fields, privacy_policy_url, privacy_policy_version, default_locale, theme)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [channel.id, channel.name, channel.kind, channel.allowed_origins, channel.identity_fields, channel.privacy_policy_url,
      channel.privacy_policy_version, channel.default_locale, channel.theme],
  );
}

export async function insertApiKey(db: Queryable, keyHash: string, channelId: string, kind: 'publishable' | 'secret'): Promise<void> {
  await db.query('INSERT INTO api_keys (key_hash, channel_id, kind) VALUES ($1, $2, $3)', [keyHash, channelId, kind]);
}

export async function getChannel(db: Queryable, id: string): Promise<ChannelRow | null> {
  const [row] = await db.query<ChannelRow>('SELECT * FROM channels WHERE id = $1', [id]);
  return row ?? null;
}

/** Every channel's allow-list, for answering a preflight that names no key. */
export async function allAllowedOrigins(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ origin: string }>('SELECT DISTINCT unnest(allowed_origins) AS origin FROM channels');
  return rows.map((r) => r.origin);
}

export async function countChannels(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM channels');
  return row!.n;
}

/** A channel and one listed opportunity's category, region and title: what a start-up warm-up asks about (null on an empty database). */
export async function warmUpSample(db: Queryable): Promise<{ channel_id: string; category: string; region_code: string; title: string } | null> {
  const [row] = await db.query<{ channel_id: string; category: string; region_code: string; title: string }>(
    `SELECT c.id AS channel_id, o.category, o.region_code, o.title
     FROM channels c CROSS JOIN LATERAL (
       SELECT category, region_code, title FROM opportunities WHERE status IN ('recruiting', 'full') ORDER BY id LIMIT 1) o
     ORDER BY c.id LIMIT 1`,
  );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Organizations

export async function listOrganizations(
  db: Queryable,
  filters: { q?: string | undefined; kind?: string | undefined; regionCode?: string | undefined },
  afterId: string | null,
  limit: number,
): Promise<OrganizationRow[]> {
  const p = new Params();
  const where: string[] = [];
  if (filters.q) where.push(`(name ILIKE ${p.add(likePattern(filters.q))} OR description ILIKE ${p.add(likePattern(filters.q))})`);
  if (filters.kind) where.push(`kind = ${p.add(filters.kind)}`);
  if (filters.regionCode) where.push(`region_code = ${p.add(filters.regionCode)}`);
  if (afterId) where.push(`id > ${p.add(afterId)}`);
  return db.query<OrganizationRow>(
    `SELECT * FROM organizations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${p.add(limit)}`,
    p.values,
  );
}

export async function getOrganization(db: Queryable, id: string): Promise<OrganizationRow | null> {
  const [row] = await db.query<OrganizationRow>('SELECT * FROM organizations WHERE id = $1', [id]);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Opportunities

export type OpportunitySortName = 'relevance' | 'startsAt' | 'newest' | 'distance' | 'spotsLeft';

export interface OpportunitySearch {
  channelId: string;
  now: Date;
  terms: string[];
  category?: string | undefined;
  regionPrefix?: string | undefined;
  orgId?: string | undefined;
  near?: { lat: number; lng: number } | undefined;
  radiusKm?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  skills?: string[] | undefined;
  hasOpenSlots?: boolean | undefined;
  status?: string | undefined;
  sort: OpportunitySortName;
  after: { key: number; id: string } | null;
  limit: number;
}

/** The `startsAt` key of an opportunity with no shift still to come or under way: after every date. */
const NO_START_KEY = 1e12;
/**
 * Whether a figure kept on the opportunity (`open_spots`, migrations/013; `next_start`, 015) holds
 * at `now` (a placeholder): the time is inside the window it was computed for. On `o`.
 */
const windowHolds = (figure: 'open_spots' | 'next_start', now: string) =>
  `(${now} >= o.${figure}_from AND ${now} < o.${figure}_until)`;
/** The `distance` key of an opportunity without coordinates: after every distance. */
const NO_DISTANCE_KEY = 1e9;
/**
 * Whether an opportunity's own searchable fields (title, summary, place name and address) contain
 * the LIKE `pattern`, case-insensitively: the stored, lower-cased `search_text` (migrations/014),
 * which the trigram index `opportunities_search_trgm` is built on, against the lower-cased
 * pattern. Terms hold no whitespace, so a match never spans two fields.
 */
const opportunityTextMatches = (alias: string, pattern: string) => `${alias}.search_text LIKE lower(${pattern})`;

/** Characters in a trigram: shorter terms have none, and no trigram index can find them. */
const TRIGRAM = 3;

/** Kilometres per degree of latitude, for the bounding band of a `near` + `radiusKm` search. */
const KM_PER_DEGREE_LATITUDE = 111.2;

/** A page query's SQL and parameters; `whenShort`, if any, is run when the page has fewer rows than asked, and its rows follow. */
export interface OpportunityPageSql {
  sql: string;
  params: SqlParam[];
  whenShort?: { sql: string; params: SqlParam[] };
}

/** The filters of a search as SQL conditions on `o`, with the parameters they use (fresh for each statement). */
interface SearchFilters {
  p: Params;
  where: string[];
  /** Per term, how well the title and summary match (for `relevance`). */
  scoreParts: string[];
  /** The placeholder of the request's time, added on first use. */
  now: () => string;
  /** The haversine distance from `near` in km, its parameters added on first use. */
  distance: (near: { lat: number; lng: number }) => string;
}

function searchFilters(s: OpportunitySearch): SearchFilters {
  const p = new Params();
  // Added only when used: a parameter no statement mentions has no type, and PostgreSQL refuses it.
  let nowParam: string | undefined;
  const now = () => (nowParam ??= p.add(s.now));
  const where = [`o.status <> 'draft'`, `(o.audience = 'public' OR o.audience = ${p.add(s.channelId)})`];
  const scoreParts: string[] = [];
  for (const term of s.terms) {
    const pattern = p.add(likePattern(term));
    if ([...term].length >= TRIGRAM) {
      // Two lookups, each on its own trigram index, not one OR across two tables (which the
      // planner can only guess at, and then answers by reading every opportunity).
      where.push(`o.id IN (
        SELECT t.id FROM opportunities t WHERE ${opportunityTextMatches('t', pattern)}
        UNION ALL
        SELECT t.id FROM organizations org JOIN opportunities t ON t.org_id = org.id WHERE org.name ILIKE ${pattern})`);
    } else {
      // Too short for a trigram: a filter on the rows the other conditions leave.
      where.push(`(${opportunityTextMatches('o', pattern)}
        OR EXISTS (SELECT 1 FROM organizations org WHERE org.id = o.org_id AND org.name ILIKE ${pattern}))`);
    }
    scoreParts.push(`(CASE WHEN o.title ILIKE ${pattern} THEN 3 ELSE 0 END + CASE WHEN o.summary ILIKE ${pattern} THEN 1 ELSE 0 END)`);
  }
  if (s.category) where.push(`o.category = ${p.add(s.category)}`);
  if (s.regionPrefix) where.push(`o.region_code LIKE ${p.add(`${s.regionPrefix}%`)}`);
  if (s.orgId) where.push(`o.org_id = ${p.add(s.orgId)}`);
  if (s.skills?.length) where.push(`o.skills && ${p.add(s.skills)}::text[]`);
  if (s.from || s.to) {
    const conditions: string[] = [];
    if (s.from) conditions.push(`w.ends_at >= ${p.add(s.from)}`);
    if (s.to) conditions.push(`w.starts_at <= ${p.add(s.to)}`);
    // IN over the window's shifts (not a correlated EXISTS), so shifts_starts_at can drive it.
    where.push(`o.id IN (SELECT w.opportunity_id FROM shifts w WHERE ${conditions.join(' AND ')})`);
  }
  // Built on first use: only the distance sort and a radius use it, and PostgreSQL refuses a
  // statement with a parameter it does not use ("could not determine data type").
  let distanceSql: string | undefined;
  const distance = (near: { lat: number; lng: number }) => {
    if (distanceSql) return distanceSql;
    const lat = p.add(near.lat);
    const lng = p.add(near.lng);
    return (distanceSql = `(6371 * 2 * asin(sqrt(power(sin(radians(o.lat - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(o.lat)) * power(sin(radians(o.lng - ${lng}::float8) / 2), 2))))`);
  };
  if (s.near) {
    if (s.radiusKm !== undefined) {
      // Every point within radiusKm lies within this band of latitude (a little wider, for safety).
      const band = s.radiusKm / KM_PER_DEGREE_LATITUDE + 0.01;
      where.push(`o.lat BETWEEN ${p.add(s.near.lat - band)}::float8 AND ${p.add(s.near.lat + band)}::float8`);
      where.push(`${distance(s.near)} <= ${p.add(s.radiusKm)}`);
    }
  }
  // Open spots exist exactly when a shift yet to start has a free place; the status the public
  // sees is `full` for a recruiting opportunity without one (as OPPORTUNITY_LIST_SELECT says).
  // A scalar subquery, not EXISTS: the planner would turn EXISTS into a join with every shift yet
  // to start, which grows with the data; this asks each candidate's own (shifts_opportunity).
  const hasOpenSpots = () => `(SELECT TRUE FROM shifts x
    WHERE x.opportunity_id = o.id AND x.starts_at > ${now()} AND x.signed_up < x.capacity LIMIT 1) IS NOT NULL`;
  if (s.hasOpenSlots) where.push(hasOpenSpots());
  if (!s.status) where.push(`o.status IN ('recruiting', 'full')`);
  else if (s.status === 'recruiting') where.push(`o.status = 'recruiting'`, hasOpenSpots());
  else if (s.status === 'full') where.push(`(o.status = 'full' OR (o.status = 'recruiting' AND NOT ${hasOpenSpots()}))`);
  else where.push(`o.status = ${p.add(s.status)}`);

  return { p, where, scoreParts, now, distance };
}

/**
 * The SQL of one page of opportunities visible to a channel, in keyset order, with its parameters
 * (exported so a test can read the plan): the page's ids and sort keys. Search is a
 * case-insensitive substring match per term (ILIKE), which works for Chinese text without a
 * tokenizer; every term must match one of title, summary, organizer or place.
 *
 * Every filter can be served by an index (migrations/002): the trigram index on the opportunity's
 * text and on organization names (text and organizer matched as two indexed lookups), category,
 * region prefix, organization, skills, a latitude band for `near` + `radiusKm`, and the shifts of a
 * time window. No candidate's shifts are summed to filter it: "open spots" is an EXISTS on its
 * shifts yet to start, and the default statuses (recruiting, full) need no shift at all. The sorts
 * read in their own order, so a page stops after its rows (see `startsAtPageSql`, `newest` on
 * `opportunities_newest`); `relevance`, `distance` and `spotsLeft` rank every candidate the
 * filters leave, and only `spotsLeft` sums each one's shifts (on `shifts_opportunity`).
 */
export function opportunitySearchSql(s: OpportunitySearch): OpportunityPageSql {
  if (s.sort === 'startsAt') return startsAtPageSql(s);
  const { p, where, scoreParts, now, distance } = searchFilters(s);
  if (s.sort === 'newest') {
    const keyset: string[] = [];
    if (s.after) {
      const key = p.add(s.after.key);
      // The bound on created_at lets opportunities_newest start at the cursor; the float key decides.
      keyset.push(`o.created_at <= to_timestamp(${key}::float8) + interval '1 millisecond'`,
        `(extract(epoch FROM o.created_at)::float8 < ${key}::float8
          OR (extract(epoch FROM o.created_at)::float8 = ${key}::float8 AND o.id > ${p.add(s.after.id)}))`);
    }
    const sql = `
      SELECT o.id, extract(epoch FROM o.created_at)::float8 AS sort_key FROM opportunities o
      WHERE ${[...where, ...keyset].join(' AND ')}
      ORDER BY o.created_at DESC, o.id LIMIT ${p.add(s.limit)}`;
    return { sql, params: p.values };
  }
  const ranked = s.sort === 'relevance'
    ? { key: scoreParts.length ? scoreParts.join(' + ') : '0', descending: true }
    : s.sort === 'distance'
      ? { key: `coalesce(${s.near ? distance(s.near) : 'NULL::float8'}, ${NO_DISTANCE_KEY})`, descending: false }
      : {
        // The figure kept on the opportunity where its window holds now (migrations/013), else the sum.
        key: `CASE WHEN ${windowHolds('open_spots', now())} THEN o.open_spots
          ELSE (SELECT coalesce(sum(greatest(sh.capacity - sh.signed_up, 0)), 0)
            FROM shifts sh WHERE sh.opportunity_id = o.id AND sh.starts_at > ${now()}) END`,
        descending: true,
      };
  const keyset = s.after
    ? `WHERE sort_key ${ranked.descending ? '<' : '>'} ${p.add(s.after.key)}::float8
        OR (sort_key = ${p.add(s.after.key)}::float8 AND id > ${p.add(s.after.id)})`
    : '';
  const sql = `
    SELECT id, sort_key FROM (
      SELECT o.id, (${ranked.key})::float8 AS sort_key FROM opportunities o
      WHERE ${where.join(' AND ')}
    ) candidates ${keyset}
    ORDER BY sort_key ${ranked.descending ? 'DESC' : 'ASC'}, id ASC
    LIMIT ${p.add(s.limit)}`;
  return { sql, params: p.values };
}

/**
 * `sort=startsAt`: by each opportunity's next start (its soonest shift not yet ended), read in that
 * order from `opportunities_next_start`: the figure kept on the opportunity for the window it holds
 * in (migrations/015), for every opportunity whose window holds at the request's time, and beside
 * them the few whose window does not (a shift of theirs ended since the last refresh, or was
 * added, removed or moved), their next start worked out from their own shifts
 * (`shifts_opportunity`). So a page reads about as many opportunities as it shows, whatever the
 * filters, where walking shifts in start order read every shift of the opportunities the filters
 * leave out. Opportunities with no shift not yet ended come last (key NO_START_KEY, by id): a
 * statement of their own (`whenShort`), run only when the dated ones leave the page short.
 */
function startsAtPageSql(s: OpportunitySearch): OpportunityPageSql {
  // Written as the two ways a window fails, so each finds its rows through its own index.
  const doesNotHold = (now: string) => `(o.next_start_from > ${now} OR o.next_start_until <= ${now})`;
  const workedOut = (now: string) => `(SELECT min(e.starts_at) FROM shifts e WHERE e.opportunity_id = o.id AND e.ends_at >= ${now})`;
  const undated = (): { sql: string; params: SqlParam[] } => {
    const { p, where, now } = searchFilters(s);
    const conditions = [...where, `CASE WHEN ${windowHolds('next_start', now())} THEN o.next_start IS NULL ELSE ${workedOut(now())} IS NULL END`];
    if (s.after && s.after.key >= NO_START_KEY) conditions.push(`o.id > ${p.add(s.after.id)}`);
    const sql = `
      SELECT o.id, ${NO_START_KEY}::float8 AS sort_key FROM opportunities o
      WHERE ${conditions.join(' AND ')}
      ORDER BY o.id LIMIT ${p.add(s.limit)}`;
    return { sql, params: p.values };
  };
  // A cursor among the undated: the dated are all behind it.
  if (s.after && s.after.key >= NO_START_KEY) return undated();
  const { p, where, now } = searchFilters(s);
  const kept = [...where, windowHolds('next_start', now()), 'o.next_start IS NOT NULL'];
  let after = ''; // the same keyset on the keys worked out
  if (s.after) {
    const key = p.add(s.after.key);
    const id = p.add(s.after.id);
    // The bound on next_start lets the index start at the cursor; the float key decides.
    kept.push(`o.next_start >= to_timestamp(${key}::float8) - interval '1 millisecond'`,
      `(extract(epoch FROM o.next_start)::float8 > ${key}::float8
        OR (extract(epoch FROM o.next_start)::float8 = ${key}::float8 AND o.id > ${id}))`);
    after = ` AND (sort_key > ${key}::float8 OR (sort_key = ${key}::float8 AND id > ${id}))`;
  }
  const limit = p.add(s.limit);
  const sql = `
    SELECT id, sort_key FROM (
      (SELECT o.id, extract(epoch FROM o.next_start)::float8 AS sort_key FROM opportunities o
        WHERE ${kept.join(' AND ')}
        ORDER BY o.next_start, o.id LIMIT ${limit})
      UNION ALL
      (SELECT id, sort_key FROM (
        SELECT o.id, extract(epoch FROM ${workedOut(now())})::float8 AS sort_key FROM opportunities o
        WHERE ${[...where, doesNotHold(now())].join(' AND ')}
      ) stale WHERE sort_key IS NOT NULL${after})
    ) page
    ORDER BY sort_key, id LIMIT ${limit}`;
  return { sql, params: p.values, whenShort: undated() };
}

/**
 * A page's list items: what a list shows, with the next shift (the soonest not yet ended), the
 * number of shifts not yet ended and the spots left on those not yet started, all computed here
 * from each opportunity's own shifts (`shifts_opportunity`). $1 = the page's ids, $2 = now. The
 * status reads `full` exactly when `open_spots` is 0, as in the page query. Exported for the plan test.
 * Its text is fixed, so it is prepared, and PostgreSQL can plan it once per connection: it keeps a
 * generic plan only if that costs no more than the plans made for each request's values, so no
 * estimate here may depend on the time. The next shift is therefore picked in the same pass over
 * the opportunity's shifts as the totals and read by its key, not by a second scan filtered on $2.
 */
export const OPPORTUNITY_LIST_SELECT = prepared(`
  SELECT o.id, o.org_id, org.name AS org_name, o.title, o.category, o.location_name, o.region_code, o.online, o.audience,
    o.signup_opens_at, o.signup_closes_at, o.hours_per_shift, o.timezone,
    CASE WHEN o.status = 'recruiting' AND totals.open_spots = 0 THEN 'full' ELSE o.status END AS effective_status,
    next.id AS next_shift_id, next.starts_at AS next_shift_start, next.ends_at AS next_shift_end,
    greatest(next.capacity - next.signed_up, 0) AS next_shift_spots_left,
    totals.shift_count, totals.open_spots
  FROM opportunities o
    JOIN organizations org ON org.id = o.org_id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE sh.ends_at >= $2)::int AS shift_count,
        coalesce(sum(greatest(sh.capacity - sh.signed_up, 0)) FILTER (WHERE sh.starts_at > $2), 0)::int AS open_spots,
        (array_agg(sh.id ORDER BY sh.starts_at, sh.id) FILTER (WHERE sh.ends_at >= $2))[1] AS next_id
      FROM shifts sh WHERE sh.opportunity_id = o.id
    ) totals
    LEFT JOIN shifts next ON next.id = totals.next_id
  WHERE o.id = ANY($1::text[])`);

/** One page of list items (see `opportunitySearchSql`): the sort keys first, then the items of just the page. */
export async function searchOpportunities(db: Queryable, s: OpportunitySearch): Promise<OpportunityListRow[]> {
  const { sql, params, whenShort } = opportunitySearchSql(s);
  let page = await db.query<{ id: string; sort_key: number }>(sql, params);
  if (whenShort && page.length < s.limit) {
    // Two statements, two snapshots: an opportunity whose shifts changed in between could be in both.
    const onPage = new Set(page.map((r) => r.id));
    const more = await db.query<{ id: string; sort_key: number }>(whenShort.sql, whenShort.params);
    page = [...page, ...more.filter((r) => !onPage.has(r.id))].slice(0, s.limit);
  }
  if (page.length === 0) return [];
  const rows = await db.query<OpportunityListRow>(OPPORTUNITY_LIST_SELECT, [page.map((r) => r.id), s.now]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.map((r) => ({ ...byId.get(r.id)!, sort_key: r.sort_key }));
}

/** Full opportunity rows with the organizer's name and the status as the public sees it ($2 = now). */
const OPPORTUNITY_SELECT = `
  SELECT o.*, org.name AS org_name,
    CASE WHEN o.status = 'recruiting' AND NOT EXISTS (
      SELECT 1 FROM shifts s WHERE s.opportunity_id = o.id AND s.starts_at > $2 AND s.signed_up < s.capacity)
    THEN 'full' ELSE o.status END AS effective_status
  FROM opportunities o JOIN organizations org ON org.id = o.org_id`;

/** One opportunity, if the channel may see it. */
export async function getOpportunity(db: Queryable, id: string, channelId: string, now: Date): Promise<OpportunityRow | null> {
  const [row] = await db.query<OpportunityRow>(
    `${OPPORTUNITY_SELECT} WHERE o.id = $1 AND o.status <> 'draft' AND (o.audience = 'public' OR o.audience = $3)`,
    [id, now, channelId],
  );
  return row ?? null;
}

/**
 * What a sign-up checks first, in one read: the opportunity as `getOpportunity` gives it and, when
 * `shiftId` is one of its shifts, that shift (else `shift_id` is null).
 */
export async function getOpportunityWithShift(
  db: Queryable, id: string, shiftId: string, channelId: string, now: Date,
): Promise<(OpportunityRow & { shift_id: string | null; shift_starts_at: Date | null }) | null> {
  const [row] = await db.query<OpportunityRow & { shift_id: string | null; shift_starts_at: Date | null }>(
    prepared(`${OPPORTUNITY_SELECT.replace(' o.*,', ' o.*, sh.id AS shift_id, sh.starts_at AS shift_starts_at,')}
       LEFT JOIN shifts sh ON sh.id = $4 AND sh.opportunity_id = o.id
     WHERE o.id = $1 AND o.status <> 'draft' AND (o.audience = 'public' OR o.audience = $3)`),
    [id, now, channelId, shiftId],
  );
  return row ?? null;
}

export async function shiftsOf(db: Queryable, opportunityIds: string[]): Promise<ShiftRow[]> {
  if (opportunityIds.length === 0) return [];
  return db.query<ShiftRow>(
    `SELECT id, opportunity_id, starts_at, ends_at, capacity, signed_up, waitlisted FROM shifts
     WHERE opportunity_id = ANY($1::text[]) ORDER BY starts_at, id`,
    [opportunityIds],
  );
}

// ---------------------------------------------------------------------------------------------
// Volunteers

const VOLUNTEER_COLUMNS = `id, channel_id, name, mobile, email, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, student_id,
  employee_id, id_number_masked, show_name, avatar_url, created_at, updated_at`;

/**
 * Finds or creates the guest volunteer a channel knows by `identityKey`. A returning guest keeps
 * the details given first; only missing ones are filled in, so nobody can rename someone else by
 * typing their mobile number.
 */
export async function upsertGuestVolunteer(
  db: Queryable,
  id: string,
  channelId: string,
  identityKey: string | null,
  v: VolunteerFields,
): Promise<VolunteerRow> {
  const [row] = await db.query<VolunteerRow>(
    prepared(`INSERT INTO volunteers (id, channel_id, identity_key, name, mobile, email, birth_date, student_id, employee_id,
       id_number_masked, id_number_sealed, show_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12)
     ON CONFLICT (channel_id, identity_key) DO UPDATE SET
       mobile = coalesce(volunteers.mobile, excluded.mobile),
       email = coalesce(volunteers.email, excluded.email),
       birth_date = coalesce(volunteers.birth_date, excluded.birth_date),
       student_id = coalesce(volunteers.student_id, excluded.student_id),
       employee_id = coalesce(volunteers.employee_id, excluded.employee_id),
       id_number_masked = coalesce(volunteers.id_number_masked, excluded.id_number_masked),
       id_number_sealed = coalesce(volunteers.id_number_sealed, excluded.id_number_sealed),
       updated_at = now()
     RETURNING ${VOLUNTEER_COLUMNS}`),
    [id, channelId, identityKey, v.name, v.mobile, v.email, v.birthDate, v.studentId, v.employeeId, v.idNumberMasked,
      v.idNumberSealed, v.showName],
  );
  return row!;
}

/**
 * Finds or creates the volunteer a partner vouches for by `externalId`, updating their details
 * (the partner authenticated them). A guest who signed up earlier with the same identity becomes
 * that volunteer, so their history follows them.
 */
export async function upsertSessionVolunteer(
  db: Queryable,
  newId: string,
  channelId: string,
  externalId: string,
  identityKey: string | null,
  v: VolunteerFields,
): Promise<VolunteerRow> {
  const values = [v.name, v.mobile, v.email, v.birthDate, v.studentId, v.employeeId, v.idNumberMasked, v.idNumberSealed, v.showName];
  const set = `name = $3, mobile = coalesce($4, mobile), email = coalesce($5, email), birth_date = coalesce($6::date, birth_date),
    student_id = coalesce($7, student_id), employee_id = coalesce($8, employee_id), id_number_masked = coalesce($9, id_number_masked),
    id_number_sealed = coalesce($10, id_number_sealed), show_name = $11, updated_at = now()`;
  const [byExternal] = await db.query<VolunteerRow>(
    `UPDATE volunteers SET ${set} WHERE channel_id = $1 AND external_id = $2 RETURNING ${VOLUNTEER_COLUMNS}`,
    [channelId, externalId, ...values],
  );
  if (byExternal) return byExternal;
  if (identityKey) {
    const [byIdentity] = await db.query<VolunteerRow>(
      `UPDATE volunteers SET ${set}, external_id = $12
       WHERE channel_id = $1 AND identity_key = $2 AND external_id IS NULL RETURNING ${VOLUNTEER_COLUMNS}`,
      [channelId, identityKey, ...values, externalId],
    );
    if (byIdentity) return byIdentity;
  }
  const [created] = await db.query<VolunteerRow>(
    `INSERT INTO volunteers (id, channel_id, external_id, identity_key, name, mobile, email, birth_date, student_id, employee_id,
       id_number_masked, id_number_sealed, show_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9, $10, $11, $12, $13)
     ON CONFLICT (channel_id, external_id) DO UPDATE SET updated_at = now()
     RETURNING ${VOLUNTEER_COLUMNS}`,
    [newId, channelId, externalId, identityKey, ...values],
  );
  return created!;
}

/**
 * Stores a birth date for a volunteer who has none (fill-once: one on file is never replaced) and
 * returns the birth date on file afterwards, which is another one if it was already there. The
 * UPDATE holds the volunteer's row lock until the transaction ends.
 */
export async function fillBirthDate(db: Queryable, volunteerId: string, birthDate: string): Promise<string | null> {
  const [row] = await db.query<{ birth_date: string | null }>(
    prepared(`UPDATE volunteers SET birth_date = coalesce(birth_date, $2::date),
       updated_at = CASE WHEN birth_date IS NULL THEN now() ELSE updated_at END
     WHERE id = $1 RETURNING to_char(birth_date, 'YYYY-MM-DD') AS birth_date`),
    [volunteerId, birthDate],
  );
  return row?.birth_date ?? null;
}

export async function getVolunteer(db: Queryable, id: string): Promise<VolunteerRow | null> {
  const [row] = await db.query<VolunteerRow>(prepared(`SELECT ${VOLUNTEER_COLUMNS} FROM volunteers WHERE id = $1`), [id]);
  return row ?? null;
}

/** Approved hours and points of one volunteer: only approved service records count (read from the rollup). */
export async function approvedTotals(db: Queryable, volunteerId: string): Promise<{ hours: number; points: number }> {
  const [row] = await db.query<{ hours: number; points: number }>(
    `SELECT coalesce(sum(hours), 0)::float8 AS hours, coalesce(sum(points), 0)::float8 AS points
     FROM service_hours_monthly WHERE volunteer_id = $1`,
    [volunteerId],
  );
  return row!;
}

// ---------------------------------------------------------------------------------------------
// Shifts and sign-ups

/**
 * Computes the figures the list sorts by again (open spots, migrations/013; next start, 015) for up
 * to `batch` opportunities where either window does not hold at `at` (a shift of theirs has
 * started or ended since, or one was added, removed or moved); returns how many. Safe to repeat
 * and to run on several instances at once: the rows are locked first, skipping any another
 * transaction holds (a sign-up adjusting the figure, another refresh), and computed by a second
 * statement, whose snapshot sees every change committed before the locks were taken; a change
 * still in progress adds its difference once the lock is released.
 */
export async function refreshListFigures(db: Database, at: Date, batch = 1000): Promise<number> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ id: string }>(
      `SELECT id FROM opportunities o
       WHERE NOT ${windowHolds('open_spots', '$1')} OR NOT ${windowHolds('next_start', '$1')}
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [at, batch],
    );
    if (locked.length === 0) return 0;
    await tx.query(
      `UPDATE opportunities o SET (open_spots, open_spots_from, open_spots_until, next_start, next_start_from, next_start_until) = (
         SELECT f.open_spots, f.open_spots_from, f.open_spots_until, f.next_start, $2,
           -- The window lasts while a shift starting at next_start is not yet ended (ends_at >= t), so
           -- up to and including its end: the bound is exclusive, a microsecond (the clock's grain) after.
           coalesce((SELECT max(e.ends_at) FROM shifts e WHERE e.opportunity_id = o.id AND e.starts_at = f.next_start AND e.ends_at >= $2)
             + interval '1 microsecond', 'infinity')
         FROM (
           SELECT coalesce(sum(greatest(s.capacity - s.signed_up, 0)) FILTER (WHERE s.starts_at > $2), 0)::int AS open_spots,
             coalesce(max(s.starts_at) FILTER (WHERE s.starts_at <= $2), '-infinity') AS open_spots_from,
             coalesce(min(s.starts_at) FILTER (WHERE s.starts_at > $2), 'infinity') AS open_spots_until,
             min(s.starts_at) FILTER (WHERE s.ends_at >= $2) AS next_start
           FROM shifts s WHERE s.opportunity_id = o.id) f)
       WHERE o.id = ANY($1)`,
      [locked.map((row) => row.id), at],
    );
    return locked.length;
  });
}

/**
 * Locks a shift's row until the transaction ends. Every change to a shift's sign-ups happens
 * under this lock, so counting free spots and taking one cannot interleave between requests.
 */
export async function lockShift(db: Queryable, shiftId: string): Promise<LockedShift | null> {
  const [row] = await db.query<LockedShift>(
    prepared(`SELECT s.id, s.opportunity_id, s.starts_at, s.capacity, s.signed_up, s.waitlisted, o.approval
     FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id WHERE s.id = $1 FOR UPDATE OF s`),
    [shiftId],
  );
  return row ?? null;
}

export async function shiftOfOpportunity(db: Queryable, shiftId: string, opportunityId: string): Promise<ShiftRow | null> {
  const [row] = await db.query<ShiftRow>(
    'SELECT id, opportunity_id, starts_at, ends_at, capacity, signed_up, waitlisted FROM shifts WHERE id = $1 AND opportunity_id = $2',
    [shiftId, opportunityId],
  );
  return row ?? null;
}

export async function adjustShiftCounters(db: Queryable, shiftId: string, signedUpDelta: number, waitlistedDelta: number): Promise<void> {
  if (signedUpDelta === 0 && waitlistedDelta === 0) return;
  await db.query(
    'UPDATE shifts SET signed_up = signed_up + $2, waitlisted = waitlisted + $3, updated_at = now() WHERE id = $1',
    [shiftId, signedUpDelta, waitlistedDelta],
  );
}

/** A sign-up's columns as SignupRow has them, from `s` (a signups row) and `v` (its volunteer). */
const SIGNUP_COLUMNS = `s.id, s.seq::int AS seq, s.reference, s.opportunity_id, s.shift_id, s.volunteer_id, s.channel_id, s.widget, s.answers,
    s.consent_version, s.consent_at, s.status, s.created_at, s.updated_at,
    v.name AS volunteer_name, v.show_name`;

const SIGNUP_SELECT = `
  SELECT ${SIGNUP_COLUMNS},
    CASE WHEN s.status = 'waitlisted' THEN (SELECT count(*)::int FROM signups w
      WHERE w.shift_id = s.shift_id AND w.status = 'waitlisted' AND w.seq <= s.seq) END AS waitlist_position
  FROM signups s JOIN volunteers v ON v.id = s.volunteer_id`;

export async function getSignup(db: Queryable, id: string): Promise<SignupRow | null> {
  const [row] = await db.query<SignupRow>(`${SIGNUP_SELECT} WHERE s.id = $1`, [id]);
  return row ?? null;
}

export async function findLiveSignup(db: Queryable, shiftId: string, volunteerId: string): Promise<SignupRow | null> {
  const [row] = await db.query<SignupRow>(
    prepared(`${SIGNUP_SELECT} WHERE s.shift_id = $1 AND s.volunteer_id = $2 AND s.status NOT IN ('cancelled', 'rejected')`),
    [shiftId, volunteerId],
  );
  return row ?? null;
}

/**
 * Adds a sign-up, counts it on its shift and appends its `signup.created` event (version 1: the id
 * is new) in one statement, and returns it as `getSignup` would — or returns null, changing
 * nothing, when the volunteer already has a live sign-up for the shift (`signups_one_live_per_shift`
 * is the arbiter). Run under the shift's lock (`lockShift`): every waitlisted sign-up of the shift
 * was written under it before this one, with a smaller seq, so the new one's place is one more
 * than their number (the statement's snapshot does not see its own insert).
 */
export async function insertSignupCounted(
  db: Queryable,
  s: { id: string; reference: string; opportunityId: string; shiftId: string; volunteerId: string; channelId: string;
    widget: string | null; answers: unknown; consentVersion: string; consentAt: Date; status: string; eventId: string },
): Promise<SignupRow | null> {
  const waitlisted = s.status === 'waitlisted';
  const [row] = await db.query<SignupRow>(
    prepared(`WITH inserted AS (
       INSERT INTO signups (id, reference, opportunity_id, shift_id, volunteer_id, channel_id, widget, answers, consent_version, consent_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
       ON CONFLICT (shift_id, volunteer_id) WHERE status NOT IN ('cancelled', 'rejected') DO NOTHING
       RETURNING *
     ), counted AS (
       UPDATE shifts SET signed_up = signed_up + $12, waitlisted = waitlisted + $13, updated_at = now()
       WHERE id = (SELECT shift_id FROM inserted) RETURNING id
     ), announced AS (
       INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at)
       SELECT $14, channel_id, 'signup.created', id, 1, $10 FROM inserted RETURNING id
     )
     SELECT ${SIGNUP_COLUMNS},
       CASE WHEN s.status = 'waitlisted' THEN 1 + (SELECT count(*)::int FROM signups w
         WHERE w.shift_id = s.shift_id AND w.status = 'waitlisted' AND w.seq < s.seq) END AS waitlist_position
     FROM inserted s JOIN volunteers v ON v.id = s.volunteer_id`),
    [s.id, s.reference, s.opportunityId, s.shiftId, s.volunteerId, s.channelId, s.widget, JSON.stringify(s.answers),
      s.consentVersion, s.consentAt, s.status, waitlisted ? 0 : 1, waitlisted ? 1 : 0, s.eventId],
  );
  return row ?? null;
}

export async function setSignupStatus(db: Queryable, id: string, status: string, note: string | null): Promise<void> {
  await db.query('UPDATE signups SET status = $2, note = coalesce($3, note), updated_at = now() WHERE id = $1', [id, status, note]);
}

/** The longest-waiting person on a shift's waitlist (first come, first served). */
export async function firstWaitlisted(db: Queryable, shiftId: string): Promise<{ id: string } | null> {
  const [row] = await db.query<{ id: string }>(
    `SELECT id FROM signups WHERE shift_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT 1`,
    [shiftId],
  );
  return row ?? null;
}

export interface SignupListFilters {
  opportunityId?: string | undefined;
  status?: string | undefined;
  afterSeq: number | null;
  limit: number;
}

function signupFilters(p: Params, f: SignupListFilters): string[] {
  const where: string[] = [];
  if (f.opportunityId) where.push(`s.opportunity_id = ${p.add(f.opportunityId)}`);
  if (f.status) where.push(`s.status = ${p.add(f.status)}`);
  if (f.afterSeq !== null) where.push(`s.seq > ${p.add(f.afterSeq)}`);
  return where;
}

export async function listSignupsOfVolunteer(db: Queryable, volunteerId: string, f: SignupListFilters): Promise<SignupRow[]> {
  const p = new Params();
  const where = [`s.volunteer_id = ${p.add(volunteerId)}`, ...signupFilters(p, f)];
  return db.query<SignupRow>(`${SIGNUP_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.seq LIMIT ${p.add(f.limit)}`, p.values);
}

/** A channel's sign-ups with the contact it collected (the secret-key export). */
export async function listSignupsOfChannel(db: Queryable, channelId: string, f: SignupListFilters): Promise<SignupExportRow[]> {
  const p = new Params();
  const where = [`s.channel_id = ${p.add(channelId)}`, ...signupFilters(p, f)];
  const select = SIGNUP_SELECT.replace(
    'v.name AS volunteer_name,',
    'v.name AS volunteer_name, v.name, v.mobile, v.email, v.student_id, v.employee_id, v.id_number_masked, v.id_number_sealed,',
  );
  return db.query<SignupExportRow>(`${select} WHERE ${where.join(' AND ')} ORDER BY s.seq LIMIT ${p.add(f.limit)}`, p.values);
}

// ---------------------------------------------------------------------------------------------
// Service records

export const RECORD_SELECT = `
  SELECT r.id, r.volunteer_id, r.opportunity_id, o.title AS opportunity_title, r.shift_id, r.check_in, r.check_out, r.hours,
    r.status, r.recorded_by, r.source, r.policy_version, r.due_at, r.explanation, r.reviewed_by, r.reviewed_at, r.corrects_id,
    (SELECT c.id FROM service_records c WHERE c.corrects_id = r.id ORDER BY c.created_at DESC LIMIT 1) AS corrected_by,
    d.id AS dispute_id, d.status AS dispute_status, o.org_id, r.created_at, r.updated_at
  FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id LEFT JOIN disputes d ON d.record_id = r.id`;

export async function insertServiceRecord(
  db: Queryable,
  r: { id: string; volunteerId: string; opportunityId: string; shiftId: string; checkIn: Date; checkOut: Date; hours: number; recordedBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO service_records (id, volunteer_id, opportunity_id, shift_id, check_in, check_out, hours, status, recorded_by, source, explanation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, 'manual', '[{"code":"recorded_manually","params":{}}]')`,
    [r.id, r.volunteerId, r.opportunityId, r.shiftId, r.checkIn, r.checkOut, r.hours, r.recordedBy],
  );
}

export async function getServiceRecord(db: Queryable, id: string): Promise<(ServiceRecordRow & { channel_id: string }) | null> {
  const [row] = await db.query<ServiceRecordRow & { channel_id: string }>(
    `${RECORD_SELECT.replace('r.created_at,', 'r.created_at, v.channel_id,')} JOIN volunteers v ON v.id = r.volunteer_id WHERE r.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Approves or rejects a pending record; `false` when it was not pending (already reviewed). */
export async function reviewServiceRecord(
  db: Queryable, id: string, status: 'approved' | 'rejected', reviewedBy: string, note: string | null, at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE service_records SET status = $2, reviewed_by = $3, note = $4, reviewed_at = $5, updated_at = $5 WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, status, reviewedBy, note, at],
  );
  return rows.length === 1;
}

export async function listServiceRecordsOfVolunteer(
  db: Queryable,
  volunteerId: string,
  f: { status?: string | undefined; shiftId?: string | undefined; afterId: string | null; limit: number },
): Promise<ServiceRecordRow[]> {
  const p = new Params();
  const where = [`r.volunteer_id = ${p.add(volunteerId)}`];
  if (f.status) where.push(`r.status = ${p.add(f.status)}`);
  if (f.shiftId) where.push(`r.shift_id = ${p.add(f.shiftId)}`);
  if (f.afterId) where.push(`r.id > ${p.add(f.afterId)}`);
  return db.query<ServiceRecordRow>(`${RECORD_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.id LIMIT ${p.add(f.limit)}`, p.values);
}

// ---------------------------------------------------------------------------------------------
// Honor board and stats

export type ScopeFilter =
  | { kind: 'platform' }
  | { kind: 'org'; orgId: string }
  | { kind: 'region'; prefix: string }
  | { kind: 'channel'; channelId: string };

/** Where a scope's organization, region and channel are, in the tables a query joins. */
export interface ScopeColumns { org: string; region: string; channel: string }
/** Raw records joined to their opportunity (`o`) and volunteer (`v`). */
export const RECORD_SCOPE: ScopeColumns = { org: 'o.org_id', region: 'o.region_code', channel: 'v.channel_id' };
/** The rollup (`m`), whose rows carry organization, region and channel themselves. */
export const ROLLUP_SCOPE: ScopeColumns = { org: 'm.org_id', region: 'm.region_code', channel: 'm.channel_id' };

export function scopeCondition(p: Params, scope: ScopeFilter, columns: ScopeColumns = RECORD_SCOPE): string {
  switch (scope.kind) {
    case 'platform':
      return 'TRUE';
    case 'org':
      return `${columns.org} = ${p.add(scope.orgId)}`;
    case 'region':
      return `${columns.region} LIKE ${p.add(`${scope.prefix}%`)}`;
    case 'channel':
      return `${columns.channel} = ${p.add(scope.channelId)}`;
  }
}

/** The first month (UTC) that lies wholly at or after `since`: the rollup serves from there on. */
export function firstWholeMonth(since: Date): Date {
  const month = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
  return month.getTime() === since.getTime() ? month : new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + 1, 1));
}

/**
 * Approved hours and points since `since` in a scope, one row per volunteer × organization ×
 * month: whole months come from the rollup (service_hours_monthly, migrations/003), the part of a
 * month between `since` and the first whole month from the records themselves (at most a month of
 * them, found by service_records_approved). The sum is exact: same records, no double counting.
 */
function approvedContributions(p: Params, scope: ScopeFilter, since: Date | null): string {
  const fromRollup = `SELECT m.volunteer_id, m.org_id, m.hours, m.points, m.records FROM service_hours_monthly m
    WHERE ${scopeCondition(p, scope, ROLLUP_SCOPE)}`;
  if (!since) return fromRollup;
  const wholeMonths = p.add(firstWholeMonth(since));
  return `${fromRollup} AND m.month >= ${wholeMonths}::date
    UNION ALL
    SELECT r.volunteer_id, o.org_id, r.hours::numeric, round(r.hours * o.points_per_hour)::numeric, 1
    FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.status = 'approved' AND r.check_out >= ${p.add(since)} AND r.check_out < ${wholeMonths} AND ${scopeCondition(p, scope)}`;
}

/** A scope as service_totals names it (migrations/004): the API's own spelling. */
function totalsScope(scope: ScopeFilter): string {
  switch (scope.kind) {
    case 'platform':
      return 'platform';
    case 'org':
      return `org:${scope.orgId}`;
    case 'region':
      return `region:${scope.prefix}`;
    case 'channel':
      return `channel:${scope.channelId}`;
  }
}

export type Period = 'week' | 'month' | 'year' | 'all';

/**
 * What service_totals answers, with where its window started when it answered (in the same
 * statement, so the two agree): `null` for all time. Only a window that starts exactly at the
 * period's start gives the period's answer; see `advanceTotals`.
 */
export interface FromTotals<T> {
  windowStart: Date | null;
  value: T;
}

/**
 * The best volunteers or organizations of a period in a scope, best first (ties by id), read from
 * service_totals: the first `limit` entries of an index (service_totals_rank_hours or _points).
 */
export async function rankedTotals(db: Queryable, q: RankedTotalsQuery): Promise<FromTotals<BoardRow[]>> {
  const { sql, params } = rankedTotalsSql(q);
  const rows = await db.query<BoardRow & { window_start: Date | null }>(sql, params);
  return {
    windowStart: rows[0]?.window_start ?? null,
    value: rows.filter((row) => row.id !== null).map(({ window_start: _, ...row }) => row),
  };
}

export interface RankedTotalsQuery {
  subject: 'volunteer' | 'organization';
  metric: 'hours' | 'points';
  period: Period;
  scope: ScopeFilter;
  limit: number;
}

/** The statement `rankedTotals` runs (exported for the query-plan test). */
export function rankedTotalsSql(q: RankedTotalsQuery): { sql: string; params: SqlParam[] } {
  const p = new Params();
  const period = p.add(q.period);
  const ranked = `ranked AS (SELECT subject_id AS id, round(${q.metric}, 1)::float8 AS value FROM service_totals
    WHERE period = ${period} AND scope = ${p.add(totalsScope(q.scope))} AND subject_type = ${p.add(q.subject)}
    ORDER BY round(${q.metric}, 1) DESC, subject_id LIMIT ${p.add(q.limit)})`;
  const sql = q.subject === 'volunteer'
    ? `WITH ${ranked}
       SELECT w.starts_at AS window_start, ranked.id, ranked.value, vv.name, vv.show_name, vv.avatar_url,
         coalesce((SELECT hours FROM service_totals
           WHERE period = 'all' AND scope = 'platform' AND subject_type = 'volunteer' AND subject_id = ranked.id), 0)::float8 AS lifetime_hours,
         star_rule_of(vv.channel_id)::float8[] AS star_thresholds
       FROM service_total_windows w LEFT JOIN (ranked JOIN volunteers vv ON vv.id = ranked.id) ON TRUE
       WHERE w.period = ${period} ORDER BY ranked.value DESC, ranked.id`
    : `WITH ${ranked}
       SELECT w.starts_at AS window_start, ranked.id, ranked.value, org.name, TRUE AS show_name, org.logo_url AS avatar_url, 0::float8 AS lifetime_hours,
         NULL::float8[] AS star_thresholds
       FROM service_total_windows w LEFT JOIN (ranked JOIN organizations org ON org.id = ranked.id) ON TRUE
       WHERE w.period = ${period} ORDER BY ranked.value DESC, ranked.id`;
  return { sql, params: p.values };
}

/**
 * Recomputes the monthly rollup and service_totals from the records (migrations/004): after a bulk
 * load with the rollup triggers off. Waits for changes in flight and holds them off meanwhile.
 */
export async function rebuildServiceHours(db: Queryable): Promise<void> {
  await db.query('SELECT service_hours_rebuild()');
}

/**
 * Moves the rolling windows of service_totals up to start a period before `asOf`, subtracting the
 * records they leave behind (`service_totals_advance`, migrations/004). One statement, so its
 * advisory lock lasts exactly as long as the move. A window already there or later stays; none
 * moves while changes to approved hours are in flight (then it does nothing, without waiting).
 */
export async function advanceTotals(db: Queryable, asOf: Date): Promise<void> {
  await db.query('SELECT service_totals_advance($1)', [asOf]);
}

/**
 * The best volunteers or organizations by approved hours (or points) since `since`, best first,
 * ties broken by id, computed from the monthly rollup and the records: what `rankedTotals` gives
 * when its window is not the one asked for (a clock behind the window's). Ranks are assigned by
 * the caller (domain/ranking.ts).
 */
export async function honorBoardRows(
  db: Queryable,
  q: { subject: 'volunteer' | 'organization'; metric: 'hours' | 'points'; since: Date | null; scope: ScopeFilter; limit: number },
): Promise<BoardRow[]> {
  const p = new Params();
  const contributions = approvedContributions(p, q.scope, q.since);
  const subject = q.subject === 'volunteer' ? 'volunteer_id' : 'org_id';
  const ranked = `WITH contributions AS (${contributions}),
    ranked AS (SELECT ${subject} AS id, round(sum(${q.metric}), 1)::float8 AS value FROM contributions
      GROUP BY ${subject} HAVING sum(records) > 0 ORDER BY value DESC, ${subject} LIMIT ${p.add(q.limit)})`;
  const sql = q.subject === 'volunteer'
    ? `${ranked}
       SELECT ranked.id, ranked.value, vv.name, vv.show_name, vv.avatar_url,
         (SELECT coalesce(sum(hours), 0)::float8 FROM service_hours_monthly WHERE volunteer_id = ranked.id) AS lifetime_hours,
         star_rule_of(vv.channel_id)::float8[] AS star_thresholds
       FROM ranked JOIN volunteers vv ON vv.id = ranked.id ORDER BY ranked.value DESC, ranked.id`
    : `${ranked}
       SELECT ranked.id, ranked.value, org.name, TRUE AS show_name, org.logo_url AS avatar_url, 0::float8 AS lifetime_hours,
         NULL::float8[] AS star_thresholds
       FROM ranked JOIN organizations org ON org.id = ranked.id ORDER BY ranked.value DESC, ranked.id`;
  return db.query<BoardRow>(sql, p.values);
}

/** The most recent honors for a scope (by organization or region; other scopes see all). */
export async function featuredHonors(db: Queryable, scope: ScopeFilter, limit: number): Promise<HonorRow[]> {
  if (limit === 0) return [];
  const p = new Params();
  const where: string[] = [];
  if (scope.kind === 'org') where.push(`h.org_id = ${p.add(scope.orgId)}`);
  if (scope.kind === 'region') where.push(`h.region_code LIKE ${p.add(`${scope.prefix}%`)}`);
  return db.query<HonorRow>(
    `SELECT h.*, coalesce(v.name, org.name, o.title, '') AS subject_name, v.show_name AS subject_show_name
     FROM honors h
       LEFT JOIN volunteers v ON h.subject_type = 'volunteer' AND v.id = h.subject_id
       LEFT JOIN organizations org ON h.subject_type = 'organization' AND org.id = h.subject_id
       LEFT JOIN opportunities o ON h.subject_type = 'opportunity' AND o.id = h.subject_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY h.awarded_at DESC, h.id LIMIT ${p.add(limit)}`,
    p.values,
  );
}

/** Impact figures for a scope; only approved hours count, only opportunities the channel may see. */
export async function impactStats(db: Queryable, scope: ScopeFilter, period: Period, since: Date | null, viewerChannelId: string, now: Date): Promise<FromTotals<StatsRow>> {
  const p = new Params();
  const periodParam = p.add(period);
  const scoped = scopeCondition(p, scope);
  const sinceSignups = since ? `AND s.created_at >= ${p.add(since)}` : '';
  const viewer = p.add(viewerChannelId);
  const nowParam = p.add(now);
  const volunteers = scope.kind === 'platform'
    ? 'SELECT count(*)::int FROM volunteers'
    : scope.kind === 'channel'
      ? `SELECT count(*)::int FROM volunteers v WHERE ${scoped}`
      : `SELECT count(DISTINCT r.volunteer_id)::int FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id
           JOIN volunteers v ON v.id = r.volunteer_id WHERE ${scoped}`;
  const organizations = scope.kind === 'org'
    ? `SELECT count(*)::int FROM organizations WHERE id = ${p.add(scope.orgId)}`
    : scope.kind === 'region'
      ? `SELECT count(*)::int FROM organizations WHERE region_code LIKE ${p.add(`${scope.prefix}%`)}`
      : 'SELECT count(*)::int FROM organizations';
  const opportunityScope = scope.kind === 'channel' ? `o.audience = ${viewer}` : scoped;
  const sql = `SELECT
      (${volunteers}) AS registered_volunteers,
      (${organizations}) AS organizations,
      (SELECT count(*)::int FROM opportunities o WHERE o.status = 'recruiting' AND (o.audience = 'public' OR o.audience = ${viewer})
         AND ${scope.kind === 'channel' ? 'TRUE' : opportunityScope}
         AND EXISTS (SELECT 1 FROM shifts sh WHERE sh.opportunity_id = o.id AND sh.starts_at > ${nowParam})) AS open_opportunities,
      (SELECT starts_at FROM service_total_windows WHERE period = ${periodParam}) AS window_start,
      -- The scope's organizations' totals in service_totals when its window is the period asked for, else
      -- the sum from the monthly rollup and the records; CASE evaluates only the branch it takes.
      CASE WHEN (SELECT starts_at FROM service_total_windows WHERE period = ${periodParam}) IS NOT DISTINCT FROM ${p.add(since)}::timestamptz
        THEN (SELECT coalesce(round(sum(hours), 1), 0)::float8 FROM service_totals
          WHERE period = ${periodParam} AND scope = ${p.add(totalsScope(scope))} AND subject_type = 'organization')
        ELSE (SELECT coalesce(round(sum(c.hours), 1), 0)::float8 FROM (${approvedContributions(p, scope, since)}) c) END AS approved_hours,
      (SELECT count(*)::int FROM signups s JOIN opportunities o ON o.id = s.opportunity_id JOIN volunteers v ON v.id = s.volunteer_id
         WHERE ${scoped} ${sinceSignups}) AS signups_in_period`;
  const [row] = await db.query<StatsRow & { window_start: Date | null }>(sql, p.values);
  const { window_start: windowStart, ...value } = row!;
  return { windowStart, value };
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys and rate limits

export type IdempotencyClaim =
  | { claimed: true }
  | { claimed: false; requestHash: string; status: number; body: string };

/**
 * Takes `key` for the calling transaction, or returns the answer stored under it. The key's row
 * is inserted first thing in the write's transaction, so a concurrent request with the same key
 * waits on the unique index until that transaction ends: committed, it reads the stored answer;
 * rolled back (a crash, a server error), it takes the key itself. Answers older than
 * `expiredBefore` are forgotten first, so a key can be reused after a day.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  scope: string,
  key: string,
  requestHash: string,
  expiredBefore: Date,
): Promise<IdempotencyClaim> {
  // One statement claims a new key or takes over an expired one. A row without an answer can
  // only have been committed by an older server version, which stored the answer in a separate
  // transaction: its write may or may not have happened, so it is taken over too, the retry runs
  // and the sign-up rules catch a duplicate. A row in another open transaction is waited for.
  // Between a refused claim and the SELECT the row may expire and vanish: then try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await tx.query(
      prepared(`INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < $4 OR idempotency_keys.status IS NULL
       RETURNING key`),
      [scope, key, requestHash, expiredBefore],
    );
    if (inserted.length === 1) return { claimed: true };
    const [row] = await tx.query<{ request_hash: string; status: number; body: string }>(
      prepared('SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2'),
      [scope, key],
    );
    if (row) return { claimed: false, requestHash: row.request_hash, status: row.status, body: row.body };
  }
  throw new Error(`Idempotency key ${scope}/${key} could be neither claimed nor read`);
}

/** Stores the answer of the write that claimed `key`, in that write's transaction. */
export async function storeIdempotentAnswer(tx: Queryable, scope: string, key: string, status: number, body: string): Promise<void> {
  await tx.query(prepared('UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2'), [scope, key, status, body]);
}

export async function purgeIdempotencyKeys(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
}

/** Counts one hit in `bucket`'s current window and returns the window's total so far. */
export async function hitRateLimit(db: Queryable, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await db.query<{ hits: number }>(
    prepared(`INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`),
    [bucket, windowStart],
  );
  return row!.hits;
}

export async function purgeRateLimits(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE window_start < $1', [before]);
}

// ---------------------------------------------------------------------------------------------
// Bulk loading (the seed) and test resets

/** Column types of each table the seed loads, for `jsonb_to_recordset`. */
export const BULK_COLUMNS = {
  organizations: { id: 'text', name: 'text', kind: 'text', region_code: 'text', logo_url: 'text', description: 'text', verified: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz' },
  opportunities: {
    id: 'text', org_id: 'text', title: 'text', summary: 'text', description: 'text', category: 'text', skills: 'text[]',
    location_name: 'text', location_address: 'text', region_code: 'text', lat: 'float8', lng: 'float8', online: 'boolean',
    status: 'text', audience: 'text', approval: 'text', signup_opens_at: 'timestamptz', signup_closes_at: 'timestamptz',
    requirements: 'jsonb', hours_per_shift: 'float8', points_per_hour: 'float8', cover_image_url: 'text', timezone: 'text',
    questions: 'jsonb', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  shifts: { id: 'text', opportunity_id: 'text', starts_at: 'timestamptz', ends_at: 'timestamptz', capacity: 'int', signed_up: 'int', waitlisted: 'int' },
  volunteers: {
    id: 'text', channel_id: 'text', identity_key: 'text', name: 'text', mobile: 'text', birth_date: 'date', student_id: 'text',
    employee_id: 'text', show_name: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  signups: {
    id: 'text', reference: 'text', opportunity_id: 'text', shift_id: 'text', volunteer_id: 'text', channel_id: 'text',
    widget: 'text', answers: 'jsonb', consent_version: 'text', consent_at: 'timestamptz', status: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  service_records: {
    id: 'text', volunteer_id: 'text', opportunity_id: 'text', shift_id: 'text', check_in: 'timestamptz', check_out: 'timestamptz',
    hours: 'float8', status: 'text', recorded_by: 'text', created_at: 'timestamptz', updated_at: 'timestamptz', reviewed_at: 'timestamptz',
  },
  honors: {
    id: 'text', kind: 'text', title: 'text', citation: 'text', subject_type: 'text', subject_id: 'text', org_id: 'text',
    region_code: 'text', awarded_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
} as const;

export type BulkTable = keyof typeof BULK_COLUMNS;

/** Serialises seeding between instances until the transaction ends. */
export async function lockForSeeding(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(727275)');
}

/** Inserts many rows with one statement per chunk: the rows travel as one JSON parameter. */
export async function bulkInsert(db: Queryable, table: BulkTable, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const columns = BULK_COLUMNS[table] as Record<string, string>;
  const names = Object.keys(columns);
  const definition = names.map((n) => `${n} ${columns[n]}`).join(', ');
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await db.query(
      `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${definition})`,
      [JSON.stringify(chunk)],
    );
  }
}

/** Empties every data table (tests reset between cases; migrations and settings stay). */
export async function truncateAll(db: Queryable): Promise<void> {
  await db.query(`TRUNCATE certificates, points_transfers, points_transactions, points_balances, redemptions, rewards, star_level_changes, volunteer_star_levels,
    star_rules, needs, need_hosts, need_residents, service_menu_items, rate_limits, idempotency_keys, honors, service_hours_monthly, service_totals, audit_log, disputes, checkin_failures,
    attendance, service_records, hours_policies, channel_organizations, signups, volunteers, shifts, opportunities, organizations, api_keys, channels,
    webhook_attempts, webhook_deliveries, webhook_endpoints, outbox_events,
    recommendation_dismissals`);
}

export interface OutboxInsert {
  id: string;
  channelId: string;
  type: string;
  subjectId: string;
  version: number;
  at: Date;
}

export async function insertOutboxEvent(tx: Queryable, e: OutboxInsert): Promise<void> {
  await tx.query(
    'INSERT INTO outbox_events (id, channel_id, type, subject_id, subject_version, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [e.id, e.channelId, e.type, e.subjectId, e.version, e.at],
  );
}
