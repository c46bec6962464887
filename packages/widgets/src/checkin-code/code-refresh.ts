/**
 * When the kiosk fetches its next check-in code. The server rotates the code every 30 s and still
 * accepts the previous one for 30 s after `validUntil`; the screen fetches just after
 * `validUntil` by the server's clock (a fetch before it only gets the same code back), so the code
 * on screen always has about 30 s of acceptance left, and after a failed fetch it keeps the last
 * code only while the server still accepts it.
 *
 * @module
 */

/** The timers the kiosk uses; tests pass a fake clock (@sinonjs/fake-timers) instead of sleeping. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long after `validUntil` (server time) the next code is fetched: the server's window has turned by then. */
export const REFRESH_AFTER_MS = 500;
/** How long after `validUntil` the server still accepts a code (the previous window). */
export const ACCEPTED_AFTER_MS = 30_000;
/** The wait before trying again after a failed fetch. */
export const RETRY_AFTER_FAILURE_MS = 5_000;

/**
 * The shortest wait between two fetches. A kiosk whose clock runs ahead of the server's gets
 * answers whose `validUntil` already looks near or past: without a floor it would fetch again at
 * once, and again, for the rest of each window. The code it shows stays accepted 30 s past
 * `validUntil`, so fetching a few seconds late costs nothing.
 */
export const MIN_REFRESH_MS = 5_000;

/** Milliseconds from `now` (server time) until the next fetch: `REFRESH_AFTER_MS` after `validUntil`, never sooner than `MIN_REFRESH_MS`. */
export function nextRefreshDelay(validUntil: string, now: number): number {
  const until = Date.parse(validUntil);
  if (Number.isNaN(until)) return RETRY_AFTER_FAILURE_MS;
  return Math.max(MIN_REFRESH_MS, until + REFRESH_AFTER_MS - now);
}

/** Whether a code valid until `validUntil` is still accepted at `now` (worth keeping on screen). */
export function stillAccepted(validUntil: string, now: number): boolean {
  const until = Date.parse(validUntil);
  return !Number.isNaN(until) && now < until + ACCEPTED_AFTER_MS;
}

/** How long one code is the current one (the server's window, packages/server/src/domain/checkin-code.ts). */
export const CODE_WINDOW_MS = 30_000;

/**
 * The server's clock as the kiosk can judge it from the codes it is given, without trusting its
 * own. Each answer's `validUntil` ends the server's current 30-s window, so when the request was
 * answered the server's time lay within [validUntil − 30 s, validUntil): sent at local `sentAt`
 * and received at `receivedAt`, the offset (server − local) lies in
 * [validUntil − 30 s − receivedAt, validUntil − sentAt]. Every answer narrows that range; while
 * 0 is inside it the local clock is believed, else the middle of the range is used (within 15 s
 * at first, a few seconds after the first change of window). A range that becomes empty means a
 * clock was set meanwhile: it starts again from the last answer.
 */
export class ServerClock {
  private low = -Infinity;
  private high = Infinity;

  /** Learns from one answer. */
  observe(validUntil: string, sentAt: number, receivedAt: number): void {
    const until = Date.parse(validUntil);
    if (Number.isNaN(until)) return;
    const low = until - CODE_WINDOW_MS - receivedAt;
    const high = until - sentAt;
    if (Math.max(low, this.low) > Math.min(high, this.high)) {
      this.low = low;
      this.high = high;
      return;
    }
    this.low = Math.max(low, this.low);
    this.high = Math.min(high, this.high);
  }

  /** Milliseconds to add to the local clock to get the server's. */
  offset(): number {
    if (this.low <= 0 && this.high >= 0) return 0;
    if (!Number.isFinite(this.low) || !Number.isFinite(this.high)) return 0;
    return Math.round((this.low + this.high) / 2);
  }

  /** The server's time now, by the local clock corrected. */
  now(localNow: number): number {
    return localNow + this.offset();
  }
}
