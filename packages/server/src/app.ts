/**
 * The Hono application: the middleware pipeline (http/middleware.ts), the routes, and one error
 * handler that turns every failure into problem details. Bad input is always a 4xx.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Database } from './db/database.js';
import * as q from './db/queries.js';
import type { AppEnv, AppServices } from './http/context.js';
import { compression, DEFAULT_COMPRESSION_THRESHOLD } from './http/compression.js';
import { allowedMethods, callerAndCors, jsonBody, rateLimit, requestContext } from './http/middleware.js';
import { ApiError, problemResponse, toApiError } from './http/problem.js';
import { ReadCache, readCache } from './http/read-cache.js';
import { needRoutes } from './routes/needs.js';
import { certificateRoutes } from './routes/certificates.js';
import { organizerRoutes } from './routes/organizer.js';
import { partnerRoutes } from './routes/partner.js';
import { publicRoutes } from './routes/public.js';
import { recognitionRoutes } from './routes/recognition.js';
import { recommendationRoutes } from './routes/recommendations.js';
import { volunteerRoutes } from './routes/volunteer.js';
import { webhookRoutes } from './routes/webhooks.js';
import { Callers } from './services/callers.js';
import { IdempotentWrites } from './services/idempotency.js';

export interface AppOptions {
  /** The clock; tests move it to check expiry and sign-up windows. Default: the real time. */
  now?: () => Date;
  /** Requests per minute per caller and client address; `false` turns limiting off. Default 600. */
  rateLimit?: { perMinute: number } | false;
  /**
   * How many reverse proxies in front of the server to believe in `X-Forwarded-For`: the client
   * address is then the entry that many places from the right (the rightmost `n - 1` are the
   * proxies' own). `0` or `false` (the default) uses the socket's address and ignores the header,
   * which any client can write. Set it only when every request arrives through those proxies.
   */
  trustProxy?: number | false;
  /** Largest accepted request body in bytes. Default 64 KiB. */
  bodyLimitBytes?: number;
  /** One access-log line per request on stderr. */
  log?: boolean;
  /** How long each instance remembers keys and channels it looked up; 0 turns it off. Default 5000. */
  configCacheMs?: number;
  /** How long identical public reads are answered from this instance's memory; 0 turns it off. Default 2000. */
  readCacheMs?: number;
  /**
   * JSON bodies at least this long are sent brotli- or gzip-compressed when the client accepts it;
   * `false` leaves compression to a proxy in front. Default 1024 bytes.
   */
  compressionThresholdBytes?: number | false;
  /**
   * Names this process in an `X-VK-Worker` header on every answer, so an operator (or a test) can
   * see which of several processes behind one port answered. Unset: no header.
   */
  instance?: string;
}

export const DEFAULT_READ_CACHE_MS = 2000;

/** `trustProxy` as a hop count; anything but a whole number ≥ 0 or `false` is a configuration mistake. */
export function trustedProxyHops(trustProxy: number | false | undefined): number {
  if (trustProxy === undefined || trustProxy === false) return 0;
  if (!Number.isSafeInteger(trustProxy) || trustProxy < 0)
    throw new TypeError(`trustProxy must be the number of proxy hops in front of the server (a whole number, 0 for none) or false, not ${String(trustProxy)}`);
  return trustProxy;
}

export const DEFAULT_RATE_LIMIT = { perMinute: 600 };
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Secrets for signing sessions, sealing ID numbers and deriving check-in codes: from the environment if set, else
 * generated once per database and stored in it, so every instance over that database agrees.
 */
function secretsOf(db: Database): AppServices['secrets'] {
  let loading: Promise<{ session: string; seal: string; checkin: string }> | undefined;
  return () => {
    loading ??= (async () => ({
      session: process.env['VK_SESSION_SECRET'] || (await q.settingOrCreate(db, 'session_secret', randomBytes(32).toString('base64url'))),
      seal: process.env['VK_SEAL_SECRET'] || (await q.settingOrCreate(db, 'seal_secret', randomBytes(32).toString('base64url'))),
      checkin: process.env['VK_CHECKIN_SECRET'] || (await q.settingOrCreate(db, 'checkin_secret', randomBytes(32).toString('base64url'))),
    }))();
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

export function createApp(db: Database, options: AppOptions = {}): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const services: AppServices = { db, now, secrets: secretsOf(db), writes: new IdempotentWrites(db, now) };
  const app = new Hono<AppEnv>();
  const limit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;

  // Outermost, so it sees every answer: routes, the read cache, problem details, 404s.
  if (options.compressionThresholdBytes !== false) app.use('*', compression(options.compressionThresholdBytes ?? DEFAULT_COMPRESSION_THRESHOLD));
  if (options.instance !== undefined) {
    const instance = options.instance;
    app.use('*', async (c, next) => {
      await next();
      c.header('X-VK-Worker', instance);
    });
  }
  app.use('*', requestContext(services, trustedProxyHops(options.trustProxy)));
  if (options.log) {
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      console.error(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms ${c.get('requestId')}`);
    });
  }
  // Credentials, CORS, rate limits, bodies and the read cache are the API's (`/v1`): `/health`
  // answers a load balancer whatever it sends, and an unknown path is a 404 whatever the key.
  app.use('/v1/*', callerAndCors(new Callers(db, options.configCacheMs ?? 5000)));
  if (limit) app.use('/v1/*', rateLimit(limit.perMinute));
  app.use('*', allowedMethods(() => app.routes));
  app.use('/v1/*', jsonBody(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT));
  const readCacheMs = options.readCacheMs ?? DEFAULT_READ_CACHE_MS;
  if (readCacheMs > 0) app.use('/v1/*', readCache(new ReadCache(readCacheMs)));

  // Load balancers poll this often: the database is asked at most once a second.
  let lastDatabaseCheck = 0;
  app.get('/health', async (c) => {
    if (Date.now() - lastDatabaseCheck > 1000) {
      await db.query('SELECT 1');
      lastDatabaseCheck = Date.now();
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', database: db.kind });
  });
  app.route('/v1', publicRoutes);
  app.route('/v1', volunteerRoutes);
  app.route('/v1', partnerRoutes);
  app.route('/v1', organizerRoutes);
  app.route('/v1', needRoutes);
  app.route('/v1', webhookRoutes);
  app.route('/v1', recognitionRoutes);
  app.route('/', certificateRoutes);
  app.route('/v1', recommendationRoutes);

  app.notFound((c) => problemResponse(c, new ApiError(404, 'not_found', `There is no ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) console.error('[volunteerkit-server] unexpected error:', error);
    return problemResponse(c, apiError);
  });
  return app;
}
