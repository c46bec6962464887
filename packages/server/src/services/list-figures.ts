/**
 * The figures the list sorts by are kept on each opportunity with the time window each holds in:
 * the open spots `sort=spotsLeft` ranks by (migrations/013) and the next start `sort=startsAt`
 * reads in order (migrations/015). Triggers on shifts keep the open spots through sign-ups and
 * cancels; a shift starting ends the open spots' window, the first shift ending ends the next
 * start's, and a shift added, removed or moved ends both. This job computes the figures again for
 * every opportunity where a window has ended, once at start and every `intervalMs`
 * (services/periodic.ts). Until it does, a page works that opportunity's figure out from its
 * shifts, so a late or failed run costs time, never a wrong order.
 */
import type { Database } from '../db/database.js';
import { refreshListFigures } from '../db/queries.js';
import { startPeriodic, type Periodic } from './periodic.js';

const BATCH = 1000;

/** Refreshes every figure whose window does not hold at `at`, a batch per transaction; returns how many. */
export async function refreshAllListFigures(db: Database, at: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const refreshed = await refreshListFigures(db, at, BATCH);
    total += refreshed;
    if (refreshed < BATCH) return total;
  }
}

export function startListFiguresRefresh(db: Database, now: () => Date, intervalMs = 60_000): Periodic {
  return startPeriodic('list figures', db, now, refreshAllListFigures, intervalMs);
}
