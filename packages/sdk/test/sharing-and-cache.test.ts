// In-flight sharing of identical GETs, and the opt-in stale-while-revalidate cache. Time is a
// fake clock: handlers' delays, the cache's ages and the background refresh move when we tick.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse, delay } from 'msw';
import { swrCache } from '../src/cache.js';
import { ResponseCache } from '../src/internal/cache.js';
import { VolunteerKitError } from '../src/index.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, SESSION, client, mockServer, rejection, withFakeClock, type InstalledClock } from './helpers.js';

const server = mockServer();

function countingList(wait = 50) {
  const state = { calls: 0 };
  server.use(
    http.get(`${BASE}/v1/opportunities`, async () => {
      state.calls++;
      await delay(wait);
      return HttpResponse.json(fixtures.opportunityPage(1, null, state.calls));
    }),
  );
  return state;
}

/** Waits for `promise` while the clock runs `ms` (what its handler's delay needs). */
async function after<T>(clock: InstalledClock, ms: number, promise: Promise<T>): Promise<T> {
  await clock.tickAsync(ms);
  return promise;
}

describe('in-flight sharing', () => {
  it('shares only identical requests: other filters, another key or a session go alone', () =>
    withFakeClock(async (clock) => {
      const state = countingList();
      const vk = client();
      await after(clock, 50, Promise.all([
        vk.opportunities.list({ category: 'elderly', limit: 5 }),
        vk.opportunities.list({ limit: 5, category: 'elderly' }), // same question, other order: shared
        vk.opportunities.list({ category: 'children' }),
        client({ publishableKey: 'pk_test_campus_demo' }).opportunities.list({ category: 'elderly', limit: 5 }),
      ]));
      assert.equal(state.calls, 3);
    }));

  it('does not share sequential requests (that is the cache’s job)', () =>
    withFakeClock(async (clock) => {
      const state = countingList(5);
      await after(clock, 5, client().opportunities.list());
      await after(clock, 5, client().opportunities.list());
      assert.equal(state.calls, 2);
    }));

  it('one caller aborting leaves the others their answer; all aborting cancels the request', () =>
    withFakeClock(async (clock) => {
      const state = countingList(200);
      const vk = client();
      const leaving = new AbortController();
      const staying = vk.opportunities.list({}, { signal: new AbortController().signal });
      const left = vk.opportunities.list({}, { signal: leaving.signal });
      await clock.tickAsync(20);
      leaving.abort(new Error('gone'));
      assert.equal((await rejection(left)).message, 'gone');
      assert.equal((await after(clock, 180, staying)).data.length, 1);
      assert.equal(state.calls, 1);

      // Everyone leaves: the shared request is aborted, so a new caller starts a fresh one.
      const a = new AbortController();
      const b = new AbortController();
      const first = vk.opportunities.list({ q: 'x' }, { signal: a.signal });
      const second = vk.opportunities.list({ q: 'x' }, { signal: b.signal });
      await clock.tickAsync(20);
      a.abort(new Error('a'));
      b.abort(new Error('b'));
      await Promise.all([rejection(first), rejection(second)]);
      assert.equal((await after(clock, 200, vk.opportunities.list({ q: 'x' }))).data.length, 1);
      assert.equal(state.calls, 3);
    }));

  it('never shares writes', () =>
    withFakeClock(async (clock) => {
      let calls = 0;
      server.use(http.post(`${BASE}/v1/signups`, async () => (calls++, await delay(20), HttpResponse.json(fixtures.signup(), { status: 201 }))));
      const vk = client().withSession(SESSION);
      await after(clock, 20, Promise.all([vk.signups.create(fixtures.validSignupBody), vk.signups.create(fixtures.validSignupBody)]));
      assert.equal(calls, 2);
    }));
});

describe('cache (opt-in)', () => {
  it('is off by default', () =>
    withFakeClock(async (clock) => {
      const state = countingList(1);
      const vk = client();
      await after(clock, 1, vk.opportunities.list());
      await after(clock, 1, vk.opportunities.list());
      assert.equal(state.calls, 2);
    }));

  it('serves a fresh answer without a request, then stale-while-revalidate, then refetches', () =>
    withFakeClock(async (clock) => {
      const state = countingList(1);
      const vk = client({ cache: swrCache({ ttlMs: 100, staleMs: 200 }) });
      assert.equal((await after(clock, 1, vk.opportunities.list())).data[0]?.id, 'opp_test0001');
      assert.equal((await vk.opportunities.list()).data[0]?.id, 'opp_test0001', 'fresh: from the cache');
      assert.equal(state.calls, 1);

      await clock.tickAsync(130); // stale now
      assert.equal((await vk.opportunities.list()).data[0]?.id, 'opp_test0001', 'stale answer served at once');
      await clock.tickAsync(1);
      assert.equal(state.calls, 2, 'refreshed in the background');
      assert.equal((await vk.opportunities.list()).data[0]?.id, 'opp_test0002', 'the refreshed answer');

      await clock.tickAsync(301); // past ttl + stale: a real miss
      assert.equal((await after(clock, 1, vk.opportunities.list())).data[0]?.id, 'opp_test0003');
      assert.equal(state.calls, 3);
    }));

  it('gives every caller its own objects and is emptied by clearCache()', () =>
    withFakeClock(async (clock) => {
      const state = countingList(1);
      const vk = client({ cache: swrCache() });
      const first = await after(clock, 1, vk.opportunities.list());
      first.data[0]!.title = 'changed by a caller';
      assert.equal((await vk.opportunities.list()).data[0]?.title, '社区敬老活动 1');
      vk.clearCache();
      await after(clock, 1, vk.opportunities.list());
      assert.equal(state.calls, 2);
    }));

  it('never caches errors', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/v1/stats`, () => (calls++, HttpResponse.json(fixtures.problem(404, 'not_found'), { status: 404 }))));
    const vk = client({ cache: swrCache() });
    await rejection(vk.stats.get());
    await rejection(vk.stats.get());
    assert.equal(calls, 2);
  });

  it('refuses a cache that is not from swrCache(), naming the entry point', () => {
    assert.throws(() => client({ cache: { ttlMs: 100 } as never }), (error: unknown) =>
      error instanceof VolunteerKitError && /swrCache\(.*\) from @volunteerkit\/sdk\/cache/.test(error.message));
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new ResponseCache({ ttlMs: 1_000, maxEntries: 2 });
    const response = { status: 200, headers: new Headers(), text: '{}' };
    cache.set('a', response, 0);
    cache.set('b', response, 0);
    assert.ok(cache.get('a', 1)); // a is now the most recent
    cache.set('c', response, 2);
    assert.ok(cache.get('a', 3) && cache.get('c', 3));
    assert.equal(cache.get('b', 3), undefined);
  });
});
