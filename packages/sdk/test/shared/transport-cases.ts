/**
 * The "Done when" transport cases of issue 3, written once and run in Node (msw/node) and in
 * Chromium, Firefox and WebKit (msw's service worker): retries, Retry-After, no retry on 400, the
 * lost POST answer retried with the same Idempotency-Key, a POST without a key never retried,
 * abort during a retry wait, in-flight sharing, and responses outside the contract.
 *
 * Faults are injected at the HTTP layer with msw handlers; the client under test uses the real
 * global `fetch`. Waits run on a fake clock (shared/fake-clock.ts): no case sleeps for real.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import {
  BadRequestError,
  ConflictError,
  InternalServerError,
  RateLimitError,
  ResponseValidationError,
  createClient,
  type ClientOptions,
} from '../../src/index.js';
import { responseValidator } from '../../src/validation.js';
import { advanceUntil, deferred, withFakeClock } from './fake-clock.js';
import { opportunityPage, opportunitySummary, problem, signup, validSignupBody } from './fixtures.js';

export interface Env {
  /** Where the fake API lives (msw intercepts it). */
  baseUrl: string;
  /** Installs handlers for this case (msw `server.use` / `worker.use`); reset after each case. */
  use(...handlers: RequestHandler[]): void;
}

export interface TransportCase {
  name: string;
  /** Milliseconds the case may take (of real time: waits are on a fake clock). */
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
  createClient({ baseUrl: env.baseUrl, publishableKey: 'pk_test_news_demo', validate: responseValidator, ...options });

export const transportCases: TransportCase[] = [
  {
    name: '503 then 200: one call succeeds after exactly one retry',
    timeout: 5_000,
    run: (env) =>
      withFakeClock(async (clock) => {
        let calls = 0;
        env.use(
          http.get(`${env.baseUrl}/v1/opportunities`, () => {
            calls++;
            return calls === 1 ? HttpResponse.json(problem(503, 'internal_error'), { status: 503 }) : HttpResponse.json(opportunityPage(1));
          }),
        );
        const pending = client(env).opportunities.list();
        const waited = await advanceUntil(clock, () => calls === 2);
        ok(waited >= 375, `retried after ${waited} ms, sooner than the shortest backoff`);
        const page = await pending;
        equal(calls, 2, 'requests sent');
        equal(page.data.length, 1, 'items on the page');
      }),
  },
  {
    name: '429 with Retry-After: 1 waits one second before the retry',
    timeout: 5_000,
    run: (env) =>
      withFakeClock(async (clock) => {
        const times: number[] = [];
        env.use(
          http.get(`${env.baseUrl}/v1/opportunities`, () => {
            times.push(Date.now());
            return times.length === 1
              ? HttpResponse.json(problem(429, 'rate_limited'), { status: 429, headers: { 'Retry-After': '1' } })
              : HttpResponse.json(opportunityPage(1));
          }),
        );
        const pending = client(env).opportunities.list();
        await advanceUntil(clock, () => times.length === 2);
        await pending;
        // Fake time cannot fire the wait early; it may run a little late while real I/O is in flight.
        const waited = times[1]! - times[0]!;
        ok(waited >= 1000 && waited < 1500, `the retry came ${waited} ms after the 429, expected 1000 ms`);
      }),
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
    run: (env) =>
      withFakeClock(async (clock) => {
        const keys: Array<string | null> = [];
        env.use(
          http.post(`${env.baseUrl}/v1/signups`, ({ request }) => {
            keys.push(request.headers.get('idempotency-key'));
            // The server did the work but the answer never arrives: a network error on the first try.
            return keys.length === 1 ? HttpResponse.error() : HttpResponse.json(signup(), { status: 201 });
          }),
        );
        const pending = client(env).signups.create(validSignupBody);
        await advanceUntil(clock, () => keys.length === 2);
        const created = await pending;
        equal(created.id, 'sgn_test0001', 'created sign-up');
        equal(keys.length, 2, 'requests sent');
        ok(typeof keys[0] === 'string' && keys[0].length >= 16, `first request carried an Idempotency-Key (${keys[0]})`);
        equal(keys[1], keys[0], 'Idempotency-Key of the retry');
      }),
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
    run: (env) =>
      withFakeClock(async (clock) => {
        let calls = 0;
        const controller = new AbortController();
        env.use(
          http.get(`${env.baseUrl}/v1/opportunities`, () => {
            calls++;
            return HttpResponse.json(problem(503, 'internal_error'), { status: 503, headers: { 'Retry-After': '30' } });
          }),
        );
        const pending = rejection(client(env).opportunities.list({}, { signal: controller.signal }));
        // Abort 1 s into the 30 s the client waits before retrying.
        await advanceUntil(clock, () => calls === 1);
        const answeredAt = Date.now();
        await advanceUntil(clock, () => Date.now() - answeredAt >= 1_000); // real I/O may finish meanwhile
        equal(calls, 1, 'requests sent before the abort');
        const reason = new Error('user left the page');
        const abortedAt = Date.now();
        controller.abort(reason);
        equal(await pending, reason, 'rejection value');
        equal(Date.now() - abortedAt, 0, 'ms of clock between the abort and the rejection');
        await clock.tickAsync(60_000);
        equal(calls, 1, 'requests sent after the abort');
      }),
  },
  {
    // Writes do not go through in-flight sharing, so this one exercises the retry wait itself.
    name: 'aborting a sign-up during its retry wait rejects at once with the abort reason',
    timeout: 5_000,
    run: (env) =>
      withFakeClock(async (clock) => {
        let calls = 0;
        const controller = new AbortController();
        env.use(
          http.post(`${env.baseUrl}/v1/signups`, () => {
            calls++;
            return HttpResponse.json(problem(503, 'internal_error'), { status: 503, headers: { 'Retry-After': '30' } });
          }),
        );
        const pending = rejection(client(env).signups.create(validSignupBody, { signal: controller.signal }));
        await advanceUntil(clock, () => calls === 1);
        const answeredAt = Date.now();
        await advanceUntil(clock, () => Date.now() - answeredAt >= 1_000); // real I/O may finish meanwhile
        equal(calls, 1, 'requests sent before the abort');
        const reason = new Error('form closed');
        const abortedAt = Date.now();
        controller.abort(reason);
        equal(await pending, reason, 'rejection value');
        equal(Date.now() - abortedAt, 0, 'ms of clock between the abort and the rejection');
        await clock.tickAsync(60_000);
        equal(calls, 1, 'requests sent after the abort');
      }),
  },
  {
    name: 'ten concurrent identical opportunities.list() calls send one request',
    timeout: 3_000,
    async run(env) {
      let calls = 0;
      const answer = deferred();
      env.use(
        http.get(`${env.baseUrl}/v1/opportunities`, async () => {
          calls++;
          await answer.promise; // held until all ten calls have been made
          return HttpResponse.json(opportunityPage(3));
        }),
      );
      // Ten widgets, ten clients: the sharing is per page, not per client.
      const pending = Array.from({ length: 10 }, (_, i) => client(env).opportunities.list({ category: 'elderly', hasOpenSlots: i >= 0 }));
      answer.resolve();
      const pages = await Promise.all(pending);
      equal(calls, 1, 'requests sent');
      ok(pages.every((page) => page.data.length === 3), 'every caller got the page');
      ok(pages[0]!.data[0] !== pages[1]!.data[0], 'each caller got its own objects');
    },
  },
  {
    name: 'a body with a missing field raises ResponseValidationError naming the path',
    timeout: 3_000,
    async run(env) {
      const broken = opportunityPage(2) as { data: Array<Partial<ReturnType<typeof opportunitySummary>>> };
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
      const broken = opportunityPage(1) as unknown as { data: Array<{ nextShift: { spotsLeft: unknown } }> };
      broken.data[0]!.nextShift.spotsLeft = 'ten';
      env.use(http.get(`${env.baseUrl}/v1/opportunities`, () => HttpResponse.json(broken)));
      const error = await rejection(client(env).opportunities.list());
      ok(ResponseValidationError.is(error), `expected a ResponseValidationError, got ${String(error)}`);
      equal(error.path, 'data.0.nextShift.spotsLeft', 'path');
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
