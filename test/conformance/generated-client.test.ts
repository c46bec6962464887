/**
 * Builds what a partner builds from docs/openapi.json — types from openapi-typescript, a client
 * from openapi-fetch — and proves it both compiles and works against the real server:
 *
 *   1. openapi-typescript writes generated/openapi.d.ts from the CURRENT document (never
 *      committed, so it cannot be stale), and `tsc -p test/conformance` type-checks this file
 *      against it: every call's path, parameters and body, and every field read below.
 *   2. Every operation of the document is called (the test fails if one is added and not called
 *      here), and each answer is held to its declared schema by Ajv (openapi-contract.ts) in an
 *      openapi-fetch middleware; the code reads fields as a partner would, so an answer that is
 *      not what its generated type says throws just as it would in their app.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import createClient, { type Middleware } from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import type { paths } from './generated/openapi.js';
import { OPENAPI_PATH, OpenApiContract, summarize, type Violation } from './openapi-contract.js';
import { startReferenceServer, type RunningProcess } from './real-server.js';

const root = new URL('../../', import.meta.url).pathname;
const NEWS = { publishable: 'pk_test_news_demo', secret: 'sk_test_news_demo' };
const OPEN_OPPORTUNITY = 'opp_demoOpenWestLake';
const NEWS_ORIGIN = 'https://news.example.cn';

describe('a client generated with openapi-typescript + openapi-fetch', () => {
  it('compiles: the generated types from the current docs/openapi.json type-check this file', async () => {
    const types = astToString(await openapiTS(new URL(`file://${OPENAPI_PATH}`)));
    writeFileSync(new URL('./generated/openapi.d.ts', import.meta.url), types);
    const result = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'test/conformance/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `tsc -p test/conformance failed:\n${result.stdout}\n${result.stderr}`);
  });

  describe('against the real server', () => {
    let server: RunningProcess;
    before(async () => {
      server = await startReferenceServer();
    });
    after(async () => {
      await server?.stop();
    });

    it('calls every operation; every answer matches its generated type', async () => {
      const contract = OpenApiContract.load();
      const violations: Violation[] = [];
      const called = new Set<string>();
      // Ajv on every answer, as it comes off the wire (the client then parses it for the test).
      const validateAnswers: Middleware = {
        async onResponse({ request, response }) {
          const url = new URL(request.url);
          const body = await response.clone().text();
          violations.push(...contract.check({ method: request.method, url: url.pathname + url.search, status: response.status, headers: response.headers, body }));
          const operation = contract.match(request.method, url.pathname);
          if (operation) called.add(operation.operationId);
        },
      };
      // Public reads carry the publishable key in the query string, as a browser page's do.
      const publishableKeyInQuery: Middleware = {
        onRequest({ request }) {
          const url = new URL(request.url);
          url.searchParams.set('key', NEWS.publishable);
          return new Request(url, request);
        },
      };
      const publicApi = createClient<paths>({ baseUrl: server.url });
      publicApi.use(publishableKeyInQuery, validateAnswers);
      const browserApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${NEWS.publishable}` } });
      browserApi.use(validateAnswers);
      const partnerApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${NEWS.secret}` } });
      partnerApi.use(validateAnswers);

      // Each step reads its answer like a partner's code; a throw is recorded and the next step runs.
      const crashes: string[] = [];
      const step = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await run();
        } catch (error) {
          crashes.push(`${name}: ${(error as Error).message}`);
          return undefined;
        }
      };
      const read: string[] = [];

      await step('getHealth', async () => {
        const operationsApi = createClient<paths>({ baseUrl: server.url }); // no credential: a load balancer's view
        operationsApi.use(validateAnswers);
        const { data } = await operationsApi.GET('/health');
        read.push(data!.status, data!.database);
      });
      await step('getChannel', async () => {
        const { data } = await publicApi.GET('/v1/channel', { params: { query: { locale: 'en' } } });
        read.push(data!.name, data!.id);
      });
      const page = await step('listOpportunities', async () => {
        const { data } = await publicApi.GET('/v1/opportunities', { params: { query: { limit: 3, sort: 'newest' } } });
        // A list item is a summary: the next shift and totals, the full record is getOpportunity's.
        read.push(data!.data[0]!.title, data!.data[0]!.location.name, data!.data[0]!.nextShift?.start ?? '', String(data!.data[0]!.openSpots));
        return data!;
      });
      const opportunity = await step('getOpportunity', async () => {
        const { data } = await publicApi.GET('/v1/opportunities/{id}', { params: { path: { id: page?.data.find((o) => o.id === OPEN_OPPORTUNITY)?.id ?? OPEN_OPPORTUNITY } } });
        read.push(data!.title, data!.shifts[0]!.id, data!.orgName);
        return data!;
      });
      await step('getOpportunity (unknown id)', async () => {
        const { data, error, response } = await publicApi.GET('/v1/opportunities/{id}', { params: { path: { id: 'opp_doesNotExist1' } } });
        assert.equal(data, undefined);
        assert.equal(response.status, 404);
        read.push(error!.code, error!.title);
      });
      await step('listOrganizations + getOrganization', async () => {
        const { data } = await publicApi.GET('/v1/organizations', { params: { query: { limit: 2 } } });
        const { data: organization } = await publicApi.GET('/v1/organizations/{id}', { params: { path: { id: data!.data[0]!.id } } });
        read.push(organization!.name, organization!.kind);
      });
      await step('getHonorBoard', async () => {
        const { data } = await publicApi.GET('/v1/honor-board', { params: { query: { period: 'all', metric: 'hours', limit: 5 } } });
        read.push(data!.period);
      });
      await step('getStats', async () => {
        const { data } = await publicApi.GET('/v1/stats', { params: { query: { scope: 'platform' } } });
        read.push(String(data!.registeredVolunteers), String(data!.approvedHours));
      });

      const shiftId = opportunity?.shifts[0]?.id ?? 'shf_missing1';
      const signup = await step('createSignup (guest)', async () => {
        const { data } = await browserApi.POST('/v1/signups', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { opportunityId: OPEN_OPPORTUNITY, shiftId, volunteer: { name: '韩梅梅', mobile: '13800002001' }, consent: { policyVersion: '2026-01', accepted: true } },
        });
        read.push(data!.reference, data!.status);
        return data!;
      });
      const session = await step('createSession', async () => {
        const { data } = await partnerApi.POST('/v1/sessions', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { externalId: 'generated-client-user', volunteer: { name: '林涛', mobile: '13800002002' } },
        });
        read.push(data!.expiresAt);
        // The answer is a volunteer or an organizer session; this body asked for a volunteer's.
        assert.ok(data && 'volunteerId' in data);
        return data;
      });
      const volunteerApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${session?.token ?? 'vst_missing'}` } });
      volunteerApi.use(validateAnswers);
      await step('getMe', async () => {
        const { data } = await volunteerApi.GET('/v1/me');
        read.push(data!.displayName);
      });
      const mine = await step('createSignup (signed in)', async () => {
        const { data } = await volunteerApi.POST('/v1/signups', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { opportunityId: OPEN_OPPORTUNITY, shiftId, consent: { policyVersion: '2026-01', accepted: true } },
        });
        return data!;
      });
      await step('listMySignups', async () => {
        const { data } = await volunteerApi.GET('/v1/me/signups', { params: { query: { limit: 5 } } });
        read.push(data!.data[0]!.status);
      });
      const recommended = await step('listMyRecommendations', async () => {
        const { data } = await volunteerApi.GET('/v1/me/recommendations', { params: { query: { regionCode: '330106', limit: 5 } } });
        read.push(String(data!.data[0]!.score), data!.data[0]!.reasons[0]?.code ?? 'no reason');
        return data!.data[0]!;
      });
      await step('dismissMyRecommendation', async () => {
        const { data } = await volunteerApi.POST('/v1/me/recommendations/{opportunityId}/dismiss', {
          params: { path: { opportunityId: recommended?.id ?? 'opp_missing1' }, header: { 'Idempotency-Key': randomUUID() } },
        });
        read.push(data!.dismissedAt);
      });
      await step('cancelMySignup', async () => {
        const { data } = await volunteerApi.POST('/v1/me/signups/{id}/cancel', { params: { path: { id: mine?.id ?? 'sgn_missing1' } } });
        assert.equal(data!.status, 'cancelled');
      });
      await step('listMyServiceRecords', async () => {
        const { data } = await volunteerApi.GET('/v1/me/service-records');
        read.push(String(data!.data.length));
      });

      await step('listSignups', async () => {
        const { data } = await partnerApi.GET('/v1/signups', { params: { query: { opportunityId: OPEN_OPPORTUNITY, limit: 5 } } });
        read.push(data!.data[0]!.contact.name);
      });
      await step('updateSignup', async () => {
        const { data } = await partnerApi.PATCH('/v1/signups/{id}', {
          params: { path: { id: signup?.id ?? 'sgn_missing1' }, header: { 'Idempotency-Key': randomUUID() } },
          body: { status: 'attended' },
        });
        // The document promises the sign-up as the volunteer sees it, without contact data (which
        // only the export carries); tsc points here if that answer changes.
        read.push(data!.status, data!.reference);
      });
      const shift = opportunity?.shifts[0];
      const record = await step('createServiceRecord', async () => {
        const { data } = await partnerApi.POST('/v1/service-records', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { volunteerId: session!.volunteerId, opportunityId: OPEN_OPPORTUNITY, shiftId, checkIn: shift!.start, checkOut: shift!.end, recordedBy: '站长' },
        });
        read.push(data!.status, String(data!.hours));
        return data!;
      });
      await step('approveServiceRecord', async () => {
        const { data } = await partnerApi.POST('/v1/service-records/{id}/approve', { params: { path: { id: record!.id } }, body: { reviewedBy: '审核员' } });
        assert.equal(data!.status, 'approved');
      });
      await step('rejectServiceRecord (already approved: 409)', async () => {
        const { error, response } = await partnerApi.POST('/v1/service-records/{id}/reject', { params: { path: { id: record!.id } }, body: { reviewedBy: '审核员', note: '重复登记' } });
        assert.equal(response.status, 409);
        read.push(error!.code);
      });

      // Attendance, reviews and disputes, as an organizer of the seed's news organization runs them.
      // The open opportunity's shifts are days away, so check-in is refused as too early (a 422 the
      // document declares); the roster checks the volunteer in and out instead.
      const organizer = await step('createSession (organizer)', async () => {
        const { data } = await partnerApi.POST('/v1/sessions', { body: { organizer: { organizationId: 'org_demoQianjiangNews', staffId: 'generated-client', name: '王站长' } } });
        assert.ok(data && 'organizationId' in data);
        return data;
      });
      const organizerApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${organizer?.token ?? 'ost_missing'}` } });
      organizerApi.use(validateAnswers);
      await step('listAuditLog', async () => {
        const { data } = await partnerApi.GET('/v1/audit-log', { params: { query: { limit: 5 } } });
        read.push(data!.data[0]!.action);
      });
      const code = await step('getCheckinCode', async () => {
        const { data } = await organizerApi.GET('/v1/shifts/{id}/checkin-code', { params: { path: { id: shiftId } } });
        read.push(String(data!.checkedIn));
        return data!;
      });
      await step('recordMyAttendance (too early: 422)', async () => {
        const { error, response } = await volunteerApi.POST('/v1/me/attendance', { body: { shiftId, code: code?.code ?? '000000', action: 'check_in' } });
        assert.equal(response.status, 422);
        read.push(error!.errors![0]!.code);
      });
      const entry = await step('getRoster', async () => {
        const { data } = await organizerApi.GET('/v1/shifts/{id}/roster', { params: { path: { id: shiftId }, query: { limit: 100 } } });
        return data!.data.find((e) => e.signupStatus === 'approved' || e.signupStatus === 'attended');
      });
      await step('updateRosterEntry', async () => {
        const { data } = await organizerApi.POST('/v1/shifts/{id}/roster/{signupId}', {
          params: { path: { id: shiftId, signupId: entry?.signupId ?? 'sgn_missing1' } },
          body: { action: 'set_times', checkInAt: shift!.start, checkOutAt: shift!.end },
        });
        read.push(data!.serviceRecord!.status);
      });
      await step('updateRoster', async () => {
        const { data } = await organizerApi.POST('/v1/shifts/{id}/roster', { params: { path: { id: shiftId } }, body: { updates: [{ signupId: entry?.signupId ?? 'sgn_missing1', action: 'check_in' }] } });
        read.push(data!.data[0]!.name);
      });
      const pending = await step('listOrganizerServiceRecords', async () => {
        const { data } = await organizerApi.GET('/v1/organizer/service-records', { params: { query: { status: 'pending', limit: 5 } } });
        return data!.data[0];
      });
      await step('reviewServiceRecords', async () => {
        const { data } = await organizerApi.POST('/v1/organizer/service-records/review', { body: { ids: [pending?.id ?? 'rec_missing1'], decision: 'approved' } });
        read.push(data!.data[0]!.status);
      });
      await step('getHoursPolicy', async () => {
        const { data } = await organizerApi.GET('/v1/organizer/hours-policy');
        read.push(String(data!.version));
      });
      await step('updateHoursPolicy', async () => {
        const { data } = await organizerApi.POST('/v1/organizer/hours-policy', { body: { skewMinutes: 15, minPresentPercent: 60, roundDownMinutes: 30, approvalSlaHours: 48, autoApprove: true } });
        read.push(String(data!.version));
      });
      const dispute = await step('disputeMyServiceRecord', async () => {
        const { data } = await volunteerApi.POST('/v1/me/service-records/{id}/disputes', { params: { path: { id: record!.id } }, body: { kind: 'never_there', reason: '那天我不在' } });
        return data!;
      });
      await step('listOrganizerDisputes', async () => {
        const { data } = await organizerApi.GET('/v1/organizer/disputes', { params: { query: { status: 'open' } } });
        read.push(data!.data[0]!.kind);
      });
      await step('resolveDispute', async () => {
        const { data } = await organizerApi.POST('/v1/organizer/disputes/{id}/resolve', { params: { path: { id: dispute?.id ?? 'dsp_missing1' } }, body: { decision: 'accept', note: '核实为误录' } });
        read.push(data!.correctionId!);
      });

      // The needs board, as the seed's community centre runs it: its helper files on a resident's
      // behalf, the volunteer claims, reads the address, releases, claims again and fulfils; the
      // resident confirms with the code; a resident's own filing is rejected with a reason.
      await step('getServiceMenu', async () => {
        const { data } = await publicApi.GET('/v1/service-menu');
        read.push(data!.data[0]!.names.en, String(data!.data[0]!.weeklyCap));
      });
      const board = await step('listNeeds', async () => {
        const { data } = await publicApi.GET('/v1/needs', { params: { query: { limit: 3, sort: 'longest_waiting' } } });
        read.push(data!.data[0]!.requester, data!.data[0]!.waitingSince ?? '');
        return data!;
      });
      const helper = await step('createSession (community helper)', async () => {
        const { data } = await partnerApi.POST('/v1/sessions', { body: { organizer: { organizationId: 'org_demoWenxinCommunity', staffId: 'generated-client-helper', name: '社工小李' } } });
        assert.ok(data && 'organizationId' in data);
        return data;
      });
      const helperApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${helper?.token ?? 'ost_missing'}` } });
      helperApi.use(validateAnswers);
      const need = await step('createNeed', async () => {
        const { data } = await helperApi.POST('/v1/needs', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: {
            serviceCode: 'tech_help', title: '教老人用手机挂号', regionCode: '330106',
            resident: { name: '周桂芳', mobile: '13800003001', address: '文新街道文鼎苑 2 幢 501' },
            consent: { method: 'phone', evidenceRef: '电话录音 2026-7', obtainedAt: new Date(Date.now() - 60_000).toISOString() },
          },
        });
        read.push(data!.status, data!.requester);
        return data!;
      });
      const needId = need?.id ?? 'ned_missing1';
      await step('getNeed', async () => {
        const { data } = await publicApi.GET('/v1/needs/{id}', { params: { path: { id: needId } } });
        read.push(String(data!.filedOnBehalf));
      });
      const residentsNeed = await step('createNeed (resident)', async () => {
        const { data } = await browserApi.POST('/v1/needs', {
          body: {
            serviceCode: 'errand', title: '代买降压药', regionCode: '330106', organizationId: 'org_demoWenxinCommunity',
            resident: { name: '吴大爷', mobile: '13800003002', address: '文新街道益乐新村 8 幢 102' }, consent: { policyVersion: '2026-01', accepted: true },
          },
        });
        return data!;
      });
      await step('listOrganizerNeeds', async () => {
        const { data } = await helperApi.GET('/v1/organizer/needs', { params: { query: { status: 'submitted' } } });
        read.push(data!.data[0]!.title);
      });
      await step('moderateNeed', async () => {
        const { data } = await helperApi.POST('/v1/organizer/needs/{id}/moderate', { params: { path: { id: residentsNeed?.id ?? 'ned_missing1' } }, body: { decision: 'reject', reason: '请直接联系社区药房' } });
        read.push(data!.statusReason!);
      });
      await step('claimNeed', async () => {
        const { data } = await volunteerApi.POST('/v1/needs/{id}/claim', { params: { path: { id: needId } } });
        read.push(data!.need.status);
      });
      await step('getMyClaim', async () => {
        const { data } = await volunteerApi.GET('/v1/me/claims/{id}', { params: { path: { id: needId } } });
        read.push(data!.address!, data!.contact!.mobile);
      });
      await step('releaseNeed', async () => {
        const { data } = await volunteerApi.POST('/v1/needs/{id}/release', { params: { path: { id: needId } } });
        assert.equal(data!.status, 'open');
        await volunteerApi.POST('/v1/needs/{id}/claim', { params: { path: { id: needId } } });
      });
      await step('listMyClaims', async () => {
        const { data } = await volunteerApi.GET('/v1/me/claims', { params: { query: { limit: 5 } } });
        read.push(data!.data[0]!.need.id);
      });
      const fulfilment = await step('fulfilNeed', async () => {
        const { data } = await volunteerApi.POST('/v1/needs/{id}/fulfil', { params: { path: { id: needId } }, body: { minutes: 40 } });
        return data!;
      });
      await step('confirmNeed', async () => {
        const { data } = await browserApi.POST('/v1/needs/{id}/confirm', { params: { path: { id: needId } }, body: { method: 'code', code: fulfilment?.confirmationCode ?? '000000' } });
        read.push(data!.confirmedAt!);
      });
      await step('rateNeed', async () => {
        const { data } = await helperApi.POST('/v1/needs/{id}/rate', { params: { path: { id: needId } }, body: { rating: 5 } });
        read.push(String(data!.rating));
      });
      await step('cancelNeed', async () => {
        const { data } = await helperApi.POST('/v1/organizer/needs/{id}/cancel', { params: { path: { id: board?.data[0]?.id ?? 'ned_missing1' } }, body: { reason: '家属已安排' } });
        assert.equal(data!.status, 'cancelled');
      });

      // Webhooks and the events feed, as the news partner's back end registers a receiver (a test key:
      // sandbox mode, so a loopback URL is allowed; nothing listens there, so deliveries wait to retry).
      const endpoint = await step('createWebhookEndpoint', async () => {
        const { data } = await partnerApi.POST('/v1/webhook-endpoints', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { url: 'http://127.0.0.1:9/hooks/volunteerkit', description: '生成客户端', eventTypes: ['signup.*'] },
        });
        read.push(data!.secret, data!.status);
        return data!;
      });
      const endpointId = endpoint?.id ?? 'whk_missing1';
      await step('createSignup (an event for the endpoint)', async () => {
        const { data } = await browserApi.POST('/v1/signups', {
          params: { header: { 'Idempotency-Key': randomUUID() } },
          body: { opportunityId: OPEN_OPPORTUNITY, shiftId, volunteer: { name: '李雷', mobile: '13800002003' }, consent: { policyVersion: '2026-01', accepted: true } },
        });
        read.push(data!.reference);
      });
      await step('listWebhookEndpoints', async () => {
        const { data } = await partnerApi.GET('/v1/webhook-endpoints', { params: { query: { limit: 5 } } });
        read.push(data!.data[0]!.url);
      });
      await step('getWebhookEndpoint', async () => {
        const { data } = await partnerApi.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId } } });
        read.push(data!.eventTypes[0]!);
      });
      await step('updateWebhookEndpoint', async () => {
        const { data } = await partnerApi.PATCH('/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId }, header: { 'Idempotency-Key': randomUUID() } }, body: { description: '生成客户端（改）' } });
        read.push(data!.description);
      });
      await step('rotateWebhookSecret', async () => {
        const { data } = await partnerApi.POST('/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id: endpointId }, header: { 'Idempotency-Key': randomUUID() } } });
        read.push(data!.secret, data!.previousSecretExpiresAt!);
      });
      const delivery = await step('listWebhookDeliveries', async () => {
        const { data } = await partnerApi.GET('/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: endpointId }, query: { limit: 5 } } });
        read.push(data!.data[0]!.event.type);
        return data!.data[0]!;
      });
      await step('replayWebhookDelivery', async () => {
        const { data } = await partnerApi.POST('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: endpointId, deliveryId: delivery?.id ?? 'dlv_missing1' }, header: { 'Idempotency-Key': randomUUID() } },
        });
        read.push(data!.status);
      });
      await step('deleteWebhookEndpoint', async () => {
        const { data } = await partnerApi.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: endpointId }, header: { 'Idempotency-Key': randomUUID() } } });
        read.push(data!.id);
      });
      await step('listEvents', async () => {
        const { data } = await partnerApi.GET('/v1/events', { params: { query: { limit: 5 } } });
        read.push(data!.next, String(data!.hasMore), data!.data[0]?.type ?? 'no events yet');
      });

      // Points, rewards and a certificate, as the campus demo's student (approved hours from the
      // seed) and the campus partner's back end and desk see them.
      const CAMPUS = { publishable: 'pk_test_campus_demo', secret: 'sk_test_campus_demo' };
      const campusApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${CAMPUS.secret}` } });
      campusApi.use(validateAnswers);
      const student = await step('createSession (campus student)', async () => {
        const { data } = await campusApi.POST('/v1/sessions', { body: { externalId: 'zju-sso|3230100123', volunteer: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' } } });
        assert.ok(data && 'volunteerId' in data);
        return data;
      });
      const studentApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${student?.token ?? 'vst_missing'}` } });
      studentApi.use(validateAnswers);
      await step('getMyPoints', async () => {
        const { data } = await studentApi.GET('/v1/me/points', { params: { query: { limit: 5 } } });
        read.push(String(data!.available), data!.data[0]!.kind);
      });
      await step('reconcilePoints', async () => {
        const { data } = await campusApi.GET('/v1/points/reconciliation');
        assert.equal(data!.balanced, true);
      });
      const rewards = await step('listRewards', async () => {
        const campusPublicApi = createClient<paths>({ baseUrl: server.url });
        campusPublicApi.use({ onRequest({ request }) { const url = new URL(request.url); url.searchParams.set('key', CAMPUS.publishable); return new Request(url, request); } }, validateAnswers);
        const { data } = await campusPublicApi.GET('/v1/rewards', { params: { query: { limit: 20 } } });
        read.push(data!.data[0]!.title, String(data!.data[0]!.cost));
        return data!;
      });
      const cheapest = rewards?.data.filter((r) => r.stockLeft > 0).sort((a, b) => a.cost - b.cost)[0]?.id ?? 'rwd_missing1';
      const redeem = async () => {
        const { data } = await studentApi.POST('/v1/me/redemptions', { params: { header: { 'Idempotency-Key': randomUUID() } }, body: { rewardId: cheapest } });
        return data!;
      };
      const undone = await step('createMyRedemption', redeem);
      await step('undoMyRedemption', async () => {
        const { data } = await studentApi.POST('/v1/me/redemptions/{id}/undo', { params: { path: { id: undone?.id ?? 'rdm_missing1' }, header: { 'Idempotency-Key': randomUUID() } } });
        assert.equal(data!.status, 'undone');
      });
      const held = await step('createMyRedemption (again)', redeem);
      await step('listMyRedemptions', async () => {
        const { data } = await studentApi.GET('/v1/me/redemptions', { params: { query: { status: 'held', limit: 5 } } });
        read.push(data!.data[0]!.code);
      });
      await step('captureRedemptionWithKey', async () => {
        const { data } = await campusApi.POST('/v1/redemptions/capture', { params: { header: { 'Idempotency-Key': randomUUID() } }, body: { code: held?.code ?? '000000', capturedBy: '图书馆服务台' } });
        assert.equal(data!.status, 'captured');
      });
      await step('captureRedemption (a second scan answers the first capture)', async () => {
        const desk = await campusApi.POST('/v1/sessions', { body: { organizer: { organizationId: 'org_demoZjuYouthLeague', staffId: 'generated-client-desk', name: '服务台' } } });
        const deskApi = createClient<paths>({ baseUrl: server.url, headers: { Authorization: `Bearer ${desk.data?.token ?? 'ost_missing'}` } });
        deskApi.use(validateAnswers);
        const { data } = await deskApi.POST('/v1/organizer/redemptions/capture', { params: { header: { 'Idempotency-Key': randomUUID() } }, body: { code: held?.code ?? '000000' } });
        assert.equal(data!.status, 'captured');
        assert.equal(data!.capturedBy, '图书馆服务台', 'the desk sees who handed it over first');
      });
      const certificate = await step('createMyCertificate', async () => {
        const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const { data } = await studentApi.POST('/v1/me/certificates', { params: { header: { 'Idempotency-Key': randomUUID() } }, body: { from: '2020-01-01', to: today } });
        read.push(data!.number, data!.claims.name, String(data!.claims.hours));
        return data!;
      });
      await step('getCertificateKeys', async () => {
        const { data } = await publicApi.GET('/.well-known/jwks.json');
        assert.ok(data!.keys.some((k) => k.kid === certificate?.kid));
      });
      await step('revokeCertificate', async () => {
        const { data } = await campusApi.POST('/v1/certificates/{id}/revoke', { params: { path: { id: certificate?.id ?? 'cer_missing1' }, header: { 'Idempotency-Key': randomUUID() } }, body: { reason: 'issued_in_error', revokedBy: '教务处' } });
        assert.equal(data!.status, 'revoked');
      });
      await step('getCertificateRevocations', async () => {
        const { data } = await publicApi.GET('/.well-known/certificate-revocations.json');
        assert.ok(data!.revoked.some((r) => r.id === certificate?.id));
      });

      // Browsers send these, not partners' code; called here so that each documented preflight is
      // held to its answer too. Path ids need only the right shape: a preflight reads no record.
      await step('CORS preflights', async () => {
        for (const { template, method } of contract.operations().filter((o) => o.method === 'OPTIONS')) {
          const id = { id: template.includes('/opportunities/') ? OPEN_OPPORTUNITY : template.includes('/organizations/') ? 'org_demoPreflight1' : template.includes('/service-records/') ? 'rec_demoPreflight1'
            : template.includes('/needs/') || template.includes('/claims/') ? 'ned_demoPreflight1' : 'sgn_demoPreflight1' };
          const { response } = await publicApi.OPTIONS(template as '/v1/opportunities/{id}', {
            params: { path: id },
            headers: { Origin: NEWS_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
          });
          assert.equal(response.status, 204, `${method} ${template}`);
          read.push(response.headers.get('access-control-allow-origin')!);
        }
      });

      const uncalled = contract.operations().map((o) => o.operationId).filter((id) => !called.has(id));
      assert.deepEqual({ crashes, uncalled, violations: summarize(violations) }, { crashes: [], uncalled: [], violations: '' },
        `the generated client's answers do not match their generated types (${read.length} fields read)`);
    });
  });
});
