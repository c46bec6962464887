/**
 * The opt-in response cache (`cache: swrCache({ ttlMs })`, from `@volunteerkit/sdk/cache`): fresh
 * answers are served without a request; stale ones are served at once while one background
 * request refreshes them (stale-while-revalidate). Small and bounded: least recently used entries
 * go first. A client without it carries none of this code.
 *
 * @internal
 * @module
 */
import type { RawResponse } from './transport.js';

export interface CacheOptions {
  /** How long an answer is fresh (served without any request). Default 30 s. */
  ttlMs?: number;
  /** How long after that a stale answer is still served while refreshing. Default 5 min. */
  staleMs?: number;
  /** At most this many answers are kept. Default 100. */
  maxEntries?: number;
}

interface Entry {
  response: RawResponse;
  storedAt: number;
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #staleMs: number;
  readonly #maxEntries: number;
  /** Counts {@link drop}s: an answer loaded across one is not stored (it may predate the write). */
  #drops = 0;

  constructor({ ttlMs = 30_000, staleMs = 300_000, maxEntries = 100 }: CacheOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#staleMs = staleMs;
    this.#maxEntries = maxEntries;
  }

  /** The cached answer and whether it is still fresh; `undefined` when missing or too old. */
  get(key: string, now = Date.now()): { response: RawResponse; fresh: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    if (age > this.#ttlMs + this.#staleMs) {
      this.#entries.delete(key);
      return undefined;
    }
    // Re-insert so Map order is least-recently-used first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { response: entry.response, fresh: age <= this.#ttlMs };
  }

  set(key: string, response: RawResponse, now = Date.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { response, storedAt: now });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  clear(): void {
    this.#drops++;
    this.#entries.clear();
  }

  /** Forgets every answer whose key `matches` (a write made them stale); returns how many. */
  drop(matches: (key: string) => boolean): number {
    this.#drops++;
    let dropped = 0;
    for (const key of [...this.#entries.keys()]) {
      if (matches(key)) {
        this.#entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * The answer for `key`: fresh from memory; stale from memory while `load` refreshes it in the
   * background; else loaded (with the caller's `signal`) and stored. Errors are never stored, nor
   * an answer whose request was under way when entries were dropped or cleared.
   */
  async read(key: string, load: (signal?: AbortSignal) => Promise<RawResponse>, signal?: AbortSignal): Promise<RawResponse> {
    const drops = this.#drops;
    const store = (response: RawResponse) => {
      if (this.#drops === drops) this.set(key, response);
    };
    const cached = this.get(key);
    if (cached) {
      if (!cached.fresh) load().then(store, () => {});
      return cached.response;
    }
    const response = await load(signal);
    store(response);
    return response;
  }
}
