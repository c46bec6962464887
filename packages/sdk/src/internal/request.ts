/**
 * The transport: one logical request → fetch attempts with per-attempt timeout, retries with
 * backoff, and problem-details errors. Written on `fetch` directly (not ky) so the retry policy,
 * the abort semantics and the bytes are ours; see docs/architecture.md, "SDK".
 *
 * @internal
 * @module
 */
import type { ProblemDetails } from '../schemas/common.js';
import { ConnectionError, TimeoutError, VolunteerKitError, errorFromProblem, parseRetryAfter } from '../core/errors.js';
import { isRetryableStatus, retryDelayMs, sleep } from './retry.js';

/** A successful answer, body still as text so every consumer parses its own copy. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  /** `undefined` → the global `fetch`, looked up on each call (test tools patch it). */
  fetch: typeof fetch | undefined;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** GETs, and writes that carry an idempotency key. */
  retryable: boolean;
  maxRetries: number;
  timeout: number;
  signal?: AbortSignal | undefined;
  /** `GET /v1/opportunities`: how errors name the call (never with credentials). */
  describe: string;
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
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const fallback: ProblemDetails = {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    code: DEFAULT_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'),
    detail: `${describe} failed with HTTP ${status}`,
  };
  if (typeof body !== 'object' || body === null) return fallback;
  const problem = body as Partial<ProblemDetails>;
  return {
    ...problem,
    type: typeof problem.type === 'string' ? problem.type : fallback.type,
    title: typeof problem.title === 'string' ? problem.title : fallback.title,
    status,
    code: typeof problem.code === 'string' ? problem.code : fallback.code,
    detail: typeof problem.detail === 'string' ? problem.detail : fallback.detail,
  } as ProblemDetails;
}

/** One fetch, bounded by `timeout`, cancellable by `signal`; the body is read inside the bound. */
async function attempt(options: SendOptions): Promise<{ response: Response; text: string }> {
  const { signal, timeout } = options;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  try {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const response = await fetchImpl(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body ?? null,
      signal: controller.signal,
    });
    return { response, text: await response.text() };
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    if (timedOut) throw new TimeoutError(`${options.describe} timed out after ${timeout} ms`);
    // The browser's own message ("Failed to fetch", "NetworkError…") says nothing more; we keep it as `cause`.
    throw new ConnectionError(`${options.describe} could not reach the server`, { cause });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends a request and retries it when that is safe and useful: only `retryable` requests, only on
 * connection errors, timeouts, 408, 429, 5xx and a 409 that carries `Retry-After` (an idempotent
 * request still in progress), at most `maxRetries` times. Aborting `signal`
 * rejects at once with its reason, also while waiting between attempts.
 */
export async function send(options: SendOptions): Promise<RawResponse> {
  const { signal, maxRetries } = options;
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw signal.reason;
    let error: VolunteerKitError;
    let retryAfter: number | null = null;
    let retryable: boolean;
    try {
      const { response, text } = await attempt(options);
      if (response.ok) return { status: response.status, headers: response.headers, text };
      const problem = problemFrom(response.status, response.statusText, text, options.describe);
      error = errorFromProblem(problem, response.headers);
      retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      // A 409 with Retry-After is the server saying "the first request with this Idempotency-Key
      // is still running": wait and ask again to get its result. Any other 409 is a decision.
      retryable = isRetryableStatus(response.status) || (response.status === 409 && retryAfter !== null);
    } catch (thrown) {
      if (!(thrown instanceof ConnectionError)) throw thrown;
      error = thrown;
      retryable = true;
    }
    if (!options.retryable || !retryable || retry >= maxRetries) throw error;
    const delay = retryDelayMs(retry, retryAfter);
    if (delay === null) throw error;
    await sleep(delay, signal);
  }
}
