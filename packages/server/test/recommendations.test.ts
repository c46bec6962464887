/**
 * GET /v1/me/recommendations and dismissing one, over HTTP with an injected clock: what the hard
 * filters hide, the reasons and order of what is left, paging, and dismissals.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { RecommendationDismissal, RecommendationPage } from '@volunteerkit/sdk/schemas';
import { CONSENT, SEED_KEYS, addOpportunity, assertProblem, assertShape, call, nextMobile, useTestApp } from './helpers.js';

const t = useTestApp({ resetEachTest: false });
const { campus, news } = SEED_KEYS;
const NOW = new Date('2026-12-01T00:00:00Z'); // Tuesday 08:00 in Shanghai
const at = (iso: string) => new Date(iso);

let token = '';
const ids: Record<string, string> = {};

before(async () => {
  await t.ready;
  t.now = NOW;
  const { resetToChannels } = await import('./helpers.js');
  await resetToChannels(t.db);
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: campus.secretKey, body: {
    externalId: 'stu-2024001', volunteer: { name: '陈同学', mobile: nextMobile(), studentId: '2024001', birthDate: '2006-05-01' }, ttlSeconds: 86400 } });
  assert.equal(minted.status, 201, minted.text);
  token = minted.body.token;

  // What the student signed up for before: environment, first aid, 西湖区, Saturday morning.
  const past = await addOpportunity(t.db, { category: 'environment', skills: ['first_aid'], regionCode: '330106', shiftStarts: [at('2026-12-05T01:00:00Z')] });
  const signed = await call(t.app, 'POST', '/v1/signups', { bearer: token, body: { opportunityId: past.opportunityId, shiftId: past.shiftIds[0], consent: CONSENT } });
  assert.equal(signed.status, 201, signed.text);
  ids['signedUp'] = past.opportunityId;

  const add = async (name: string, options: Parameters<typeof addOpportunity>[1]) => (ids[name] = (await addOpportunity(t.db, options)).opportunityId);
  await add('everything', { category: 'environment', skills: ['first_aid', 'driving'], regionCode: '330106', shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await add('sameCitySoon', { category: 'community', regionCode: '330108', shiftStarts: [at('2026-12-02T12:00:00Z')] });
  await add('nothing', { category: 'elderly', regionCode: '110101', shiftStarts: [at('2026-12-20T12:00:00Z')] });
  await add('toDismiss', { category: 'elderly', regionCode: '110101', shiftStarts: [at('2026-12-21T12:00:00Z')] });
  // Each of these is hidden by one hard filter, though it would score well.
  const full = await addOpportunity(t.db, { category: 'environment', regionCode: '330106', capacity: 1, shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await t.db.query('UPDATE shifts SET signed_up = capacity WHERE id = $1', [full.shiftIds[0]!]);
  ids['full'] = full.opportunityId;
  await add('clash', { category: 'environment', regionCode: '330106', shiftStarts: [at('2026-12-05T02:00:00Z')] });
  await add('tooYoung', { category: 'environment', regionCode: '330106', minAge: 22, shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await add('closed', { category: 'environment', regionCode: '330106', signupClosesAt: at('2026-11-30T00:00:00Z'), shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await add('otherChannel', { category: 'environment', regionCode: '330106', audience: news.channelId, shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await add('draft', { category: 'environment', regionCode: '330106', status: 'draft', shiftStarts: [at('2026-12-12T01:00:00Z')] });
  await add('started', { category: 'environment', regionCode: '330106', shiftStarts: [at('2026-11-30T23:00:00Z')] });
});

const list = (query = '') => call(t.app, 'GET', `/v1/me/recommendations${query}`, { bearer: token });
const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

describe('GET /v1/me/recommendations', () => {
  it('leaves out what the hard filters hide and ranks the rest by their reasons', async () => {
    const answer = await list();
    assert.equal(answer.status, 200, answer.text);
    assertShape(RecommendationPage, answer.body);
    const page = answer.body as RecommendationPage;
    // Equal scores: the sooner shift first.
    assert.deepEqual(page.data.map((r) => [nameOf(r.id), r.score]), [['everything', 90], ['sameCitySoon', 20], ['nothing', 0], ['toDismiss', 0]]);
    const everything = page.data[0]!;
    assert.deepEqual(everything.reasons, [
      { code: 'skill_match', params: { skills: ['first_aid'] } },
      { code: 'you_liked_category', params: { category: 'environment' } },
      { code: 'near_you', params: { regionCode: '330106', level: 'district' } },
      { code: 'fits_your_time', params: { weekday: 6, partOfDay: 'morning' } },
    ]);
    assert.equal(everything.title, '测试活动', 'an item is the list item of GET /v1/opportunities');
    assert.equal(everything.nextShift?.start, '2026-12-12T01:00:00.000Z');
    assert.deepEqual(page.data[1]!.reasons.map((r) => r.code), ['near_you', 'short_of_people']);
    assert.equal(answer.headers.get('cache-control'), 'private, no-store');
  });

  it('pages by score and id with a cursor', async () => {
    const first = await list('?limit=3');
    assert.equal(first.body.data.length, 3);
    assert.ok(first.body.nextCursor);
    const second = await list(`?limit=3&cursor=${first.body.nextCursor}`);
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.nextCursor, null);
    assert.deepEqual([...first.body.data, ...second.body.data].map((r: { id: string }) => r.id), (await list()).body.data.map((r: { id: string }) => r.id));
  });

  it('takes the region from the query when given', async () => {
    const answer = await list('?regionCode=110101');
    const nothing = answer.body.data.find((r: { id: string }) => r.id === ids['nothing']);
    assert.deepEqual(nothing.reasons, [{ code: 'near_you', params: { regionCode: '110101', level: 'district' } }]);
    assert.equal(nothing.score, 20);
  });

  it('refuses a bad region code, a bad cursor, and callers without a volunteer session', async () => {
    const bad = await list('?regionCode=33');
    assertProblem(bad, 422, 'validation_failed');
    assert.equal(bad.body.errors[0].path, 'regionCode');
    assertProblem(await list('?cursor=nope'), 422, 'validation_failed');
    assertProblem(await call(t.app, 'GET', '/v1/me/recommendations', { key: campus.publishableKey }), 401, 'unauthorized');
  });
});

describe('POST /v1/me/recommendations/{opportunityId}/dismiss', () => {
  const dismiss = (id: string, headers: Record<string, string> = {}) =>
    call(t.app, 'POST', `/v1/me/recommendations/${id}/dismiss`, { bearer: token, headers });

  it('hides the activity from later answers, and dismissing again changes nothing', async () => {
    const first = await dismiss(ids['toDismiss']!, { 'Idempotency-Key': 'dismiss-1' });
    assert.equal(first.status, 200, first.text);
    assertShape(RecommendationDismissal, first.body);
    assert.deepEqual(first.body, { opportunityId: ids['toDismiss'], dismissedAt: NOW.toISOString() });
    t.now = new Date(NOW.getTime() + 60_000);
    const again = await dismiss(ids['toDismiss']!);
    assert.deepEqual(again.body, first.body, 'the first dismissal stays on record');
    const replay = await dismiss(ids['toDismiss']!, { 'Idempotency-Key': 'dismiss-1' });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    t.now = NOW;
    const ids_ = (await list()).body.data.map((r: { id: string }) => r.id);
    assert.ok(!ids_.includes(ids['toDismiss']));
    assert.ok(ids_.includes(ids['nothing']));
  });

  it("answers 404 for an activity the channel cannot see, or an id that is none", async () => {
    assertProblem(await dismiss(ids['otherChannel']!), 404, 'not_found');
    assertProblem(await dismiss(ids['draft']!), 404, 'not_found');
    assertProblem(await dismiss('opp_doesnotexist1'), 404, 'not_found');
    assertProblem(await dismiss('nonsense'), 404, 'not_found');
  });
});
