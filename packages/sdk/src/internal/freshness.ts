/**
 * What a write made stale. A sign-up or a cancel changes an opportunity's spots left, yet the
 * answers read before it live on in three places: the opt-in response cache, a GET still in
 * flight, and the browser's own HTTP cache (public reads are `max-age=30,
 * stale-while-revalidate=300`, see packages/server/src/http/cache.ts), which outlives a reload.
 *
 * So a successful write marks the paths it changed (`/v1/opportunities/opp_…`,
 * `/v1/opportunities`, `/v1/me/signups`): {@link markStale}, called by the write resources only,
 * drops their cached answers and records until when the HTTP cache may still hold an older copy
 * ({@link STALE_AFTER_WRITE_MS}). Until then every read of them ({@link isStale}, a few bytes in
 * every client) is made without joining a request started before the write and with
 * `cache: 'no-cache'`: the browser revalidates (a 304 when nothing changed) and stores the fresh
 * answer for the next reader. In a browser each mark is also one `sessionStorage` item, because
 * the HTTP cache survives a reload too. The marks are shared by every client on the page (keyed by
 * base URL + path), like the HTTP cache they stand for.
 *
 * @internal
 * @module
 */
import type { ResponseCache } from './cache.js';

/** How long a browser may serve an old public read without asking: `max-age` 30 s + `stale-while-revalidate` 300 s. */
export const STALE_AFTER_WRITE_MS = 330_000;

const STORAGE_PREFIX = 'volunteerkit.stale ';

/** Base URL + path → until when (epoch ms) reads of it must revalidate; this page's writes. */
const staleUntil: Record<string, number> = {};

/** Counts writes: reads after a write never join a request started before it. */
export let writeCount = 0;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // a sandboxed frame throws on access
  }
}

/** Whether a read of `url` (base URL + path, no query) must revalidate: a write changed it recently. */
export function isStale(url: string): boolean {
  // This page's mark, else one kept in sessionStorage by an earlier page load of this tab.
  return (staleUntil[url] ?? +(storage()?.getItem(STORAGE_PREFIX + url) ?? 0)) > Date.now();
}

/** After a write succeeded: reads of `paths` revalidate from now on, and their cached answers go. */
export function markStale(shared: { baseUrl: string; cache: ResponseCache | undefined }, paths: readonly string[]): void {
  const { baseUrl, cache } = shared;
  const until = Date.now() + STALE_AFTER_WRITE_MS;
  writeCount++;
  for (const path of paths) {
    staleUntil[baseUrl + path] = until;
    try {
      storage()?.setItem(STORAGE_PREFIX + baseUrl + path, String(until));
    } catch {
      // storage full or refused: the mark still holds for this page
    }
  }
  const prefixes = paths.map((path) => `GET ${baseUrl}${path}`);
  // A key is `GET <url> <authorization>`: the path ends at the query string or the space.
  cache?.drop((key) => prefixes.some((prefix) => key.startsWith(prefix) && (key[prefix.length] === '?' || key[prefix.length] === ' ')));
}

/** Forgets every mark of this page (tests start from a clean page). */
export function forgetStaleMarks(): void {
  for (const url in staleUntil) delete staleUntil[url];
  const store = storage();
  for (let i = (store?.length ?? 0) - 1; i >= 0; i--) {
    const key = store!.key(i);
    if (key?.startsWith(STORAGE_PREFIX)) store!.removeItem(key);
  }
}
