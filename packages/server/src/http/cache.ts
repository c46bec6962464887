/**
 * HTTP caching of public reads: a strong ETag from the body's hash and a 304 for a matching
 * If-None-Match, so browsers and a CDN in front of the server revalidate for the cost of a hash.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';

export const PUBLIC_CACHE = 'public, max-age=30, stale-while-revalidate=300';
export const PRIVATE_CACHE = 'private, max-age=30, stale-while-revalidate=300';
export const NO_STORE = 'private, no-store';

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header value names `etag` (or is `*`). Weak validators compare equal. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Sends a read's JSON. Readable with a publishable key in the URL: shared caches may keep it
 * (the key is part of the URL, so channels never share an entry). With a key in the
 * Authorization header: only the browser's own cache. Secret keys and sessions: never stored.
 */
export function sendRead(c: Context<AppEnv>, payload: unknown): Response {
  const caller = c.get('caller');
  const cacheControl =
    caller?.kind === 'publishable' ? (caller.viaHeader ? PRIVATE_CACHE : PUBLIC_CACHE) : NO_STORE;
  const body = JSON.stringify(payload);
  c.header('Cache-Control', cacheControl);
  if (cacheControl === NO_STORE) return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  const etag = etagOf(body);
  c.set('read', { body, etag });
  c.header('ETag', etag);
  if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}
