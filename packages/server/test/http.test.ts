/** HTTP behaviour: caching and 304s, problem details, body limits, and a few hundred malformed requests. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateSignupBody, ProblemDetails } from '@volunteerkit/sdk/schemas';
import { createApp } from '../src/app.js';
import {
  addOpportunity, assertProblem, assertShape, call, CONSENT, guest, resetToChannels, SEED_KEYS, useTestApp, type CallResult,
} from './helpers.js';

const { news } = SEED_KEYS;
const env = useTestApp({ resetEachTest: false });
let fixture: Awaited<ReturnType<typeof addOpportunity>>;
let signupId: string;

before(async () => {
  await env.ready;
  await resetToChannels(env.db);
  fixture = await addOpportunity(env.db, { capacity: 100, title: '缓存测试活动', questions: [{ id: 'q_a', label: 'A', kind: 'choice', required: false, options: ['x'] }] });
  const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), consent: CONSENT } });
  signupId = res.body.id;
});

describe('HTTP caching of public reads', () => {
  it('sends Cache-Control with stale-while-revalidate and an ETag; a second GET with If-None-Match gets 304', async () => {
    const path = `/v1/opportunities?key=${news.publishableKey}&category=community`;
    const first = await env.app.request(path);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=30, stale-while-revalidate=300');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]{32}"$/);
    const second = await env.app.request(path, { headers: { 'If-None-Match': etag! } });
    assert.equal(second.status, 304);
    assert.equal(await second.text(), '');
    assert.equal(second.headers.get('etag'), etag);
    const stale = await env.app.request(path, { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(stale.status, 200);
  });

  it('a change to the data changes the ETag', async () => {
    const path = `/v1/opportunities/${fixture.opportunityId}?key=${news.publishableKey}`;
    const before = (await env.app.request(path)).headers.get('etag');
    await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), consent: CONSENT } });
    const after = await env.app.request(path, { headers: { 'If-None-Match': before! } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), before);
  });

  it('keys in headers are cached privately; sessions, secret keys, writes and errors never', async () => {
    const viaHeader = await call(env.app, 'GET', '/v1/organizations', { bearer: news.publishableKey });
    assert.equal(viaHeader.headers.get('cache-control'), 'private, max-age=30, stale-while-revalidate=300');
    const secret = await call(env.app, 'GET', '/v1/opportunities', { bearer: news.secretKey });
    assert.equal(secret.headers.get('cache-control'), 'private, no-store');
    assert.equal(secret.headers.get('etag'), null);
    const error = await call(env.app, 'GET', '/v1/opportunities/opp_missing1', { key: news.publishableKey });
    assert.equal(error.headers.get('cache-control'), 'no-store');
    const write = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), consent: CONSENT } });
    assert.equal(write.headers.get('cache-control'), 'private, no-store');
  });
});

describe('the per-instance read cache', () => {
  it('answers identical public reads from memory until it expires or this instance handles a write', async () => {
    let clock = Date.now();
    const cached = createApp(env.db, { rateLimit: false, readCacheMs: 2000, now: () => new Date(clock) });
    const path = `/v1/opportunities/${fixture.opportunityId}?key=${news.publishableKey}`;
    const first = await call(cached, 'GET', path);
    await env.db.query(`UPDATE opportunities SET title = '改过的标题' WHERE id = $1`, [fixture.opportunityId]);
    const fromMemory = await call(cached, 'GET', path);
    assert.equal(fromMemory.body.title, first.body.title, 'served from the cache');
    assert.equal(fromMemory.headers.get('etag'), first.headers.get('etag'));
    const revalidated = await cached.request(path, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    assert.equal(revalidated.status, 304);
    const otherChannel = await call(cached, 'GET', `/v1/opportunities/${fixture.opportunityId}?key=${SEED_KEYS.enterprise.publishableKey}`);
    assert.equal(otherChannel.body.title, '改过的标题', 'entries are per channel');
    clock += 1999;
    assert.equal((await call(cached, 'GET', path)).body.title, first.body.title, 'still cached just before readCacheMs');
    clock += 2;
    assert.equal((await call(cached, 'GET', path)).body.title, '改过的标题', 'expired after readCacheMs');
    await env.db.query(`UPDATE opportunities SET title = '缓存测试活动' WHERE id = $1`, [fixture.opportunityId]);
    await call(cached, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), consent: CONSENT } });
    const afterWrite = await call(cached, 'GET', path);
    assert.equal(afterWrite.body.title, '缓存测试活动', 'a write empties the cache');
    const secret = await call(cached, 'GET', `/v1/opportunities/${fixture.opportunityId}`, { bearer: news.secretKey });
    assert.equal(secret.headers.get('etag'), null, 'secret-key reads are never cached');
  });
});

describe('a spike of identical reads', () => {
  it('is computed once: requests arriving while it is computed wait for that answer', async () => {
    let queries = 0;
    const counting = { ...env.db, query: ((sql: string, params?: never[]) => { queries++; return env.db.query(sql, params); }) as typeof env.db.query,
      transaction: env.db.transaction.bind(env.db), close: env.db.close.bind(env.db), kind: env.db.kind };
    const cached = createApp(counting, { rateLimit: false });
    await call(cached, 'GET', '/v1/channel', { key: news.publishableKey }); // the key is now remembered
    queries = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => call(cached, 'GET', '/v1/opportunities?category=community', { key: news.publishableKey })));
    assert.ok(results.every((r) => r.status === 200 && r.text === results[0]!.text));
    assert.ok(queries <= 3, `${queries} queries for 20 identical requests`);
  });
});

describe('problem details', () => {
  it('every error is application/problem+json with code and requestId, echoed in X-Request-Id', async () => {
    const res = await call(env.app, 'GET', '/v1/nothing-here', { key: news.publishableKey, headers: { 'X-Request-Id': 'trace-abc-12345' } });
    assertProblem(res, 404, 'not_found');
    assert.equal(res.body.requestId, 'trace-abc-12345');
    assertShape(ProblemDetails, res.body);
    assert.equal(res.body.type, 'https://volunteerkit.dev/problems/not_found');
  });

  it('titles follow Accept-Language or ?locale=', async () => {
    const en = await call(env.app, 'GET', '/v1/opportunities/opp_missing1', { key: news.publishableKey, headers: { 'Accept-Language': 'en-GB,en;q=0.8' } });
    assert.equal(en.body.title, 'Not found');
    const zh = await call(env.app, 'GET', '/v1/opportunities/opp_missing1?locale=zh-CN', { key: news.publishableKey, headers: { 'Accept-Language': 'en' } });
    assert.equal(zh.body.title, '未找到');
  });

  it('validation errors carry field paths a form can use', async () => {
    const res = await call(env.app, 'GET', '/v1/opportunities?limit=500&category=dancing', { key: news.publishableKey });
    assertProblem(res, 422, 'validation_failed');
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path).sort(), ['category', 'limit']);
  });
});

describe('conformance: every bad input is 422 with a path; wrong methods are 405', () => {
  const forge = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const paths = (res: CallResult) => (res.body?.errors ?? []).map((e: { path: string }) => e.path);

  it('a cursor that decodes but holds unusable values is 422 at `cursor`, on every list', async () => {
    const session = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'cursor-forger', volunteer: guest() } });
    const lists: Array<[string, string, { key?: string; bearer?: string }]> = [
      ['/v1/opportunities?sort=startsAt', 'startsAt', { key: news.publishableKey }],
      ['/v1/opportunities?sort=newest', 'newest', { key: news.publishableKey }],
      ['/v1/organizations?', 'id', { key: news.publishableKey }],
      ['/v1/me/signups?', 'seq', { bearer: session.body.token }],
      ['/v1/me/service-records?', 'id', { bearer: session.body.token }],
      ['/v1/signups?', 'seq', { bearer: news.secretKey }],
    ];
    const failures: string[] = [];
    for (const [path, sort, auth] of lists) {
      const forged = [[sort, 1.5, 'sgn_abcd'], [sort, 1e300, 'sgn_abcd'], [sort, -1, 'sgn_abcd'], [sort, 1, 'sgn_\u0000'], [sort, 1, "x'--"],
        [sort, 1, ''], [sort, 1, 'opp_' + 'a'.repeat(80)], [sort, 1, 7]];
      for (const value of forged) {
        if (sort !== 'seq' && sort !== 'id' && (value[1] === 1.5 || value[1] === 1e300 || value[1] === -1)) continue; // any number is a float8 sort key
        const res = await call(env.app, 'GET', `${path}&cursor=${forge(value)}`, auth);
        if (res.status !== 422 || res.body?.code !== 'validation_failed' || JSON.stringify(paths(res)) !== '["cursor"]')
          failures.push(`${path} ${JSON.stringify(value)} → ${res.status} ${res.text.slice(0, 100)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('a NUL character in the query or anywhere in a body is 422 naming the field, never a bare 400', async () => {
    const q = await call(env.app, 'GET', '/v1/opportunities?q=%E8%A5%BF%00%E6%B9%96', { key: news.publishableKey });
    assertProblem(q, 422, 'validation_failed');
    assert.deepEqual(paths(q), ['q']);
    const organizations = await call(env.app, 'GET', '/v1/organizations?q=a%00', { key: news.publishableKey });
    assert.deepEqual([organizations.status, paths(organizations)], [422, ['q']]);
    const body = { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest({ name: '王\u0000明' }), answers: { q_a: ['x\u0000'] }, consent: CONSENT };
    const signup = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body });
    assertProblem(signup, 422, 'validation_failed');
    assert.deepEqual(paths(signup).filter((p: string) => p !== 'answers.q_a').sort(), ['answers.q_a.0', 'volunteer.name']);
    const session = await call(env.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: 'ext\u0000', volunteer: guest() } });
    assert.deepEqual([session.status, paths(session)], [422, ['externalId']]);
  });

  it('a known path with a method it lacks is 405 with Allow; unknown paths stay 404; preflights still work', async () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/v1/opportunities', 'GET, HEAD, OPTIONS'],
      ['POST', `/v1/opportunities/${fixture.opportunityId}`, 'GET, HEAD, OPTIONS'],
      ['PUT', '/v1/signups', 'GET, HEAD, POST, OPTIONS'],
      ['GET', '/v1/sessions', 'POST, OPTIONS'],
      ['DELETE', `/v1/signups/${signupId}`, 'PATCH, OPTIONS'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await call(env.app, method, path, { key: news.publishableKey, ...(method === 'PUT' ? { rawBody: 'not json', headers: { 'Content-Type': 'text/plain' } } : {}) });
      assertProblem(res, 405, 'method_not_allowed');
      assert.deepEqual(res.headers.get('allow')?.split(', ').sort(), allow.split(', ').sort(), `${method} ${path}`);
    }
    const fromBrowser = await call(env.app, 'POST', '/v1/opportunities', { key: news.publishableKey, headers: { Origin: 'http://localhost:3000' } });
    assertProblem(fromBrowser, 405, 'method_not_allowed');
    assert.equal(fromBrowser.headers.get('access-control-allow-origin'), 'http://localhost:3000', 'a page can read the 405');
    assert.match(fromBrowser.headers.get('access-control-expose-headers') ?? '', /\bAllow\b/);
    assertProblem(await call(env.app, 'DELETE', '/v1/nothing-here', { key: news.publishableKey }), 404, 'not_found');
    const preflight = await env.app.request(`/v1/signups?key=${news.publishableKey}`, {
      method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    const head = await env.app.request(`/v1/opportunities?key=${news.publishableKey}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  it('every response carries X-Request-Id: reads, 304s, writes, replays, problems, 405s, preflights, health', async () => {
    const read = await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey });
    const responses: Array<[string, CallResult | Response]> = [
      ['200', read],
      ['304', await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey, headers: { 'If-None-Match': read.headers.get('etag')! } })],
      ['401', await call(env.app, 'GET', '/v1/opportunities')],
      ['404', await call(env.app, 'GET', '/v1/nothing', { key: news.publishableKey })],
      ['405', await call(env.app, 'DELETE', '/v1/opportunities', { key: news.publishableKey })],
      ['422', await call(env.app, 'GET', '/v1/opportunities?limit=0', { key: news.publishableKey })],
      ['preflight', await env.app.request('/v1/opportunities', { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000' } })],
      ['health', await env.app.request('/health')],
    ];
    const body = { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), consent: CONSENT };
    for (const label of ['write', 'replay'])
      responses.push([label, await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body, headers: { 'Idempotency-Key': 'request-id-check' } })]);
    assert.equal(responses[1]![1].status, 304);
    for (const [label, res] of responses) assert.match(res.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._-]{8,64}$/, label);
  });
});

describe('body limits and content types', () => {
  const signupPath = `/v1/signups?key=${news.publishableKey}`;
  it('a body over 64 KiB is 413, whether declared or streamed', async () => {
    const huge = JSON.stringify({ opportunityId: fixture.opportunityId, padding: 'x'.repeat(70 * 1024) });
    const declared = await env.app.request(signupPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: huge });
    assert.equal(declared.status, 413);
    assert.equal((await declared.json()).code, 'payload_too_large');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)));
        controller.close();
      },
    });
    const streamed = await env.app.request(signupPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
  });

  it('a body that is not JSON is 415; broken JSON is 400', async () => {
    const text = await env.app.request(signupPath, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
    assert.equal((await text.json()).code, 'unsupported_media_type');
    const broken = await env.app.request(signupPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"opportunityId":' });
    assert.equal(broken.status, 400);
    assert.equal((await broken.json()).code, 'bad_request');
  });
});

describe('malformed requests', () => {
  const injections = [
    "'; DROP TABLE signups; --", "' OR '1'='1", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '${7*7}', '{{7*7}}',
    '../../etc/passwd', '%00', '\u0000', '\uD800', '🙂'.repeat(500), 'x'.repeat(5000), '1e309', '-1', 'NaN', 'null', 'undefined', '[]', '{}',
    'opp_\'--', 'SELECT pg_sleep(10)', '\\', '%', '_', '😀', '西湖%', '\n\r\t',
  ];
  const wrongValues: unknown[] = [null, 0, -1, 1.5, 1e309 === Infinity ? 1e308 : 0, true, [], {}, '', ...injections, ['a'], { $gt: '' }, [[[[[]]]]]];

  /** encodeURIComponent, except a lone surrogate becomes invalid UTF-8 bytes in the URL. */
  const enc = (text: string) => {
    try {
      return encodeURIComponent(text);
    } catch {
      return '%ED%A0%80';
    }
  };

  function validSignup(): Record<string, unknown> {
    return { opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: guest(), answers: { q_a: 'x' }, consent: CONSENT, source: { widget: 'vk-signup-form' } };
  }

  type Attempt = { name: string; method: string; path: string; init: { body?: string; headers?: Record<string, string>; bearer?: string }; mayPass?: boolean };
  function requestsToTry(): Attempt[] {
    const list: Attempt[] = [];
    const json = { 'Content-Type': 'application/json' };
    const signup = `/v1/signups?key=${news.publishableKey}`;
    // Bad JSON and non-object bodies
    for (const raw of ['{', '{"a":', 'nul', '[1,2', '{"opportunityId": "opp_x",}', "{'a':1}", '\u0000', '\uFEFF{}', '[' .repeat(20000) + ']'.repeat(20000), 'null', '[]', '"text"', '123', 'true', '{}'])
      list.push({ name: `signup raw ${raw.slice(0, 20)}`, method: 'POST', path: signup, init: { body: raw, headers: json } });
    // Each field of a valid sign-up replaced by each wrong value, and each field missing
    // (A mutation the contract still accepts, such as dropping the optional `answers`, may succeed:
    // those are held only to "no 5xx"; everything the contract rejects must be a 4xx problem.)
    const signupRequest = (name: string, body: Record<string, unknown>) =>
      list.push({ name, method: 'POST', path: signup, init: { body: JSON.stringify(body), headers: json }, mayPass: CreateSignupBody.safeParse(body).success });
    for (const field of Object.keys(validSignup())) {
      const { [field]: _removed, ...without } = validSignup();
      signupRequest(`signup without ${field}`, without);
      for (const value of wrongValues) signupRequest(`signup ${field}=${String(JSON.stringify(value)).slice(0, 30)}`, { ...validSignup(), [field]: value });
    }
    for (const field of ['name', 'mobile', 'email', 'birthDate', 'studentId', 'employeeId', 'idNumber', 'showName'])
      for (const value of wrongValues.slice(0, 20)) signupRequest(`volunteer.${field}=${String(JSON.stringify(value)).slice(0, 30)}`, { ...validSignup(), volunteer: { ...guest(), [field]: value } });
    for (const value of wrongValues.slice(0, 20)) signupRequest(`answers=${String(JSON.stringify(value)).slice(0, 30)}`, { ...validSignup(), answers: { q_a: value, [`q_${'x'.repeat(60)}`]: 'x' } });
    // Wrong content types
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'json'])
      list.push({ name: `content-type ${contentType}`, method: 'POST', path: signup, init: { body: 'a=1', headers: { 'Content-Type': contentType } } });
    // Unknown enums and injections in queries and paths
    const queries = ['category=dancing', 'sort=random', 'status=deleted', 'limit=0', 'limit=101', 'limit=abc', 'limit=1e309', 'limit=-5', 'near=abc', 'near=91,200',
      'radiusKm=5', 'near=30,120&radiusKm=-1', 'sort=distance', 'from=yesterday', 'to=2026-13-45T00:00:00Z', 'hasOpenSlots=maybe', 'regionCode=33%27%20OR%201%3D1',
      'orgId=org_%27--', 'cursor=%00', 'cursor=bm90LWEtY3Vyc29y', `cursor=${'A'.repeat(300)}`, 'skills=' + 'x,'.repeat(400), `q=${'长'.repeat(101)}`];
    for (const query of queries) list.push({ name: `list ?${query.slice(0, 40)}`, method: 'GET', path: `/v1/opportunities?key=${news.publishableKey}&${query}`, init: {} });
    for (const query of ['scope=galaxy', 'scope=org:%27--', 'period=decade', 'metric=likes', 'subject=planet', 'limit=0', 'featured=11', 'scope=channel:chn_', 'scope=region:3'])
      list.push({ name: `honor-board ?${query}`, method: 'GET', path: `/v1/honor-board?key=${news.publishableKey}&${query}`, init: {} });
    for (const query of ['scope=galaxy', 'period=decade'])
      list.push({ name: `stats ?${query}`, method: 'GET', path: `/v1/stats?key=${news.publishableKey}&${query}`, init: {} });
    for (const query of ['kind=alien', 'regionCode=abc', 'limit=1000', `q=${'x'.repeat(200)}`, 'cursor=!!!'])
      list.push({ name: `organizations ?${query}`, method: 'GET', path: `/v1/organizations?key=${news.publishableKey}&${query}`, init: {} });
    for (const injection of injections.slice(0, 12))
      list.push({ name: `opportunity id ${injection.slice(0, 20)}`, method: 'GET', path: `/v1/opportunities/${enc(injection)}?key=${news.publishableKey}`, init: {} });
    for (const injection of injections.slice(0, 12)) {
      list.push({ name: `q=${injection.slice(0, 20)}`, method: 'GET', path: `/v1/opportunities?key=${news.publishableKey}&q=${enc(injection.slice(0, 100))}`, init: {}, mayPass: true });
    }
    // Secret-key writes with bad bodies
    const secret = { bearer: news.secretKey };
    for (const value of wrongValues.slice(0, 25)) {
      list.push({ name: `patch status=${String(JSON.stringify(value)).slice(0, 20)}`, method: 'PATCH', path: `/v1/signups/${signupId}`, init: { ...secret, body: JSON.stringify({ status: value }), headers: json } });
      list.push({ name: `session externalId=${String(JSON.stringify(value)).slice(0, 20)}`, method: 'POST', path: '/v1/sessions', init: { ...secret, body: JSON.stringify({ externalId: value, volunteer: { name: '李' }, ttlSeconds: 10 }), headers: json } });
      list.push({ name: `record hours=${String(JSON.stringify(value)).slice(0, 20)}`, method: 'POST', path: '/v1/service-records', init: { ...secret, body: JSON.stringify({ volunteerId: 'vol_abcd', opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], checkIn: '2026-01-01T00:00:00Z', checkOut: value, hours: value, recordedBy: 'x' }), headers: json } });
    }
    list.push({ name: 'patch unknown id', method: 'PATCH', path: "/v1/signups/sgn_'--", init: { ...secret, body: '{"status":"approved"}', headers: json } });
    list.push({ name: 'approve unknown record', method: 'POST', path: '/v1/service-records/rec_doesnotexist/approve', init: { ...secret, body: '{"reviewedBy":"x"}', headers: json } });
    list.push({ name: 'approve without body', method: 'POST', path: '/v1/service-records/rec_doesnotexist/approve', init: { ...secret } });
    list.push({ name: 'bad idempotency key', method: 'POST', path: signup, init: { body: JSON.stringify(validSignup()), headers: { ...json, 'Idempotency-Key': 'x'.repeat(300) } } });
    list.push({ name: 'DELETE', method: 'DELETE', path: signup, init: {} });
    list.push({ name: 'PUT', method: 'PUT', path: signup, init: { body: '{}', headers: json } });
    return list;
  }

  it('hundreds of them get 4xx problem details, never a 500; the tables survive', async () => {
    const list = requestsToTry();
    const mustFail = list.filter((r) => !r.mayPass).length;
    assert.ok(mustFail >= 300, `only ${mustFail} malformed requests generated`);
    const failures: string[] = [];
    for (const request of list) {
      const result: CallResult = await call(env.app, request.method, request.path, {
        ...(request.init.bearer ? { bearer: request.init.bearer } : {}),
        ...(request.init.body !== undefined ? { rawBody: request.init.body } : {}),
        ...(request.init.headers ? { headers: request.init.headers } : {}),
      });
      const acceptedAndFine = request.mayPass === true && result.status < 400;
      const isProblem = result.status >= 400 && result.status < 500 && (result.headers.get('content-type') ?? '').startsWith('application/problem+json')
        && ProblemDetails.safeParse(result.body).success;
      if (!acceptedAndFine && !isProblem) failures.push(`${request.name} → ${result.status} ${result.text.slice(0, 120)}`);
      // A bad query names its parameter: 422 with a path, never a bare 400.
      if (request.method === 'GET' && result.status === 400) failures.push(`${request.name} → 400 without a field path`);
    }
    assert.deepEqual(failures, []);
    const [row] = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signups');
    assert.ok(row!.n >= 1, 'signups table still there');
    const list2 = await call(env.app, 'GET', '/v1/opportunities', { key: news.publishableKey });
    assert.equal(list2.status, 200);
  });
});
