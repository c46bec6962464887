/** Listing and searching opportunities, organizations, honor boards, stats and service hours. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HonorBoard, ImpactStats, OpportunityPage, OrganizationPage, ServiceRecord, ServiceRecordPage, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { createApp } from '../src/app.js';
import * as q from '../src/db/queries.js';
import {
  addOpportunity, assertProblem, assertShape, call, nextMobile, SEED_KEYS, useTestApp,
} from './helpers.js';

const { news, campus } = SEED_KEYS;
const DAY = 86_400_000;
const env = useTestApp();

const ids = (res: { body: { data: Array<{ id: string }> } }) => res.body.data.map((o) => o.id);
const list = (query: string, key: string = news.publishableKey) => call(env.app, 'GET', `/v1/opportunities?${query}`, { key });

describe('GET /v1/opportunities filters', () => {
  it('q finds Chinese text in title, summary, organizer and place; every term must match', async () => {
    const a = await addOpportunity(env.db, { title: '西湖边敬老院陪伴聊天', summary: '陪老人聊天' });
    const b = await addOpportunity(env.db, { title: '河道清洁', summary: '沿着西湖步道捡垃圾' });
    const c = await addOpportunity(env.db, { title: '图书整理', orgName: '宁波市图书馆' });
    assert.deepEqual(new Set(ids(await list('q=西湖'))), new Set([a.opportunityId, b.opportunityId]));
    assert.deepEqual(ids(await list(`q=${encodeURIComponent('宁波 图书')}`)), [c.opportunityId]);
    assert.deepEqual(ids(await list('q=西湖'))[0], a.opportunityId, 'a title match ranks first');
    assert.deepEqual(ids(await list(`q=${encodeURIComponent('100%')}`)), [], 'wildcards are literal');
  });

  it('category, orgId, regionCode prefix, skills, status', async () => {
    const hz = await addOpportunity(env.db, { category: 'elderly', regionCode: '330106', skills: ['first_aid', 'driving'] });
    const nb = await addOpportunity(env.db, { category: 'environment', regionCode: '330212', skills: ['photography'] });
    const done = await addOpportunity(env.db, { status: 'completed' });
    assert.deepEqual(ids(await list('category=elderly')), [hz.opportunityId]);
    assert.deepEqual(ids(await list(`orgId=${nb.orgId}`)), [nb.opportunityId]);
    assert.deepEqual(ids(await list('regionCode=3302')), [nb.opportunityId]);
    assert.deepEqual(ids(await list('regionCode=33')).length, 2);
    assert.deepEqual(ids(await list('skills=driving,sign_language')), [hz.opportunityId]);
    assert.ok(!ids(await list('limit=100')).includes(done.opportunityId), 'completed ones are not listed by default');
    assert.deepEqual(ids(await list('status=completed')), [done.opportunityId]);
  });

  it('near + radiusKm uses the great-circle distance; sort=distance orders by it', async () => {
    const westLake = await addOpportunity(env.db, { lat: 30.2594, lng: 120.13 });
    const xiaoshan = await addOpportunity(env.db, { lat: 30.1837, lng: 120.2645 }); // ~15 km away
    const ningbo = await addOpportunity(env.db, { lat: 29.8596, lng: 121.5509 }); // ~145 km away
    await addOpportunity(env.db, { lat: null, lng: null });
    assert.deepEqual(ids(await list('near=30.2594,120.13&radiusKm=5')), [westLake.opportunityId]);
    assert.deepEqual(new Set(ids(await list('near=30.2594,120.13&radiusKm=20'))), new Set([westLake.opportunityId, xiaoshan.opportunityId]));
    const sorted = ids(await list('near=29.86,121.55&sort=distance'));
    assert.deepEqual(sorted.slice(0, 3), [ningbo.opportunityId, xiaoshan.opportunityId, westLake.opportunityId]);
    assertProblem(await list('radiusKm=5'), 422, 'validation_failed');
    assertProblem(await list('near=91,200'), 422, 'validation_failed');
  });

  it('an out-of-range near or radiusKm is a 422 that names the parameter and what is wrong', async () => {
    const fieldErrors = async (query: string) => {
      const res = await list(query);
      assertProblem(res, 422, 'validation_failed');
      return (res.body.errors as Array<{ path: string; code: string; message: string }>).map((e) => [e.path, e.code, e.message]);
    };
    assert.deepEqual(await fieldErrors('near=91,120'), [['near', 'out_of_range', 'must have a latitude between -90 and 90']]);
    assert.deepEqual(await fieldErrors('near=30,-180.5'), [['near', 'out_of_range', 'must have a longitude between -180 and 180']]);
    assert.deepEqual(await fieldErrors('near=91,200'), [['near', 'out_of_range', 'must have a latitude between -90 and 90 and a longitude between -180 and 180']]);
    assert.deepEqual(await fieldErrors('near=abc'), [['near', 'invalid_format', 'must be "lat,lng" in decimal degrees']]);
    assert.deepEqual((await fieldErrors('near=30,120&radiusKm=501')).map(([path]) => path), ['radiusKm']);
    assert.deepEqual((await fieldErrors('near=30,120&radiusKm=0')).map(([path]) => path), ['radiusKm']);
    const edge = await addOpportunity(env.db, { lat: 90, lng: 180 });
    assert.deepEqual(ids(await list('near=90,180&radiusKm=0.1')), [edge.opportunityId], 'the bounds themselves are points');
  });

  it('from/to select by shift time; hasOpenSlots drops full ones', async () => {
    const soon = await addOpportunity(env.db, { shiftStarts: [new Date(Date.now() + 2 * DAY)], capacity: 1 });
    const later = await addOpportunity(env.db, { shiftStarts: [new Date(Date.now() + 20 * DAY)] });
    const inTenDays = new Date(Date.now() + 10 * DAY).toISOString();
    assert.deepEqual(ids(await list(`to=${inTenDays}`)), [soon.opportunityId]);
    assert.deepEqual(ids(await list(`from=${inTenDays}`)), [later.opportunityId]);
    await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId: soon.opportunityId, shiftId: soon.shiftIds[0], volunteer: { name: '周', mobile: nextMobile() }, consent: { policyVersion: '2026-01', accepted: true } } });
    assert.deepEqual(ids(await list('hasOpenSlots=true')), [later.opportunityId]);
    const full = (await list('')).body.data.find((o: { id: string }) => o.id === soon.opportunityId);
    assert.equal(full.status, 'full');
  });

  it('cursor pagination walks every item exactly once, for each sort', async () => {
    for (let i = 0; i < 23; i++) {
      await addOpportunity(env.db, { title: `活动${i}`, shiftStarts: [new Date(Date.now() + ((i % 5) + 1) * DAY)], createdAt: new Date(Date.now() - (i % 3) * DAY), capacity: 5 + (i % 4) });
    }
    for (const sort of ['startsAt', 'newest', 'spotsLeft', 'relevance', 'distance']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const near: string = sort === 'distance' ? '&near=30.2,120.1' : '';
        const res = await list(`limit=5&sort=${sort}${near}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.status, 200, res.text);
        assertShape(OpportunityPage, res.body);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 5, sort);
      assert.equal(seen.length, 23, sort);
      assert.equal(new Set(seen).size, 23, `${sort}: no duplicates`);
    }
    const first = await list('limit=5&sort=newest');
    assertProblem(await list(`limit=5&sort=startsAt&cursor=${first.body.nextCursor}`), 422, 'validation_failed');
  });
});

describe('organizations', () => {
  it('lists with filters and pages; gets one; 404 for unknown', async () => {
    const a = await addOpportunity(env.db, { orgName: '杭州市西湖区志愿者协会', regionCode: '330106' });
    await addOpportunity(env.db, { orgName: '宁波市慈善总会', regionCode: '330212' });
    const all = await call(env.app, 'GET', '/v1/organizations?limit=1', { key: news.publishableKey });
    assertShape(OrganizationPage, all.body);
    assert.equal(all.body.data.length, 1);
    const next = await call(env.app, 'GET', `/v1/organizations?limit=1&cursor=${all.body.nextCursor}`, { key: news.publishableKey });
    assert.notEqual(next.body.data[0].id, all.body.data[0].id);
    assert.equal(next.body.nextCursor, null);
    const searched = await call(env.app, 'GET', `/v1/organizations?q=${encodeURIComponent('西湖')}`, { key: news.publishableKey });
    assert.deepEqual(ids(searched), [a.orgId]);
    const one = await call(env.app, 'GET', `/v1/organizations/${a.orgId}`, { key: news.publishableKey });
    assert.equal(one.body.name, '杭州市西湖区志愿者协会');
    assertProblem(await call(env.app, 'GET', '/v1/organizations/org_nothere1', { key: news.publishableKey }), 404, 'not_found');
  });
});

describe('service hours, honor board and stats', () => {
  async function volunteer(name: string, showName: boolean, channel: { secretKey: string } = news) {
    const res = await call(env.app, 'POST', '/v1/sessions', { bearer: channel.secretKey, body: { externalId: `ext-${name}`, volunteer: { name, mobile: nextMobile(), showName } } });
    return res.body as { token: string; volunteerId: string };
  }
  async function record(volunteerId: string, opp: { opportunityId: string; shiftIds: string[] }, hours: number, decision: 'approve' | 'reject' | null, key = news.secretKey) {
    const checkIn = new Date(Date.now() - 2 * DAY);
    const res = await call(env.app, 'POST', '/v1/service-records', { bearer: key, body: {
      volunteerId, opportunityId: opp.opportunityId, shiftId: opp.shiftIds[0], checkIn: checkIn.toISOString(),
      checkOut: new Date(checkIn.getTime() + hours * 3_600_000).toISOString(), recordedBy: '签到员' } });
    assert.equal(res.status, 201, res.text);
    assertShape(ServiceRecord, res.body);
    assert.equal(res.body.status, 'pending');
    if (decision) {
      const reviewed = await call(env.app, 'POST', `/v1/service-records/${res.body.id}/${decision}`, { bearer: key, body: { reviewedBy: '审核员' } });
      assert.equal(reviewed.status, 200, reviewed.text);
      assert.equal(reviewed.body.status, decision === 'approve' ? 'approved' : 'rejected');
    }
    return res.body.id as string;
  }

  it('only approved hours count toward profile, stars, points, board and stats; ties share a rank; names masked unless opted in', async () => {
    const orgA = await addOpportunity(env.db, { orgName: '甲协会', pointsPerHour: 10, regionCode: '330106' });
    const orgB = await addOpportunity(env.db, { orgName: '乙协会', pointsPerHour: 20, regionCode: '330212' });
    const zhang = await volunteer('张小明', false);
    const li = await volunteer('李华', true);
    const wang = await volunteer('王大力', false);
    const zhao = await volunteer('赵四', false);
    await record(zhang.volunteerId, orgA, 8, 'approve');
    await record(zhang.volunteerId, orgA, 8, null); // pending: must not count
    await record(li.volunteerId, orgB, 8, 'approve');
    await record(wang.volunteerId, orgA, 4, 'approve');
    await record(wang.volunteerId, orgA, 6, 'reject');
    await record(zhao.volunteerId, orgA, 2, 'approve');

    const board = await call(env.app, 'GET', '/v1/honor-board?period=all&metric=hours', { key: news.publishableKey });
    assert.equal(board.status, 200, board.text);
    assertShape(HonorBoard, board.body);
    // Tied entries come in id order (random ids), so compare them sorted by rank, then name.
    const lines = board.body.entries.map((e: { rank: number; value: number; subject: { name: string } }) => [e.rank, e.subject.name, e.value] as const);
    assert.deepEqual([...lines].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])),
      [[1, '张*明', 8], [1, '李华', 8], [3, '王*力', 4], [4, '赵*', 2]].sort((x, y) => (x[0] as number) - (y[0] as number) || String(x[1]).localeCompare(String(y[1]))));
    assert.doesNotMatch(board.text, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no phone numbers on the board');

    const points = await call(env.app, 'GET', '/v1/honor-board?period=all&metric=points', { key: news.publishableKey });
    assert.deepEqual(points.body.entries.slice(0, 2).map((e: { value: number }) => e.value), [160, 80]);

    const teams = await call(env.app, 'GET', '/v1/honor-board?period=all&subject=organization', { key: news.publishableKey });
    assertShape(HonorBoard, teams.body);
    assert.deepEqual(teams.body.entries.map((e: { subject: { id: string; starLevel: null }; value: number }) => [e.subject.id, e.value, e.subject.starLevel]),
      [[orgA.orgId, 14, null], [orgB.orgId, 8, null]]);
    const region = await call(env.app, 'GET', '/v1/honor-board?period=all&scope=region:3302', { key: news.publishableKey });
    assert.deepEqual(region.body.entries.map((e: { subject: { id: string } }) => e.subject.id), [li.volunteerId]);
    const org = await call(env.app, 'GET', `/v1/honor-board?period=all&scope=org:${orgA.orgId}&limit=1`, { key: news.publishableKey });
    assert.equal(org.body.entries.length, 1);

    const me = await call(env.app, 'GET', '/v1/me', { bearer: zhang.token });
    assertShape(VolunteerProfile, me.body);
    assert.deepEqual([me.body.approvedHours, me.body.points, me.body.starLevel, me.body.hoursToNextStar], [8, 80, 0, 92]);
    const records = await call(env.app, 'GET', '/v1/me/service-records', { bearer: zhang.token });
    assertShape(ServiceRecordPage, records.body);
    assert.deepEqual(records.body.data.map((r: { status: string }) => r.status).sort(), ['approved', 'pending']);
    const pending = await call(env.app, 'GET', '/v1/me/service-records?status=pending', { bearer: zhang.token });
    assert.equal(pending.body.data.length, 1);
    const ofShift = await call(env.app, 'GET', `/v1/me/service-records?shiftId=${orgA.shiftIds[0]}`, { bearer: zhang.token });
    assert.equal(ofShift.body.data.length, 2, 'both records are of the first shift');
    const otherShift = await call(env.app, 'GET', `/v1/me/service-records?shiftId=${orgB.shiftIds[0]}`, { bearer: zhang.token });
    assert.deepEqual(otherShift.body.data, [], 'shiftId: none of another shift');

    const stats = await call(env.app, 'GET', '/v1/stats?period=all', { key: news.publishableKey });
    assertShape(ImpactStats, stats.body);
    assert.equal(stats.body.approvedHours, 22);
    assert.equal(stats.body.registeredVolunteers, 4);
    assert.equal(stats.body.organizations, 2);
    assert.equal(stats.body.openOpportunities, 2);
  });

  it('star levels follow approved hours (and a configured rule)', async () => {
    const opp = await addOpportunity(env.db);
    const v = await volunteer('钱多多', false);
    for (let i = 0; i < 5; i++) await record(v.volunteerId, opp, 20, 'approve');
    assert.equal((await call(env.app, 'GET', '/v1/me', { bearer: v.token })).body.starLevel, 1);
    await q.settingOrCreate(env.db, 'star_rule', JSON.stringify({ thresholds: [10, 20, 50, 80, 100] }));
    assert.equal((await call(env.app, 'GET', '/v1/me', { bearer: v.token })).body.starLevel, 5);
  });

  it('the period counts hours by check-out time', async () => {
    const opp = await addOpportunity(env.db);
    const v = await volunteer('孙悟', true);
    await record(v.volunteerId, opp, 3, 'approve');
    const week = await call(env.app, 'GET', '/v1/honor-board?period=week', { key: news.publishableKey });
    assert.equal(week.body.entries[0].value, 3);
    const past = createApp(env.db, { readCacheMs: 0, rateLimit: false, now: () => new Date(Date.now() + 10 * DAY) });
    const later = await call(past, 'GET', '/v1/honor-board?period=week', { key: news.publishableKey });
    assert.deepEqual(later.body.entries, []);
  });

  it('service records: the volunteer must be the channel\'s; a record is reviewed once; hours cannot exceed the time served', async () => {
    const opp = await addOpportunity(env.db);
    const campusVolunteer = await volunteer('吴用', false, campus);
    const res = await call(env.app, 'POST', '/v1/service-records', { bearer: news.secretKey, body: { volunteerId: campusVolunteer.volunteerId, opportunityId: opp.opportunityId, shiftId: opp.shiftIds[0], checkIn: '2026-01-01T01:00:00Z', checkOut: '2026-01-01T03:00:00Z', recordedBy: 'x' } });
    assertProblem(res, 404, 'not_found');
    const v = await volunteer('郑和', false);
    const tooMany = await call(env.app, 'POST', '/v1/service-records', { bearer: news.secretKey, body: { volunteerId: v.volunteerId, opportunityId: opp.opportunityId, shiftId: opp.shiftIds[0], checkIn: '2026-01-01T01:00:00Z', checkOut: '2026-01-01T03:00:00Z', hours: 5, recordedBy: 'x' } });
    assertProblem(tooMany, 422, 'validation_failed');
    const backwards = await call(env.app, 'POST', '/v1/service-records', { bearer: news.secretKey, body: { volunteerId: v.volunteerId, opportunityId: opp.opportunityId, shiftId: opp.shiftIds[0], checkIn: '2026-01-01T03:00:00Z', checkOut: '2026-01-01T01:00:00Z', recordedBy: 'x' } });
    assertProblem(backwards, 422, 'validation_failed');
    const id = await record(v.volunteerId, opp, 2, 'approve');
    assertProblem(await call(env.app, 'POST', `/v1/service-records/${id}/reject`, { bearer: news.secretKey, body: { reviewedBy: 'y' } }), 409, 'conflict');
    assert.equal((await call(env.app, 'POST', `/v1/service-records/${id}/approve`, { bearer: news.secretKey, body: { reviewedBy: 'y' } })).status, 200, 'approving again is a no-op');
    assertProblem(await call(env.app, 'POST', `/v1/service-records/${id}/approve`, { bearer: campus.secretKey, body: { reviewedBy: 'y' } }), 404, 'not_found');
  });
});
