// The retry policy in detail (the "Done when" cases themselves are in shared/transport-cases.ts).
// Every wait runs on a fake clock: ky's timers move only when the test ticks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse, delay } from 'msw';
import { ConnectionError, InternalServerError, TimeoutError, createClient } from '../src/index.js';
import { responseValidator } from '../src/validation.js';
import { MAX_RETRY_DELAY_MS, backoffMs, jitterMs } from '../src/internal/transport.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, SK, client, deferred, mockServer, rejection, withFakeClock } from './helpers.js';

const server = mockServer();

describe('retry policy', () => {
  it('backs off 0.5 s × 2ⁿ, capped at 8 s, minus 0–25 % jitter', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(backoffMs), [500, 1000, 2000, 4000, 8000, MAX_RETRY_DELAY_MS, 8000]);
    assert.equal(jitterMs(8000, () => 0), 8000);
    assert.equal(jitterMs(500, () => 0.999_999), 500 * (1 - 0.999_999 * 0.25));
    assert.equal(jitterMs(1000, () => 1), 750);
  });

  it('waits out the backoff on the wire: the first retry 375–500 ms after a 503, the second 750–1000 ms after that', () =>
    withFakeClock(async (clock) => {
      const times: number[] = [];
      server.use(http.get(`${BASE}/v1/stats`, () => (times.push(Date.now()), times.length < 3 ? HttpResponse.json(fixtures.problem(503, 'internal_error'), { status: 503 }) : HttpResponse.json(fixtures.stats()))));
      const pending = client().stats.get();
      await clock.tickAsync(374);
      assert.equal(times.length, 1, 'no retry before 375 ms');
      await clock.tickAsync(126);
      assert.equal(times.length, 2, 'retried by 500 ms');
      await clock.tickAsync(1000);
      assert.equal((await pending).approvedHours, 35_000.5);
      const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
      assert.ok(gaps[0]! >= 375 && gaps[0]! <= 500 && gaps[1]! >= 750 && gaps[1]! <= 1000, `gaps ${gaps}`);
    }));

  it('honors Retry-After up to 60 s, and fails at once beyond it', () =>
    withFakeClock(async (clock) => {
      const times: number[] = [];
      server.use(http.get(`${BASE}/v1/stats`, () => (times.push(Date.now()), times.length === 1 ? HttpResponse.json(fixtures.problem(503, 'internal_error'), { status: 503, headers: { 'retry-after': '60' } }) : HttpResponse.json(fixtures.stats()))));
      const pending = client().stats.get();
      await clock.tickAsync(59_999);
      assert.equal(times.length, 1);
      await clock.tickAsync(1);
      await pending;
      assert.deepEqual(times.map((t) => t - times[0]!), [0, 60_000]);

      let calls = 0;
      server.use(http.get(`${BASE}/v1/stats`, () => (calls++, HttpResponse.json(fixtures.problem(503, 'internal_error'), { status: 503, headers: { 'retry-after': '61' } }))));
      const error = await rejection(client().stats.get());
      assert.ok(InternalServerError.is(error), String(error));
      assert.equal(calls, 1);
    }));
});

describe('retries on the wire', () => {
  it('a GET that keeps failing is tried 1 + maxRetries times', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/v1/stats`, () => (calls++, HttpResponse.json(fixtures.problem(500, 'internal_error'), { status: 500, headers: { 'retry-after': '0' } }))));
    const error = await rejection(client().stats.get());
    assert.equal(error.name, 'InternalServerError');
    assert.equal(calls, 3);
    calls = 0;
    await rejection(client({ maxRetries: 0 }).stats.get());
    assert.equal(calls, 1, 'client maxRetries: 0');
    calls = 0;
    await rejection(client().stats.get({}, { maxRetries: 1 }));
    assert.equal(calls, 2, 'per-call maxRetries: 1');
  });

  it('connection errors and 408 are retried; 409 and 404 are not', () =>
    withFakeClock(async (clock) => {
      const counts = { net: 0, 408: 0, 409: 0, 404: 0 };
      server.use(
        http.get(`${BASE}/v1/opportunities/opp_net0001`, () => (counts.net++ === 0 ? HttpResponse.error() : HttpResponse.json(fixtures.opportunity()))),
        http.get(`${BASE}/v1/opportunities/opp_408x0001`, () => (counts[408]++ === 0 ? HttpResponse.json(fixtures.problem(408, 'bad_request'), { status: 408, headers: { 'retry-after': '0' } }) : HttpResponse.json(fixtures.opportunity()))),
        http.get(`${BASE}/v1/opportunities/opp_409x0001`, () => (counts[409]++, HttpResponse.json(fixtures.problem(409, 'conflict'), { status: 409 }))),
        http.get(`${BASE}/v1/opportunities/opp_404x0001`, () => (counts[404]++, HttpResponse.json(fixtures.problem(404, 'not_found'), { status: 404 }))),
      );
      const vk = client();
      const settled = Promise.all([
        vk.opportunities.get('opp_net0001'),
        vk.opportunities.get('opp_408x0001'),
        rejection(vk.opportunities.get('opp_409x0001')),
        rejection(vk.opportunities.get('opp_404x0001')),
      ]);
      await clock.tickAsync(500); // the longest backoff of a first retry
      await settled;
      assert.deepEqual(counts, { net: 2, 408: 2, 409: 1, 404: 1 });
    }));

  it('a write with an idempotency key is retried on 5xx; the same write without one is not', async () => {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${BASE}/v1/service-records`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length % 2 === 1 ? HttpResponse.json(fixtures.problem(503, 'internal_error'), { status: 503, headers: { 'retry-after': '0' } }) : HttpResponse.json(fixtures.serviceRecord(), { status: 201 });
      }),
    );
    const vk = createClient({ baseUrl: BASE, secretKey: SK, validate: responseValidator });
    const r = fixtures.serviceRecord();
    const body = { volunteerId: r.volunteerId, opportunityId: r.opportunityId, shiftId: r.shiftId, checkIn: r.checkIn, checkOut: r.checkOut, recordedBy: 'x' };
    await vk.serviceRecords.create(body, { idempotencyKey: 'rec-42' });
    assert.deepEqual(keys, ['rec-42', 'rec-42']);
    keys.length = 0;
    const error = await rejection(vk.serviceRecords.create(body));
    assert.equal(error.name, 'InternalServerError');
    assert.deepEqual(keys, [null]);
  });

  it('an idempotent write still in progress (409 + Retry-After) is asked again; a duplicate sign-up (409) is not', () =>
    withFakeClock(async (clock) => {
      const answers = [
        () => HttpResponse.error(),
        () => HttpResponse.json(fixtures.problem(409, 'conflict', { detail: 'A request with this Idempotency-Key is still being processed.' }), { status: 409, headers: { 'retry-after': '2' } }),
        () => HttpResponse.json(fixtures.signup(), { status: 201 }),
      ];
      const times: number[] = [];
      server.use(http.post(`${BASE}/v1/signups`, () => answers[times.push(Date.now()) - 1]!()));
      const pending = client().signups.create(fixtures.validSignupBody);
      await clock.tickAsync(500 + 2_000);
      assert.equal((await pending).id, 'sgn_test0001');
      assert.equal(times.length, 3);
      assert.equal(times[2]! - times[1]!, 2_000, 'waited the Retry-After of the 409');

      let calls = 0;
      server.use(http.post(`${BASE}/v1/signups`, () => (calls++, HttpResponse.json(fixtures.problem(409, 'duplicate_signup', { existing: fixtures.signup() }), { status: 409 }))));
      assert.equal((await rejection(client().signups.create(fixtures.validSignupBody))).code, 'duplicate_signup');
      assert.equal(calls, 1);
    }));

  it('a slow answer fails with TimeoutError after `timeout`, per attempt, and GETs retry it', () =>
    withFakeClock(async (clock) => {
      const times: number[] = [];
      server.use(http.get(`${BASE}/v1/channel`, async () => (times.push(Date.now()), await delay(2_000), HttpResponse.json(fixtures.channel()))));
      const pending = rejection(client({ timeout: 100 }).channel.get({ maxRetries: 1 }));
      await clock.tickAsync(100 + 500 + 100);
      const error = await pending;
      assert.ok(TimeoutError.is(error) && ConnectionError.is(error), String(error));
      assert.match(error.message, /channel\.get \(GET \/v1\/channel\) timed out after 100 ms/);
      assert.equal(times.length, 2);
      const gap = times[1]! - times[0]!;
      assert.ok(gap >= 100 + 375 && gap <= 100 + 500, `second attempt ${gap} ms after the first`);
    }));

  it('the timeout covers reading the body, not only the headers', () =>
    withFakeClock(async (clock) => {
      server.use(
        http.get(`${BASE}/v1/channel`, () => {
          // Headers at once, then a body that never finishes.
          const stalled = new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"id":')) });
          return new HttpResponse(stalled, { headers: { 'content-type': 'application/json' } });
        }),
      );
      const pending = rejection(client({ timeout: 100, maxRetries: 0 }).channel.get());
      await clock.tickAsync(100);
      assert.ok(TimeoutError.is(await pending));
    }));

  it('a per-call timeout overrides the client timeout', () =>
    withFakeClock(async (clock) => {
      server.use(http.get(`${BASE}/v1/channel`, async () => (await delay(300), HttpResponse.json(fixtures.channel()))));
      const vk = client({ timeout: 50, maxRetries: 0 });
      const slowAllowed = vk.channel.get({ timeout: 2_000 });
      await clock.tickAsync(300);
      assert.equal((await slowAllowed).id, 'chn_news0001');
      const tooSlow = rejection(vk.channel.get());
      await clock.tickAsync(50);
      assert.ok(TimeoutError.is(await tooSlow));
    }));

  it('aborting during the request rejects with the abort reason and does not retry', async () => {
    let calls = 0;
    const arrived = deferred();
    server.use(http.get(`${BASE}/v1/channel`, async () => (calls++, arrived.resolve(), await delay('infinite'), HttpResponse.json(fixtures.channel()))));
    const controller = new AbortController();
    const pending = client().channel.get({ signal: controller.signal });
    await arrived.promise;
    const reason = new Error('navigated away');
    controller.abort(reason);
    assert.equal(await rejection(pending), reason);
    assert.equal(calls, 1);
    assert.equal(await rejection(client().channel.get({ signal: AbortSignal.abort(reason) })), reason, 'already aborted');
  });
});
