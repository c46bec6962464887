/**
 * One source for endpoints: the table in @volunteerkit/sdk/endpoints generates docs/openapi.json,
 * and here the server's routes and the SDK's resource methods are held to it — method, path,
 * query parameters and body fields. (Responses are checked against the document by the
 * conformance tests.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  AuditLog, Certificates, Events, MyAttendance, MyCertificates, MyClaims, MyDisputes, MyPoints, MyRedemptions, Needs, Organizer, OrganizerNeeds,
  MyRecommendations, RewardDesk, Rewards, WebhookEndpoints, createClient, type VolunteerKitClient,
} from '@volunteerkit/sdk';
import { TRANSPORT_QUERY_PARAMS, endpoints, type Endpoint } from '@volunteerkit/sdk/endpoints';
import { createApp } from '../src/app.js';
import { authorizeChannelFor } from '../src/db/hours-queries.js';
import { SEED_KEYS, addOpportunity, openTestDatabase, resetToChannels, type TestDatabase } from './helpers.js';

type Json = Record<string, any>;

const DOC_ID = 'https://volunteerkit.dev/openapi.json';
const doc: Json = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: DOC_ID, components: doc.components });

const operationOf = (e: Endpoint): Json => doc.paths[e.path][e.method.toLowerCase()];
const ownParameters = (e: Endpoint, place: 'query' | 'path'): Json[] =>
  (operationOf(e).parameters as Json[]).filter((p) => p.in === place);
const bodySchema = (e: Endpoint): Json => doc.components.schemas[e.body!];

function matches(schema: Json, value: unknown): boolean {
  const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`));
  return ajv.validate(rebased, value) as boolean;
}

describe('the server routes are the endpoint table', () => {
  let t: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let sessionToken: string;
  let organizerToken: string;

  before(async () => {
    t = await openTestDatabase();
    app = createApp(t.db, { readCacheMs: 0, rateLimit: false });
    await resetToChannels(t.db);
    const minted = await send('POST', '/v1/sessions', { bearer: SEED_KEYS.news.secretKey, body: { externalId: 'contract-test', volunteer: { name: '林晓雨' } } });
    assert.equal(minted.status, 201, JSON.stringify(minted.body));
    sessionToken = minted.body.token;
    const { orgId } = await addOpportunity(t.db);
    await authorizeChannelFor(t.db, SEED_KEYS.news.channelId, orgId);
    const organizer = await send('POST', '/v1/sessions', { bearer: SEED_KEYS.news.secretKey, body: { organizer: { organizationId: orgId, staffId: 'contract-test', name: '王老师' } } });
    assert.equal(organizer.status, 201, JSON.stringify(organizer.body));
    organizerToken = organizer.body.token;
  });
  after(() => t.close());

  async function send(method: string, path: string, options: { bearer?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (options.bearer) headers['Authorization'] = `Bearer ${options.bearer}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await app.request(path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A request to `e` with the credentials it needs, path ids well-formed but naming nothing. */
  function request(e: Endpoint, query: Record<string, string> = {}, body?: unknown) {
    const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const pattern = ownParameters(e, 'path').find((p) => p.name === name)!.schema.pattern as string;
      return `${/\^(\w+_)/.exec(pattern)![1]}ZZZZ0000`;
    });
    const search = new URLSearchParams(query);
    if (e.auth === 'publishable') search.set('key', SEED_KEYS.news.publishableKey);
    const bearer = e.auth === 'secret' ? SEED_KEYS.news.secretKey : e.auth === 'session' ? sessionToken : e.auth === 'organizer' ? organizerToken
      : e.auth === 'publishableOrSession' || e.auth === 'publishableOrOrganizer' ? SEED_KEYS.news.publishableKey : undefined;
    return send(e.method, `${path}${search.size ? `?${search}` : ''}`, { ...(bearer ? { bearer } : {}), ...(body !== undefined ? { body } : {}) });
  }

  it('serves exactly the methods and paths of the table', () => {
    const served = app.routes
      .filter((route) => ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) && route.path.startsWith('/v1/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    assert.deepEqual([...new Set(served)].sort(), endpoints.map((e) => `${e.method} ${e.path}`).sort());
  });

  it('reads every documented query parameter: a bad value of each is a 422 naming it', async () => {
    for (const e of endpoints) {
      for (const parameter of ownParameters(e, 'query')) {
        const value = invalidValueFor(parameter.schema);
        const answer = await request(e, { [parameter.name]: value });
        assert.equal(answer.status, 422, `${e.operationId} ${parameter.name}=${value}: ${JSON.stringify(answer.body)}`);
        assert.ok(answer.body.errors.some((error: Json) => error.path === parameter.name), `${e.operationId} names ${parameter.name}: ${JSON.stringify(answer.body.errors)}`);
      }
    }
  });

  it('requires exactly the documented body fields, and reads every documented one', async () => {
    for (const e of endpoints.filter((x) => x.body)) {
      // A body of alternatives (a volunteer or an organizer session): each alternative on its own;
      // an empty body is answered for the first.
      const alternatives = (bodySchema(e).anyOf as Json[] | undefined)?.map((ref) => doc.components.schemas[ref.$ref.split('/').pop()]);
      for (const schema of alternatives ?? [bodySchema(e)]) await checkBody(e, schema, schema === alternatives?.[0] || !alternatives);
    }
  });

  async function checkBody(e: Endpoint, schema: Json, checkEmpty: boolean) {
    // A body of optional fields only (a PATCH) may be empty: it changes nothing.
    if (checkEmpty && schema.required) {
      const empty = await request(e, {}, {});
      assert.equal(empty.status, 422, `${e.operationId} {}`);
      assert.deepEqual(empty.body.errors.map((error: Json) => error.path).sort(), [...schema.required].sort(), `${e.operationId}: required fields`);
    }
    for (const property of Object.keys(schema.properties)) {
      // A value no field of the contract accepts: if the server's schema did not know the
      // field, it would drop it silently instead of answering 422.
      const answer = await request(e, {}, { ...schema.examples[0], [property]: [[]] });
      assert.equal(answer.status, 422, `${e.operationId} ${property}: ${JSON.stringify(answer.body)}`);
      assert.ok(answer.body.errors.some((error: Json) => error.path === property || error.path.startsWith(`${property}.`)),
        `${e.operationId} names ${property}: ${JSON.stringify(answer.body.errors)}`);
    }
  }
});

/** A query value the parameter's schema refuses, chosen from the schema itself. */
function invalidValueFor(schema: Json): string {
  const value = schema.enum ? 'not_one_of_them' : schema.const !== undefined ? 'not_it'
    : schema.type === 'integer' || schema.type === 'number' ? 'not_a_number'
    : schema.pattern || schema.format ? '!' : typeof schema.maxLength === 'number' ? 'x'.repeat(schema.maxLength + 1) : undefined;
  assert.ok(value !== undefined && !matches(schema, value), `no invalid value for ${JSON.stringify(schema)}`);
  return value;
}

// ---------------------------------------------------------------------------------------------

const example = (name: string) => structuredClone(doc.components.schemas[name].examples[0]);
const parameterExample = (operationId: string, name: string) => {
  const e = endpoints.find((x) => x.operationId === operationId)!;
  return ownParameters(e, 'query').concat(ownParameters(e, 'path')).find((p) => p.name === name)!.example;
};

/**
 * Each SDK resource method, called with every parameter the document lists for its operation
 * (in the SDK's own spelling: lists, numbers, booleans, `{ lat, lng }`).
 */
const sdkCalls: Record<string, { operationId: string; call: (vk: VolunteerKitClient) => PromiseLike<unknown> }> = {
  'opportunities.list': {
    operationId: 'listOpportunities',
    call: (vk) => vk.opportunities.list({
      q: '敬老', category: 'elderly', regionCode: '3301', orgId: parameterExample('listOpportunities', 'orgId'), near: { lat: 30.2594, lng: 120.13 },
      radiusKm: 5, from: '2026-12-01T00:00:00+08:00', to: '2026-12-31T23:59:59+08:00', skills: ['first_aid', 'driving'], hasOpenSlots: true,
      status: 'recruiting', sort: 'distance', limit: 20, cursor: parameterExample('listOpportunities', 'cursor'),
    }),
  },
  'opportunities.get': { operationId: 'getOpportunity', call: (vk) => vk.opportunities.get(parameterExample('getOpportunity', 'id')) },
  'organizations.list': {
    operationId: 'listOrganizations',
    call: (vk) => vk.organizations.list({ q: '西湖', kind: 'volunteer_org', regionCode: '330106', limit: 20, cursor: parameterExample('listOrganizations', 'cursor') }),
  },
  'organizations.get': { operationId: 'getOrganization', call: (vk) => vk.organizations.get(parameterExample('getOrganization', 'id')) },
  'channel.get': { operationId: 'getChannel', call: (vk) => vk.channel.get() },
  'signups.create': { operationId: 'createSignup', call: (vk) => vk.signups.create(example('CreateSignupBody')) },
  'signups.list': {
    operationId: 'listSignups',
    call: (vk) => vk.signups.list({ opportunityId: parameterExample('listSignups', 'opportunityId'), status: 'pending_review', reveal: 'idNumber', limit: 20, cursor: parameterExample('listSignups', 'cursor') }),
  },
  'signups.update': { operationId: 'updateSignup', call: (vk) => vk.signups.update(parameterExample('updateSignup', 'id'), example('UpdateSignupBody')) },
  'honorBoard.get': {
    operationId: 'getHonorBoard',
    call: (vk) => vk.honorBoard.get({ scope: 'region:3301', period: 'year', metric: 'hours', subject: 'volunteer', limit: 10, featured: 3 }),
  },
  'stats.get': { operationId: 'getStats', call: (vk) => vk.stats.get({ scope: 'region:3301', period: 'month', groupBy: 'month' }) },
  'me.get': { operationId: 'getMe', call: (vk) => vk.withSession('vst_contract_test').me.get() },
  'me.signups.list': {
    operationId: 'listMySignups',
    call: (vk) => vk.withSession('vst_contract_test').me.signups.list({ opportunityId: parameterExample('listMySignups', 'opportunityId'), status: 'approved', limit: 20, cursor: parameterExample('listMySignups', 'cursor') }),
  },
  'me.signups.cancel': { operationId: 'cancelMySignup', call: (vk) => vk.withSession('vst_contract_test').me.signups.cancel(parameterExample('cancelMySignup', 'id')) },
  'me.serviceRecords.list': {
    operationId: 'listMyServiceRecords',
    call: (vk) => vk.withSession('vst_contract_test').me.serviceRecords.list({ status: 'approved', shiftId: parameterExample('listMyServiceRecords', 'shiftId'), limit: 20, cursor: parameterExample('listMyServiceRecords', 'cursor') }),
  },
  'sessions.create': { operationId: 'createSession', call: (vk) => vk.sessions.create(example('CreateSessionBody')) },
  'auditLog.list': { operationId: 'listAuditLog', call: (vk) => new AuditLog(vk).list({ limit: 20, cursor: parameterExample('listAuditLog', 'cursor') }) },
  'me.attendance.record': { operationId: 'recordMyAttendance', call: (vk) => new MyAttendance(vk.withSession('vst_contract_test')).record(example('RecordAttendanceBody')) },
  'me.certificates.create': { operationId: 'createMyCertificate', call: (vk) => new MyCertificates(vk.withSession('vst_contract_test')).create(example('CreateCertificateBody')) },
  'certificates.revoke': { operationId: 'revokeCertificate', call: (vk) => new Certificates(vk).revoke(parameterExample('revokeCertificate', 'id'), example('RevokeCertificateBody')) },
  'me.disputes.create': {
    operationId: 'disputeMyServiceRecord',
    call: (vk) => new MyDisputes(vk.withSession('vst_contract_test')).create(parameterExample('disputeMyServiceRecord', 'id'), example('CreateDisputeBody')),
  },
  'organizer.checkinCode': { operationId: 'getCheckinCode', call: (vk) => new Organizer(vk.withSession('ost_contract_test')).checkinCode(parameterExample('getCheckinCode', 'id')) },
  'organizer.roster.list': {
    operationId: 'getRoster',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).roster.list(parameterExample('getRoster', 'id'), { limit: 20, cursor: parameterExample('getRoster', 'cursor') }),
  },
  'organizer.roster.update': {
    operationId: 'updateRosterEntry',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).roster.update(parameterExample('updateRosterEntry', 'id'), parameterExample('updateRosterEntry', 'signupId'), example('RosterUpdate')),
  },
  'organizer.roster.updateMany': {
    operationId: 'updateRoster',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).roster.updateMany(parameterExample('updateRoster', 'id'), example('BulkRosterUpdate')),
  },
  'organizer.serviceRecords.list': {
    operationId: 'listOrganizerServiceRecords',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).serviceRecords.list({ status: 'pending', overdue: true, limit: 20, cursor: parameterExample('listOrganizerServiceRecords', 'cursor') }),
  },
  'organizer.serviceRecords.review': {
    operationId: 'reviewServiceRecords',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).serviceRecords.review(example('ReviewServiceRecordsBody')),
  },
  'organizer.hoursPolicy.get': { operationId: 'getHoursPolicy', call: (vk) => new Organizer(vk.withSession('ost_contract_test')).hoursPolicy.get() },
  'organizer.hoursPolicy.update': { operationId: 'updateHoursPolicy', call: (vk) => new Organizer(vk.withSession('ost_contract_test')).hoursPolicy.update(example('HoursPolicyRules')) },
  'organizer.disputes.list': {
    operationId: 'listOrganizerDisputes',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).disputes.list({ status: 'open', limit: 20, cursor: parameterExample('listOrganizerDisputes', 'cursor') }),
  },
  'organizer.disputes.resolve': {
    operationId: 'resolveDispute',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).disputes.resolve(parameterExample('resolveDispute', 'id'), example('ResolveDisputeBody')),
  },
  'needs.menu': { operationId: 'getServiceMenu', call: (vk) => new Needs(vk).menu() },
  'needs.list': {
    operationId: 'listNeeds',
    call: (vk) => new Needs(vk).list({ serviceCode: 'haircut', regionCode: '330106', status: 'open', sort: 'longest_waiting', limit: 20, cursor: parameterExample('listNeeds', 'cursor') }),
  },
  'needs.get': { operationId: 'getNeed', call: (vk) => new Needs(vk).get(parameterExample('getNeed', 'id')) },
  'needs.create': { operationId: 'createNeed', call: (vk) => new Needs(vk).create(example('CreateNeedBody')) },
  'needs.claim': { operationId: 'claimNeed', call: (vk) => new Needs(vk.withSession('vst_contract_test')).claim(parameterExample('claimNeed', 'id')) },
  'needs.release': { operationId: 'releaseNeed', call: (vk) => new Needs(vk.withSession('vst_contract_test')).release(parameterExample('releaseNeed', 'id')) },
  'needs.fulfil': { operationId: 'fulfilNeed', call: (vk) => new Needs(vk.withSession('vst_contract_test')).fulfil(parameterExample('fulfilNeed', 'id'), example('FulfilNeedBody')) },
  'needs.confirm': { operationId: 'confirmNeed', call: (vk) => new Needs(vk).confirm(parameterExample('confirmNeed', 'id'), example('ConfirmNeedBody')) },
  'needs.rate': { operationId: 'rateNeed', call: (vk) => new Needs(vk.withSession('ost_contract_test')).rate(parameterExample('rateNeed', 'id'), example('RateNeedBody')) },
  'me.claims.list': { operationId: 'listMyClaims', call: (vk) => new MyClaims(vk.withSession('vst_contract_test')).list({ limit: 20, cursor: parameterExample('listMyClaims', 'cursor') }) },
  'me.claims.get': { operationId: 'getMyClaim', call: (vk) => new MyClaims(vk.withSession('vst_contract_test')).get(parameterExample('getMyClaim', 'id')) },
  'organizer.needs.list': {
    operationId: 'listOrganizerNeeds',
    call: (vk) => new OrganizerNeeds(vk.withSession('ost_contract_test')).list({ status: 'submitted', limit: 20, cursor: parameterExample('listOrganizerNeeds', 'cursor') }),
  },
  'organizer.needs.moderate': { operationId: 'moderateNeed', call: (vk) => new OrganizerNeeds(vk.withSession('ost_contract_test')).moderate(parameterExample('moderateNeed', 'id'), example('ModerateNeedBody')) },
  'organizer.needs.cancel': { operationId: 'cancelNeed', call: (vk) => new OrganizerNeeds(vk.withSession('ost_contract_test')).cancel(parameterExample('cancelNeed', 'id'), example('CancelNeedBody')) },
  'serviceRecords.create': { operationId: 'createServiceRecord', call: (vk) => vk.serviceRecords.create(example('CreateServiceRecordBody')) },
  'serviceRecords.approve': { operationId: 'approveServiceRecord', call: (vk) => vk.serviceRecords.approve(parameterExample('approveServiceRecord', 'id'), example('ReviewServiceRecordBody')) },
  'serviceRecords.reject': { operationId: 'rejectServiceRecord', call: (vk) => vk.serviceRecords.reject(parameterExample('rejectServiceRecord', 'id'), example('ReviewServiceRecordBody')) },
  'webhookEndpoints.create': { operationId: 'createWebhookEndpoint', call: (vk) => new WebhookEndpoints(vk).create(example('CreateWebhookEndpointBody')) },
  'webhookEndpoints.list': {
    operationId: 'listWebhookEndpoints',
    call: (vk) => new WebhookEndpoints(vk).list({ limit: 20, cursor: parameterExample('listWebhookEndpoints', 'cursor') }),
  },
  'webhookEndpoints.get': { operationId: 'getWebhookEndpoint', call: (vk) => new WebhookEndpoints(vk).get(parameterExample('getWebhookEndpoint', 'id')) },
  'webhookEndpoints.update': {
    operationId: 'updateWebhookEndpoint',
    call: (vk) => new WebhookEndpoints(vk).update(parameterExample('updateWebhookEndpoint', 'id'), example('UpdateWebhookEndpointBody')),
  },
  'webhookEndpoints.rotateSecret': { operationId: 'rotateWebhookSecret', call: (vk) => new WebhookEndpoints(vk).rotateSecret(parameterExample('rotateWebhookSecret', 'id')) },
  'webhookEndpoints.delete': { operationId: 'deleteWebhookEndpoint', call: (vk) => new WebhookEndpoints(vk).delete(parameterExample('deleteWebhookEndpoint', 'id')) },
  'webhookEndpoints.deliveries': {
    operationId: 'listWebhookDeliveries',
    call: (vk) => new WebhookEndpoints(vk).deliveries(parameterExample('listWebhookDeliveries', 'id'), { status: 'failed', limit: 20, cursor: parameterExample('listWebhookDeliveries', 'cursor') }),
  },
  'webhookEndpoints.replay': {
    operationId: 'replayWebhookDelivery',
    call: (vk) => new WebhookEndpoints(vk).replay(parameterExample('replayWebhookDelivery', 'id'), parameterExample('replayWebhookDelivery', 'deliveryId')),
  },
  'events.list': { operationId: 'listEvents', call: (vk) => new Events(vk).list({ after: parameterExample('listEvents', 'after'), limit: 100 }) },
  'rewards.list': { operationId: 'listRewards', call: (vk) => new Rewards(vk).list({ limit: 20, cursor: parameterExample('listRewards', 'cursor') }) },
  'me.points.get': { operationId: 'getMyPoints', call: (vk) => new MyPoints(vk.withSession('vst_contract_test')).get({ limit: 20, cursor: parameterExample('getMyPoints', 'cursor') }) },
  'me.redemptions.create': { operationId: 'createMyRedemption', call: (vk) => new MyRedemptions(vk.withSession('vst_contract_test')).create(example('CreateRedemptionBody')) },
  'me.redemptions.list': {
    operationId: 'listMyRedemptions',
    call: (vk) => new MyRedemptions(vk.withSession('vst_contract_test')).list({ status: 'held', limit: 20, cursor: parameterExample('listMyRedemptions', 'cursor') }),
  },
  'me.redemptions.undo': { operationId: 'undoMyRedemption', call: (vk) => new MyRedemptions(vk.withSession('vst_contract_test')).undo(parameterExample('undoMyRedemption', 'id')) },
  'organizer.redemptions.capture': {
    operationId: 'captureRedemption',
    call: (vk) => new Organizer(vk.withSession('ost_contract_test')).redemptions.capture(example('CaptureRedemptionBody')),
  },
  'rewardDesk.capture': { operationId: 'captureRedemptionWithKey', call: (vk) => new RewardDesk(vk).capture(example('PartnerCaptureRedemptionBody')) },
  'rewardDesk.reconcile': { operationId: 'reconcilePoints', call: (vk) => new RewardDesk(vk).reconcile() },
  'me.recommendations.list': {
    operationId: 'listMyRecommendations',
    call: (vk) => new MyRecommendations(vk.withSession('vst_contract_test')).list({ regionCode: '330106', limit: 20, cursor: parameterExample('listMyRecommendations', 'cursor') }),
  },
  'me.recommendations.dismiss': {
    operationId: 'dismissMyRecommendation',
    call: (vk) => new MyRecommendations(vk.withSession('vst_contract_test')).dismiss(parameterExample('dismissMyRecommendation', 'opportunityId')),
  },
};

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** The endpoint whose method and path template (ids as their patterns) match a request. */
function endpointFor(method: string, pathname: string): Endpoint | undefined {
  return endpoints.find((e) => {
    if (e.method !== method) return false;
    const template = e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const pattern = ownParameters(e, 'path').find((p) => p.name === name)!.schema.pattern as string;
      return pattern.replace(/^\^|\$$/g, '');
    });
    return new RegExp(`^${template}$`).test(pathname);
  });
}

/** A client whose `fetch` records each request and answers with the document's example. */
function recordingClient(recorded: Recorded[]): VolunteerKitClient {
  const fetchSpy = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    recorded.push({ method: request.method, url, headers: request.headers, body: request.method === 'GET' ? '' : await request.text() });
    const e = endpointFor(request.method, url.pathname);
    if (!e) return new Response(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }), { status: 404, headers: { 'content-type': 'application/problem+json' } });
    const [status, component] = Object.entries(e.responses)[0]!;
    return new Response(JSON.stringify(example(component!)), { status: Number(status), headers: { 'content-type': 'application/json', 'x-request-id': 'req_contract_test' } });
  };
  return createClient({ baseUrl: 'https://api.volunteerkit.test', publishableKey: 'pk_test_contract', secretKey: 'sk_test_contract', fetch: fetchSpy as typeof fetch, maxRetries: 0 });
}

/**
 * `opportunities.list`, `me.signups.cancel`, …: every method of every resource reachable from the
 * client, and of the resources constructed apart from it (so bundles that do not use them do not
 * carry them), under the names their calls use.
 */
function resourceMethods(vk: VolunteerKitClient): string[] {
  const standalone = {
    auditLog: new AuditLog(vk), organizer: new Organizer(vk), 'me.attendance': new MyAttendance(vk), 'me.disputes': new MyDisputes(vk),
    needs: new Needs(vk), 'me.claims': new MyClaims(vk), 'organizer.needs': new OrganizerNeeds(vk),
    webhookEndpoints: new WebhookEndpoints(vk), events: new Events(vk),
    rewards: new Rewards(vk), 'me.points': new MyPoints(vk), 'me.redemptions': new MyRedemptions(vk), rewardDesk: new RewardDesk(vk),
    'me.certificates': new MyCertificates(vk), certificates: new Certificates(vk),
    'me.recommendations': new MyRecommendations(vk),
  };
  const found: string[] = [];
  const walk = (resource: object, prefix: string) => {
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(resource)))
      if (name !== 'constructor' && typeof (resource as Json)[name] === 'function') found.push(`${prefix}${name}`);
    for (const [name, value] of Object.entries(resource))
      if (value && typeof value === 'object' && (value as Json).client === vk) walk(value, `${prefix}${name}.`);
  };
  for (const [name, value] of Object.entries({ ...vk, ...standalone })) if (value && typeof value === 'object' && (value as Json).client === vk) walk(value, `${name}.`);
  return found.sort();
}

describe('the SDK resource methods are the endpoint table', () => {
  it('has one method per operation, and no other', () => {
    const vk = recordingClient([]);
    assert.deepEqual(resourceMethods(vk), Object.keys(sdkCalls).sort());
    assert.deepEqual(Object.values(sdkCalls).map((c) => c.operationId).sort(), endpoints.map((e) => e.operationId).sort());
  });

  for (const [name, { operationId, call }] of Object.entries(sdkCalls)) {
    it(`${name} sends ${operationId} as documented`, async () => {
      const recorded: Recorded[] = [];
      await call(recordingClient(recorded));
      assert.equal(recorded.length, 1);
      const [sent] = recorded as [Recorded];
      const e = endpointFor(sent.method, sent.url.pathname);
      assert.equal(e?.operationId, operationId, `${sent.method} ${sent.url.pathname} is not ${operationId}`);

      const documented = ownParameters(e, 'query');
      const sentQuery = [...sent.url.searchParams.keys()].filter((key) => !(TRANSPORT_QUERY_PARAMS as readonly string[]).includes(key));
      assert.deepEqual(sentQuery.sort(), documented.map((p) => p.name).sort(), 'query parameters');
      for (const parameter of documented) {
        const value = sent.url.searchParams.get(parameter.name);
        assert.ok(matches(parameter.schema, parameter.schema.type === 'integer' || parameter.schema.type === 'number' ? Number(value) : value),
          `${parameter.name}=${value} does not match ${JSON.stringify(parameter.schema)}`);
      }

      const authorization = sent.headers.get('authorization');
      if (e.auth === 'publishable') {
        assert.equal(sent.url.searchParams.get('key'), 'pk_test_contract');
        assert.equal(authorization, null, 'a public read stays CORS-simple');
      } else {
        const prefix = { secret: 'sk_', session: 'vst_', organizer: 'ost_', publishableOrSession: 'pk_', publishableOrOrganizer: 'pk_' }[e.auth];
        assert.ok(authorization?.startsWith(`Bearer ${prefix}`), `${e.auth}: ${authorization}`);
      }

      if (e.body) {
        const body = JSON.parse(sent.body);
        assert.ok(matches({ $ref: `#/components/schemas/${e.body}` }, body), `body does not match ${e.body}: ${sent.body}`);
        assert.deepEqual(Object.keys(body).sort(), Object.keys(example(e.body)).sort());
      } else {
        assert.equal(sent.body, '', 'no body');
      }
      const key = sent.headers.get('idempotency-key');
      if (key !== null) assert.ok(e.idempotent && matches(doc.components.parameters.idempotencyKey.schema, key), `Idempotency-Key ${key}`);
      if (operationId === 'createSignup') assert.ok(key, 'signups.create always sends an Idempotency-Key');
    });
  }
});
