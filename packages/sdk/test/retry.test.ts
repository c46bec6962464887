// The retry policy in detail (the "Done when" cases themselves are in shared/transport-cases.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse, delay } from 'msw';
import { ConnectionError, TimeoutError, createClient } from '../src/index.js';
import { MAX_RETRY_DELAY_MS, retryDelayMs, sleep } from '../src/internal/retry.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, SK, client, mockServer, rejection } from './helpers.js';

const server = mockServer();

describe('retry policy', () => {
  it('backs off 0.5 s × 2ⁿ with 0–25 % jitter, capped at 8 s', () => {
    assert.equal(retryDelayMs(0, null, () => 0), 500);
    assert.equal(retryDelayMs(1, null, () => 0), 1000);
    assert.equal(retryDelayMs(2, null, () => 0), 2000);
    assert.equal(retryDelayMs(5, null, () => 0), MAX_RETRY_DELAY_MS);
    assert.equal(retryDelayMs(10, null, () => 0), 8000);
    assert.equal(retryDelayMs(0, null, () => 0.999_999), 500 * (1 - 0.999_999 * 0.25));
    assert.ok(retryDelayMs(1, null, () => 1)! >= 750);
  });

  it('honors Retry-After up to 60 s and refuses to wait longer', () => {
    assert.equal(retryDelayMs(0, 1), 1000);
    assert.equal(retryDelayMs(3, 60), 60_000);
    assert.equal(retryDelayMs(0, 61), null);
  });

  it('sleep rejects with the abort reason, also when already aborted', async () => {
    const reason = new Error('stop');
    await assert.rejects(sleep(10, AbortSignal.abort(reason)), (e) => e === reason);
    const controller = new AbortController();
    const started = performance.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
    assert.ok(performance.now() - started < 100);
  });
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

  it('connection errors and 408 are retried; 409 and 404 are not', async () => {
    const counts = { net: 0, 408: 0, 409: 0, 404: 0 };
    server.use(
      http.get(`${BASE}/v1/opportunities/opp_net0001`, () => (counts.net++ === 0 ? HttpResponse.error() : HttpResponse.json(fixtures.opportunity()))),
      http.get(`${BASE}/v1/opportunities/opp_408x0001`, () => (counts[408]++ === 0 ? HttpResponse.json(fixtures.problem(408, 'bad_request'), { status: 408, headers: { 'retry-after': '0' } }) : HttpResponse.json(fixtures.opportunity()))),
      http.get(`${BASE}/v1/opportunities/opp_409x0001`, () => (counts[409]++, HttpResponse.json(fixtures.problem(409, 'conflict'), { status: 409 }))),
      http.get(`${BASE}/v1/opportunities/opp_404x0001`, () => (counts[404]++, HttpResponse.json(fixtures.problem(404, 'not_found'), { status: 404 }))),
    );
    const vk = client();
    await vk.opportunities.get('opp_net0001');
    await vk.opportunities.get('opp_408x0001');
    await rejection(vk.opportunities.get('opp_409x0001'));
    await rejection(vk.opportunities.get('opp_404x0001'));
    assert.deepEqual(counts, { net: 2, 408: 2, 409: 1, 404: 1 });
  });

  it('a write with an idempotency key is retried on 5xx; the same write without one is not', async () => {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${BASE}/v1/service-records`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length % 2 === 1 ? HttpResponse.json(fixtures.problem(503, 'internal_error'), { status: 503, headers: { 'retry-after': '0' } }) : HttpResponse.json(fixtures.serviceRecord(), { status: 201 });
      }),
    );
    const vk = createClient({ baseUrl: BASE, secretKey: SK });
    const r = fixtures.serviceRecord();
    const body = { volunteerId: r.volunteerId, opportunityId: r.opportunityId, shiftId: r.shiftId, checkIn: r.checkIn, checkOut: r.checkOut, recordedBy: 'x' };
    await vk.serviceRecords.create(body, { idempotencyKey: 'rec-42' });
    assert.deepEqual(keys, ['rec-42', 'rec-42']);
    keys.length = 0;
    const error = await rejection(vk.serviceRecords.create(body));
    assert.equal(error.name, 'InternalServerError');
    assert.deepEqual(keys, [null]);
  });

  it('an idempotent write still in progress (409 + Retry-After) is asked again; a duplicate sign-up (409) is not', async () => {
    const answers = [
      () => HttpResponse.error(),
      () => HttpResponse.json(fixtures.problem(409, 'conflict', { detail: 'A request with this Idempotency-Key is still being processed.' }), { status: 409, headers: { 'retry-after': '0' } }),
      () => HttpResponse.json(fixtures.signup(), { status: 201 }),
    ];
    let calls = 0;
    server.use(http.post(`${BASE}/v1/signups`, () => answers[calls++]!()));
    assert.equal((await client().signups.create(fixtures.validSignupBody)).id, 'sgn_test0001');
    assert.equal(calls, 3);

    calls = 0;
    server.use(http.post(`${BASE}/v1/signups`, () => (calls++, HttpResponse.json(fixtures.problem(409, 'duplicate_signup', { existing: fixtures.signup() }), { status: 409 }))));
    assert.equal((await rejection(client().signups.create(fixtures.validSignupBody))).code, 'duplicate_signup');
    assert.equal(calls, 1);
  });

  it('a slow answer fails with TimeoutError after `timeout`, per attempt, and GETs retry it', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/v1/channel`, async () => (calls++, await delay(2_000), HttpResponse.json(fixtures.channel()))));
    const started = performance.now();
    const error = await rejection(client({ timeout: 100 }).channel.get({ maxRetries: 1 }));
    const took = performance.now() - started;
    assert.ok(TimeoutError.is(error) && ConnectionError.is(error), String(error));
    assert.match(error.message, /timed out after 100 ms/);
    assert.equal(calls, 2);
    assert.ok(took >= 200 + 375 && took < 1_500, `took ${took} ms`);
  });

  it('a per-call timeout overrides the client timeout', async () => {
    server.use(http.get(`${BASE}/v1/channel`, async () => (await delay(300), HttpResponse.json(fixtures.channel()))));
    const vk = client({ timeout: 50, maxRetries: 0 });
    assert.equal((await vk.channel.get({ timeout: 2_000 })).id, 'chn_news0001');
    assert.ok(TimeoutError.is(await rejection(vk.channel.get())));
  });

  it('aborting during the request rejects with the abort reason and does not retry', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/v1/channel`, async () => (calls++, await delay(1_000), HttpResponse.json(fixtures.channel()))));
    const controller = new AbortController();
    const pending = client().channel.get({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error('navigated away');
    controller.abort(reason);
    assert.equal(await rejection(pending), reason);
    assert.equal(calls, 1);
    assert.equal(await rejection(client().channel.get({ signal: AbortSignal.abort(reason) })), reason, 'already aborted');
  });
});
