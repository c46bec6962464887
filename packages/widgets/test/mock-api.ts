/**
 * msw in the test page: shapes API answers and injects faults (500, slow, malformed, offline).
 * Never a stand-in for the server outside tests. Shared with the sign-up form's tests.
 */
import { setupWorker } from 'msw/browser';
import { HttpResponse, http, delay, type JsonBodyType } from 'msw';
import type { Opportunity } from '@volunteerkit/sdk/schemas';
import { BASE_URL, summaryOf } from './fixtures.js';

export { HttpResponse, http, delay };

export const worker = setupWorker();
let started: Promise<unknown> | undefined;

/** Starts the worker once per test file; unhandled requests fail the test that made them. */
export function startMockApi(): Promise<unknown> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'error', serviceWorker: { url: '/mockServiceWorker.js' } });
  return started;
}

/** An absolute API URL for a handler: `api('/v1/opportunities')`. */
export function api(path: string): string {
  return `${BASE_URL}${path}`;
}

/**
 * A problem-details answer, as the server sends errors. `headers` adds response headers, e.g.
 * `{ 'retry-after': '0' }` so that the SDK's own retries of a 429/5xx happen at once in a test
 * instead of after its 0.5 s, 1 s backoff (the SDK honors Retry-After on any retryable status).
 */
export function problem(status: number, code: string, title = 'Error', extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return HttpResponse.json({ type: `https://volunteerkit.example/problems/${code}`, title, status, code, requestId: 'req_test', ...extra } as JsonBodyType, {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** A `GET /v1/opportunities` answer: `opportunities` as list items (see `summaryOf`). */
export function listPage(opportunities: Opportunity[], nextCursor: string | null = null): Response {
  return HttpResponse.json({ data: opportunities.map((opportunity) => summaryOf(opportunity)), nextCursor });
}

/**
 * Answers `GET /v1/opportunities` with `opportunities` only once `release()` is called: to look at
 * a list while its request is out (its skeleton, what it prepares meanwhile).
 */
export function holdListAnswer(opportunities: Opportunity[], nextCursor: string | null = null): { release: () => void } {
  const gate = deferred();
  worker.use(
    http.get(api('/v1/opportunities'), async () => {
      await gate.promise;
      return listPage(opportunities, nextCursor);
    }),
  );
  return { release: gate.resolve };
}

/** Records the URLs the widget asked for, to check filters reach the API. */
export function recordRequests(): { urls: URL[] } {
  const record = { urls: [] as URL[] };
  worker.events.on('request:start', ({ request }) => {
    record.urls.push(new URL(request.url));
  });
  return record;
}

/** A promise and its resolver, to hold a response until a test has looked at the loading state. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
