/**
 * A fake clock for the transport tests, in Node and in the browsers: ky's per-attempt timeout and
 * retry waits, and msw's `delay()`, are all `setTimeout`s, so with these faked they move only when
 * a test ticks (`await clock.tickAsync(ms)`). No test sleeps for real, and every wait is measured
 * to the millisecond instead of within a tolerance.
 */
import { withGlobal, type Clock } from '@sinonjs/fake-timers';

export type { Clock as InstalledClock } from '@sinonjs/fake-timers';

/** Runs `body` with `setTimeout`, `clearTimeout` and `Date` faked; restores them afterwards. */
export async function withFakeClock<T>(body: (clock: Clock) => Promise<T>): Promise<T> {
  const clock = withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    return await body(clock);
  } finally {
    clock.uninstall();
  }
}

/** A promise and its resolve function: lets a test wait for "the server has seen the request". */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// Taken before any test installs the fake clock: lets real I/O run between fake ticks.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

/**
 * Moves the fake clock forward in `step`-ms steps until `done()` holds, letting real I/O run
 * between steps: in a browser a request reaches msw through its service worker, a real round trip
 * the fake clock cannot see. Fails after `maxMs` of fake time. Returns the fake ms it advanced.
 */
export async function advanceUntil(clock: Clock, done: () => boolean, { maxMs = 120_000, step = 10 } = {}): Promise<number> {
  let advanced = 0;
  while (!done()) {
    if (advanced >= maxMs) throw new Error(`still waiting after ${maxMs} ms of fake time`);
    await realTurn();
    if (done()) break;
    await clock.tickAsync(step);
    advanced += step;
  }
  return advanced;
}
