/**
 * When the kiosk fetches its next check-in code. The server rotates the code every 30 s and still
 * accepts the previous one for 30 s after `validUntil`; the screen fetches a little before
 * `validUntil`, so a volunteer never reads a code that is about to go, and after a failed fetch it
 * keeps the last code only while the server still accepts it.
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

/** How long before `validUntil` the next code is fetched. */
export const REFRESH_LEAD_MS = 2_000;
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

/** Milliseconds from `now` until the next fetch: `REFRESH_LEAD_MS` before `validUntil`, never sooner than `MIN_REFRESH_MS`. */
export function nextRefreshDelay(validUntil: string, now: number): number {
  const until = Date.parse(validUntil);
  if (Number.isNaN(until)) return RETRY_AFTER_FAILURE_MS;
  return Math.max(MIN_REFRESH_MS, until - REFRESH_LEAD_MS - now);
}

/** Whether a code valid until `validUntil` is still accepted at `now` (worth keeping on screen). */
export function stillAccepted(validUntil: string, now: number): boolean {
  const until = Date.parse(validUntil);
  return !Number.isNaN(until) && now < until + ACCEPTED_AFTER_MS;
}
