// A write drops what it made stale: after a sign-up, cancel or update, the opportunity's spots
// left and the list pages are read again (not from the opt-in cache, not by joining a request
// started before the write, and with `cache: 'no-cache'` so a browser revalidates its HTTP cache);
// other answers stay cached. Time is a fake clock.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse, delay } from 'msw';
import { swrCache } from '../src/cache.js';
import { MyClaims, Needs } from '../src/resources/needs.js';
import { STALE_AFTER_WRITE_MS, forgetStaleMarks } from '../src/internal/freshness.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, SESSION, SK, client, mockServer, withFakeClock, type InstalledClock } from './helpers.js';

const server = mockServer();
beforeEach(() => forgetStaleMarks());

/** Counts the reads of each path and which of them asked the browser to revalidate. */
function countingReads(wait = 1) {
  const calls = { detail: 0, list: 0, channel: 0, mine: 0 };
  const revalidated: string[] = [];
  const seen = (request: Request) => {
    if (request.cache === 'no-cache') revalidated.push(new URL(request.url).pathname);
  };
  server.use(
    http.get(`${BASE}/v1/opportunities/:id`, async ({ request }) => {
      seen(request);
      const n = ++calls.detail;
      await delay(wait);
      const opportunity = fixtures.opportunity();
      opportunity.shifts[0]!.signedUp = 2 + n; // each read sees one more sign-up
      return HttpResponse.json(opportunity);
    }),
    http.get(`${BASE}/v1/opportunities`, async ({ request }) => (seen(request), calls.list++, await delay(wait), HttpResponse.json(fixtures.opportunityPage(1)))),
    http.get(`${BASE}/v1/channel`, async ({ request }) => (seen(request), calls.channel++, await delay(wait), HttpResponse.json(fixtures.channel()))),
    http.get(`${BASE}/v1/me/signups`, async ({ request }) => (seen(request), calls.mine++, await delay(wait), HttpResponse.json({ data: [fixtures.signup()], nextCursor: null }))),
    http.post(`${BASE}/v1/signups`, async () => (await delay(wait), HttpResponse.json(fixtures.signup(), { status: 201 }))),
    http.post(`${BASE}/v1/me/signups/:id/cancel`, async () => (await delay(wait), HttpResponse.json({ ...fixtures.signup(), status: 'cancelled' }))),
    http.patch(`${BASE}/v1/signups/:id`, async () => (await delay(wait), HttpResponse.json({ ...fixtures.signup(), status: 'cancelled' }))),
  );
  return { calls, revalidated };
}

async function after<T>(clock: InstalledClock, ms: number, promise: Promise<T>): Promise<T> {
  await clock.tickAsync(ms);
  return promise;
}

describe('a write drops what it made stale', () => {
  for (const [name, write] of [
    ['signups.create', (vk: ReturnType<typeof client>) => vk.withSession(SESSION).signups.create(fixtures.validSignupBody)],
    ['me.signups.cancel', (vk: ReturnType<typeof client>) => vk.withSession(SESSION).me.signups.cancel('sgn_test0001')],
    ['signups.update', (vk: ReturnType<typeof client>) => vk.signups.update('sgn_test0001', { status: 'cancelled' })],
  ] as const) {
    it(`${name}: the opportunity and its list pages are read again; the channel stays cached`, () =>
      withFakeClock(async (clock) => {
        const { calls } = countingReads();
        const vk = client({ secretKey: SK, cache: swrCache({ ttlMs: 60_000 }) });
        const before = await after(clock, 1, vk.opportunities.get('opp_test0001'));
        await after(clock, 1, Promise.all([vk.opportunities.list(), vk.opportunities.list({ category: 'elderly' }), vk.channel.get()]));
        await vk.opportunities.get('opp_test0001');
        assert.deepEqual(calls, { detail: 1, list: 2, channel: 1, mine: 0 }, 'served from the cache before the write');

        await after(clock, 1, write(vk));
        const fresh = await after(clock, 1, vk.opportunities.get('opp_test0001'));
        await after(clock, 1, Promise.all([vk.opportunities.list(), vk.opportunities.list({ category: 'elderly' }), vk.channel.get()]));
        assert.deepEqual(calls, { detail: 2, list: 4, channel: 1, mine: 0 });
        assert.equal(fresh.shifts[0]!.signedUp, before.shifts[0]!.signedUp + 1, 'the spots left are the server’s, not the cached ones');
      }));
  }

  it('asks the browser to revalidate the stale paths (cache: no-cache) until its HTTP cache has expired, and nothing else', () =>
    withFakeClock(async (clock) => {
      const { revalidated } = countingReads();
      const vk = client(); // no response cache: the browser's HTTP cache is what goes stale
      const me = vk.withSession(SESSION);
      await after(clock, 1, Promise.all([vk.opportunities.get('opp_test0001'), vk.opportunities.list(), vk.channel.get()]));
      assert.deepEqual(revalidated, []);

      await after(clock, 1, me.signups.create(fixtures.validSignupBody));
      await after(clock, 1, Promise.all([vk.opportunities.get('opp_test0001'), vk.opportunities.list({ limit: 5 }), vk.channel.get(),
        vk.opportunities.get('opp_test0002'), me.me.signups.list({ opportunityId: 'opp_test0001' })]));
      assert.deepEqual(revalidated.sort(), ['/v1/me/signups', '/v1/opportunities', '/v1/opportunities/opp_test0001']);

      await clock.tickAsync(STALE_AFTER_WRITE_MS);
      revalidated.length = 0;
      await after(clock, 1, Promise.all([vk.opportunities.get('opp_test0001'), vk.opportunities.list()]));
      assert.deepEqual(revalidated, [], 'past max-age + stale-while-revalidate the HTTP cache holds nothing older');
    }));

  it('a read after the write does not join a read started before it', () =>
    withFakeClock(async (clock) => {
      const { calls } = countingReads(50);
      const vk = client();
      const early = vk.opportunities.get('opp_test0001');
      await clock.tickAsync(10);
      const write = vk.withSession(SESSION).me.signups.cancel('sgn_test0001');
      await clock.tickAsync(50);
      await write;
      const late = vk.opportunities.get('opp_test0001');
      const [a, b] = await after(clock, 50, Promise.all([early, late]));
      assert.equal(calls.detail, 2);
      assert.equal(b.shifts[0]!.signedUp, a.shifts[0]!.signedUp + 1);
    }));

  it('does not store an answer whose request was under way when the write dropped its path', () =>
    withFakeClock(async (clock) => {
      const { calls } = countingReads(50);
      const vk = client({ cache: swrCache({ ttlMs: 60_000 }) });
      const write = vk.withSession(SESSION).me.signups.cancel('sgn_test0001');
      await clock.tickAsync(1);
      const early = vk.opportunities.get('opp_test0001'); // answers just after the write succeeded
      await clock.tickAsync(60);
      await Promise.all([write, early]);
      await after(clock, 50, vk.opportunities.get('opp_test0001'));
      assert.equal(calls.detail, 2, 'the answer read before the write was not cached');
    }));

  it('a failed write makes nothing stale', () =>
    withFakeClock(async (clock) => {
      const { calls } = countingReads();
      server.use(http.post(`${BASE}/v1/signups`, () => HttpResponse.json({ ...fixtures.problem(409, 'duplicate_signup'), existing: fixtures.signup() }, { status: 409 })));
      const vk = client({ cache: swrCache({ ttlMs: 60_000 }) });
      await after(clock, 1, vk.opportunities.get('opp_test0001'));
      await vk.withSession(SESSION).signups.create(fixtures.validSignupBody).catch(() => {});
      await vk.opportunities.get('opp_test0001');
      assert.equal(calls.detail, 1);
    }));

  it('keeps its marks in sessionStorage: after a reload the next page still revalidates what the write changed', () =>
    withFakeClock(async (clock) => {
      const { revalidated } = countingReads();
      const items = new Map<string, string>();
      const storage: Storage = {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, String(value)),
        removeItem: (key) => void items.delete(key),
        key: (index) => [...items.keys()][index] ?? null,
        clear: () => items.clear(),
        get length() {
          return items.size;
        },
      };
      Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
      try {
        const vk = client();
        await after(clock, 1, vk.withSession(SESSION).signups.create(fixtures.validSignupBody));
        assert.equal(items.size, 3, 'one item per path the write changed');
        // The next page of this tab: the module's own marks are gone, sessionStorage is not.
        const kept = new Map(items);
        forgetStaleMarks();
        for (const [key, value] of kept) items.set(key, value);
        await after(clock, 1, Promise.all([vk.opportunities.get('opp_test0001'), vk.opportunities.get('opp_test0002'), vk.channel.get()]));
        assert.deepEqual(revalidated, ['/v1/opportunities/opp_test0001']);
      } finally {
        delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
      }
    }));
});

describe('needs writes', () => {
  const AT = '2026-11-20T02:00:00.000Z';
  const need = (status: string) => ({
    id: 'ned_stale000000001', serviceCode: 'haircut', title: '上门理发', details: '', regionCode: '330106', organizationId: 'org_community001',
    requester: '王*英', filedOnBehalf: true, preferredTimes: '', status, statusReason: null, waitingSince: AT, dueAt: null,
    claimedAt: null, fulfilledAt: null, confirmedAt: null, serviceRecordId: null, rating: null, createdAt: AT, updatedAt: AT,
  });

  // The board, the claims and the hours sit beside the widget that changed a need: after a claim
  // they must not come from the browser's 30-second copy.
  it('a claim makes the board, the need, the claims and the volunteer\'s hours revalidate, and nothing else', () =>
    withFakeClock(async (clock) => {
      const revalidated: string[] = [];
      const seen = (request: Request) => {
        if (request.cache === 'no-cache') revalidated.push(new URL(request.url).pathname);
      };
      server.use(
        http.get(`${BASE}/v1/needs`, ({ request }) => (seen(request), HttpResponse.json({ data: [need('open')], nextCursor: null }))),
        http.get(`${BASE}/v1/me/claims`, ({ request }) => (seen(request), HttpResponse.json({ data: [], nextCursor: null }))),
        http.get(`${BASE}/v1/channel`, ({ request }) => (seen(request), HttpResponse.json(fixtures.channel()))),
        http.post(`${BASE}/v1/needs/:id/claim`, () => HttpResponse.json({ need: need('claimed'), address: null, contact: null, confirmationCode: null })),
      );
      const vk = client();
      const me = vk.withSession(SESSION);
      await after(clock, 1, new Needs(me).claim('ned_stale000000001'));
      await after(clock, 1, Promise.all([new Needs(vk).list(), new MyClaims(me).list(), vk.channel.get()]));
      assert.deepEqual(revalidated.sort(), ['/v1/me/claims', '/v1/needs']);
    }));
});
