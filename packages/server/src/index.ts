/**
 * `@volunteerkit/server`: the reference implementation of the VolunteerKit platform API.
 *
 * ```ts
 * const server = await startServer({ port: 0, dataDir: 'memory', seed: true });
 * console.log(server.url); // http://127.0.0.1:54321
 * await server.close();
 * ```
 *
 * @module
 */
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, trustedProxyHops, type AppOptions } from './app.js';
import { openDatabase, type Database } from './db/database.js';
import type { AppEnv } from './http/context.js';
import { startListFiguresRefresh } from './services/list-figures.js';
import { warmUp } from './services/warm-up.js';
import { seedIfEmpty, type SeedSummary } from './seed/seed.js';
import { startNeedDeadlines } from './services/needs.js';
import { startAutoApproval } from './services/reviews.js';
import { startDispatcher } from './services/webhook-dispatch.js';
import { startRedemptionExpiry } from './services/recognition.js';
import { rotateSigningKey } from './services/certificate-keys.js';
import { settingOrCreate } from './db/queries.js';
import { randomBytes } from 'node:crypto';

export { createApp, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, type AppOptions } from './app.js';
export { openDatabase, migrate, dumpPglite, type Database, type Queryable, type OpenDatabaseOptions } from './db/database.js';
export { SEED_KEYS, SEED_FIXTURES, SEED_STATION, SEED_NEWS_READER, seedIfEmpty, seedDemoData, ensureStationShift, type SeedOptions, type SeedSummary } from './seed/seed.js';
export { signSessionToken, verifySessionToken, signOrganizerToken, verifyOrganizerToken } from './domain/session-token.js';
export { runAutoApproval, startAutoApproval, type AutoApprovalOptions } from './services/reviews.js';
export { runNeedDeadlines, startNeedDeadlines, type NeedDeadlineOptions } from './services/needs.js';
export { dispatchDue, startDispatcher, type DispatchOptions, type Dispatcher } from './services/webhook-dispatch.js';
export { runRedemptionExpiry, startRedemptionExpiry, type RedemptionExpiryOptions } from './services/recognition.js';

/**
 * Retires the certificate signing key in use and puts a new one in use (`volunteerkit-server
 * --rotate-certificate-key`). Certificates signed before stay valid: the retired key stays in
 * `/.well-known/jwks.json` with its window. Safe with several instances running.
 */
export async function rotateCertificateKey(db: Database, now: Date = new Date()): Promise<{ retired: string | null; inUse: string }> {
  const sealSecret = process.env['VK_SEAL_SECRET'] || (await settingOrCreate(db, 'seal_secret', randomBytes(32).toString('base64url')));
  return rotateSigningKey(db, sealSecret, now);
}

export interface ServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PGlite data folder, or `'memory'`. Default `.data/pglite`. Ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** PostgreSQL connection string; overrides `dataDir`. Default `process.env.DATABASE_URL`. */
  databaseUrl?: string;
  /** PostgreSQL only: work in this schema (created if missing) instead of the default search path. */
  schema?: string;
  /**
   * PGlite only: start from a data folder dumped by `dumpPglite()` instead of creating one
   * (test harnesses: seed once, start many servers from it).
   */
  pgliteSnapshot?: Blob;
  /**
   * PostgreSQL only: open every connection of the pool at start, so the first burst of traffic does
   * not wait for new connections (the CLI does). Default false: tests open many short-lived servers.
   */
  openPool?: boolean;
  /**
   * Before listening, ask the public reads a few hundred questions (services/warm-up.ts), so the
   * first readers meet warm connections and optimised code (the CLI does). Default false.
   */
  warmUp?: boolean;
  /** Load the deterministic demo data set if the database is empty. */
  seed?: boolean;
  /** Size of the demo data set as a multiple of the default (1–100). Default 1. */
  seedScale?: number;
  /** Requests per minute per caller and client; `false` disables. Default 600. */
  rateLimit?: { perMinute: number } | false;
  /**
   * Number of reverse proxies in front of the server whose `X-Forwarded-For` entries are believed
   * for the client address (rate limits). Default `false`: the socket's address, header ignored.
   */
  trustProxy?: number | false;
  /** One access-log line per request on stderr. */
  log?: boolean;
  /** How long identical public reads are answered from this instance's memory (ms); 0 turns it off. Default 2000. */
  readCacheMs?: number;
  /** The clock (tests). */
  now?: () => Date;
  /**
   * Approve attendance records whose deadline passed, release stale need claims and expire needs
   * nobody took, and refresh the list's kept figures (open spots, next start) whose window ended, every `intervalMs` (default 60 s), on this instance; safe on every instance at once. `false` leaves it to another process. Default on.
   */
  autoApproval?: { intervalMs?: number } | false;
  /**
   * Expire uncollected reward redemptions (returning their points and stock) every `intervalMs`
   * (default 60 s), on this instance; safe on every instance at once. `false` leaves it to another process.
   */
  redemptionExpiry?: { intervalMs?: number } | false;
  /** Names this process in an `X-VK-Worker` header on every answer (the CLI sets each worker's number). */
  instance?: string;
  /**
   * Send webhook deliveries from this instance: woken by each committed event (LISTEN/NOTIFY) and
   * every `pollMs` (default 1 s) for retries; safe on every instance at once. `leaseMs` (default
   * 60 s, more than the 10 s a receiver has) is how long an instance holds a delivery it is sending:
   * if it dies, another sends it after that. `false` leaves it to another process. Default on.
   */
  webhooks?: { pollMs?: number; leaseMs?: number } | false;
}

export interface RunningServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
  app: Hono<AppEnv>;
  db: Database;
  /** What the seed created, when it ran. */
  seeded: SeedSummary | null;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  trustedProxyHops(options.trustProxy); // a bad value fails here, before a database is opened
  const db = await openDatabase({
    databaseUrl: options.databaseUrl ?? process.env['DATABASE_URL'] ?? undefined,
    dataDir: options.dataDir ?? '.data/pglite',
    schema: options.schema,
    pgliteSnapshot: options.pgliteSnapshot,
    openPool: options.openPool,
  });
  const now = options.now ?? (() => new Date());
  const seeded = options.seed ? await seedIfEmpty(db, now(), { scale: options.seedScale ?? 1 }) : null;
  if (options.warmUp) await warmUp(db, now());
  const appOptions: AppOptions = { now, log: options.log ?? false };
  if (options.rateLimit !== undefined) appOptions.rateLimit = options.rateLimit;
  if (options.readCacheMs !== undefined) appOptions.readCacheMs = options.readCacheMs;
  if (options.trustProxy !== undefined) appOptions.trustProxy = options.trustProxy;
  if (options.instance !== undefined) appOptions.instance = options.instance;
  const app = createApp(db, appOptions);
  const host = options.host ?? '127.0.0.1';
  let listening: { server: ReturnType<typeof serve>; port: number };
  try {
    listening = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info) => resolve({ server: s, port: info.port }));
      s.once('error', reject);
    });
  } catch (error) {
    await db.close(); // e.g. the port is taken: do not leave the database open
    throw error;
  }
  const { server, port } = listening;
  const autoApproval = options.autoApproval === false ? null : startAutoApproval(db, now, options.autoApproval?.intervalMs);
  // The same switch: all three are the server's schedulers, and tests that drive the clock turn them off.
  const needDeadlines = options.autoApproval === false ? null : startNeedDeadlines(db, now, options.autoApproval?.intervalMs);
  const listFigures = options.autoApproval === false ? null : startListFiguresRefresh(db, now, options.autoApproval?.intervalMs);
  const webhooks = options.webhooks === false ? null
    : startDispatcher(db, now, {
      instance: options.instance ?? `pid ${process.pid}`,
      ...(options.webhooks?.pollMs ? { pollMs: options.webhooks.pollMs } : {}),
      ...(options.webhooks?.leaseMs ? { leaseMs: options.webhooks.leaseMs } : {}),
    });
  const redemptionExpiry = options.redemptionExpiry === false ? null : startRedemptionExpiry(db, now, options.redemptionExpiry?.intervalMs);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    app,
    db,
    seeded,
    close: () =>
      (closing ??= (async () => {
        await autoApproval?.stop();
        await needDeadlines?.stop();
        await listFigures?.stop();
        await webhooks?.stop();
        await redemptionExpiry?.stop();
        await new Promise<void>((resolve) => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => resolve());
        });
        await db.close();
      })()),
  };
}
