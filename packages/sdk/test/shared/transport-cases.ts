/**
 * The "Done when" transport cases of issue 3, written once and run in Node (msw/node) and in
 * Chromium and Firefox (msw's service worker): retries, Retry-After, no retry on 400, the lost
 * POST answer retried with the same Idempotency-Key, a POST without a key never retried, abort
 * during a retry wait, in-flight sharing, and responses outside the contract.
 *
 * Faults are injected at the HTTP layer with msw handlers; the client under test uses the real
 * global `fetch`.
 */
import { http, HttpResponse, delay, type RequestHandler } from 'msw';
import {
  BadRequestError,
  ConflictError,
  InternalServerError,
  RateLimitError,
  ResponseValidationError,
  createClient,
  type ClientOptions,
} from '../../src/index.js';
import { opportunity, opportunityPage, problem, signup, validSignupBody } from './fixtures.js';

export interface Env {
  /** Where the fake API lives (msw intercepts it). */
  baseUrl: string;
  /** Installs handlers for this case (msw `server.use` / `worker.use`); reset after each case. */
  use(...handlers: RequestHandler[]): void;
}

export interface TransportCase {
  name: string;
  /** Milliseconds the case may take (some wait out real backoff). */
  timeout: number;
  run(env: Env): Promise<void>;
}

function fail(message: string): never {
  throw new Error(message);
}
function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) fail(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}
function ok(condition: unknown, what: string): asserts condition {
  if (!condition) fail(what);
}
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return fail('expected the call to reject, it resolved');
}

const client = (env: Env, options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: env.baseUrl, publishableKey: 'pk_test_news_demo', ...options });

const now = () => performance.now();

export const transportCases: TransportCase[] = [
  {
    name: '503 then 200: one call succeeds after exactly one retry',
    timeout: 5_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, () => {
          calls++;
          return calls === 1 ? HttpResponse.json(problem(503, 'internal_error'), { status: 503 }) : HttpResponse.json(opportunityPage(1));
        }),
      );
      const page = await client(env).opportunities.list();
      equal(calls, 2, 'requests sent');
      equal(page.data.length, 1, 'items on the page');
    },
  },
  {
    name: '429 with Retry-After: 1 waits at least one second before the retry',
    timeout: 6_000,
    async run(env) {
      const times: number[] = [];
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, () => {
          times.push(now());
          return times.length === 1
            ? HttpResponse.json(problem(429, 'rate_limited'), { status: 429, headers: { 'Retry-After': '1' } })
            : HttpResponse.json(opportunityPage(1));
        }),
      );
      await client(env).opportunities.list();
      equal(times.length, 2, 'requests sent');
      const waited = times[1]! - times[0]!;
      ok(waited >= 1000, `the retry came ${Math.round(waited)} ms after the 429, expected at least 1000 ms`);
    },
  },
  {
    name: '429 with a Retry-After beyond the cap is not retried and says how long to wait',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.get(`${env.baseUrl}/v1/honor-board`, () => {
          calls++;
          return HttpResponse.json(problem(429, 'rate_limited'), { status: 429, headers: { 'Retry-After': '3600' } });
        }),
      );
      const error = await rejection(client(env).honorBoard.get({ period: 'month' }));
      ok(RateLimitError.is(error), `expected a RateLimitError, got ${String(error)}`);
      equal(error.retryAfter, 3600, 'retryAfter');
      equal(calls, 1, 'requests sent');
    },
  },
  {
    name: '400 is not retried and rejects with BadRequestError carrying the requestId',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, () => {
          calls++;
          return HttpResponse.json(problem(400, 'bad_request', { detail: 'limit must be at most 100' }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        }),
      );
      const error = await rejection(client(env).opportunities.list({ limit: 500 }));
      ok(BadRequestError.is(error), `expected a BadRequestError, got ${String(error)}`);
      equal(error.status, 400, 'status');
      equal(error.requestId, 'req_test123', 'requestId');
      equal(calls, 1, 'requests sent');
    },
  },
  {
    name: 'a sign-up whose first answer is lost is retried with the same Idempotency-Key',
    timeout: 5_000,
    async run(env) {
      const keys: Array<string | null> = [];
      env.use(
        http.post(`${env.baseUrl}/v1/signups`, ({ request }) => {
          keys.push(request.headers.get('idempotency-key'));
          // The server did the work but the answer never arrives: a network error on the first try.
          return keys.length === 1 ? HttpResponse.error() : HttpResponse.json(signup(), { status: 201 });
        }),
      );
      const created = await client(env).signups.create(validSignupBody);
      equal(created.id, 'sgn_test0001', 'created sign-up');
      equal(keys.length, 2, 'requests sent');
      ok(typeof keys[0] === 'string' && keys[0].length >= 16, `first request carried an Idempotency-Key (${keys[0]})`);
      equal(keys[1], keys[0], 'Idempotency-Key of the retry');
    },
  },
  {
    name: 'a POST without an idempotency key is never retried',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.post(`${env.baseUrl}/v1/me/signups/:id/cancel`, ({ request }) => {
          calls++;
          ok(request.headers.get('idempotency-key') === null, 'no Idempotency-Key was sent');
          return HttpResponse.json(problem(503, 'internal_error'), { status: 503 });
        }),
      );
      const me = client(env).withSession('vst_abcdef123456');
      const error = await rejection(me.me.signups.cancel('sgn_test0001'));
      ok(InternalServerError.is(error), `expected an InternalServerError, got ${String(error)}`);
      equal(calls, 1, 'requests sent');
    },
  },
  {
    name: 'aborting during a retry wait rejects at once with the abort reason',
    timeout: 5_000,
    async run(env) {
      let calls = 0;
      const controller = new AbortController();
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, () => {
          calls++;
          return HttpResponse.json(problem(503, 'internal_error'), { status: 503, headers: { 'Retry-After': '30' } });
        }),
      );
      const pending = client(env).opportunities.list({}, { signal: controller.signal });
      // Abort once the first answer is in and the client is waiting 30 s to retry.
      await delay(150);
      equal(calls, 1, 'requests sent before the abort');
      const reason = new Error('user left the page');
      const abortedAt = now();
      controller.abort(reason);
      const error = await rejection(pending);
      const took = now() - abortedAt;
      equal(error, reason, 'rejection value');
      ok(took < 200, `rejected ${Math.round(took)} ms after the abort, expected at once`);
      await delay(50);
      equal(calls, 1, 'requests sent after the abort');
    },
  },
  {
    // Writes do not go through in-flight sharing, so this one exercises the retry wait itself.
    name: 'aborting a sign-up during its retry wait rejects at once with the abort reason',
    timeout: 5_000,
    async run(env) {
      let calls = 0;
      const controller = new AbortController();
      env.use(
        http.post(`${env.baseUrl}/v1/signups`, () => {
          calls++;
          return HttpResponse.json(problem(503, 'internal_error'), { status: 503, headers: { 'Retry-After': '30' } });
        }),
      );
      const pending = client(env).signups.create(validSignupBody, { signal: controller.signal });
      await delay(150);
      equal(calls, 1, 'requests sent before the abort');
      const reason = new Error('form closed');
      const abortedAt = now();
      controller.abort(reason);
      const error = await rejection(pending);
      const took = now() - abortedAt;
      equal(error, reason, 'rejection value');
      ok(took < 200, `rejected ${Math.round(took)} ms after the abort, expected at once`);
    },
  },
  {
    name: 'ten concurrent identical opportunities.list() calls send one request',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, async () => {
          calls++;
          await delay(50);
          return HttpResponse.json(opportunityPage(3));
        }),
      );
      // Ten widgets, ten clients: the sharing is per page, not per client.
      const pages = await Promise.all(
        Array.from({ length: 10 }, (_, i) => client(env).opportunities.list({ category: 'elderly', hasOpenSlots: i >= 0 })),
      );
      equal(calls, 1, 'requests sent');
      ok(pages.every((page) => page.data.length === 3), 'every caller got the page');
      ok(pages[0]!.data[0] !== pages[1]!.data[0], 'each caller got its own objects');
    },
  },
  {
    name: 'a body with a missing field raises ResponseValidationError naming the path',
    timeout: 3_000,
    async run(env) {
      const broken = opportunityPage(2) as { data: Array<Partial<ReturnType<typeof opportunity>>> };
      delete broken.data[1]!.title;
      env.use(http.get(`${env.baseUrl}/v1/opportunities`, () => HttpResponse.json(broken)));
      const error = await rejection(client(env).opportunities.list());
      ok(ResponseValidationError.is(error), `expected a ResponseValidationError, got ${String(error)}`);
      equal(error.path, 'data.1.title', 'path');
      ok(error.message.includes('data.1.title'), `message names the path: ${error.message}`);
    },
  },
  {
    name: 'a body with a wrong type raises ResponseValidationError naming the path',
    timeout: 3_000,
    async run(env) {
      const broken = opportunityPage(1) as unknown as { data: Array<{ shifts: Array<{ capacity: unknown }> }> };
      broken.data[0]!.shifts[0]!.capacity = 'ten';
      env.use(http.get(`${env.baseUrl}/v1/opportunities`, () => HttpResponse.json(broken)));
      const error = await rejection(client(env).opportunities.list());
      ok(ResponseValidationError.is(error), `expected a ResponseValidationError, got ${String(error)}`);
      equal(error.path, 'data.0.shifts.0.capacity', 'path');
    },
  },
  {
    name: 'a duplicate sign-up rejects with ConflictError carrying the first sign-up',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      env.use(
        http.post(`${env.baseUrl}/v1/signups`, () => {
          calls++;
          return HttpResponse.json(problem(409, 'duplicate_signup', { existing: signup() }), { status: 409 });
        }),
      );
      const error = await rejection(client(env).signups.create(validSignupBody));
      ok(ConflictError.is(error), `expected a ConflictError, got ${String(error)}`);
      equal((error.existing as { reference: string }).reference, 'VK-7F3K2Q', 'existing.reference');
      equal(calls, 1, 'requests sent (409 is never retried)');
    },
  },
];
