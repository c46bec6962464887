/**
 * The transport: one logical request → ky, which owns the per-attempt timeout, the retries, the
 * backoff and `Retry-After`. What ky cannot know is decided here: which requests may be retried
 * (GETs and writes with an `Idempotency-Key`), that a 409 with `Retry-After` is "still running, ask
 * again", that a `Retry-After` beyond 60 s means "give up now", and how failures become this
 * package's error classes. See docs/architecture.md, "SDK".
 *
 * @internal
 * @module
 */
import ky, { HTTPError, TimeoutError as KyTimeoutError } from 'ky';
import type { ProblemDetails } from '../schemas/common.js';
import { ConnectionError, TimeoutError, errorFromProblem, parseRetryAfter } from '../core/errors.js';

/** A successful answer, body still as text so every consumer parses its own copy. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** One attempt's request as ky takes it: what the client built for this call. */
export interface SendInit {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string | undefined;
  /** Milliseconds one attempt may take. */
  timeout: number;
  signal?: AbortSignal | undefined;
  /** `'no-cache'`: the browser revalidates its cached copy, because a write changed it. */
  cache?: RequestCache | undefined;
}

/** Backoff starts at 0.5 s and doubles per retry… */
export const INITIAL_RETRY_DELAY_MS = 500;
/** …up to 8 s. */
export const MAX_RETRY_DELAY_MS = 8_000;
/**
 * The longest `Retry-After` we wait for. Beyond it the call fails at once with a RateLimitError
 * (its `retryAfter` tells the caller how long): a widget should say "try again later" rather than
 * spin for minutes. (ky's own `maxRetryAfter` would wait the 60 s instead.)
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Statuses worth another attempt: 408, 429, every 5xx, and 409 — which shouldRetry lets through
 * only with `Retry-After` (an idempotent request still in progress). `Retry-After` is honoured on
 * all of them.
 */
const RETRY_STATUSES = [408, 409, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/** Milliseconds before retry number `retry` (1-based, as ky counts): 0.5 s × 2ⁿ⁻¹, capped at 8 s. */
export const backoffMs = (retry: number): number => Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);

/**
 * 75–100 % of the nominal delay, so clients that failed together do not come back together, yet
 * the first retry never comes near-instantly against a struggling server (as full jitter would).
 */
export const jitterMs = (ms: number, random: () => number = Math.random): number => ms * (1 - random() * 0.25);

/**
 * Whether ky may retry after `error`. `false` stops; `undefined` leaves the decision to ky's
 * status list, which then waits `Retry-After` (or the backoff).
 */
function shouldRetry(error: unknown, signal: AbortSignal | undefined): false | undefined {
  if (signal?.aborted) return false;
  if (error instanceof HTTPError) {
    const retryAfter = parseRetryAfter(error.response.headers.get('retry-after'));
    if (retryAfter !== null && retryAfter * 1000 > MAX_RETRY_AFTER_MS) return false;
    // Any other 409 is a decision (a duplicate sign-up), not a fault.
    if (error.response.status === 409 && retryAfter === null) return false;
  }
  return undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The caller's `fetch`, with the body read before the answer is handed to ky: ky's timeout then
 * bounds the whole attempt (a server that sends headers and stalls the body times out too), and
 * the body can be read again after a retry decision.
 */
function readingFetch(fetchImpl: typeof fetch | undefined): typeof fetch {
  return async (input, init) => {
    const response = await (fetchImpl ?? globalThis.fetch)(input, init);
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

/**
 * Reads an error body as problem details. A proxy or CDN may answer with HTML or nothing at all:
 * then we make up a minimal problem from the status so callers always get the same shape.
 */
function problemFrom(status: number, statusText: string, text: string, describe: string): ProblemDetails {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the fallback below
  }
  const fallback = {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    code: DEFAULT_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'),
    detail: `${describe} failed with HTTP ${status}`,
  };
  const problem: Record<string, unknown> = { ...fallback, ...(typeof body === 'object' ? body : undefined), status };
  for (const [name, value] of Object.entries(fallback)) if (typeof problem[name] !== 'string') problem[name] = value;
  return problem as unknown as ProblemDetails;
}

/**
 * Sends a request through ky and returns the answer's text, or rejects with one of this package's
 * errors. Aborting `init.signal` rejects at once with its reason, also while waiting between
 * attempts. `retries`: how many times a failure may be retried (0 for a write without an
 * idempotency key); `describe` names the call in errors (`GET /v1/opportunities`, never with
 * credentials); `fetchImpl` undefined means the global `fetch`, looked up on each call (test tools
 * patch it).
 */
export async function send(url: string, init: SendInit, retries: number, describe: string, fetchImpl: typeof fetch | undefined): Promise<RawResponse> {
  const { signal, timeout } = init;
  try {
    const response = await ky(url, {
      ...init,
      fetch: readingFetch(fetchImpl),
      retry: {
        limit: retries,
        methods: [init.method.toLowerCase() as Lowercase<SendInit['method']>],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_STATUSES,
        // shouldRetry refuses a longer Retry-After; this caps the rate-limit headers ky also reads.
        maxRetryAfter: MAX_RETRY_AFTER_MS,
        delay: backoffMs,
        jitter: (ms) => jitterMs(ms),
        retryOnTimeout: true,
        shouldRetry: ({ error }) => shouldRetry(error, signal),
      },
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof HTTPError) {
      const { response } = error;
      const problem = problemFrom(response.status, response.statusText, await response.text(), describe);
      throw errorFromProblem(problem, response.headers);
    }
    if (error instanceof KyTimeoutError) throw new TimeoutError(`${describe} timed out after ${timeout} ms`);
    // The browser's own message ("Failed to fetch", "NetworkError…") says nothing more; we keep it as `cause`.
    throw new ConnectionError(`${describe} could not reach the server`, { cause: error });
  }
}
