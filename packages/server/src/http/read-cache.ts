/**
 * A short-lived, per-instance cache of public reads (the "micro-cache" a CDN edge also is).
 *
 * PGlite runs every query on one thread, so a news site's spike of identical list requests would
 * queue behind each other. For a couple of seconds, identical public reads of one channel are
 * answered from memory instead. This is a cache, not state: the database stays the only truth
 * (capacity, idempotency, rate limits never come from here), a write handled by this instance
 * empties it, and the staleness it adds (default 2 s) is far below the `max-age=30` every public
 * read already allows browsers and CDNs. `readCacheMs: 0` turns it off.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';
import { matchesEtag } from './cache.js';

interface Entry {
  expires: number;
  body: string;
  etag: string;
  cacheControl: string;
}

const MAX_ENTRIES = 2000;

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads being computed right now: identical requests wait for them instead of recomputing. */
  readonly inFlight = new Map<string, Promise<void>>();
  constructor(readonly ttlMs: number) {}

  get(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, read: { body: string; etag: string }, cacheControl: string, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { expires: now + this.ttlMs, ...read, cacheControl });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The cache key of a public read: channel, where the key travelled, path and sorted query (without the key). */
function cacheKey(channelId: string, viaHeader: boolean, url: URL): string {
  const params = [...url.searchParams].filter(([name]) => name !== 'key' && name !== 'locale').sort(([a], [b]) => a.localeCompare(b));
  return `${channelId}|${viaHeader ? 'h' : 'q'}|${url.pathname}?${new URLSearchParams(params).toString()}`;
}

export function readCache(cache: ReadCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') {
      await next();
      if (c.res.status < 400) cache.clear();
      return;
    }
    const caller = c.get('caller');
    if (!caller || caller.kind !== 'publishable') return next();
    const key = cacheKey(caller.channel.id, caller.viaHeader, new URL(c.req.url));
    const now = () => c.get('services').now().getTime();
    // When an entry expires under a spike, the first request recomputes it and the identical
    // requests arriving meanwhile wait for that one answer (no stampede on a one-query-at-a-time database).
    const pending = cache.inFlight.get(key);
    if (pending) await pending;
    const hit = cache.get(key, now());
    if (hit) {
      c.header('Cache-Control', hit.cacheControl);
      c.header('ETag', hit.etag);
      if (matchesEtag(c.req.header('if-none-match'), hit.etag)) return c.body(null, 304);
      return c.body(hit.body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    }
    let done = () => {};
    const mine = new Promise<void>((resolve) => (done = resolve));
    if (!cache.inFlight.has(key)) cache.inFlight.set(key, mine);
    try {
      await next();
      const produced = c.get('read');
      if (produced !== undefined && (c.res.status === 200 || c.res.status === 304)) cache.set(key, produced, c.res.headers.get('cache-control') ?? '', now());
    } finally {
      if (cache.inFlight.get(key) === mine) cache.inFlight.delete(key);
      done();
    }
  };
}
