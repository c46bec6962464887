/**
 * The real server over real HTTP with the demo seed: what the demo, the widgets and partners'
 * sandboxes rely on (keys, channel audiences, fixtures, upcoming shifts, CORS from a page).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HonorBoard, Opportunity, OpportunityPage, RecommendationPage, Signup, type OpportunitySummary } from '@volunteerkit/sdk/schemas';
import { request } from 'node:http';
import { ensureStationShift, SEED_FIXTURES, seedIfEmpty, SEED_KEYS, SEED_STATION, startServer, type RunningServer } from '../src/index.js';
import { SEED_SSO_STUDENT } from '../src/seed/recommendations.js';
import { dropSchema } from './helpers.js';

let server: RunningServer;
let seedMs = 0;
const schema = process.env['DATABASE_URL'] ? `vk_test_seed_${process.pid}` : undefined;

before(async () => {
  const started = performance.now();
  server = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, ...(schema ? { schema } : {}) });
  seedMs = performance.now() - started;
});
after(async () => {
  await server.close();
  if (schema) await dropSchema(process.env['DATABASE_URL']!, schema);
});

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const getJson = async (path: string) => {
  const res = await get(path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json() as Promise<any>;
};

describe('the demo seed', () => {
  it('is large, realistic and deterministic in size', async () => {
    console.log(`startServer with seed: ${Math.round(seedMs)} ms`, server.seeded);
    assert.deepEqual(server.seeded, {
      channels: 3, organizations: server.seeded!.organizations, opportunities: 243, shifts: server.seeded!.shifts, volunteers: 3001,
      signups: server.seeded!.signups, serviceRecords: server.seeded!.serviceRecords, honors: server.seeded!.honors,
    });
    assert.ok(server.seeded!.organizations >= 40);
    assert.ok(server.seeded!.serviceRecords >= 10_000);
    const [pending] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_records WHERE status = 'pending'`);
    assert.ok(pending!.n > 100, 'some hours are pending review');
    const [optedIn] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM volunteers WHERE show_name');
    assert.ok(optedIn!.n > 100, 'some volunteers show their names');
    const [counters] = await server.db.query<{ bad: number }>(`
      SELECT count(*)::int AS bad FROM shifts s WHERE s.signed_up <> (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status IN ('approved', 'pending_review'))
        OR s.waitlisted <> (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'waitlisted')`);
    assert.equal(counters!.bad, 0, 'shift counters equal the sign-up rows');
  });

  it('lists 200+ upcoming opportunities for the news key over real HTTP, all in the contract', async () => {
    let cursor: string | null = null;
    const all: OpportunitySummary[] = [];
    do {
      const page: any = await getJson(`/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(OpportunityPage.safeParse(page).success);
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(all.length >= 180, `${all.length} listed`);
    const [hidden] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM opportunities WHERE id = ANY($1::text[]) AND audience <> 'public'`, [all.map((o) => o.id)]);
    assert.equal(hidden!.n, 0, 'the news channel sees only public opportunities');
    assert.ok(!all.some((o) => o.id === SEED_FIXTURES.campusOnlyOpportunityId));
    const now = Date.now();
    assert.ok(all.every((o) => o.nextShift !== null && Date.parse(o.nextShift.end) >= now && o.shiftCount >= 1), 'every listed opportunity has a shift ahead');
    assert.ok(all.every((o) => !('description' in o) && !('shifts' in o)), 'list items are summaries');
    const campus: any = await getJson(`/v1/opportunities?key=${SEED_KEYS.campus.publishableKey}&limit=100&q=${encodeURIComponent('迎新')}`);
    assert.ok(campus.data.some((o: { id: string }) => o.id === SEED_FIXTURES.campusOnlyOpportunityId));
    const enterprise = await get(`/v1/opportunities/${SEED_FIXTURES.enterpriseOnlyOpportunityId}?key=${SEED_KEYS.news.publishableKey}`);
    assert.equal(enterprise.status, 404);
  });

  it('sends a page of five list items in at most 2 KB on the wire, with brotli and with gzip', async () => {
    // node:http, not fetch: fetch decompresses, and the bytes that travel are the question here.
    const wireBytes = (encoding: string) => new Promise<{ bytes: number; encoding: string | undefined; items: number }>((resolve, reject) => {
      const url = new URL(`/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=5`, server.url);
      request(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ bytes: Buffer.concat(chunks).length, encoding: res.headers['content-encoding'], items: 5 }));
      }).on('error', reject).end();
    });
    const identity = await (await get(`/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=5`)).text();
    assert.equal(JSON.parse(identity).data.length, 5);
    for (const encoding of ['br', 'gzip']) {
      const answer = await wireBytes(encoding);
      console.log(`a page of 5: ${answer.bytes} B with ${encoding} (${Buffer.byteLength(identity)} B uncompressed)`);
      assert.equal(answer.encoding, encoding);
      assert.ok(answer.bytes <= 2048, `${answer.bytes} B with ${encoding}`);
    }
  });

  it('has the fixtures the demo and the widget tests use', async () => {
    const key = SEED_KEYS.news.publishableKey;
    const marathon: any = await getJson(`/v1/opportunities/${SEED_FIXTURES.questionsOpportunityId}?key=${key}`);
    assert.ok(Opportunity.safeParse(marathon).success);
    assert.deepEqual(marathon.questions.map((q: { kind: string }) => q.kind).sort(), ['choice', 'multi', 'text']);
    const full: any = await getJson(`/v1/opportunities/${SEED_FIXTURES.fullOpportunityId}?key=${key}`);
    assert.equal(full.status, 'full');
    assert.ok(full.shifts.every((s: { waitlisted: number }) => s.waitlisted > 0));
    const manual: any = await getJson(`/v1/opportunities/${SEED_FIXTURES.manualApprovalOpportunityId}?key=${key}`);
    assert.deepEqual([manual.approval, manual.requirements.minAge], ['manual', 18]);

    const signUp = (opportunity: any, volunteer: Record<string, unknown>) => fetch(`${server.url}/v1/signups?key=${key}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:5173' },
      body: JSON.stringify({ opportunityId: opportunity.id, shiftId: opportunity.shifts[0].id, volunteer, consent: { policyVersion: '2026-01', accepted: true } }),
    });
    const waitlisted = await signUp(full, { name: '候补者', mobile: '13600000001' });
    assert.equal(waitlisted.status, 201);
    assert.equal(waitlisted.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const body = await waitlisted.json();
    assert.ok(Signup.safeParse(body).success);
    assert.equal(body.status, 'waitlisted');
    const pending = await (await signUp(manual, { name: '审核者', mobile: '13600000002', birthDate: '1990-05-01' })).json();
    assert.equal(pending.status, 'pending_review');
  });

  it('keeps a service-station duty open now with the demo student confirmed on it, added once per start of the hour', async () => {
    const post = async (path: string, body: unknown, auth: string) => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });
      assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
      return res.json() as Promise<any>;
    };
    const now = new Date();
    const shiftId = await ensureStationShift(server.db, now);
    assert.ok(shiftId, 'the seeded database has a station duty');
    assert.equal(await ensureStationShift(server.db, now), shiftId, 'a second start in the same duty adds nothing');
    const { token } = await post('/v1/sessions', { externalId: SEED_STATION.externalId, volunteer: SEED_STATION.student }, SEED_KEYS.campus.secretKey);
    const me = await fetch(`${server.url}/v1/me/signups`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<any>);
    const onDuty = me.data.find((s: any) => s.shiftId === shiftId);
    assert.equal(onDuty?.status, 'approved', 'the SSO student is the seeded volunteer, confirmed on the duty');
    const station: any = await getJson(`/v1/opportunities/${SEED_FIXTURES.stationOpportunityId}?key=${SEED_KEYS.campus.publishableKey}`);
    const shift = station.shifts.find((s: any) => s.id === shiftId);
    assert.ok(Date.parse(shift.start) <= now.getTime() && now.getTime() < Date.parse(shift.end), 'the duty is open now');
    const following = station.shifts.find((s: any) => Date.parse(s.start) === Date.parse(shift.end));
    assert.ok(following, 'the next duty follows the open one');
    assert.equal(me.data.some((s: any) => s.shiftId === following.id), false, 'nobody is on the next duty yet: the student can sign up for it');
    assert.equal(following.signedUp, 0);

    // The kiosk's organizer reads the code; the student checks in with it.
    const organizer = await post('/v1/sessions', { organizer: { organizationId: SEED_STATION.organizationId, staffId: 'zju-staff|T1', name: '值班老师' } }, SEED_KEYS.campus.secretKey);
    const code = await fetch(`${server.url}/v1/shifts/${shiftId}/checkin-code`, { headers: { Authorization: `Bearer ${organizer.token}` } }).then((r) => r.json() as Promise<any>);
    const attendance = await post('/v1/me/attendance', { shiftId, code: code.code, action: 'check_in' }, token);
    assert.ok(attendance.checkInAt);

    const later = new Date(Date.parse(shift.end) + 60_000);
    const next = await ensureStationShift(server.db, later);
    assert.equal(next, following.id, 'after the duty ends, a start opens the one that followed it');
    assert.equal(await ensureStationShift(server.db, later), next);
    const { token: laterToken } = await post('/v1/sessions', { externalId: SEED_STATION.externalId, volunteer: SEED_STATION.student }, SEED_KEYS.campus.secretKey);
    const mine = await fetch(`${server.url}/v1/me/signups`, { headers: { Authorization: `Bearer ${laterToken}` } }).then((r) => r.json() as Promise<any>);
    assert.equal(mine.data.filter((s: any) => s.shiftId === next).length, 1, 'the student is confirmed on the duty open at the start, once');
  });

  it('opens the station duty again when a server restarts on the kept data the next day, seeding nothing', async () => {
    const nextDay = new Date(Date.now() + 26 * 3600_000);
    assert.equal(await seedIfEmpty(server.db, nextDay), null, 'the data is kept as it is');
    const [open] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM shifts WHERE opportunity_id = $1 AND starts_at <= $2 AND ends_at > $2',
      [SEED_FIXTURES.stationOpportunityId, nextDay.toISOString()],
    );
    assert.equal(open?.n, 1, 'the kiosk has a duty open on the day the server restarted');
  });

  it("gives the campus demo's SSO student recommendations with reasons, campus-only activities among what they may see", async () => {
    const minted = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SEED_KEYS.campus.secretKey}` },
      body: JSON.stringify({ externalId: SEED_SSO_STUDENT.externalId, volunteer: { name: SEED_SSO_STUDENT.name, mobile: SEED_SSO_STUDENT.mobile, studentId: SEED_SSO_STUDENT.studentId } }),
    });
    const session: any = await minted.json();
    assert.equal(session.volunteerId, SEED_SSO_STUDENT.id, 'the session is the seeded student, history and all');
    const res = await get('/v1/me/recommendations?regionCode=330106&limit=10', { headers: { Authorization: `Bearer ${session.token}` } });
    const page: any = await res.json();
    assert.equal(res.status, 200, JSON.stringify(page));
    assert.ok(RecommendationPage.safeParse(page).success);
    assert.equal(page.data.length, 10);
    const codes = new Set(page.data.flatMap((r: { reasons: { code: string }[] }) => r.reasons.map((reason) => reason.code)));
    for (const code of ['skill_match', 'you_liked_category', 'near_you']) assert.ok(codes.has(code), `${code} among the top ten's reasons`);
    assert.ok(page.data.every((r: { audience: string }) => r.audience === 'public' || r.audience === SEED_KEYS.campus.channelId));
  });

  it('ranks seeded volunteers by approved hours only, with masked names', async () => {
    const board: any = await getJson(`/v1/honor-board?key=${SEED_KEYS.news.publishableKey}&period=all&limit=20&featured=5`);
    assert.ok(HonorBoard.safeParse(board).success);
    assert.equal(board.entries.length, 20);
    assert.equal(board.featured.length, 5);
    const top = board.entries[0];
    const [approved] = await server.db.query<{ hours: number }>(
      `SELECT round(sum(hours)::numeric, 1)::float8 AS hours FROM service_records WHERE volunteer_id = $1 AND status = 'approved'`, [top.subject.id]);
    assert.equal(top.value, approved!.hours);
    assert.ok(top.subject.starLevel >= 4);
    assert.ok(board.entries.some((e: { subject: { name: string } }) => e.subject.name.includes('*')), 'names masked unless opted in');
  });

  it('answers /health without a key, and whatever credentials a probe sends; a browser GET with a 304 on revalidation', async () => {
    assert.deepEqual(await (await get('/health')).json(), { status: 'ok', database: server.db.kind });
    for (const [path, headers] of [['/health?key=not-a-key', {}], ['/health', { Authorization: 'Bearer junk' }]] as const) {
      const probe = await get(path, { headers });
      assert.equal(probe.status, 200, `${path} ${JSON.stringify(headers)}`);
    }
    assert.equal((await get('/no-such-path?key=not-a-key')).status, 404, 'an unknown path is a 404 whatever the key');
    const path = `/v1/stats?key=${SEED_KEYS.news.publishableKey}`;
    const first = await get(path, { headers: { Origin: 'https://news.example.cn' } });
    assert.equal(first.status, 200);
    const again = await get(path, { headers: { Origin: 'https://news.example.cn', 'If-None-Match': first.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('access-control-allow-origin'), 'https://news.example.cn');
  });
});
