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

/** Milliseconds from `now` until the next fetch (0: at once, e.g. an answer from a skewed clock). */
export function nextRefreshDelay(validUntil: string, now: number): number {
  const until = Date.parse(validUntil);
  if (Number.isNaN(until)) return RETRY_AFTER_FAILURE_MS;
  return Math.max(0, until - REFRESH_LEAD_MS - now);
}

/** Whether a code valid until `validUntil` is still accepted at `now` (worth keeping on screen). */
export function stillAccepted(validUntil: string, now: number): boolean {
  const until = Date.parse(validUntil);
  return !Number.isNaN(until) && now < until + ACCEPTED_AFTER_MS;
}
