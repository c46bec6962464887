/**
 * When to retry and how long to wait. The request loop lives in `request.ts`; this file holds the
 * policy so it can be read (and tested) on its own.
 *
 * @internal
 * @module
 */

/** Backoff starts at 0.5 s and doubles per attempt… */
export const INITIAL_RETRY_DELAY_MS = 500;
/** …up to 8 s. */
export const MAX_RETRY_DELAY_MS = 8_000;
/**
 * The longest `Retry-After` we wait for. Beyond it the call fails at once with a RateLimitError
 * (its `retryAfter` tells the caller how long): a widget should show "try again later" rather
 * than spin for minutes.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Statuses worth another attempt: the request may succeed unchanged. 409 is a decision, not a
 * fault (except with `Retry-After`, see request.ts).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retry` (0-based). `retryAfterSeconds` from the
 * server wins when present; otherwise exponential backoff with jitter (75–100 % of the nominal
 * delay, so clients that failed together do not come back together). Returns `null` when the
 * server asks for a wait longer than {@link MAX_RETRY_AFTER_MS}: do not retry.
 */
export function retryDelayMs(retry: number, retryAfterSeconds: number | null, random: () => number = Math.random): number | null {
  if (retryAfterSeconds !== null) {
    const ms = retryAfterSeconds * 1000;
    return ms > MAX_RETRY_AFTER_MS ? null : ms;
  }
  const nominal = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return nominal * (1 - random() * 0.25);
}

/** Waits `ms`; rejects at once with the abort reason when `signal` aborts (before or during the wait). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
