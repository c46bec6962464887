/**
 * Rewards and redemptions: the catalog, a redemption holding points and stock under a 6-digit
 * code, the desk's capture, the volunteer's undo within 10 minutes, expiry returning points and
 * stock (two instances at once), and concurrent redemptions that never oversell the stock. On
 * PostgreSQL the concurrent requests really run at once, each on its own connection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redemption, RewardPage } from '@volunteerkit/sdk/schemas';
import { openDatabase } from '../src/db/database.js';
import { authorizeChannelFor, decideRecords } from '../src/db/hours-queries.js';
import { runRedemptionExpiry } from '../src/services/recognition.js';
import { addOpportunity, assertProblem, assertShape, call, SEED_KEYS, useTestApp } from './helpers.js';
import { addPendingRecord, addReward, assertBooksBalance, balance } from './recognition-helpers.js';

const t = useTestApp();
const news = SEED_KEYS.news;
const MINUTE = 60_000;

/** A signed-in volunteer with `points` available (one approved record at 1 point per hour… × 100). */
async function volunteerWith(points: number, externalId = `v${Math.random().toString(36).slice(2)}`): Promise<{ token: string; volunteerId: string }> {
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId, volunteer: { name: '林晓雨' } } });
  assert.equal(minted.status, 201, minted.text);
  const volunteerId: string = minted.body.volunteerId;
  if (points > 0) {
    const fx = await addOpportunity(t.db, { pointsPerHour: points });
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 1);
    await t.db.query(`UPDATE service_records SET status = 'approved', updated_at = now() WHERE id = $1`, [recordId]);
  }
  return { token: minted.body.token, volunteerId };
}

const redeem = (token: string, rewardId: string, key?: string) =>
  call(t.app, 'POST', '/v1/me/redemptions', { bearer: token, body: { rewardId }, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
const stockOf = async (rewardId: string) => (await t.db.query<{ n: number }>('SELECT stock_left AS n FROM rewards WHERE id = $1', [rewardId]))[0]!.n;

describe('the catalog', () => {
  it('lists the channel\'s rewards on offer, cheapest first, to a publishable key', async () => {
    const expensive = await addReward(t.db, { cost: 500, stock: 3 });
    const cheap = await addReward(t.db, { cost: 100, stock: 0 });
    await addReward(t.db, { cost: 50, stock: 9, channelId: SEED_KEYS.campus.channelId });
    const page = await call(t.app, 'GET', '/v1/rewards', { key: news.publishableKey });
    assert.equal(page.status, 200, page.text);
    assertShape(RewardPage, page.body);
    assert.deepEqual(page.body.data.map((r: { id: string; stockLeft: number }) => [r.id, r.stockLeft]), [[cheap, 0], [expensive, 3]]);
  });
});

describe('redeeming', () => {
  it('holds the cost and one of the stock under a 6-digit code; a retry with the same key holds nothing more', async () => {
    const { token, volunteerId } = await volunteerWith(300);
    const rewardId = await addReward(t.db, { cost: 120, stock: 2 });
    t.now = new Date('2026-12-01T02:00:00Z');
    const first = await redeem(token, rewardId, 'redeem-once');
    assert.equal(first.status, 201, first.text);
    assertShape(Redemption, first.body);
    assert.match(first.body.code, /^\d{6}$/);
    assert.deepEqual([first.body.status, first.body.undoUntil, first.body.expiresAt], ['held', '2026-12-01T02:10:00.000Z', '2026-12-31T02:00:00.000Z']);
    const retry = await redeem(token, rewardId, 'redeem-once');
    assert.deepEqual(retry.body, first.body);
    assert.deepEqual(await balance(t.db, volunteerId), { available: 180, held: 120 });
    assert.equal(await stockOf(rewardId), 1);
    await assertBooksBalance(t.db);
  });

  it('refuses with the reason on rewardId: too few points, none left, unknown reward', async () => {
    const { token, volunteerId } = await volunteerWith(100);
    const dear = await addReward(t.db, { cost: 101, stock: 5 });
    const gone = await addReward(t.db, { cost: 10, stock: 0 });
    const poor = await redeem(token, dear);
    assertProblem(poor, 422, 'validation_failed');
    assert.deepEqual(poor.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['rewardId', 'insufficient_points']]);
    const none = await redeem(token, gone);
    assert.deepEqual(none.body.errors.map((e: { code: string }) => e.code), ['out_of_stock']);
    assertProblem(await redeem(token, 'rwd_doesnotexist'), 404, 'not_found');
    assert.deepEqual(await balance(t.db, volunteerId), { available: 100, held: 0 });
    assert.equal(await stockOf(dear), 5, 'a refused redemption takes no stock');
  });

  it('never oversells: concurrent redemptions of a reward with 3 left give exactly 3 codes', async () => {
    const rewardId = await addReward(t.db, { cost: 10, stock: 3 });
    const volunteers = await Promise.all(Array.from({ length: 8 }, (_, i) => volunteerWith(50, `racer${i}`)));
    // On PostgreSQL each request runs on its own pooled connection, at the same time as the others.
    const answers = await Promise.all(volunteers.map((v) => redeem(v.token, rewardId)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 201, 422, 422, 422, 422, 422]);
    assert.equal(await stockOf(rewardId), 0);
    const codes = answers.filter((a) => a.status === 201).map((a) => a.body.code);
    assert.equal(new Set(codes).size, 3, 'three distinct codes');
    await assertBooksBalance(t.db);
  });

  it('never overspends: one volunteer\'s concurrent redemptions hold no more than their points', async () => {
    const { token, volunteerId } = await volunteerWith(100);
    const rewardId = await addReward(t.db, { cost: 30, stock: 50 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => redeem(token, rewardId)));
    assert.equal(answers.filter((a) => a.status === 201).length, 3);
    assert.deepEqual(await balance(t.db, volunteerId), { available: 10, held: 90 });
    assert.equal(await stockOf(rewardId), 47);
  });
});

describe('everything at once', () => {
  it('concurrent bulk approvals (volunteers in opposite orders), redemptions, undos and an expiry run neither deadlock nor unbalance the books', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const rewardId = await addReward(t.db, { cost: 10, stock: 40, validityDays: 1 });
    t.now = new Date('2026-12-01T02:00:00Z');
    const volunteers = await Promise.all(Array.from({ length: 6 }, (_, i) => volunteerWith(30, `busy${i}`)));
    const records = await Promise.all(volunteers.flatMap((v) => [1, 2].map(() => addPendingRecord(t.db, fx, v.volunteerId, 1))));
    const old = await Promise.all(volunteers.map((v) => redeem(v.token, rewardId)));
    const half = records.length / 2;
    // Two reviews whose records' volunteers come in opposite orders, redemptions and undos by the
    // same volunteers, and an expiry run over their older codes, all at the same time.
    const work = await Promise.allSettled([
      t.db.transaction((tx) => decideRecords(tx, records.slice(0, half), 'approved', 'a', null, t.now)),
      t.db.transaction((tx) => decideRecords(tx, records.slice(half).reverse(), 'approved', 'b', null, t.now)),
      ...volunteers.map((v) => redeem(v.token, rewardId)),
      ...old.map((r, i) => call(t.app, 'POST', `/v1/me/redemptions/${r.body.id}/undo`, { bearer: volunteers[i]!.token })),
      runRedemptionExpiry(t.db, new Date('2026-12-02T03:00:00Z')),
    ]);
    const failures = work.flatMap((w) => w.status === 'rejected' ? [String(w.reason)]
      : w.value && typeof w.value === 'object' && 'status' in w.value && typeof w.value.status === 'number' && w.value.status >= 500 ? [w.value.text] : []);
    assert.deepEqual(failures, [], 'no deadlock, no error (a deadlock in a request would be a 500)');
    await assertBooksBalance(t.db);
    const books = await call(t.app, 'GET', '/v1/points/reconciliation', { bearer: news.secretKey });
    assert.equal(books.body.balanced, true, JSON.stringify(books.body));
  });
});

describe('undo, capture and expiry', () => {
  it('the volunteer undoes within 10 minutes: points and stock return; not after', async () => {
    const { token, volunteerId } = await volunteerWith(100);
    const rewardId = await addReward(t.db, { cost: 40, stock: 1 });
    t.now = new Date('2026-12-01T02:00:00Z');
    const kept = await redeem(token, rewardId);
    t.now = new Date(t.now.getTime() + 9 * MINUTE + 59_000);
    const undone = await call(t.app, 'POST', `/v1/me/redemptions/${kept.body.id}/undo`, { bearer: token });
    assert.equal(undone.status, 200, undone.text);
    assert.equal(undone.body.status, 'undone');
    assert.deepEqual([await balance(t.db, volunteerId), await stockOf(rewardId)], [{ available: 100, held: 0 }, 1]);
    const again = await call(t.app, 'POST', `/v1/me/redemptions/${kept.body.id}/undo`, { bearer: token });
    assert.equal(again.status, 200, 'undoing again answers the undone redemption');

    const late = await redeem(token, rewardId);
    t.now = new Date(t.now.getTime() + 10 * MINUTE);
    assertProblem(await call(t.app, 'POST', `/v1/me/redemptions/${late.body.id}/undo`, { bearer: token }), 409, 'conflict');
    const other = await volunteerWith(0);
    assertProblem(await call(t.app, 'POST', `/v1/me/redemptions/${late.body.id}/undo`, { bearer: other.token }), 404, 'not_found');
    await assertBooksBalance(t.db);
  });

  it('the desk captures by code (organizer of the offering organization, or secret key); the points are spent, undo is over', async () => {
    const fx = await addOpportunity(t.db);
    await authorizeChannelFor(t.db, news.channelId, fx.orgId);
    const desk = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: fx.orgId, staffId: 'desk', name: '李老师' } } });
    const { token, volunteerId } = await volunteerWith(100);
    const ours = await addReward(t.db, { cost: 30, stock: 5, orgId: fx.orgId });
    const held = await redeem(token, ours);
    assertProblem(await call(t.app, 'POST', '/v1/organizer/redemptions/capture', { bearer: desk.body.token, body: { code: held.body.code === '000000' ? '000001' : '000000' } }), 422, 'validation_failed');
    const captured = await call(t.app, 'POST', '/v1/organizer/redemptions/capture', { bearer: desk.body.token, body: { code: held.body.code } });
    assert.equal(captured.status, 200, captured.text);
    assert.deepEqual([captured.body.status, captured.body.capturedBy], ['captured', '李老师']);
    assertProblem(await call(t.app, 'POST', `/v1/me/redemptions/${held.body.id}/undo`, { bearer: token }), 409, 'conflict');
    const byKey = await redeem(token, ours);
    const keyCapture = await call(t.app, 'POST', '/v1/redemptions/capture', { bearer: news.secretKey, body: { code: byKey.body.code, capturedBy: '服务台' } });
    assert.equal(keyCapture.status, 200, keyCapture.text);
    assert.deepEqual(await balance(t.db, volunteerId), { available: 40, held: 0 });
    const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'redemption.captured'`);
    assert.equal(audit[0]!.n, 2);
    const books = await call(t.app, 'GET', '/v1/points/reconciliation', { bearer: news.secretKey });
    assert.deepEqual([books.body.accounts.redeemed, books.body.balanced], [60, true]);
  });

  it('an organizer cannot capture another organization\'s reward', async () => {
    const fx = await addOpportunity(t.db);
    const elsewhere = await addOpportunity(t.db);
    await authorizeChannelFor(t.db, news.channelId, fx.orgId);
    const desk = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: fx.orgId, staffId: 'desk', name: '李老师' } } });
    const { token } = await volunteerWith(100);
    const theirs = await addReward(t.db, { cost: 30, stock: 5, orgId: elsewhere.orgId });
    const held = await redeem(token, theirs);
    const refused = await call(t.app, 'POST', '/v1/organizer/redemptions/capture', { bearer: desk.body.token, body: { code: held.body.code } });
    assertProblem(refused, 422, 'validation_failed');
  });

  it('uncollected codes expire: points and stock return, once, with two instances running the expiry', async () => {
    const rewardId = await addReward(t.db, { cost: 10, stock: 20, validityDays: 1 });
    const expiredIds: string[] = [];
    t.now = new Date('2026-12-01T02:00:00Z');
    const volunteers = await Promise.all(Array.from({ length: 5 }, (_, i) => volunteerWith(100, `expiring${i}`)));
    for (const v of volunteers) for (let k = 0; k < 3; k++) assert.equal((await redeem(v.token, rewardId)).status, 201);
    assert.equal(await stockOf(rewardId), 5);
    // The second instance: on PostgreSQL its own pool over the same schema, as a second process would have.
    const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
    const second = process.env['DATABASE_URL'] ? await openDatabase({ databaseUrl: process.env['DATABASE_URL'], schema }) : t.db;
    try {
      assert.deepEqual(await runRedemptionExpiry(t.db, new Date('2026-12-02T01:59:59Z')), [], 'nothing before the day is over');
      const [a, b] = await Promise.all([
        runRedemptionExpiry(t.db, new Date('2026-12-02T02:00:00Z'), { batchSize: 4 }),
        runRedemptionExpiry(second, new Date('2026-12-02T02:00:00Z'), { batchSize: 4 }),
      ]);
      assert.equal(a.length + b.length, 15);
      assert.equal(new Set([...a, ...b]).size, 15, 'no redemption expired twice');
      expiredIds.push(...a, ...b);
    } finally {
      if (second !== t.db) await second.close();
    }
    assert.equal(await stockOf(rewardId), 20);
    for (const v of volunteers) assert.deepEqual(await balance(t.db, v.volunteerId), { available: 100, held: 0 });
    const events = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'points.released' AND subject_id = ANY($1::text[])`, [expiredIds]);
    assert.equal(events[0]!.n, 15);
    const audited = await t.db.query<{ n: number }>(`SELECT count(DISTINCT subject_id)::int AS n FROM audit_log WHERE action = 'redemption.expired' AND actor_kind = 'system'`);
    assert.equal(audited[0]!.n, 15);
    t.now = new Date('2026-12-01T02:30:00Z'); // while the session lasts
    const late = await call(t.app, 'GET', '/v1/me/redemptions?status=expired', { bearer: volunteers[0]!.token });
    assert.equal(late.status, 200, late.text);
    assert.equal(late.body.data.length, 3);
    await assertBooksBalance(t.db);
  });

  it('a crashed expiry batch leaves its redemptions held for the next run', async () => {
    const rewardId = await addReward(t.db, { cost: 10, stock: 10, validityDays: 1 });
    t.now = new Date('2026-12-01T02:00:00Z');
    const v = await volunteerWith(100, 'crash');
    for (let k = 0; k < 4; k++) await redeem(v.token, rewardId);
    const at = new Date('2026-12-03T00:00:00Z');
    await assert.rejects(runRedemptionExpiry(t.db, at, { batchSize: 2, beforeCommit: (ids) => { if (ids.length) throw new Error('lost'); } }), /lost/);
    assert.deepEqual(await balance(t.db, v.volunteerId), { available: 60, held: 40 });
    assert.equal((await runRedemptionExpiry(t.db, at)).length, 4);
    assert.deepEqual(await balance(t.db, v.volunteerId), { available: 100, held: 0 });
    await assertBooksBalance(t.db);
  });
});
