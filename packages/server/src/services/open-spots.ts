/**
 * The open-spots figure `sort=spotsLeft` ranks by is kept on each opportunity with the time window
 * it holds in (migrations/013): triggers on shifts keep it through sign-ups and cancels, and a
 * shift starting ends its window. This job computes the figure again for every opportunity whose
 * window has ended, once at start and every `intervalMs` (services/periodic.ts). Until it does, a
 * page sums that opportunity's shifts, so a late or failed run costs time, never a wrong order.
 */
import type { Database } from '../db/database.js';
import { refreshOpenSpots } from '../db/queries.js';
import { startPeriodic, type Periodic } from './periodic.js';

const BATCH = 1000;

/** Refreshes every figure whose window does not hold at `at`, a batch per transaction; returns how many. */
export async function refreshAllOpenSpots(db: Database, at: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const refreshed = await refreshOpenSpots(db, at, BATCH);
    total += refreshed;
    if (refreshed < BATCH) return total;
  }
}

export function startOpenSpotsRefresh(db: Database, now: () => Date, intervalMs = 60_000): Periodic {
  return startPeriodic('open spots', db, now, refreshAllOpenSpots, intervalMs);
}
