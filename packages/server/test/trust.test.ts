/** Keys, origins, CORS, sessions, audiences and rate limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Channel, OpportunityPage, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { createApp } from '../src/app.js';
import * as q from '../src/db/queries.js';
import { signSessionToken } from '../src/domain/session-token.js';
import {
  addOpportunity, assertProblem, assertShape, call, CONSENT, nextMobile, resetToChannels, SEED_KEYS, useTestApp,
} from './helpers.js';

const { news, campus, enterprise } = SEED_KEYS;
const env = useTestApp();

async function mint(externalId: string, ttlSeconds?: number) {
  const res = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId, volunteer: { name: '李华', mobile: nextMobile() }, ...(ttlSeconds ? { ttlSeconds } : {}) } });
  assert.equal(res.status, 201, res.text);
  return res.body as { token: string; volunteerId: string; channelId: string; expiresAt: string };
}

describe('keys and origins', () => {
  it('a publishable key from an origin not on its list gets 403 origin_not_allowed, without CORS headers', async () => {
    const res = await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey, headers: { Origin: 'https://evil.example.com' } });
    assertProblem(res, 403, 'origin_not_allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const campusSite = await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey, headers: { Origin: 'https://volunteer.campus.example.edu.cn' } });
    assertProblem(campusSite, 403, 'origin_not_allowed');
  });

  it('an allowed origin (exact or any-port localhost) gets the CORS answer echoing it', async () => {
    for (const origin of ['https://news.example.cn', 'http://localhost:5173', 'http://127.0.0.1:8000']) {
      const res = await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey, headers: { Origin: origin } });
      assert.equal(res.status, 200, origin);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id.*Retry-After.*ETag/);
    }
  });

  it('answers preflights for writes: allowed origins get methods and headers, others 403', async () => {
    const ok = await env.app.request(`/v1/signups?key=${news.publishableKey}`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Authorization, Content-Type, Idempotency-Key/);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
    const noKey = await env.app.request('/v1/me', { method: 'OPTIONS', headers: { Origin: 'https://intranet.example.com', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(noKey.status, 204, 'with the key in a header, any channel\'s origin may preflight');
    const wrongChannel = await env.app.request(`/v1/signups?key=${news.publishableKey}`, { method: 'OPTIONS', headers: { Origin: 'https://intranet.example.com' } });
    assert.equal(wrongChannel.status, 403);
    const evil = await env.app.request('/v1/signups', { method: 'OPTIONS', headers: { Origin: 'https://evil.example.com' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  it('secret keys are refused from a browser origin and never accepted in the URL', async () => {
    const fromBrowser = await call(env.app, 'GET', '/v1/signups', { bearer: news.secretKey, headers: { Origin: 'http://localhost:5173' } });
    assertProblem(fromBrowser, 403, 'forbidden');
    assertProblem(await call(env.app, 'GET', `/v1/opportunities?key=${news.secretKey}`), 401, 'unauthorized');
  });

  it('unknown, missing or malformed credentials are 401 (readable by the browser)', async () => {
    assertProblem(await call(env.app, 'GET', '/v1/opportunities'), 401, 'unauthorized');
    assertProblem(await call(env.app, 'GET', '/v1/opportunities', { key: 'pk_test_nope' }), 401, 'unauthorized');
    assertProblem(await call(env.app, 'GET', '/v1/opportunities', { bearer: 'sk_test_nope' }), 401, 'unauthorized');
    assertProblem(await call(env.app, 'GET', '/v1/opportunities', { headers: { Authorization: 'Basic abc' } }), 401, 'unauthorized');
    assertProblem(await call(env.app, 'GET', '/v1/opportunities', { bearer: 'xyz' }), 401, 'unauthorized');
    const fromPage = await call(env.app, 'GET', '/v1/opportunities', { key: 'pk_test_nope', headers: { Origin: 'https://news.example.cn' } });
    assert.equal(fromPage.headers.get('access-control-allow-origin'), 'https://news.example.cn');
  });

  it('a publishable key works in the Authorization header too; a mismatching key in the URL is 403', async () => {
    const res = await call(env.app, 'GET', '/v1/channel', { bearer: news.publishableKey });
    assert.equal(res.status, 200);
    assertShape(Channel, res.body);
    assert.equal(res.body.id, news.channelId);
    assert.deepEqual(res.body.identityFields, ['name', 'mobile']);
    assert.ok(!('allowedOrigins' in res.body), 'allowed origins are not part of the public config');
    const mixed = await call(env.app, 'GET', '/v1/channel', { bearer: news.publishableKey, key: campus.publishableKey });
    assertProblem(mixed, 403, 'forbidden');
  });

  it('GET /v1/channel gives each channel its identity fields', async () => {
    const c = await call(env.app, 'GET', '/v1/channel', { key: campus.publishableKey });
    assert.deepEqual(c.body.identityFields, ['name', 'mobile', 'studentId']);
    const e = await call(env.app, 'GET', '/v1/channel', { key: enterprise.publishableKey });
    assert.deepEqual(e.body.identityFields, ['name', 'employeeId']);
  });
});

describe('audience', () => {
  it('a campus-only opportunity is absent from the news channel\'s list and detail, present for the campus', async () => {
    const publicOne = await addOpportunity(env.db, { title: '公开活动' });
    const campusOnly = await addOpportunity(env.db, { title: '校内活动', audience: campus.channelId });
    const newsList = await call(env.app, 'GET', '/v1/opportunities?limit=100', { key: news.publishableKey });
    assertShape(OpportunityPage, newsList.body);
    const newsIds = newsList.body.data.map((o: { id: string }) => o.id);
    assert.ok(newsIds.includes(publicOne.opportunityId));
    assert.ok(!newsIds.includes(campusOnly.opportunityId));
    assertProblem(await call(env.app, 'GET', `/v1/opportunities/${campusOnly.opportunityId}`, { key: news.publishableKey }), 404, 'not_found');
    const campusList = await call(env.app, 'GET', '/v1/opportunities?limit=100', { key: campus.publishableKey });
    assert.ok(campusList.body.data.some((o: { id: string; audience: string }) => o.id === campusOnly.opportunityId && o.audience === campus.channelId));
    const signup = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: campusOnly.opportunityId, shiftId: campusOnly.shiftIds[0], volunteer: { name: '王五', mobile: nextMobile() }, consent: CONSENT } });
    assertProblem(signup, 404, 'not_found');
  });
});

describe('sessions', () => {
  it('a valid session reads /v1/me with contact masked', async () => {
    const session = await mint('sso-123');
    const me = await call(env.app, 'GET', '/v1/me', { bearer: session.token });
    assert.equal(me.status, 200, me.text);
    assertShape(VolunteerProfile, me.body);
    assert.equal(me.body.id, session.volunteerId);
    assert.match(me.body.mobile, /^1\d\d\*{4}\d{4}$/);
    assert.equal(me.headers.get('cache-control'), 'private, no-store');
    const again = await mint('sso-123');
    assert.equal(again.volunteerId, session.volunteerId, 'the same externalId is the same volunteer');
  });

  it('an expired session token is 401', async () => {
    const session = await mint('sso-exp', 60);
    const later = createApp(env.db, { readCacheMs: 0, rateLimit: false, now: () => new Date(Date.now() + 61_000) });
    assertProblem(await call(later, 'GET', '/v1/me', { bearer: session.token }), 401, 'unauthorized');
    assert.equal((await call(env.app, 'GET', '/v1/me', { bearer: session.token })).status, 200);
  });

  it('a tampered session token is 401, and so is one signed with another secret', async () => {
    const session = await mint('sso-tamper');
    const [payload, signature] = session.token.slice(4).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, v: 'vol_someoneelse1' })).toString('base64url');
    assertProblem(await call(env.app, 'GET', '/v1/me', { bearer: `vst_${otherPayload}.${signature}` }), 401, 'unauthorized');
    const forged = signSessionToken({ volunteerId: session.volunteerId, channelId: news.channelId, expiresAt: new Date(Date.now() + 3600_000) }, 'guessed-secret');
    assertProblem(await call(env.app, 'GET', '/v1/me', { bearer: forged }), 401, 'unauthorized');
    const stored = await q.setting(env.db, 'session_secret');
    const genuine = signSessionToken({ volunteerId: session.volunteerId, channelId: news.channelId, expiresAt: new Date(Date.now() + 3600_000) }, process.env['VK_SESSION_SECRET'] || stored!);
    assert.equal((await call(env.app, 'GET', '/v1/me', { bearer: genuine })).status, 200, 'a token signed with the database secret is accepted by another app instance');
  });

  it('only secret keys mint sessions; /v1/me needs a session', async () => {
    assertProblem(await call(env.app, 'POST', '/v1/sessions', { key: news.publishableKey, body: { externalId: 'x', volunteer: { name: '李' } } }), 403, 'secret_key_required');
    assertProblem(await call(env.app, 'GET', '/v1/me', { key: news.publishableKey }), 401, 'unauthorized');
  });

  it('a session is scoped to its channel: the token works only from that channel\'s origins', async () => {
    const session = await mint('sso-origin');
    assertProblem(await call(env.app, 'GET', '/v1/me', { bearer: session.token, headers: { Origin: 'https://intranet.example.com' } }), 403, 'origin_not_allowed');
    assert.equal((await call(env.app, 'GET', '/v1/me', { bearer: session.token, headers: { Origin: 'https://news.example.cn' } })).status, 200);
  });
});

describe('honor-board scopes', () => {
  it('a channel scope is readable only with that channel\'s key', async () => {
    assert.equal((await call(env.app, 'GET', `/v1/honor-board?scope=channel:${news.channelId}`, { key: news.publishableKey })).status, 200);
    assertProblem(await call(env.app, 'GET', `/v1/honor-board?scope=channel:${campus.channelId}`, { key: news.publishableKey }), 403, 'forbidden');
  });
});

describe('rate limits', () => {
  it('over the limit: 429 with Retry-After; counters live in the database, shared by every instance', async () => {
    // A clock fixed mid-minute, so the window cannot roll over during the test.
    const midMinute = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
    const limited = createApp(env.db, { readCacheMs: 0, rateLimit: { perMinute: 5 }, now: () => midMinute });
    const other = createApp(env.db, { readCacheMs: 0, rateLimit: { perMinute: 5 }, now: () => midMinute });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(limited, 'GET', '/v1/channel', { key: news.publishableKey })).status);
    for (let i = 0; i < 2; i++) statuses.push((await call(other, 'GET', '/v1/channel', { key: news.publishableKey })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    const over = await call(limited, 'GET', '/v1/channel', { key: news.publishableKey });
    assertProblem(over, 429, 'rate_limited');
    assert.equal(over.headers.get('retry-after'), '30', 'seconds until the next window');
    assert.equal((await call(limited, 'GET', '/v1/channel', { key: campus.publishableKey })).status, 200, 'another key has its own budget');
  });
});

describe('client addresses behind proxies (trustProxy)', () => {
  // A clock fixed mid-minute so the window cannot roll over, and a limit of 2 per minute: the
  // third request from one bucket is the 429.
  const midMinute = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
  const limitedApp = (trustProxy?: number | false) =>
    createApp(env.db, { readCacheMs: 0, rateLimit: { perMinute: 2 }, now: () => midMinute, ...(trustProxy === undefined ? {} : { trustProxy }) });
  const PROXY = '10.0.0.5';
  /** Status of one GET arriving on a socket from `socket`, with `forwardedFor` if given. */
  const status = async (limited: ReturnType<typeof createApp>, forwardedFor?: string, socket = PROXY) =>
    (await call(limited, 'GET', '/v1/channel', { key: news.publishableKey, socket, headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor } })).status;

  it('off by default: a spoofed X-Forwarded-For does not get a fresh rate-limit bucket', async () => {
    for (const app of [limitedApp(), limitedApp(false), limitedApp(0)]) {
      await resetToChannels(env.db);
      assert.deepEqual([await status(app, '203.0.113.1'), await status(app, '203.0.113.2')], [200, 200]);
      const res = await call(app, 'GET', '/v1/channel', { key: news.publishableKey, socket: PROXY, headers: { 'X-Forwarded-For': '203.0.113.3' } });
      assertProblem(res, 429, 'rate_limited');
      assert.equal(await status(app, undefined, '10.0.0.6'), 200, 'the bucket is the socket address');
    }
  });

  it('trustProxy: 1 gives each forwarded client its own bucket; entries left of it are the client\'s own text', async () => {
    const app = limitedApp(1);
    assert.deepEqual([await status(app, '203.0.113.1'), await status(app, '203.0.113.1')], [200, 200]);
    assert.equal(await status(app, '203.0.113.1'), 429);
    assert.equal(await status(app, '203.0.113.2'), 200, 'another client behind the same proxy has its own bucket');
    assert.equal(await status(app, '198.51.100.7, 203.0.113.1'), 429, 'a client cannot escape its bucket by prepending addresses');
    assert.equal(await status(app, '[2001:DB8::1]:443'), 200);
    assert.equal(await status(app, '2001:db8::1'), 200, 'one IPv6 client, however the proxy writes it');
    assert.equal(await status(app, '2001:db8:0:0::1'), 429);
  });

  it('trustProxy: 2 counts hops from the right (client, then the outer proxy)', async () => {
    const app = limitedApp(2);
    assert.deepEqual([await status(app, '203.0.113.1, 192.0.2.10'), await status(app, '6.6.6.6, 203.0.113.1, 192.0.2.11')], [200, 200]);
    assert.equal(await status(app, '203.0.113.1, 192.0.2.10'), 429, 'the same client through either outer proxy is one bucket');
    assert.equal(await status(app, '203.0.113.2, 192.0.2.10'), 200);
  });

  it('a missing, short or malformed X-Forwarded-For falls back to the socket address', async () => {
    const app = limitedApp(2);
    assert.equal(await status(app, undefined), 200);
    assert.equal(await status(app, 'not an address, 192.0.2.10'), 200);
    for (const header of ['', '203.0.113.1', '203.0.113.1, garbage', '203.0.113.1,, 192.0.2.10', '203.0.113.1, 192.0.2.10:99999', '<script>, 192.0.2.10', 'unknown, 192.0.2.10'])
      assert.equal(await status(app, header), 429, `${JSON.stringify(header)} counts against the socket's bucket`);
    assert.equal(await status(app, undefined, '10.0.0.6'), 200, 'another socket still has its own bucket');
    assert.equal(await status(app, '203.0.113.9, 192.0.2.10'), 200, 'a well-formed header still names its client');
  });

  it('refuses a trustProxy that is not a hop count', () => {
    for (const trustProxy of [-1, 1.5, Number.NaN, true as unknown as number, '1' as unknown as number])
      assert.throws(() => createApp(env.db, { trustProxy }), /trustProxy must be the number of proxy hops/, String(trustProxy));
  });
});
