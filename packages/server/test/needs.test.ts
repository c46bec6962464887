/**
 * The needs board over HTTP: filing by a resident and by a helper, moderation, the board, claims
 * (two volunteers at once: exactly one wins), fulfilment and confirmation into approved hours,
 * the weekly cap under concurrent filing, the deadline scheduler on two instances, and a privacy
 * scan of every public and partner answer and log line for the seeded needs' address and contact.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { authorizeChannelFor } from '../src/db/hours-queries.js';
import * as q from '../src/db/queries.js';
import { runNeedDeadlines } from '../src/services/needs.js';
import { Claim, Need, NeedPage, ServiceMenu } from '@volunteerkit/sdk/schemas';
import { SEED_KEYS, addOpportunity, assertProblem, assertShape, call, nextMobile, useTestApp } from './helpers.js';

const t = useTestApp();
const { publishableKey: PK, secretKey: SK, channelId: CHANNEL } = SEED_KEYS.news;
const HOUR = 3_600_000;

let orgId: string;
let organizer: string;
let volunteers: string[];

async function session(body: object): Promise<string> {
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: SK, body });
  assert.equal(minted.status, 201, minted.text);
  return minted.body.token;
}

beforeEach(async () => {
  orgId = `org_needs${Math.random().toString(36).slice(2, 10)}`;
  await q.bulkInsert(t.db, 'organizations', [{ id: orgId, name: '文新街道社区服务中心', kind: 'community', region_code: '330106', logo_url: null,
    description: '', verified: true, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }]);
  await authorizeChannelFor(t.db, CHANNEL, orgId);
  organizer = await session({ organizer: { organizationId: orgId, staffId: 'staff-1', name: '社工小李' } });
  volunteers = [];
  for (const name of ['林晓雨', '陈大伟', '赵敏']) volunteers.push(await session({ externalId: `needs-${name}-${Math.random()}`, volunteer: { name } }));
});

const HELPER_CONSENT = { method: 'in_person', evidenceRef: '同意书 2026-118', obtainedAt: '2026-01-05T09:00:00+08:00' };
const RESIDENT_CONSENT = { policyVersion: '2026-01', accepted: true };

function needBody(overrides: Record<string, unknown> = {}, resident: Record<string, unknown> = {}) {
  return {
    serviceCode: 'companionship', title: '陪老人聊聊天', details: '老人独居，喜欢下象棋', regionCode: '330106', preferredTimes: '周末下午',
    resident: { name: '王秀英', mobile: nextMobile(), address: '文一西路 88 号 3 幢 301', ...resident },
    consent: HELPER_CONSENT, ...overrides,
  };
}

/** A helper files a need (it opens at once). */
async function fileOpenNeed(overrides: Record<string, unknown> = {}, resident: Record<string, unknown> = {}) {
  const filed = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody(overrides, resident) });
  assert.equal(filed.status, 201, filed.text);
  return filed.body as Need;
}

describe('the service menu and filing', () => {
  it('serves the built-in menu in three locales', async () => {
    const menu = await call(t.app, 'GET', '/v1/service-menu', { key: PK });
    assert.equal(menu.status, 200);
    assertShape(ServiceMenu, menu.body);
    const haircut = menu.body.data.find((item: { code: string }) => item.code === 'haircut');
    assert.deepEqual(haircut.names, { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' });
    assert.equal(haircut.weeklyCap, 1);
  });

  it('a helper files on a resident\'s behalf with recorded consent; the need opens masked, audited, with an event', async () => {
    const need = await fileOpenNeed();
    assertShape(Need, need);
    assert.equal(need.status, 'open');
    assert.equal(need.filedOnBehalf, true);
    assert.equal(need.requester, '王*英');
    assert.equal(need.organizationId, orgId);
    const audit = await call(t.app, 'GET', '/v1/audit-log', { bearer: SK });
    assert.ok(audit.body.data.some((e: { action: string; subject: { id: string } }) => e.action === 'need.filed_on_behalf' && e.subject.id === need.id));
    const events = await t.db.query<{ type: string }>(`SELECT type FROM outbox_events WHERE subject_id = $1`, [need.id]);
    assert.deepEqual(events.map((e) => e.type), ['need.created']);
  });

  it('refuses a helper\'s need without the consent\'s method, evidence and time, and a resident\'s without accepting the policy', async () => {
    const helper = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ consent: { method: 'phone' } }) });
    assertProblem(helper, 422, 'validation_failed');
    assert.deepEqual(helper.body.errors.map((e: { path: string }) => e.path).sort(), ['consent.evidenceRef', 'consent.obtainedAt']);
    const resident = await call(t.app, 'POST', '/v1/needs', { bearer: PK, body: needBody({ consent: { policyVersion: '2026-01' }, organizationId: orgId }) });
    assertProblem(resident, 422, 'validation_failed');
    assert.deepEqual(resident.body.errors.map((e: { path: string }) => e.path), ['consent.accepted']);
    const unknown = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ serviceCode: 'skydiving' }) });
    assert.equal(unknown.body.errors[0].code, 'unknown_service');
    const volunteer = await call(t.app, 'POST', '/v1/needs', { bearer: volunteers[0]!, body: needBody() });
    assertProblem(volunteer, 403, 'forbidden');
    const { orgId: sportsClub } = await addOpportunity(t.db);
    await authorizeChannelFor(t.db, CHANNEL, sportsClub);
    const notCommunity = await session({ organizer: { organizationId: sportsClub, staffId: 'coach', name: '教练' } });
    assertProblem(await call(t.app, 'POST', '/v1/needs', { bearer: notCommunity, body: needBody() }), 403, 'forbidden');
    const residentToOther = await call(t.app, 'POST', '/v1/needs', { bearer: PK, body: needBody({ consent: RESIDENT_CONSENT, organizationId: sportsClub }) });
    assert.equal(residentToOther.body.errors[0].code, 'unknown_organization');
  });

  it('a resident\'s need waits for moderation; a rejection carries the reason the requester reads', async () => {
    const filed = await call(t.app, 'POST', '/v1/needs', { bearer: PK, body: needBody({ consent: RESIDENT_CONSENT }) });
    assert.equal(filed.status, 201, filed.text);
    assert.equal(filed.body.status, 'submitted');
    assert.equal(filed.body.organizationId, orgId, 'the channel\'s one community organization');
    const board = await call(t.app, 'GET', '/v1/needs', { key: PK });
    assert.deepEqual(board.body.data, [], 'not on the board before moderation');
    const claim = await call(t.app, 'POST', `/v1/needs/${filed.body.id}/claim`, { bearer: volunteers[0]! });
    assertProblem(claim, 409, 'conflict');
    const noReason = await call(t.app, 'POST', `/v1/organizer/needs/${filed.body.id}/moderate`, { bearer: organizer, body: { decision: 'reject' } });
    assertProblem(noReason, 422, 'validation_failed');
    assert.equal(noReason.body.errors[0].path, 'reason');
    const rejected = await call(t.app, 'POST', `/v1/organizer/needs/${filed.body.id}/moderate`, { bearer: organizer, body: { decision: 'reject', reason: '请联系社区卫生服务中心' } });
    assert.equal(rejected.body.status, 'rejected');
    const seen = await call(t.app, 'GET', `/v1/needs/${filed.body.id}`, { key: PK });
    assert.equal(seen.body.statusReason, '请联系社区卫生服务中心');
    const reopen = await call(t.app, 'POST', `/v1/organizer/needs/${filed.body.id}/moderate`, { bearer: organizer, body: { decision: 'open' } });
    assertProblem(reopen, 409, 'conflict');
  });
});

describe('retries', () => {
  it('files a need once for a retried Idempotency-Key, so a retry neither duplicates it nor counts against the cap', async () => {
    const body = needBody({ serviceCode: 'haircut' });
    const headers = { 'Idempotency-Key': 'file-need-retry-1' };
    const first = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body, headers });
    const retry = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body, headers });
    assert.equal(first.status, 201, first.text);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(retry.body.id, first.body.id);
    const [count] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM needs`);
    assert.equal(count!.n, 1);
    const claimHeaders = { 'Idempotency-Key': 'claim-retry-1' };
    const claimed = await call(t.app, 'POST', `/v1/needs/${first.body.id}/claim`, { bearer: volunteers[0]!, headers: claimHeaders });
    const claimedAgain = await call(t.app, 'POST', `/v1/needs/${first.body.id}/claim`, { bearer: volunteers[0]!, headers: claimHeaders });
    assert.equal(claimedAgain.status, 200);
    assert.equal(claimedAgain.headers.get('idempotent-replayed'), 'true');
    assert.equal(claimedAgain.text, claimed.text);
  });
});

describe('the board', () => {
  it('lists open needs longest waiting first, filtered by service and community', async () => {
    const first = await fileOpenNeed();
    t.now = new Date(t.now.getTime() + 60_000);
    const second = await fileOpenNeed({ serviceCode: 'errand', regionCode: '330102' });
    const board = await call(t.app, 'GET', '/v1/needs', { key: PK });
    assertShape(NeedPage, board.body);
    assert.deepEqual(board.body.data.map((need: Need) => need.id), [first.id, second.id]);
    const newest = await call(t.app, 'GET', '/v1/needs?sort=newest', { key: PK });
    assert.deepEqual(newest.body.data.map((need: Need) => need.id), [second.id, first.id]);
    const errands = await call(t.app, 'GET', '/v1/needs?serviceCode=errand', { key: PK });
    assert.deepEqual(errands.body.data.map((need: Need) => need.id), [second.id]);
    const district = await call(t.app, 'GET', '/v1/needs?regionCode=330106', { key: PK });
    assert.deepEqual(district.body.data.map((need: Need) => need.id), [first.id]);
    const paged = await call(t.app, 'GET', '/v1/needs?limit=1', { key: PK });
    const next = await call(t.app, 'GET', `/v1/needs?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`, { key: PK });
    assert.deepEqual(next.body.data.map((need: Need) => need.id), [second.id]);
  });
});

describe('claims, fulfilment and confirmation', () => {
  it('goes from a helper\'s filing to approved hours in the volunteer\'s total', async () => {
    const need = await fileOpenNeed({ serviceCode: 'haircut' }, { mobile: '13912345678', address: '文三路 5 号 2 单元 402' });
    const claimed = await call(t.app, 'POST', `/v1/needs/${need.id}/claim`, { bearer: volunteers[0]! });
    assert.equal(claimed.status, 200, claimed.text);
    assertShape(Claim, claimed.body);
    assert.equal(claimed.body.address, null, 'a write\'s answer is stored with its key: the address is read, not returned');

    const other = await call(t.app, 'POST', `/v1/needs/${need.id}/release`, { bearer: volunteers[1]! });
    assertProblem(other, 403, 'forbidden');
    const read = await call(t.app, 'GET', `/v1/me/claims/${need.id}`, { bearer: volunteers[0]! });
    assert.equal(read.body.address, '文三路 5 号 2 单元 402');
    assert.deepEqual(read.body.contact, { name: '王秀英', mobile: '13912345678' });
    await call(t.app, 'GET', `/v1/me/claims/${need.id}`, { bearer: volunteers[0]! });
    const notMine = await call(t.app, 'GET', `/v1/me/claims/${need.id}`, { bearer: volunteers[1]! });
    assertProblem(notMine, 404, 'not_found');
    const reveals = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'need.contact_revealed' AND subject_id = $1`, [need.id]);
    assert.equal(reveals.length, 2, 'each reading audited');

    const fulfilled = await call(t.app, 'POST', `/v1/needs/${need.id}/fulfil`, { bearer: volunteers[0]!, body: { minutes: 45 } });
    assert.equal(fulfilled.status, 200, fulfilled.text);
    assert.equal(fulfilled.body.address, null, 'the claim is over: no address');
    assert.match(fulfilled.body.confirmationCode, /^\d{6}$/);
    const code: string = fulfilled.body.confirmationCode;
    const recordId = fulfilled.body.need.serviceRecordId;
    const pending = await call(t.app, 'GET', '/v1/me/service-records', { bearer: volunteers[0]! });
    const record = pending.body.data.find((r: { id: string }) => r.id === recordId);
    assert.equal(record.status, 'pending');
    assert.equal(record.source, 'need');
    assert.equal(record.hours, 0.75);
    const before = (await call(t.app, 'GET', '/v1/me', { bearer: volunteers[0]! })).body.approvedHours;

    const wrong = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'code', code: code === '000000' ? '111111' : '000000' } });
    assertProblem(wrong, 422, 'validation_failed');
    assert.equal(wrong.body.errors[0].code, 'wrong_code');
    const confirmed = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'code', code, rating: 5 } });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(confirmed.body.status, 'confirmed');
    assert.equal(confirmed.body.rating, 5);
    const again = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'code', code } });
    assertProblem(again, 409, 'conflict');

    const approved = await call(t.app, 'GET', '/v1/me/service-records', { bearer: volunteers[0]! });
    assert.equal(approved.body.data.find((r: { id: string }) => r.id === recordId).status, 'approved');
    const after = (await call(t.app, 'GET', '/v1/me', { bearer: volunteers[0]! })).body.approvedHours;
    assert.equal(Math.round((after - before) * 100) / 100, 0.75, 'the confirmed hours count');
    const events = await t.db.query<{ type: string }>(`SELECT type FROM outbox_events WHERE subject_id = $1 ORDER BY seq`, [need.id]);
    assert.deepEqual(events.map((e) => e.type), ['need.created', 'need.claimed', 'need.fulfilled', 'need.confirmed']);
  });

  it('lets a helper confirm without a code, and after five wrong codes only a helper', async () => {
    const need = await fileOpenNeed();
    await call(t.app, 'POST', `/v1/needs/${need.id}/claim`, { bearer: volunteers[0]! });
    const fulfilled = await call(t.app, 'POST', `/v1/needs/${need.id}/fulfil`, { bearer: volunteers[0]!, body: { minutes: 60 } });
    const wrongCode = fulfilled.body.confirmationCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) assertProblem(await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'code', code: wrongCode } }), 422, 'validation_failed');
    const locked = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'code', code: fulfilled.body.confirmationCode } });
    assertProblem(locked, 409, 'conflict');
    const residentAsHelper = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: PK, body: { method: 'helper' } });
    assert.equal(residentAsHelper.body.errors[0].code, 'helper_only');
    const byHelper = await call(t.app, 'POST', `/v1/needs/${need.id}/confirm`, { bearer: organizer, body: { method: 'helper' } });
    assert.equal(byHelper.body.status, 'confirmed');
    const rated = await call(t.app, 'POST', `/v1/needs/${need.id}/rate`, { bearer: organizer, body: { rating: 4 } });
    assert.equal(rated.body.rating, 4);
    assertProblem(await call(t.app, 'POST', `/v1/needs/${need.id}/rate`, { bearer: organizer, body: { rating: 2 } }), 409, 'conflict');
  });

  it('gives a need claimed by two volunteers at once to exactly one of them', async () => {
    for (let round = 0; round < 8; round += 1) {
      const need = await fileOpenNeed();
      const answers = await Promise.all(volunteers.map((token) => call(t.app, 'POST', `/v1/needs/${need.id}/claim`, { bearer: token })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409], answers.map((a) => a.text).join('\n'));
      const [row] = await t.db.query<{ claimed_by: string; version: number }>(`SELECT claimed_by, version FROM needs WHERE id = $1`, [need.id]);
      const winner = answers.find((a) => a.status === 200)!;
      assert.equal(row!.version, 2, 'claimed once');
      assert.equal(winner.body.need.status, 'claimed');
      const events = await t.db.query(`SELECT 1 FROM outbox_events WHERE subject_id = $1 AND type = 'need.claimed'`, [need.id]);
      assert.equal(events.length, 1);
    }
  });
});

describe('the weekly cap', () => {
  it('refuses the need over the cap with a message that says so, and counts only the last 7 days', async () => {
    const mobile = nextMobile();
    await fileOpenNeed({ serviceCode: 'haircut' }, { mobile });
    const over = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ serviceCode: 'haircut' }, { mobile }) });
    assertProblem(over, 422, 'validation_failed');
    assert.equal(over.body.errors[0].path, 'serviceCode');
    assert.equal(over.body.errors[0].code, 'weekly_cap_reached');
    assert.match(over.body.errors[0].message, /limit is 1/);
    const otherService = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ serviceCode: 'errand' }, { mobile }) });
    assert.equal(otherService.status, 201);
    t.now = new Date(t.now.getTime() + 7 * 24 * HOUR + 1000);
    organizer = await session({ organizer: { organizationId: orgId, staffId: 'staff-1', name: '社工小李' } });
    const nextWeek = await call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ serviceCode: 'haircut' }, { mobile }) });
    assert.equal(nextWeek.status, 201, nextWeek.text);
  });

  it('holds under concurrent filing: of six needs filed at once for a cap of 3, exactly 3 are accepted', async () => {
    const mobile = nextMobile();
    const answers = await Promise.all(Array.from({ length: 6 }, () =>
      call(t.app, 'POST', '/v1/needs', { bearer: organizer, body: needBody({ serviceCode: 'companionship' }, { mobile }) })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 201, 422, 422, 422], answers.map((a) => a.text).join('\n'));
    const [count] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM needs WHERE service_code = 'companionship'`);
    assert.equal(count!.n, 3);
  });
});

describe('deadlines', () => {
  let second: Database;
  before(async () => {
    await t.ready;
    const databaseUrl = process.env['DATABASE_URL'];
    // A second instance: on PostgreSQL its own pool over the same schema.
    second = databaseUrl ? await openDatabase({ databaseUrl, schema: (await t.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s }) : t.db;
  });
  after(async () => {
    if (second !== t.db) await second.close();
  });

  it('releases a stale claim and expires an untaken need once, run by two instances at once', async () => {
    const claimedNeed = await fileOpenNeed();
    const idle = await fileOpenNeed({ serviceCode: 'errand' });
    assert.equal((await call(t.app, 'POST', `/v1/needs/${claimedNeed.id}/claim`, { bearer: volunteers[0]! })).status, 200);
    const later = new Date(t.now.getTime() + 49 * HOUR);
    const claimer = (await t.db.query<{ claimed_by: string }>(`SELECT claimed_by FROM needs WHERE id = $1`, [claimedNeed.id]))[0]!.claimed_by;
    await t.db.query(`UPDATE volunteers SET external_id = 'needs-deadline-volunteer' WHERE id = $1`, [claimer]);
    const [a, b] = await Promise.all([runNeedDeadlines(t.db, later), runNeedDeadlines(second, later)]);
    assert.deepEqual([...a.released, ...b.released], [claimedNeed.id]);
    assert.deepEqual([...a.expired, ...b.expired], []);
    t.now = later;
    volunteers[0] = await session({ externalId: 'needs-deadline-volunteer', volunteer: { name: '林晓雨' } });
    const released = await call(t.app, 'GET', `/v1/needs/${claimedNeed.id}`, { key: PK });
    assert.equal(released.body.status, 'open');
    assert.equal(released.body.waitingSince, claimedNeed.waitingSince, 'its waiting time is kept');
    assertProblem(await call(t.app, 'GET', `/v1/me/claims/${claimedNeed.id}`, { bearer: volunteers[0]! }), 404, 'not_found');

    const expiry = new Date(t.now.getTime() + 14 * 24 * HOUR);
    const [c, d] = await Promise.all([runNeedDeadlines(t.db, expiry), runNeedDeadlines(second, expiry)]);
    assert.deepEqual([...c.expired, ...d.expired].sort(), [claimedNeed.id, idle.id].sort());
    const audits = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE actor_kind = 'system' AND subject_id = ANY($1::text[]) ORDER BY seq`, [[claimedNeed.id, idle.id]]);
    assert.deepEqual(audits.map((r) => r.action).sort(), ['need.expired', 'need.expired', 'need.released']);
    const again = await runNeedDeadlines(t.db, expiry);
    assert.deepEqual(again, { released: [], expired: [] }, 'a second run finds nothing');
  });

  it('leaves a batch that failed midway for the next run', async () => {
    const need = await fileOpenNeed();
    await call(t.app, 'POST', `/v1/needs/${need.id}/claim`, { bearer: volunteers[0]! });
    const later = new Date(t.now.getTime() + 49 * HOUR);
    await assert.rejects(runNeedDeadlines(t.db, later, { beforeCommit: (ids) => { if (ids.length) throw new Error('crash'); } }), /crash/);
    const [row] = await t.db.query<{ status: string }>(`SELECT status FROM needs WHERE id = $1`, [need.id]);
    assert.equal(row!.status, 'claimed');
    assert.deepEqual((await runNeedDeadlines(t.db, later)).released, [need.id]);
  });
});

describe('privacy', () => {
  it('shows the seeded needs\' address and contact nowhere but in the claimer\'s own view: not in answers, stored answers, the audit log, events or log lines', async () => {
    const residents = [
      { name: '欧阳秀兰', mobile: '13700007001', address: '古荡湾新村 17 幢 3 单元 502 室' },
      { name: '司马建国', mobile: '13700007002', address: '翠苑一区 28 幢 1 单元 101 室' },
      { name: '诸葛玉珍', mobile: '13700007003', address: '文鼎苑 6 幢 2 单元 1203 室' },
    ];
    const secrets = residents.flatMap((r) => [r.name, r.mobile, r.address]);
    const logged: string[] = [];
    const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
    for (const name of ['log', 'error', 'warn', 'info'] as const) console[name] = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    const app = createApp(t.db, { readCacheMs: 0, rateLimit: false, log: true, now: () => t.now });
    const seen: string[] = [];
    const claimerViews: string[] = [];
    const scan = async (method: string, path: string, options: Parameters<typeof call>[3] = {}) => {
      const answer = await call(app, method, path, options);
      seen.push(`${method} ${path} → ${answer.status} ${answer.text}`);
      return answer;
    };
    try {
      const ids: string[] = [];
      const filedByResident = await scan('POST', '/v1/needs', { bearer: PK, body: needBody({ consent: RESIDENT_CONSENT, organizationId: orgId }, residents[0]) });
      ids.push(filedByResident.body.id);
      await scan('POST', `/v1/organizer/needs/${ids[0]}/moderate`, { bearer: organizer, body: { decision: 'open' } });
      for (const resident of residents.slice(1)) ids.push((await scan('POST', '/v1/needs', { bearer: organizer, body: needBody({}, resident) })).body.id);
      await scan('POST', '/v1/needs', { bearer: organizer, body: needBody({ title: '' }, residents[1]) });
      await scan('POST', '/v1/needs', { bearer: PK, body: needBody({ consent: {} }, residents[2]) });

      await scan('POST', `/v1/needs/${ids[0]}/claim`, { bearer: volunteers[0]!, headers: { 'Idempotency-Key': 'privacy-claim' } });
      claimerViews.push((await call(app, 'GET', `/v1/me/claims/${ids[0]}`, { bearer: volunteers[0]! })).text);
      await scan('POST', `/v1/needs/${ids[0]}/claim`, { bearer: volunteers[1]! });
      await scan('GET', `/v1/me/claims/${ids[0]}`, { bearer: volunteers[1]! });
      await scan('GET', '/v1/me/claims', { bearer: volunteers[0]! });
      const fulfilled = await scan('POST', `/v1/needs/${ids[0]}/fulfil`, { bearer: volunteers[0]!, body: { minutes: 30 } });
      await scan('GET', `/v1/me/claims/${ids[0]}`, { bearer: volunteers[0]! });
      await scan('POST', `/v1/needs/${ids[0]}/confirm`, { bearer: PK, body: { method: 'code', code: fulfilled.body.confirmationCode } });
      await scan('POST', `/v1/organizer/needs/${ids[1]}/cancel`, { bearer: organizer, body: { reason: '家属已安排' } });
      for (const status of ['open', 'claimed', 'fulfilled', 'confirmed']) await scan('GET', `/v1/needs?status=${status}`, { key: PK });
      for (const id of ids) await scan('GET', `/v1/needs/${id}`, { key: PK });
      await scan('GET', '/v1/organizer/needs', { bearer: organizer });
      await scan('GET', '/v1/service-menu', { key: PK });
      await scan('GET', '/v1/audit-log?limit=100', { bearer: SK });
      await scan('GET', '/v1/signups', { bearer: SK });
      await scan('GET', '/v1/me/service-records', { bearer: volunteers[0]! });
      await scan('GET', '/v1/organizer/service-records', { bearer: organizer });
      await scan('GET', '/v1/stats', { key: PK });
      await scan('GET', '/v1/honor-board', { key: PK });
      seen.push(JSON.stringify(await t.db.query('SELECT * FROM outbox_events')));
      seen.push(JSON.stringify(await t.db.query('SELECT * FROM audit_log')));
      seen.push(JSON.stringify(await t.db.query('SELECT * FROM idempotency_keys')));
      seen.push(JSON.stringify(await t.db.query('SELECT id, title, details, requester_masked, consent, status_reason, helper_name FROM needs')));
      await runNeedDeadlines(t.db, new Date(t.now.getTime() + 30 * 24 * HOUR));
    } finally {
      Object.assign(console, original);
    }
    assert.ok(logged.length >= seen.length - 3, 'the access log wrote a line per request');
    // The scan can fail: the claimer's own view does hold the first resident's address and contact.
    assert.equal(claimerViews.length, 1);
    assert.ok(claimerViews.every((text) => text.includes(residents[0]!.address) && text.includes(residents[0]!.mobile)));
    const leaks = [...seen, ...logged].flatMap((text) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${text.slice(0, 160)}`));
    assert.deepEqual(leaks, []);
  });
});
