/**
 * The one small SQL adapter the server talks to: `query(sql, params)` and `transaction(fn)`,
 * with two back ends that run the very same SQL — PGlite (embedded Postgres, the default) and
 * PostgreSQL through `pg` (`DATABASE_URL`).
 *
 * Numbers: `pg` returns int8/numeric as strings while PGlite returns numbers, so every query casts
 * what it selects to `int` or `float8`, which both drivers return as JavaScript numbers.
 */
import type { PGlite } from '@electric-sql/pglite';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

export type SqlParam = string | number | boolean | null | Date | readonly string[] | readonly number[];

/** Something SQL can be sent to: the database itself, or one open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** How many statements can run at once: the pool's size on PostgreSQL, 1 on PGlite. */
  readonly connections: number;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside
   * `fn`, use only `tx`: the database itself refuses (see `outsideTransaction`). On PostgreSQL a
   * transaction ended by a deadlock runs again (see TRANSACTION_ATTEMPTS): `fn` must change
   * nothing but the database.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (sent at commit by the transaction that raised
   * it, from any connection or instance). Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const LISTEN_CHANNEL = /^[a-z_]{1,63}$/;

/**
 * PostgreSQL ends one of two transactions that wait on each other (deadlock_detected) and may
 * refuse one under serializable isolation (serialization_failure); the change itself was fine, so
 * the transaction runs again, whole, up to this many times. Every change writes only through its
 * `tx` (events through the outbox), so running `fn` again repeats nothing outside the database.
 */
const TRANSACTION_ATTEMPTS = 3;
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);

/** Statement text → its prepared statement's number (see `prepared`). */
const preparedNumbers = new Map<string, number>();
/**
 * Bumped when PostgreSQL refuses a prepared statement whose result columns a migration changed
 * (`o.*` after `ALTER TABLE … ADD COLUMN`): every statement is then prepared again under a new name.
 */
let preparedGeneration = 0;

/**
 * Marks a statement for PostgreSQL to parse and plan once per connection and then only execute
 * (a named prepared statement), and returns its text unchanged. For the statements of the hot
 * write paths, whose text is fixed: planning, not running, was most of their cost.
 * Statements built per request (the list's filters) stay unnamed, so a connection holds only as
 * many prepared statements as the code marks. PGlite parses every statement anyway.
 */
export function prepared(sql: string): string {
  if (!preparedNumbers.has(sql)) preparedNumbers.set(sql, preparedNumbers.size);
  return sql;
}

/** Whether `sql` was marked with `prepared` (for tests of the hot paths). */
export function isPrepared(sql: string): boolean {
  return preparedNumbers.has(sql);
}

function preparedName(sql: string): string | undefined {
  const number = preparedNumbers.get(sql);
  return number === undefined ? undefined : `vk_${preparedGeneration}_${number}`;
}

/** `0A000` "cached plan must not change result type": a migration changed what a statement returns. */
function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or `'memory'` for an in-memory database. */
  dataDir?: string | undefined;
  /**
   * PostgreSQL only: the schema to work in (created if missing). Tests give each file its own
   * schema so files can run one after another against one server.
   */
  schema?: string | undefined;
  /**
   * PGlite only: start from a data folder dumped by `dumpMigratedPglite()` instead of running
   * initdb (about 3 s of WebAssembly per database). Tests open one database per file from one.
   */
  pgliteSnapshot?: Blob | undefined;
  /**
   * PostgreSQL only: open every connection of the pool before returning, as a server about to take
   * traffic wants (the CLI does); otherwise each is opened on first need. Default false.
   */
  openPool?: boolean | undefined;
}

/** The transaction whose callback is running, for the guard below. */
const openTransaction = new AsyncLocalStorage<true>();

/**
 * Work sent to the database itself from inside a transaction's callback would not be part of the
 * transaction: on PGlite it waits forever behind it (one connection), on PostgreSQL it runs on
 * another connection and may wait on the transaction's own locks. Both are bugs; fail at once.
 */
function outsideTransaction(): void {
  if (openTransaction.getStore())
    throw new Error('The database was used directly inside a transaction; use the transaction (tx) given to the callback.');
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.schema, options.openPool ?? false)
    : (await startPglite(options.dataDir ?? '.data/pglite', options.pgliteSnapshot)).db;
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * PGlite is one connection: a transaction left open would swallow any query sent meanwhile. So
 * every query and every transaction waits its turn in one queue; that is also what makes
 * `SELECT … FOR UPDATE` meaningful (nothing interleaves).
 */
async function startPglite(dataDir: string, snapshot?: Blob): Promise<{ db: Database; pglite: PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm serves substring search (ILIKE '%…%'); PGlite ships it but loads it only when asked.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // PGlite creates the data folder but not its parents: `.data/pglite` on a fresh clone would fail.
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const extensions = { pg_trgm };
  const options = { extensions, ...(snapshot ? { loadDataDir: snapshot } : {}) };
  const pglite = dataDir === 'memory' ? new PGlite(options) : new PGlite(dataDir, options);
  await pglite.waitReady;
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  const run = async <Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await pglite.query<Row>(sql, params as unknown[])).rows;
  const db: Database = {
    kind: 'pglite',
    connections: 1,
    query: (sql, params) => {
      outsideTransaction();
      return serialize(() => run(sql, params));
    },
    transaction: (fn) => {
      outsideTransaction();
      return serialize(async () => {
        await pglite.query('BEGIN');
        try {
          const result = await openTransaction.run(true, () => fn({ query: run }));
          await pglite.query('COMMIT');
          return result;
        } catch (error) {
          await pglite.query('ROLLBACK');
          throw error;
        }
      });
    },
    listen: (channel, onNotify) => {
      if (!LISTEN_CHANNEL.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
      // In the queue: a LISTEN sent inside another caller's open transaction would be undone with it.
      return serialize(async () => {
        const unlisten = await pglite.listen(channel, () => onNotify());
        return () => serialize(() => unlisten());
      });
    },
    close: () => serialize(() => pglite.close()),
  };
  return { db, pglite };
}

/**
 * A fully migrated in-memory PGlite, after `prepare` (say, the demo seed), dumped as the
 * `pgliteSnapshot` to open others from: test harnesses set one up once and open it many times.
 */
export async function dumpPglite(prepare?: (db: Database) => Promise<unknown>): Promise<Blob> {
  const { db, pglite } = await startPglite('memory');
  try {
    await migrate(db);
    await prepare?.(db);
    return await pglite.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

async function openPostgres(connectionString: string, schema: string | undefined, openPool: boolean): Promise<Database> {
  const pg = (await import('pg')).default;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const poolSize = Number(process.env['VK_PG_POOL_SIZE'] ?? 10);
  const pool = new pg.Pool({
    connectionString,
    // A fixed-size pool: a connection, once opened, stays open (pg closes idle ones after 10 s by
    // default). A burst after a quiet spell then meets warm connections, not new backends with
    // empty caches that must prepare every statement again (docs/architecture.md, "A fixed-size pool").
    max: poolSize,
    min: poolSize,
    // So an operator (or a test) can tell in pg_stat_activity which process holds a connection.
    application_name: `volunteerkit-server pid ${process.pid}`,
    // public stays on the path: extensions (pg_trgm) are installed there once per database.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  if (openPool) {
    // All at once, so each is idle in the pool when the first requests come, not being opened under them.
    const clients = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
    for (const client of clients) client.release();
  }
  const run = async <Row>(client: { query: typeof pool.query }, sql: string, params: readonly SqlParam[] = []) => {
    const name = preparedName(sql);
    const values = params as unknown[];
    return (await (name ? client.query({ name, text: sql, values }) : client.query(sql, values))).rows as Row[];
  };
  return {
    kind: 'postgres',
    connections: poolSize,
    query: <Row>(sql: string, params?: readonly SqlParam[]) => {
      outsideTransaction();
      return run<Row>(pool, sql, params).catch((error: unknown) => {
        if (!isStalePreparedStatement(error)) throw error;
        preparedGeneration++;
        return run<Row>(pool, sql, params);
      });
    },
    transaction: async (fn) => {
      outsideTransaction();
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await openTransaction.run(true, () => fn({ query: (sql, params) => run(client as never, sql, params) }));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          // A prepared statement outlived a migration: prepare them all again and run the change again.
          if (isStalePreparedStatement(error)) preparedGeneration++;
          else if (!RETRIED_SQLSTATES.has((error as { code?: unknown }).code as string)) throw error;
          if (attempt >= TRANSACTION_ATTEMPTS) throw error;
        } finally {
          client.release();
        }
        // A moment apart, so the two transactions that met do not meet again the same way.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    },
    listen: async (channel, onNotify) => {
      if (!LISTEN_CHANNEL.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
      // A connection of its own, outside the pool: it stays in LISTEN for the server's lifetime.
      const client = new pg.Client({ connectionString });
      client.on('notification', () => onNotify());
      // A dropped connection is not fatal: the caller polls as well.
      client.on('error', (error) => console.error('[volunteerkit-server] LISTEN connection lost; polling continues:', error.message));
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      return () => client.end().catch(() => undefined);
    },
    close: () => pool.end(),
  };
}

const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

/**
 * Applies `migrations/NNN_name.sql` files not yet recorded in `schema_migrations`, in order, all
 * in one transaction. An advisory lock keeps two instances starting at once from racing. After
 * a migration the planner's statistics are refreshed (`ANALYZE`): PGlite has no autovacuum, and
 * a new index or table is planned blind until statistics exist.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    applied.length = 0; // a retried transaction starts over
    await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (done.has(version)) continue;
      const sql = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
      applied.push(file);
    }
  });
  if (applied.length > 0) await analyze(db);
  return applied;
}

/**
 * Refreshes the planner's statistics of every table. PGlite has no autovacuum daemon, so without
 * this a freshly seeded or migrated database is planned as if its tables were empty (the
 * difference between 2 s and 60 ms for an honor board).
 */
export async function analyze(db: Queryable): Promise<void> {
  // Named tables, resolved through the search path: a bare ANALYZE would also visit every
  // other schema of a shared PostgreSQL database.
  await db.query(`ANALYZE ${ANALYZED_TABLES.join(', ')}`);
}

/**
 * After a bulk load (the seed): `VACUUM (ANALYZE)` of every table. Beside the statistics, it sets
 * the visibility map, so index-only scans skip the heap from the first request, and it does now
 * what PostgreSQL's autovacuum would otherwise start on the freshly inserted tables within the
 * first minute of service, in the middle of the first traffic. Outside a transaction only.
 */
export async function vacuumAnalyze(db: Queryable): Promise<void> {
  await db.query(`VACUUM (ANALYZE) ${ANALYZED_TABLES.join(', ')}`);
}

const ANALYZED_TABLES = ['channels', 'api_keys', 'organizations', 'opportunities', 'shifts', 'volunteers', 'signups',
  'service_records', 'service_hours_monthly', 'service_totals', 'honors', 'idempotency_keys', 'rate_limits', 'attendance',
  'disputes', 'audit_log', 'hours_policies', 'channel_organizations', 'checkin_failures',
  'outbox_events', 'webhook_endpoints', 'webhook_deliveries', 'webhook_attempts', 'points_transactions', 'points_transfers',
  'points_balances', 'rewards', 'redemptions', 'volunteer_star_levels', 'star_level_changes'];

/**
 * Splits a migration file on `;` at line ends, except inside `$$ … $$` (function bodies), after
 * dropping `--` comments.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  // Odd-numbered pieces lie between a pair of $$: they are never split.
  sql.replace(/--.*$/gm, '').split('$$').forEach((piece, index) => {
    if (index % 2 === 1) {
      current += `$$${piece}$$`;
      return;
    }
    const parts = piece.split(/;\s*$/m);
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  });
  statements.push(current);
  return statements.map((s) => s.trim()).filter(Boolean);
}
