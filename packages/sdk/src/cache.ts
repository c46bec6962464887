/**
 * `@volunteerkit/sdk/cache`: the opt-in stale-while-revalidate cache of GET answers, a separate
 * entry point so that a client without it carries none of its code.
 *
 * ```ts
 * import { createClient } from '@volunteerkit/sdk';
 * import { swrCache } from '@volunteerkit/sdk/cache';
 * const vk = createClient({ baseUrl, publishableKey, cache: swrCache({ ttlMs: 60_000 }) });
 * ```
 *
 * @module
 */
import { ResponseCache, type CacheOptions } from './internal/cache.js';

export type { CacheOptions, ResponseCache };

/**
 * A cache for `createClient({ cache })`: fresh answers (`ttlMs`, default 30 s) are served without
 * a request; stale ones (`staleMs` more, default 5 min) at once while one background request
 * refreshes them; at most `maxEntries` (default 100), least recently used out first. Errors are
 * never stored. Clients made by `withSession` share their parent's cache.
 */
export function swrCache(options?: CacheOptions): ResponseCache {
  return new ResponseCache(options);
}
