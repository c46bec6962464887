/**
 * Small-count suppression for published statistics, as a plain function.
 *
 * A count of people or needs from 1 to 4 is never published (primary suppression). When a table's
 * total is published, hiding one cell is not enough: the total minus the other cells gives it
 * back, so whenever any cell is hidden, every remaining cell holding the smallest remaining value
 * is hidden with it (complementary suppression). Hiding all cells of that value, not one of them,
 * keeps the rule symmetric: a reader who knows the rule cannot tell which hidden cell was the
 * small one, because swapping their values gives the same answer. A total under 5 hides the total
 * and every cell. A zero is published on its own (it describes nobody), but not when it is the
 * complement. Each hidden figure says only that it was hidden, never why (a reason per cell would
 * tell the small one from its complement).
 *
 *   cells  [2, 0, 9, 40]  total 51   →  [null, null, 9, 40]  total 51
 *   cells  [2, 3]         total 5    →  [null, null]         total 5
 *   cells  [1, 2]         total 3    →  [null, null]         total null
 *
 * @module
 */

/** Counts below this are not published. */
export const MIN_PUBLISHED_COUNT = 5;

export interface ProtectedCounts {
  total: number | null;
  /** One entry per input cell, in order; `null` where hidden. */
  cells: Array<number | null>;
}

function isSmall(count: number): boolean {
  return count > 0 && count < MIN_PUBLISHED_COUNT;
}

/**
 * Protects one table: `cells` are the groups' counts, `total` the count over all of them (their
 * sum for additive counts; for counts of distinct people it may be less).
 */
export function protectCounts(cells: readonly number[], total: number): ProtectedCounts {
  if (isSmall(total)) return { total: null, cells: cells.map(() => null) };
  const hidden = cells.map(isSmall);
  if (hidden.some(Boolean)) {
    const remaining = cells.filter((_, index) => !hidden[index]);
    if (remaining.length > 0) {
      const smallest = Math.min(...remaining);
      cells.forEach((count, index) => { if (count === smallest) hidden[index] = true; });
    }
  }
  return { total, cells: cells.map((count, index) => (hidden[index] ? null : count)) };
}

/**
 * Hides figures derived from a protected count where the count is hidden: hours served by fewer
 * than 5 volunteers describe those volunteers, and a fill rate gives its filled spots back.
 */
export function hideWith<T>(values: readonly T[], pattern: ReadonlyArray<number | null>): Array<T | null> {
  return values.map((value, index) => (pattern[index] === null ? null : value));
}

/** A median over fewer than 5 items is one or two of them: hidden (medians do not add up, no complement is needed). */
export function protectMedian(median: number | null, items: number): number | null {
  return median === null || items < MIN_PUBLISHED_COUNT ? null : median;
}
