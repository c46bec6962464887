/** Small-count suppression (src/domain/disclosure.ts): the rule, and that no hidden count can be worked out. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hideWith, protectCounts, protectMedian, type ProtectedCounts } from '../src/domain/disclosure.js';

const sum = (cells: readonly number[]) => cells.reduce((a, b) => a + b, 0);

describe('small-count suppression', () => {
  it('publishes zeros and counts of 5 or more as they are', () => {
    assert.deepEqual(protectCounts([0, 5, 12], 17), { total: 17, cells: [0, 5, 12] });
  });

  it('hides a count under 5 together with every cell of the smallest remaining value', () => {
    assert.deepEqual(protectCounts([2, 0, 9, 40], 51), { total: 51, cells: [null, null, 9, 40] });
    assert.deepEqual(protectCounts([3, 7, 7, 20], 37), { total: 37, cells: [null, null, null, 20] });
    assert.deepEqual(protectCounts([0, 4, 0, 30], 34), { total: 34, cells: [null, null, null, 30] });
  });

  it('hides a small total and everything under it', () => {
    assert.deepEqual(protectCounts([1, 2, 0], 3), { total: null, cells: [null, null, null] });
    assert.deepEqual(protectCounts([0, 0], 0), { total: 0, cells: [0, 0] });
  });

  it('hides derived figures where the count is hidden, and medians over fewer than 5 items', () => {
    assert.deepEqual(hideWith([1.5, 2, 3], [null, 9, 40]), [null, 2, 3]);
    assert.deepEqual([protectMedian(3.2, 4), protectMedian(3.2, 5), protectMedian(null, 9)], [null, 3.2, null]);
  });

  /**
   * The attacker knows the rule, every published cell and the total (when published), and tries
   * every possible value of the hidden cells: a hidden cell is recovered if every candidate that the
   * rule would publish the same way agrees on its value. Counts up to 12 in up to 5 groups cover
   * the small cells and their complements; 150 tables, each search bounded by the total.
   */
  it('no hidden cell can be worked out from the total and the other cells', () => {
    const sameAnswer = (a: ProtectedCounts, b: ProtectedCounts) =>
      a.total === b.total && a.cells.every((cell, index) => cell === b.cells[index]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 5 }), (cells) => {
        const published = protectCounts(cells, sum(cells));
        const hidden = published.cells.flatMap((cell, index) => (cell === null ? [index] : []));
        if (hidden.length === 0) return;
        const knownSum = sum(published.cells.map((cell) => cell ?? 0));
        // A hidden total is under 5, so the hidden cells add up to at most 4; else to what is left.
        const hiddenSums = published.total === null ? [1, 2, 3, 4] : [published.total - knownSum];
        const seen = hidden.map(() => new Set<number>());
        const search = (position: number, left: number, candidate: number[]) => {
          if (position === hidden.length - 1) {
            candidate[hidden[position]!] = left;
            if (sameAnswer(protectCounts(candidate, sum(candidate)), published)) hidden.forEach((index, k) => seen[k]!.add(candidate[index]!));
            return;
          }
          for (let value = 0; value <= left; value++) {
            candidate[hidden[position]!] = value;
            search(position + 1, left - value, candidate);
          }
        };
        for (const total of hiddenSums) search(0, total, [...cells]);
        hidden.forEach((index, k) => assert.ok(seen[k]!.size >= 2, `cell ${index} of ${JSON.stringify(cells)} is recoverable from ${JSON.stringify(published)}`));
      }),
      { numRuns: 150, seed: 16 },
    );
  });
});
