// createClient's checks, and what goes on the wire for each kind of call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { BaseClient, Me, Opportunities, VolunteerKitClient, VolunteerKitError, createBaseClient, createClient } from '../src/index.js';
import { responseValidator } from '../src/validation.js';
import * as fixtures from './shared/fixtures.js';
import { ListOpportunitiesQuery } from '../src/schemas/index.js';
import { BASE, PK, SESSION, SK, client, mockServer, recorder, rejection } from './helpers.js';

const server = mockServer();

/** Runs `fn` as if in a web page (window and document defined), then restores Node. */
function inBrowserPage<T>(fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  g['window'] = g;
  g['document'] = {};
  try {
    return fn();
  } finally {
    delete g['window'];
    delete g['document'];
  }
}

describe('createClient', () => {
  it('refuses a non-https baseUrl other than localhost, with a clear message', () => {
    assert.throws(() => createClient({ baseUrl: 'http://api.example.com', publishableKey: PK }), (error: unknown) => {
      assert.ok(VolunteerKitError.is(error));
      assert.match((error as Error).message, /must use https:\/\//);
      return true;
    });
    assert.throws(() => createClient({ baseUrl: 'ftp://api.example.com', publishableKey: PK }), /https/);
    assert.throws(() => createClient({ baseUrl: 'api.example.com', publishableKey: PK }), /absolute URL/);
  });

  it('accepts https, and plain http only for localhost, 127.0.0.1 and [::1]', () => {
    for (const baseUrl of ['https://api.example.com', 'http://localhost:3000', 'http://127.0.0.1:8787', 'http://[::1]:8787', 'https://example.com/api/']) {
      assert.doesNotThrow(() => createClient({ baseUrl, publishableKey: PK }), baseUrl);
    }
  });

  it('refuses a secret key in a web page unless dangerouslyAllowBrowser', () => {
    inBrowserPage(() => {
      assert.throws(() => createClient({ baseUrl: BASE, secretKey: SK }), (error: unknown) => {
        assert.ok(VolunteerKitError.is(error));
        assert.match((error as Error).message, /secret key must not be used in a web page/);
        assert.ok(!(error as Error).message.includes(SK), 'the key is not in the message');
        return true;
      });
      assert.doesNotThrow(() => createClient({ baseUrl: BASE, secretKey: SK, dangerouslyAllowBrowser: true }));
      assert.doesNotThrow(() => createClient({ baseUrl: BASE, publishableKey: PK }));
    });
    assert.doesNotThrow(() => createClient({ baseUrl: BASE, secretKey: SK }), 'fine on a server');
  });

  it('catches a secret key passed as publishableKey, without echoing it', () => {
    assert.throws(() => createClient({ baseUrl: BASE, publishableKey: SK }), (error: Error) => {
      assert.match(error.message, /publishableKey must start with pk_/);
      assert.ok(!error.message.includes(SK));
      return true;
    });
    assert.throws(() => createClient({ baseUrl: BASE }), /needs a publishableKey/);
  });

  it('createBaseClient checks the same options and carries resources constructed on it', async () => {
    assert.throws(() => createBaseClient({ baseUrl: 'http://api.example.com', publishableKey: PK }), /https/);
    assert.throws(() => createBaseClient({ baseUrl: BASE, publishableKey: SK }), /publishableKey must start with pk_/);
    const { sent, record } = recorder();
    server.use(
      http.get(`${BASE}/v1/opportunities`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.opportunityPage(1)))),
      http.get(`${BASE}/v1/me`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.profile()))),
    );
    const base = createBaseClient({ baseUrl: BASE, publishableKey: PK, validate: responseValidator });
    assert.ok(base instanceof BaseClient && !(base instanceof VolunteerKitClient));
    assert.equal(!('opportunities' in base), true, 'no resource attached');
    assert.equal((await new Opportunities(base).list({ limit: 1 })).data.length, 1);
    const session = base.withSession(SESSION);
    assert.ok(session instanceof BaseClient && !(session instanceof VolunteerKitClient) && session.hasSession);
    assert.equal((await new Me(session).get()).id, 'vol_test0001');
    assert.ok(client().withSession(SESSION) instanceof VolunteerKitClient, 'a full client stays full');
    assert.deepEqual(sent.map((s) => `${s.url.pathname} ${s.headers['authorization'] ?? 'key=' + s.url.searchParams.get('key')}`), [`/v1/opportunities key=${PK}`, `/v1/me Bearer ${SESSION}`]);
  });

  it('withSession takes only vst_ tokens', () => {
    assert.throws(() => client().withSession('sk_oops'), /vst_/);
    assert.equal(client().withSession(SESSION).hasSession, true);
  });
});

describe('on the wire', () => {
  it('a public GET carries the key and locale in a sorted query and no custom headers', async () => {
    const { sent, record } = recorder();
    server.use(http.get(`${BASE}/v1/opportunities`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.opportunityPage(1)))));
    await client({ locale: 'zh-CN' }).opportunities.list({
      q: '敬老',
      skills: ['first_aid', 'driving'],
      near: { lat: 30.25, lng: 120.17 },
      hasOpenSlots: true,
      limit: 20,
      category: undefined,
    });
    const [get] = sent;
    assert.ok(get);
    assert.deepEqual([...get.url.searchParams.keys()], ['hasOpenSlots', 'key', 'limit', 'locale', 'near', 'q', 'skills']);
    assert.equal(get.url.searchParams.get('key'), PK);
    assert.equal(get.url.searchParams.get('locale'), 'zh-CN');
    assert.equal(get.url.searchParams.get('skills'), 'first_aid,driving');
    assert.equal(get.url.searchParams.get('near'), '30.25,120.17');
    assert.equal(get.url.searchParams.get('hasOpenSlots'), 'true');
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'accept-language']) assert.equal(get.headers[header], undefined, header);
  });

  it('writes near in plain decimal degrees, never in exponent notation', async () => {
    const { sent, record } = recorder();
    server.use(http.get(`${BASE}/v1/opportunities`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.opportunityPage(1)))));
    await client().opportunities.list({ near: { lat: 1e-7, lng: -1e-8 } });
    const near = sent[0]!.url.searchParams.get('near')!;
    assert.equal(near, '0.0000001,0');
    assert.ok(ListOpportunitiesQuery.safeParse({ near }).success, `${near} is a valid near`);
  });

  it('every public GET resource uses the query key', async () => {
    const { sent, record } = recorder();
    const answer = (body: object) => async ({ request }: { request: Request }) => (await record(request), HttpResponse.json(body));
    server.use(
      http.get(`${BASE}/v1/opportunities/:id`, answer(fixtures.opportunity())),
      http.get(`${BASE}/v1/organizations`, answer({ data: [fixtures.organization()], nextCursor: null })),
      http.get(`${BASE}/v1/organizations/:id`, answer(fixtures.organization())),
      http.get(`${BASE}/v1/channel`, answer(fixtures.channel())),
      http.get(`${BASE}/v1/honor-board`, answer(fixtures.honorBoard())),
      http.get(`${BASE}/v1/stats`, answer(fixtures.stats())),
    );
    const vk = client();
    const opp = await vk.opportunities.get('opp_test0001');
    assert.equal(opp.shifts[0]?.capacity, 10);
    await vk.organizations.list();
    await vk.organizations.get('org_test0001');
    assert.equal((await vk.channel.get()).privacyPolicyVersion, '2026-01');
    assert.equal((await vk.honorBoard.get({ period: 'month' })).entries[0]?.rank, 1);
    assert.equal((await vk.stats.get()).approvedHours, 35_000.5);
    assert.equal(sent.length, 6);
    for (const get of sent) {
      assert.equal(get.url.searchParams.get('key'), PK, get.url.pathname);
      assert.equal(get.headers['authorization'], undefined, get.url.pathname);
    }
  });

  it('signups.create sends JSON, the publishable key as a bearer and an Idempotency-Key', async () => {
    const { sent, record } = recorder();
    server.use(http.post(`${BASE}/v1/signups`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.signup(), { status: 201 }))));
    await client().signups.create(fixtures.validSignupBody);
    await client().signups.create(fixtures.validSignupBody, { idempotencyKey: 'attempt-42' });
    const [first, second] = sent;
    assert.equal(first?.headers['authorization'], `Bearer ${PK}`);
    assert.equal(first?.headers['content-type'], 'application/json');
    assert.match(first?.headers['idempotency-key'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(first?.url.searchParams.get('key'), null, 'no key in the URL of a write');
    assert.deepEqual(JSON.parse(first?.body ?? ''), fixtures.validSignupBody);
    assert.equal(second?.headers['idempotency-key'], 'attempt-42');
  });

  it('a session client sends the session token for me.* and signups.create, the key for public reads', async () => {
    const { sent, record } = recorder();
    server.use(
      http.get(`${BASE}/v1/me`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.profile()))),
      http.get(`${BASE}/v1/me/signups`, async ({ request }) => (await record(request), HttpResponse.json({ data: [fixtures.signup()], nextCursor: null }))),
      http.post(`${BASE}/v1/me/signups/:id/cancel`, async ({ request }) => (await record(request), HttpResponse.json({ ...fixtures.signup(), status: 'cancelled' }))),
      http.get(`${BASE}/v1/me/service-records`, async ({ request }) => (await record(request), HttpResponse.json({ data: [fixtures.serviceRecord()], nextCursor: null }))),
      http.post(`${BASE}/v1/signups`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.signup(), { status: 201 }))),
      http.get(`${BASE}/v1/channel`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.channel()))),
    );
    const me = client().withSession(SESSION);
    assert.equal((await me.me.get()).hoursToNextStar, 180);
    assert.equal((await me.me.signups.list({ status: 'approved' })).data.length, 1);
    assert.equal((await me.me.signups.cancel('sgn_test0001')).status, 'cancelled');
    assert.equal((await me.me.serviceRecords.list()).data[0]?.hours, 3);
    await me.signups.create({ ...fixtures.validSignupBody, volunteer: undefined });
    await me.channel.get();
    const auth = sent.map((s) => `${s.method} ${s.url.pathname} ${s.headers['authorization'] ?? 'key=' + s.url.searchParams.get('key')}`);
    assert.deepEqual(auth, [
      `GET /v1/me Bearer ${SESSION}`,
      `GET /v1/me/signups Bearer ${SESSION}`,
      `POST /v1/me/signups/sgn_test0001/cancel Bearer ${SESSION}`,
      `GET /v1/me/service-records Bearer ${SESSION}`,
      `POST /v1/signups Bearer ${SESSION}`,
      `GET /v1/channel key=${PK}`,
    ]);
  });

  it('secret-key calls send the secret key as a bearer', async () => {
    const { sent, record } = recorder();
    const exported = { ...fixtures.signup(), contact: { name: '张三明', mobile: '13800138000', email: null, studentId: null, employeeId: null, idNumber: null } };
    server.use(
      http.post(`${BASE}/v1/sessions`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.session(), { status: 201 }))),
      http.get(`${BASE}/v1/signups`, async ({ request }) => (await record(request), HttpResponse.json({ data: [exported], nextCursor: null }))),
      http.patch(`${BASE}/v1/signups/:id`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.signup()))),
      http.post(`${BASE}/v1/service-records`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.serviceRecord(), { status: 201 }))),
      http.post(`${BASE}/v1/service-records/:id/approve`, async ({ request }) => (await record(request), HttpResponse.json({ ...fixtures.serviceRecord(), status: 'approved' }))),
      http.post(`${BASE}/v1/service-records/:id/reject`, async ({ request }) => (await record(request), HttpResponse.json({ ...fixtures.serviceRecord(), status: 'rejected' }))),
    );
    const vk = createClient({ baseUrl: BASE, secretKey: SK, validate: responseValidator });
    assert.equal((await vk.sessions.create({ externalId: 'u1', volunteer: { name: '张三明' } })).token, 'vst_abcdef123456');
    assert.equal((await vk.signups.list({ reveal: 'idNumber' })).data[0]?.contact.mobile, '13800138000');
    await vk.signups.update('sgn_test0001', { status: 'approved' });
    const record0 = fixtures.serviceRecord();
    await vk.serviceRecords.create({ volunteerId: record0.volunteerId, opportunityId: record0.opportunityId, shiftId: record0.shiftId, checkIn: record0.checkIn, checkOut: record0.checkOut, recordedBy: '王老师' }, { idempotencyKey: 'rec-1' });
    assert.equal((await vk.serviceRecords.approve('rec_test0001', { reviewedBy: '李主任' })).status, 'approved');
    assert.equal((await vk.serviceRecords.reject('rec_test0001', { reviewedBy: '李主任', note: 'no check-out' })).status, 'rejected');
    assert.deepEqual(
      sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search} ${s.headers['authorization']}`),
      [
        `POST /v1/sessions Bearer ${SK}`,
        `GET /v1/signups?reveal=idNumber Bearer ${SK}`,
        `PATCH /v1/signups/sgn_test0001 Bearer ${SK}`,
        `POST /v1/service-records Bearer ${SK}`,
        `POST /v1/service-records/rec_test0001/approve Bearer ${SK}`,
        `POST /v1/service-records/rec_test0001/reject Bearer ${SK}`,
      ],
    );
    assert.equal(sent[3]?.headers['idempotency-key'], 'rec-1');
    assert.equal(sent[0]?.headers['idempotency-key'], undefined, 'no key unless asked (only signups.create generates one)');
  });

  it('calls that need a session or a secret key say so before sending anything', async () => {
    const { sent, record } = recorder();
    server.use(http.all(`${BASE}/*`, async ({ request }) => (await record(request), HttpResponse.json({}))));
    const vk = client();
    const noSession = await rejection(vk.me.get());
    assert.ok(VolunteerKitError.is(noSession));
    assert.match(noSession.message, /me\.get acts for a volunteer: call it on vk\.withSession\(token\)/);
    const noSecret = await rejection(vk.signups.list());
    assert.match(noSecret.message, /signups\.list needs a secret key/);
    assert.equal(sent.length, 0);
  });

  it('ids in paths are escaped', async () => {
    const { sent, record } = recorder();
    server.use(http.get(`${BASE}/v1/opportunities/:id`, async ({ request }) => (await record(request), HttpResponse.json(fixtures.opportunity()))));
    await client().opportunities.get('opp_x/../../admin');
    assert.equal(sent[0]?.url.pathname, '/v1/opportunities/opp_x%2F..%2F..%2Fadmin');
  });
});
