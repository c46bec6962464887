/**
 * What a write made stale. A sign-up or a cancel changes an opportunity's spots left, yet the
 * answers read before it live on in three places: the opt-in response cache, a GET still in
 * flight, and the browser's own HTTP cache (public reads are `max-age=30,
 * stale-while-revalidate=300`, see packages/server/src/http/cache.ts), which outlives a reload.
 *
 * So a successful write marks the paths it changed (`/v1/opportunities/opp_…`,
 * `/v1/opportunities`, `/v1/me/signups`). The client then drops their cached answers, and for as
 * long as the HTTP cache may still hold an older copy ({@link STALE_AFTER_WRITE_MS}) it reads them
 * without joining a request started before the write and with `cache: 'no-cache'`: the browser
 * revalidates (a 304 when nothing changed) and stores the fresh answer for the next reader. In a
 * browser the marks are kept in `sessionStorage`, because the HTTP cache survives a reload too.
 * The marks are shared by every client of one API on the page, like the HTTP cache they stand for.
 *
 * @internal
 * @module
 */

/** How long a browser may serve an old public read without asking: `max-age` 30 s + `stale-while-revalidate` 300 s. */
export const STALE_AFTER_WRITE_MS = 330_000;

const STORAGE_PREFIX = 'volunteerkit.stale ';

function storage(): Storage | undefined {
  try {
    return (globalThis as { sessionStorage?: Storage }).sessionStorage;
  } catch {
    return undefined; // a sandboxed frame throws on access
  }
}

/** One set of marks per API on the page: every client of it (each widget's, a session's) sees every write. */
const byBaseUrl = new Map<string, StaleMarks>();

/** Forgets every mark of this page (tests start from a clean page). */
export function forgetStaleMarks(): void {
  byBaseUrl.clear();
  const store = storage();
  for (let i = (store?.length ?? 0) - 1; i >= 0; i--) {
    const key = store!.key(i);
    if (key?.startsWith(STORAGE_PREFIX)) store!.removeItem(key);
  }
}

export class StaleMarks {
  /** The marks for the API at `baseUrl`, shared by every client of this module copy. */
  static for(baseUrl: string): StaleMarks {
    let marks = byBaseUrl.get(baseUrl);
    if (!marks) byBaseUrl.set(baseUrl, (marks = new StaleMarks(baseUrl)));
    return marks;
  }

  /** Path → until when (epoch ms) reads of it must revalidate. */
  readonly #until = new Map<string, number>();
  readonly #storageKey: string;
  /** Counts writes: reads after a write never join a request started before it. */
  #generation = 0;

  constructor(baseUrl: string) {
    this.#storageKey = STORAGE_PREFIX + baseUrl;
    try {
      const stored = JSON.parse(storage()?.getItem(this.#storageKey) ?? '{}') as Record<string, unknown>;
      for (const [path, until] of Object.entries(stored)) if (typeof until === 'number') this.#until.set(path, until);
    } catch {
      // unreadable or not JSON: nothing marked
    }
  }

  get generation(): number {
    return this.#generation;
  }

  /** Marks `paths` as changed by a write that just succeeded. */
  mark(paths: readonly string[], now = Date.now()): void {
    this.#generation++;
    for (const path of paths) this.#until.set(path, now + STALE_AFTER_WRITE_MS);
    this.#save(now);
  }

  /** Whether a read of `path` must revalidate (a write changed it recently). */
  isStale(path: string, now = Date.now()): boolean {
    const until = this.#until.get(path);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#until.delete(path);
    return false;
  }

  #save(now: number): void {
    const live = Object.fromEntries([...this.#until].filter(([, until]) => until > now));
    try {
      storage()?.setItem(this.#storageKey, JSON.stringify(live));
    } catch {
      // storage full or refused: the marks still hold for this page
    }
  }
}
