/** The rules of points, rewards and stars as plain functions (src/domain/recognition.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  captureRefusal,
  newRedemptionCode,
  pointsEarned,
  redeemRefusal,
  redemptionDeadlines,
  reversalSplit,
  starLevelOf,
  undoRefusal,
} from '../src/domain/recognition.js';

const NOW = new Date('2026-12-01T02:00:00Z');
const offered = { active: true, cost: 100, stockLeft: 2, availableUntil: null };

describe('points', () => {
  it('a record earns its hours × the points per hour, rounded half up', () => {
    assert.deepEqual([pointsEarned(2.5, 10), pointsEarned(1.5, 5), pointsEarned(0.5, 1), pointsEarned(0, 10)], [25, 8, 1, 0]);
  });

  it('a reversal takes back what is available and writes off the spent rest', () => {
    assert.deepEqual(reversalSplit(30, 100), { taken: 30, writtenOff: 0 });
    assert.deepEqual(reversalSplit(30, 12), { taken: 12, writtenOff: 18 });
    assert.deepEqual(reversalSplit(30, 0), { taken: 0, writtenOff: 30 });
  });
});

describe('redemptions', () => {
  it('refuses with the first rule broken: no longer offered, none left, too few points', () => {
    assert.equal(redeemRefusal(offered, 100, NOW), null);
    assert.equal(redeemRefusal({ ...offered, active: false }, 500, NOW)?.code, 'reward_unavailable');
    assert.equal(redeemRefusal({ ...offered, availableUntil: NOW }, 500, NOW)?.code, 'reward_unavailable');
    assert.equal(redeemRefusal({ ...offered, stockLeft: 0 }, 500, NOW)?.code, 'out_of_stock');
    assert.deepEqual(redeemRefusal(offered, 99, NOW), { code: 'insufficient_points', message: 'costs 100 points; 99 are available' });
  });

  it('may be undone for exactly 10 minutes, and the code lasts the reward\'s validity', () => {
    const { undoUntil, expiresAt } = redemptionDeadlines(NOW, 30);
    assert.deepEqual([undoUntil.toISOString(), expiresAt.toISOString()], ['2026-12-01T02:10:00.000Z', '2026-12-31T02:00:00.000Z']);
    assert.equal(undoRefusal({ status: 'held', undoUntil }, new Date(undoUntil.getTime() - 1)), null);
    assert.match(undoRefusal({ status: 'held', undoUntil }, undoUntil) ?? '', /10 minutes/);
    assert.match(undoRefusal({ status: 'captured', undoUntil }, NOW) ?? '', /handed over/);
    assert.equal(undoRefusal({ status: 'undone', undoUntil }, undoUntil), null, 'undoing again is answered, not refused');
  });

  it('is captured while held and not past its expiry', () => {
    const expiresAt = new Date('2026-12-31T02:00:00Z');
    assert.equal(captureRefusal({ status: 'held', expiresAt }, NOW), null);
    assert.match(captureRefusal({ status: 'held', expiresAt }, expiresAt) ?? '', /expired/);
    assert.match(captureRefusal({ status: 'undone', expiresAt }, NOW) ?? '', /undid/);
  });

  it('draws codes of six digits, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, newRedemptionCode);
    assert.ok(codes.every((c) => /^\d{6}$/.test(c)));
    assert.ok(new Set(codes).size > 1990, 'random, not a sequence');
  });
});

describe('star levels', () => {
  it('count the thresholds reached, each from its first hour', () => {
    const national = [100, 300, 600, 1000, 1500];
    assert.deepEqual([0, 99.5, 100, 299, 300, 1500, 9000].map((h) => starLevelOf(h, national)), [0, 0, 1, 1, 2, 5, 5]);
  });
});
