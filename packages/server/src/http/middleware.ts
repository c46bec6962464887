/**
 * The request pipeline, in order: request id → who is calling and from which origin (CORS) →
 * rate limit → a method the path has (else 405) → body (size, type, JSON). Each step is a small
 * Hono middleware; idempotency is part of every write's transaction (http/write.ts,
 * services/idempotency.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import * as q from '../db/queries.js';
import { clientAddress, normalizeAddress } from '../domain/client-address.js';
import { originAllowed } from '../domain/origins.js';
import type { Caller, Callers } from '../services/callers.js';
import type { AppEnv, AppServices } from './context.js';
import { ApiError, negotiateLocale } from './problem.js';

/**
 * Request id, locale and client address. `trustProxy` is the number of reverse proxies in front
 * of the server whose `X-Forwarded-For` entries are believed (0: none; see domain/client-address.ts).
 */
export function requestContext(services: AppServices, trustProxy = 0): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : `req_${randomUUID().replace(/-/g, '')}`;
    c.set('requestId', requestId);
    c.set('clientAddress', clientAddress(c.req.header('x-forwarded-for'), socketAddress(c), trustProxy));
    c.set('services', services);
    c.set('caller', null);
    c.set('rawBody', '');
    c.set('body', undefined);
    c.set('read', undefined);
    c.set('locale', negotiateLocale(c.req.query('locale'), c.req.header('accept-language')));
    c.header('X-Request-Id', requestId);
    await next();
  };
}

const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, X-Request-Id, If-None-Match';
const CORS_EXPOSE_HEADERS = 'X-Request-Id, Retry-After, ETag, Idempotent-Replayed, Allow';

function allowOrigin(c: Context<AppEnv>, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
}

/**
 * Resolves the caller from `Authorization: Bearer …` (publishable key, secret key or session
 * token) or a publishable key in `?key=`, then applies the channel's origin allow-list. A browser
 * preflight (OPTIONS) carries no credentials: it is answered for the channel named by `?key=`, or
 * for any channel's origin when the key travels in a header (the real request is checked again).
 */
export function callerAndCors(callers: Callers): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { now, secrets } = c.get('services');
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');

    if (c.req.method === 'OPTIONS') {
      if (!origin) return c.body(null, 204);
      const queryKey = c.req.query('key');
      const owner = queryKey ? await callers.keyOwner(queryKey) : null;
      const allowList = owner ? owner.channel.allowed_origins : await callers.allAllowedOrigins();
      if (!originAllowed(origin, allowList)) throw new ApiError(403, 'origin_not_allowed', `Origin ${origin} is not allowed.`);
      allowOrigin(c, origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
      c.header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }

    const authorization = c.req.header('authorization');
    const queryKey = c.req.query('key');
    let bearer: string | undefined;
    if (authorization !== undefined) {
      const match = /^Bearer\s+([\x21-\x7e]{1,1000})$/i.exec(authorization.trim());
      if (!match) {
        if (origin) allowOrigin(c, origin);
        throw new ApiError(401, 'unauthorized', 'The Authorization header must be "Bearer <key or session token>".');
      }
      bearer = match[1];
    }
    // Without credentials there is nothing to protect yet: let the browser read the 401.
    if (bearer === undefined && queryKey === undefined) {
      if (origin) allowOrigin(c, origin);
      if (c.req.path.startsWith('/v1/')) throw new ApiError(401, 'unauthorized', 'Pass a publishable key as ?key=pk_… or an Authorization: Bearer header.');
      return next();
    }

    let caller: Caller;
    try {
      caller = await callers.resolve(bearer, queryKey, async () => (await secrets()).session, now());
    } catch (error) {
      if (origin) allowOrigin(c, origin);
      throw error;
    }
    if (origin) {
      if (caller.kind === 'secret') throw new ApiError(403, 'forbidden', 'Secret keys are for servers only; never send one from a browser.');
      if (!originAllowed(origin, caller.channel.allowed_origins))
        throw new ApiError(403, 'origin_not_allowed', `Origin ${origin} is not on this channel's list of allowed origins.`);
      allowOrigin(c, origin);
    }
    c.set('caller', caller);
    return next();
  };
}

/**
 * Fixed one-minute windows counted in the database (so every instance shares them), per caller
 * and client address (the socket's peer, or the forwarded client when proxies are trusted). Over
 * the limit: 429 with `Retry-After` (seconds to the next window).
 */
export function rateLimit(perMinute: number): MiddlewareHandler<AppEnv> {
  let sincePurge = 0;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || !c.req.path.startsWith('/v1/')) return next();
    const { db, now } = c.get('services');
    const caller = c.get('caller');
    const who = caller ? `${caller.kind}:${caller.channel.id}:${callerPerson(caller)}` : 'anonymous';
    const at = now().getTime();
    const windowStart = new Date(at - (at % 60_000));
    const hits = await q.hitRateLimit(db, `${who}|${c.get('clientAddress')}`, windowStart);
    if (++sincePurge >= 1000) {
      sincePurge = 0;
      await q.purgeRateLimits(db, new Date(windowStart.getTime() - 120_000));
    }
    if (hits > perMinute) {
      const retryAfter = String(Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - at) / 1000)));
      throw new ApiError(429, 'rate_limited', `More than ${perMinute} requests in a minute; retry after ${retryAfter} s.`, {
        headers: { 'Retry-After': retryAfter },
      });
    }
    return next();
  };
}

/** The person a session acts for (volunteer or staff member), '' for a key: rate limits and idempotency keys are theirs. */
export function callerPerson(caller: Caller): string {
  if (caller.kind === 'session') return caller.volunteerId;
  if (caller.kind === 'organizer') return `${caller.organizationId}:${caller.staffId}`;
  return '';
}

/** The peer of the TCP connection (@hono/node-server passes the request as `env.incoming`); 'local' in-process. */
function socketAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const remote = incoming?.socket?.remoteAddress;
  return remote ? (normalizeAddress(remote) ?? remote) : 'local';
}

/**
 * Reads a write's body once: at most `limitBytes`, JSON only, parsed. Malformed bodies are the
 * client's fault (4xx), whatever they contain.
 */
export function jsonBody(limitBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH' && c.req.method !== 'PUT') return next();
    const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > limitBytes) throw tooLarge();
    const bytes = await readLimited(c.req.raw, limitBytes, tooLarge);
    if (bytes.length === 0) return next();
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(contentType))
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ApiError(400, 'bad_request', 'The request body is not valid UTF-8.');
    }
    try {
      c.set('body', JSON.parse(text));
    } catch {
      throw new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
    }
    c.set('rawBody', text);
    return next();
  };
}

async function readLimited(request: Request, limit: number, tooLarge: () => ApiError): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * A path the API has, asked with a method it does not have: 405 with `Allow` listing the ones it
 * has, before the body is read (a wrong method is wrong whatever the body says). Unknown paths go
 * on to the 404. `routes` is read on first use, once every route is registered.
 */
export function allowedMethods(routes: () => ReadonlyArray<{ method: string; path: string }>): MiddlewareHandler<AppEnv> {
  let table: Array<{ pattern: RegExp; methods: Set<string> }> | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const { method, path } of routes()) {
      if (method === 'ALL' || path.includes('*')) continue;
      const methods = byPath.get(path) ?? new Set<string>();
      methods.add(method);
      if (method === 'GET') methods.add('HEAD');
      byPath.set(path, methods);
    }
    return [...byPath].map(([path, methods]) => ({
      pattern: new RegExp(`^${path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`),
      methods: methods.add('OPTIONS'),
    }));
  };
  return async (c, next) => {
    table ??= build();
    const method = c.req.method;
    const known = table.filter((entry) => entry.pattern.test(c.req.path));
    if (method === 'OPTIONS' || known.length === 0 || known.some((entry) => entry.methods.has(method))) return next();
    const allow = [...new Set(known.flatMap((entry) => [...entry.methods]))].join(', ');
    throw new ApiError(405, 'method_not_allowed', `${c.req.path} does not take ${method}; it takes ${allow}.`, { headers: { Allow: allow } });
  };
}
