/**
 * Proves with Stoplight Prism — a validation proxy we did not write — that the real server's
 * answers conform to docs/openapi.json: the `volunteerkit-server` CLI (seeded, in-memory PGlite)
 * runs behind `prism proxy --errors`, and a partner's representative traffic goes through it: every
 * operation, with success answers and the errors a request the document allows can still get
 * (unknown ids, wrong or foreign keys, replays, conflicts, business rules, conditional GETs).
 *
 * How Prism reports (verified on 5.14): a request the document forbids is answered by Prism itself
 * with 422 `…/prism/errors#UNPROCESSABLE_ENTITY` and never reaches the server; an answer the
 * document forbids is replaced by a 500 `…/prism/errors#VIOLATIONS` problem and an `sl-violations`
 * header listing them. So: every exchange below must come back untouched by Prism (0 violations),
 * and the negative controls at the end (a bad request, a wrong method, a bad answer from a stand-in
 * upstream) must be refused by Prism — proof it is validating.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startPrismProxy, startReferenceServer, type RunningProcess } from './real-server.js';

const NEWS = { publishable: 'pk_test_news_demo', secret: 'sk_test_news_demo' };
const CAMPUS = { publishable: 'pk_test_campus_demo', secret: 'sk_test_campus_demo' };
const OPEN_OPPORTUNITY = 'opp_demoOpenWestLake';
const CAMPUS_ONLY_OPPORTUNITY = 'opp_demoCampusOnly';
const PRISM_ERROR = 'https://stoplight.io/prism/errors#';

let server: RunningProcess;
let prism: RunningProcess;

before(async () => {
  server = await startReferenceServer();
  prism = await startPrismProxy(server.url);
});
after(async () => {
  await prism?.stop();
  await server?.stop();
});

interface Sent {
  label: string;
  status: number;
  body: any;
  headers: Headers;
}
const exchanges: { label: string; status: number; violations: string | null; prismType: string | null; validation?: unknown }[] = [];

/** One request through Prism; records whether Prism interfered with it. */
async function send(label: string, method: string, path: string, options: { bearer?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers['Authorization'] = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${prism.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch { /* not JSON: left undefined */ }
  const prismType = typeof body?.type === 'string' && body.type.startsWith(PRISM_ERROR) ? body.type.slice(PRISM_ERROR.length) : null;
  exchanges.push({ label: `${label}: ${method} ${path}`, status: response.status, violations: response.headers.get('sl-violations'), prismType, validation: prismType ? body.validation : undefined });
  return { label, status: response.status, body, headers: response.headers };
}

const unexpectedStatuses: string[] = [];
/**
 * Notes a server answer that is not the `status` the scenario expects (checked at the end, so one
 * run shows every problem; answers Prism replaced are reported as violations instead).
 */
function expectStatus(sent: Sent, status: number) {
  const replacedByPrism = typeof sent.body?.type === 'string' && sent.body.type.startsWith(PRISM_ERROR);
  if (sent.status !== status && !replacedByPrism) unexpectedStatuses.push(`${sent.label}: expected ${status}, got ${sent.status} ${JSON.stringify(sent.body)?.slice(0, 300)}`);
}

const guest = (n: number) => ({ name: '李雷', mobile: `1380000${String(1000 + n).padStart(4, '0')}` });
const consent = { policyVersion: '2026-01', accepted: true };
const key = () => randomUUID();

describe('a Prism validation proxy in front of the real server', () => {
  it('passes a partner\'s traffic over every operation with 0 violations', async () => {
    // Public reads (publishable key in the query, as a browser GET sends it).
    expectStatus(await send('channel', 'GET', `/v1/channel?key=${NEWS.publishable}`), 200);
    expectStatus(await send('channel, unknown key', 'GET', '/v1/channel?key=pk_test_nobody'), 401);
    const page = await send('list', 'GET', `/v1/opportunities?key=${NEWS.publishable}&limit=3`);
    expectStatus(page, 200);
    if (page.body?.nextCursor) expectStatus(await send('list, next page', 'GET', `/v1/opportunities?key=${NEWS.publishable}&limit=3&cursor=${encodeURIComponent(page.body.nextCursor)}`), 200);
    expectStatus(await send('list, search', 'GET', `/v1/opportunities?key=${NEWS.publishable}&q=${encodeURIComponent('西湖')}&sort=newest&locale=en&hasOpenSlots=true`), 200);
    expectStatus(await send('list, near', 'GET', `/v1/opportunities?key=${NEWS.publishable}&near=30.25,120.16&radiusKm=20&sort=distance&category=community`), 200);
    expectStatus(await send('list, bearer key', 'GET', '/v1/opportunities?limit=1', { bearer: NEWS.publishable }), 200);
    const detail = await send('detail', 'GET', `/v1/opportunities/${OPEN_OPPORTUNITY}?key=${NEWS.publishable}&locale=zh-TW`);
    expectStatus(detail, 200);
    const etag = detail.headers.get('etag');
    assert.ok(etag, 'a public read carries an ETag');
    expectStatus(await send('detail, revalidated', 'GET', `/v1/opportunities/${OPEN_OPPORTUNITY}?key=${NEWS.publishable}&locale=zh-TW`, { headers: { 'If-None-Match': etag } }), 304);
    expectStatus(await send('detail, unknown id', 'GET', `/v1/opportunities/opp_doesNotExist1?key=${NEWS.publishable}`), 404);
    expectStatus(await send('detail, other channel\'s', 'GET', `/v1/opportunities/${CAMPUS_ONLY_OPPORTUNITY}?key=${NEWS.publishable}`), 404);
    const organizations = await send('organizations', 'GET', `/v1/organizations?key=${NEWS.publishable}&limit=2`);
    expectStatus(organizations, 200);
    expectStatus(await send('organization', 'GET', `/v1/organizations/${organizations.body?.data[0]?.id}?key=${NEWS.publishable}`), 200);
    expectStatus(await send('organization, unknown', 'GET', `/v1/organizations/org_doesNotExist1?key=${NEWS.publishable}`), 404);
    expectStatus(await send('honor board', 'GET', `/v1/honor-board?key=${NEWS.publishable}&period=all&metric=hours&featured=2`), 200);
    expectStatus(await send('honor board, organizations', 'GET', `/v1/honor-board?key=${NEWS.publishable}&subject=organization&scope=region:33`), 200);
    expectStatus(await send('stats', 'GET', `/v1/stats?key=${NEWS.publishable}&scope=platform&period=year`), 200);

    // A guest sign-up, its replay, a conflicting reuse of the key, a duplicate, a bad shift.
    const opportunity = detail.body;
    const shiftId = opportunity.shifts[0].id;
    const signupKey = key();
    const signupBody = { opportunityId: OPEN_OPPORTUNITY, shiftId, volunteer: guest(1), consent, source: { widget: 'conformance' } };
    const created = await send('sign-up', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': signupKey }, body: signupBody });
    expectStatus(created, 201);
    expectStatus(await send('sign-up, replayed', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': signupKey }, body: signupBody }), 201);
    expectStatus(await send('sign-up, key reused with another body', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': signupKey }, body: { ...signupBody, volunteer: guest(2) } }), 422);
    expectStatus(await send('sign-up, duplicate', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': key() }, body: signupBody }), 409);
    expectStatus(await send('sign-up, shift of another opportunity', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': key() }, body: { ...signupBody, volunteer: guest(3), shiftId: 'shf_doesNotExist1' } }), 422);
    expectStatus(await send('sign-up, unknown opportunity', 'POST', '/v1/signups', { bearer: NEWS.publishable, headers: { 'Idempotency-Key': key() }, body: { ...signupBody, volunteer: guest(4), opportunityId: 'opp_doesNotExist1' } }), 404);

    // A partner back end: a session for its signed-in user, who signs up, reads and cancels.
    const session = await send('session', 'POST', '/v1/sessions', { bearer: NEWS.secret, headers: { 'Idempotency-Key': key() }, body: { externalId: 'conformance-user-1', volunteer: guest(5), ttlSeconds: 600 } });
    expectStatus(session, 201);
    expectStatus(await send('session, publishable key', 'POST', '/v1/sessions', { bearer: NEWS.publishable, body: { externalId: 'x', volunteer: guest(6) } }), 403);
    const token = session.body?.token as string;
    const mine = await send('sign-up, signed in', 'POST', '/v1/signups', { bearer: token, headers: { 'Idempotency-Key': key() }, body: { opportunityId: OPEN_OPPORTUNITY, shiftId, consent } });
    expectStatus(mine, 201);
    expectStatus(await send('me', 'GET', '/v1/me', { bearer: token }), 200);
    expectStatus(await send('me, no session', 'GET', '/v1/me', { bearer: 'vst_forged.token' }), 401);
    expectStatus(await send('my sign-ups', 'GET', '/v1/me/signups?limit=5', { bearer: token }), 200);
    expectStatus(await send('my service records', 'GET', '/v1/me/service-records?status=approved', { bearer: token }), 200);
    expectStatus(await send('cancel', 'POST', `/v1/me/signups/${mine.body?.id}/cancel`, { bearer: token, headers: { 'Idempotency-Key': key() } }), 200);
    expectStatus(await send('cancel, unknown', 'POST', '/v1/me/signups/sgn_doesNotExist1/cancel', { bearer: token }), 404);

    // The partner's review work: the export, a status change, service hours and their review.
    expectStatus(await send('export', 'GET', `/v1/signups?opportunityId=${OPEN_OPPORTUNITY}&limit=5`, { bearer: NEWS.secret }), 200);
    expectStatus(await send('export, revealed', 'GET', '/v1/signups?reveal=idNumber&status=approved&limit=2', { bearer: NEWS.secret }), 200);
    expectStatus(await send('export, other channel\'s secret', 'GET', '/v1/signups?limit=1', { bearer: 'sk_test_nobody' }), 401);
    expectStatus(await send('update sign-up', 'PATCH', `/v1/signups/${created.body?.id}`, { bearer: NEWS.secret, headers: { 'Idempotency-Key': key() }, body: { status: 'attended', note: '按时到岗' } }), 200);
    expectStatus(await send('update sign-up, other channel', 'PATCH', `/v1/signups/${created.body?.id}`, { bearer: CAMPUS.secret, body: { status: 'approved' } }), 404);
    const recordBody = { volunteerId: session.body?.volunteerId, opportunityId: OPEN_OPPORTUNITY, shiftId, checkIn: opportunity.shifts[0].start, checkOut: opportunity.shifts[0].end, recordedBy: '站长' };
    const record = await send('service record', 'POST', '/v1/service-records', { bearer: NEWS.secret, headers: { 'Idempotency-Key': key() }, body: recordBody });
    expectStatus(record, 201);
    expectStatus(await send('service record, checkOut before checkIn', 'POST', '/v1/service-records', { bearer: NEWS.secret, body: { ...recordBody, checkOut: recordBody.checkIn } }), 422);
    expectStatus(await send('approve', 'POST', `/v1/service-records/${record.body?.id}/approve`, { bearer: NEWS.secret, headers: { 'Idempotency-Key': key() }, body: { reviewedBy: '审核员' } }), 200);
    expectStatus(await send('reject an approved record', 'POST', `/v1/service-records/${record.body?.id}/reject`, { bearer: NEWS.secret, body: { reviewedBy: '审核员', note: '重复' } }), 409);
    expectStatus(await send('approve, unknown', 'POST', '/v1/service-records/rec_doesNotExist1/approve', { bearer: NEWS.secret, body: { reviewedBy: '审核员' } }), 404);

    const touched = exchanges.filter((e) => e.violations !== null || e.prismType !== null);
    const refusedByPrism = touched.map((e) => `${e.label} → ${e.status} ${e.prismType} sl-violations: ${e.violations ?? '(none)'} ${JSON.stringify(e.validation ?? '')}`);
    assert.deepEqual({ refusedByPrism, unexpectedStatuses }, { refusedByPrism: [], unexpectedStatuses: [] },
      `Prism refused ${touched.length} of ${exchanges.length} exchanges; ${unexpectedStatuses.length} server answers were not the expected status`);
    const operations = new Set(exchanges.map((e) => e.label.split(': ')[1]!.replace(/\?.*$/, '').replace(/\/(opp|org|sgn|rec)_[A-Za-z0-9]+/g, '/{id}')));
    assert.ok(operations.size >= 18, `traffic covers every operation (${[...operations].join(', ')})`);
  });

  it('is really validating: Prism itself refuses a request and a method the document does not allow', async () => {
    const badLimit = await send('negative control', 'GET', `/v1/opportunities?key=${NEWS.publishable}&limit=many`);
    assert.equal(badLimit.status, 422);
    assert.equal(badLimit.body?.type, `${PRISM_ERROR}UNPROCESSABLE_ENTITY`);
    const wrongMethod = await send('negative control', 'DELETE', `/v1/opportunities?key=${NEWS.publishable}`);
    assert.equal(wrongMethod.body?.type, `${PRISM_ERROR}NO_METHOD_MATCHED_ERROR`);
  });

  it('is really validating: an answer the document does not allow comes back as a violation', async () => {
    // A stand-in upstream whose channel lacks every required field, behind a second Prism.
    const upstream = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"chn_fake"}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const checker = await startPrismProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    try {
      const response = await fetch(`${checker.url}/v1/channel?key=${NEWS.publishable}`);
      const body = await response.json() as { type?: string };
      assert.equal(response.status, 500);
      assert.equal(body.type, `${PRISM_ERROR}VIOLATIONS`);
      assert.match(response.headers.get('sl-violations') ?? '', /required property/);
    } finally {
      await checker.stop();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
