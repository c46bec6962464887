/**
 * The points ledger follows the records on every path to approved — a partner's approval, an
 * organizer's bulk review, automatic approval, an accepted dispute's correction, and any other
 * status change made in SQL — earning once per record and reversing once when a record stops
 * being approved; star levels move with the hours, recorded with their date.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PointsReconciliation, PointsStatement, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { authorizeChannelFor } from '../src/db/hours-queries.js';
import { setStarRule } from '../src/db/points-queries.js';
import { runAutoApproval } from '../src/services/reviews.js';
import { addOpportunity, assertShape, call, SEED_KEYS, useTestApp } from './helpers.js';
import { addPendingRecord, addReward, addVolunteer, assertBooksBalance, balance, earnings } from './recognition-helpers.js';

const t = useTestApp();
const news = SEED_KEYS.news;

async function volunteerSession(externalId: string): Promise<{ token: string; volunteerId: string }> {
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId, volunteer: { name: '林晓雨' } } });
  assert.equal(minted.status, 201, minted.text);
  return { token: minted.body.token, volunteerId: minted.body.volunteerId };
}

async function organizerSession(orgId: string): Promise<string> {
  await authorizeChannelFor(t.db, news.channelId, orgId);
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { organizer: { organizationId: orgId, staffId: 's1', name: '王老师' } } });
  assert.equal(minted.status, 201, minted.text);
  return minted.body.token;
}

async function events(type: string): Promise<string[]> {
  return (await t.db.query<{ subject_id: string }>('SELECT subject_id FROM outbox_events WHERE type = $1 ORDER BY seq', [type])).map((r) => r.subject_id);
}

describe('earning on every path to approved', () => {
  it('a partner approval earns hours × points per hour once; approving again earns nothing more', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 12 });
    const volunteerId = await addVolunteer(t.db);
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 2.5);
    for (let i = 0; i < 2; i++) {
      const approved = await call(t.app, 'POST', `/v1/service-records/${recordId}/approve`, { bearer: news.secretKey, body: { reviewedBy: '张明' } });
      assert.equal(approved.status, 200, approved.text);
    }
    assert.deepEqual(await earnings(t.db, recordId), { earned: 1, reversed: 0, points: 30 });
    assert.deepEqual(await balance(t.db, volunteerId), { available: 30, held: 0 });
    assert.equal((await events('points.earned')).length, 1, 'one points.earned event');
    await assertBooksBalance(t.db);
  });

  it('an organizer\'s bulk review earns for each approved record, and nothing for rejected ones', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const token = await organizerSession(fx.orgId);
    const [a, b] = [await addVolunteer(t.db), await addVolunteer(t.db)];
    const ids = [await addPendingRecord(t.db, fx, a, 1), await addPendingRecord(t.db, fx, b, 2), await addPendingRecord(t.db, fx, a, 3)];
    const rejectedId = await addPendingRecord(t.db, fx, b, 4);
    const review = await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: token, body: { ids, decision: 'approved' } });
    assert.equal(review.status, 200, review.text);
    const rejected = await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: token, body: { ids: [rejectedId], decision: 'rejected' } });
    assert.equal(rejected.status, 200, rejected.text);
    assert.deepEqual([await balance(t.db, a), await balance(t.db, b)], [{ available: 40, held: 0 }, { available: 20, held: 0 }]);
    assert.deepEqual(await earnings(t.db, rejectedId), { earned: 0, reversed: 0, points: 0 });
    await assertBooksBalance(t.db);
  });

  it('automatic approval earns in the scheduler\'s own transaction', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const volunteerId = await addVolunteer(t.db);
    const due = new Date(Date.now() - 60_000);
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 1.5, { source: 'attendance', dueAt: due });
    assert.deepEqual(await runAutoApproval(t.db, new Date()), [recordId]);
    assert.deepEqual(await earnings(t.db, recordId), { earned: 1, reversed: 0, points: 15 });
    assert.deepEqual(await runAutoApproval(t.db, new Date()), []);
    assert.deepEqual(await earnings(t.db, recordId), { earned: 1, reversed: 0, points: 15 });
    await assertBooksBalance(t.db);
  });

  it('an accepted dispute reverses the superseded record and earns the correction', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const token = await organizerSession(fx.orgId);
    const { token: volunteerToken, volunteerId } = await volunteerSession('disputer');
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 2);
    await call(t.app, 'POST', '/v1/organizer/service-records/review', { bearer: token, body: { ids: [recordId], decision: 'approved' } });
    assert.deepEqual(await balance(t.db, volunteerId), { available: 20, held: 0 });
    const dispute = await call(t.app, 'POST', `/v1/me/service-records/${recordId}/disputes`, { bearer: volunteerToken, body: { kind: 'wrong_hours', claimedHours: 3, reason: '我 8 点就到了' } });
    assert.equal(dispute.status, 201, dispute.text);
    const resolved = await call(t.app, 'POST', `/v1/organizer/disputes/${dispute.body.id}/resolve`, { bearer: token, body: { decision: 'accept', note: '核对无误' } });
    assert.equal(resolved.status, 200, resolved.text);
    assert.deepEqual(await earnings(t.db, recordId), { earned: 1, reversed: 1, points: 20 });
    assert.deepEqual(await earnings(t.db, resolved.body.correctionId), { earned: 1, reversed: 0, points: 30 });
    assert.deepEqual(await balance(t.db, volunteerId), { available: 30, held: 0 });
    assert.equal((await events('points.reversed')).length, 1);
    await assertBooksBalance(t.db);
  });

  it('any other path that changes the status in SQL is followed too: approved → rejected reverses, a record inserted approved earns', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const volunteerId = await addVolunteer(t.db);
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 2);
    await t.db.query(`UPDATE service_records SET status = 'approved', updated_at = now() WHERE id = $1`, [recordId]);
    await t.db.query(`UPDATE service_records SET status = 'rejected', updated_at = now() WHERE id = $1`, [recordId]);
    assert.deepEqual(await earnings(t.db, recordId), { earned: 1, reversed: 1, points: 20 });
    assert.deepEqual(await balance(t.db, volunteerId), { available: 0, held: 0 });
    await assertBooksBalance(t.db);
  });

  it('a record approved again after a reversal earns again, once per approval', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const volunteerId = await addVolunteer(t.db);
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 2);
    for (const status of ['approved', 'pending', 'approved', 'approved']) {
      await t.db.query(`UPDATE service_records SET status = $2, updated_at = now() WHERE id = $1`, [recordId, status]);
    }
    assert.deepEqual(await earnings(t.db, recordId), { earned: 2, reversed: 1, points: 40 });
    assert.deepEqual(await balance(t.db, volunteerId), { available: 20, held: 0 });
    await assert.rejects(t.db.query(`INSERT INTO points_transactions (id, channel_id, volunteer_id, kind, record_id, approval, at)
      VALUES ('ptx_twice000', $1, $2, 'earn', $3, 2, now())`, [news.channelId, volunteerId, recordId]), /points_once_per_record/);
    await assertBooksBalance(t.db);
  });

  it('a reversal takes back only what is still available; the spent rest is written off, never a negative balance', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 100 });
    const { token, volunteerId } = await volunteerSession('spender');
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 3);
    await t.db.query(`UPDATE service_records SET status = 'approved', updated_at = now() WHERE id = $1`, [recordId]);
    const rewardId = await addReward(t.db, { cost: 250, stock: 5 });
    const redeemed = await call(t.app, 'POST', '/v1/me/redemptions', { bearer: token, body: { rewardId } });
    assert.equal(redeemed.status, 201, redeemed.text);
    await t.db.query(`UPDATE service_records SET status = 'rejected', updated_at = now() WHERE id = $1`, [recordId]);
    assert.deepEqual(await balance(t.db, volunteerId), { available: 0, held: 250 });
    const books = await call(t.app, 'GET', '/v1/points/reconciliation', { bearer: news.secretKey });
    assert.equal(books.status, 200, books.text);
    assertShape(PointsReconciliation, books.body);
    assert.deepEqual({ ...books.body.accounts, total: books.body.total, balanced: books.body.balanced },
      { issued: 0, available: 0, held: 250, redeemed: 0, writtenOff: -250, total: 0, balanced: true });
    await assertBooksBalance(t.db);
  });
});

describe('the ledger refuses to be edited', () => {
  it('transactions and transfers are append-only; an approved record\'s hours are fixed', async () => {
    const fx = await addOpportunity(t.db);
    const volunteerId = await addVolunteer(t.db);
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 2);
    await t.db.query(`UPDATE service_records SET status = 'approved' WHERE id = $1`, [recordId]);
    await assert.rejects(t.db.query('UPDATE points_transfers SET amount = amount + 1'), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM points_transactions'), /append-only/);
    await assert.rejects(t.db.query('UPDATE service_records SET hours = 5 WHERE id = $1', [recordId]), /fixed/);
    await assert.rejects(t.db.query(`UPDATE points_balances SET balance = -1 WHERE volunteer_id = $1`, [volunteerId]), /check/i);
    await assertBooksBalance(t.db);
  });
});

describe('GET /v1/me/points', () => {
  it('shows the balances and the transactions newest first, page by page', async () => {
    const fx = await addOpportunity(t.db, { pointsPerHour: 10 });
    const { token, volunteerId } = await volunteerSession('statement');
    for (let i = 1; i <= 3; i++) {
      const id = await addPendingRecord(t.db, fx, volunteerId, i);
      await t.db.query(`UPDATE service_records SET status = 'approved', updated_at = now() WHERE id = $1`, [id]);
    }
    const first = await call(t.app, 'GET', '/v1/me/points?limit=2', { bearer: token });
    assert.equal(first.status, 200, first.text);
    assertShape(PointsStatement, first.body);
    assert.deepEqual([first.body.available, first.body.held], [60, 0]);
    assert.deepEqual(first.body.data.map((e: { available: number }) => e.available), [30, 20]);
    const second = await call(t.app, 'GET', `/v1/me/points?limit=2&cursor=${first.body.nextCursor}`, { bearer: token });
    assert.deepEqual(second.body.data.map((e: { kind: string; available: number }) => [e.kind, e.available]), [['earn', 10]]);
    assert.equal(second.body.nextCursor, null);
    const refused = await call(t.app, 'GET', '/v1/me/points', { bearer: news.secretKey });
    assert.equal(refused.status, 401);
  });
});

describe('star levels', () => {
  it('follow the channel\'s rule: a change is recorded with its date and announced, and GET /v1/me shows it', async () => {
    await setStarRule(t.db, news.channelId, [10, 20, 30, 40, 50], new Date(), true);
    const fx = await addOpportunity(t.db, { pointsPerHour: 1, hours: 12 });
    const { token, volunteerId } = await volunteerSession('stars');
    const approvedAt = new Date('2026-12-01T08:00:00Z');
    const recordId = await addPendingRecord(t.db, fx, volunteerId, 12);
    await t.db.query(`UPDATE service_records SET status = 'approved', updated_at = $2 WHERE id = $1`, [recordId, approvedAt]);
    const me = await call(t.app, 'GET', '/v1/me', { bearer: token });
    assert.equal(me.status, 200, me.text);
    assertShape(VolunteerProfile, me.body);
    assert.deepEqual([me.body.starLevel, me.body.hoursToNextStar, me.body.starLevelReachedAt, me.body.pointsAvailable],
      [1, 8, approvedAt.toISOString(), 12]);
    assert.deepEqual(me.body.starRule, { thresholds: [10, 20, 30, 40, 50] });
    assert.deepEqual(await events('star_level.reached'), [volunteerId]);
    const board = await call(t.app, 'GET', `/v1/honor-board?scope=channel:${news.channelId}&period=all`, { key: news.publishableKey });
    assert.equal(board.status, 200, board.text);
    assert.equal(board.body.entries.find((e: { subject: { id: string } }) => e.subject.id === volunteerId)?.subject.starLevel, 1, 'the board counts the channel\'s rule too');

    await t.db.query(`UPDATE service_records SET status = 'rejected', updated_at = now() WHERE id = $1`, [recordId]);
    const changes = await t.db.query<{ from_level: number; to_level: number }>('SELECT from_level, to_level FROM star_level_changes WHERE volunteer_id = $1 ORDER BY seq', [volunteerId]);
    assert.deepEqual(changes, [{ from_level: 0, to_level: 1 }, { from_level: 1, to_level: 0 }]);
    assert.equal((await events('star_level.reached')).length, 1, 'falling back is recorded, not announced as reached');
    const after = await call(t.app, 'GET', '/v1/me', { bearer: token });
    assert.deepEqual([after.body.starLevel, after.body.starLevelReachedAt], [0, null]);
  });

  it('without a rule of its own a channel uses the national one', async () => {
    const { token } = await volunteerSession('national');
    const me = await call(t.app, 'GET', '/v1/me', { bearer: token });
    assert.deepEqual([me.body.starRule, me.body.hoursToNextStar, me.body.starLevel], [{ thresholds: [100, 300, 600, 1000, 1500] }, 100, 0]);
  });
});
