/**
 * The server's schedulers (automatic approval, need deadlines, redemption expiry) run the same
 * way: once at start, then every `intervalMs`, one run at a time, with the app's clock. Each run is
 * a job that is safe to repeat and to run on several instances at once, so a failed run (the
 * database away) is only logged: the next tick does the work it left.
 */
import type { Database } from '../db/database.js';

export interface Periodic {
  /** Stops the timer and waits for a run under way to finish. */
  stop(): Promise<void>;
}

export function startPeriodic(name: string, db: Database, now: () => Date, run: (db: Database, at: Date) => Promise<unknown>, intervalMs = 60_000): Periodic {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(() => (stopped ? undefined : run(db, now()))).catch((error: unknown) => {
      // The message only: an error's details could quote a row.
      console.error(`[volunteerkit-server] ${name} failed; retrying at the next tick:`, error instanceof Error ? error.message : 'unknown error');
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
