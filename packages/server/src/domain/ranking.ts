/** Honor-board ranking. @module */

/**
 * Standard competition ranking over rows already sorted best first: equal values share a rank and
 * the next distinct value skips past them (1, 2, 2, 4).
 */
export function rankWithTies<T>(sortedBestFirst: readonly T[], valueOf: (row: T) => number): Array<T & { rank: number }> {
  let previous: number | undefined;
  let rank = 0;
  return sortedBestFirst.map((row, index) => {
    const value = valueOf(row);
    if (previous === undefined || value !== previous) rank = index + 1;
    previous = value;
    return { ...row, rank };
  });
}
