// When the kiosk screen fetches its next check-in code (checkin-code/code-refresh.ts), with the
// kiosk's clock right, behind or ahead of the server's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_WINDOW_MS, MIN_REFRESH_MS, REFRESH_AFTER_MS, RETRY_AFTER_FAILURE_MS, ServerClock, nextRefreshDelay } from '../src/checkin-code/code-refresh.js';

const validUntil = '2026-12-01T10:00:30Z';
const at = (iso: string) => Date.parse(iso);

describe('nextRefreshDelay', () => {
  it('fetches the next code just after the window turns (a fetch before it gets the same code back)', () => {
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:00:00Z')), 30_000 + REFRESH_AFTER_MS);
  });

  it('waits at least MIN_REFRESH_MS when the kiosk clock runs ahead, instead of fetching again at once', () => {
    // 5 s and 40 s ahead: the answer's validUntil looks near, or already past.
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:00:30Z')), MIN_REFRESH_MS);
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:01:10Z')), MIN_REFRESH_MS);
  });

  it('retries later when the answer carries no readable time', () => {
    assert.equal(nextRefreshDelay('not a time', at('2026-12-01T10:00:00Z')), RETRY_AFTER_FAILURE_MS);
  });
});

/**
 * A kiosk `skewMs` off the server's clock (negative: behind) following the schedule for 10 minutes
 * of fake time: the server answers the code of its own 30-s window after `latencyMs`. Returns, for
 * every second, whether the server still accepts the code on screen and for how long it will.
 */
function runKiosk(skewMs: number, latencyMs = 150, serverClock: ServerClock | null = new ServerClock()) {
  const serverAt = (local: number) => local - skewMs;
  const windowOf = (server: number) => Math.floor(server / CODE_WINDOW_MS);
  let local = Date.parse('2026-12-01T10:00:07Z') + skewMs;
  const end = local + 10 * 60_000;
  let shown: number | null = null; // the window of the code on screen
  let nextFetch = local;
  const seconds: Array<{ accepted: boolean; leftMs: number }> = [];
  let fetches = 0;
  for (let t = local; t < end; t += 50) {
    local = t;
    if (local >= nextFetch) {
      fetches += 1;
      const sentAt = local;
      const window = windowOf(serverAt(sentAt + latencyMs / 2));
      const validUntil = new Date((window + 1) * CODE_WINDOW_MS).toISOString();
      const receivedAt = sentAt + latencyMs;
      serverClock?.observe(validUntil, sentAt, receivedAt);
      shown = window;
      const judged = serverClock ? serverClock.now(receivedAt) : receivedAt;
      nextFetch = receivedAt + nextRefreshDelay(validUntil, judged);
    }
    if (shown !== null && (t - (end - 10 * 60_000)) % 1000 === 0) {
      const server = serverAt(local);
      // Accepted during its window and the next one (ACCEPTED_PAST_WINDOWS = 1 on the server).
      const acceptedUntil = (shown + 2) * CODE_WINDOW_MS;
      seconds.push({ accepted: server < acceptedUntil, leftMs: acceptedUntil - server });
    }
  }
  return { seconds, fetches };
}

describe('ServerClock: a kiosk whose clock is wrong schedules by the server\'s', () => {
  for (const skew of [-5 * 60_000, -90_000, -45_000, 0, 45_000, 90_000]) {
    it(`kiosk ${skew / 1000} s off: the code on screen is always accepted, with 10 s or more left after the first minute`, () => {
      const { seconds, fetches } = runKiosk(skew);
      assert.ok(seconds.length > 500);
      assert.ok(seconds.every((s) => s.accepted), 'a code the server no longer accepts was shown');
      const settled = seconds.slice(60);
      const shortest = Math.min(...settled.map((s) => s.leftMs));
      assert.ok(shortest >= 10_000, `only ${shortest} ms left at worst`);
      // About one fetch a window once settled (20 in 10 min), not a fetch every few seconds.
      assert.ok(fetches <= 26, `${fetches} fetches`);
    });
  }

  it('without judging the server\'s clock, a kiosk 60 s behind shows refused codes (what ServerClock fixes)', () => {
    const { seconds } = runKiosk(-60_000, 150, null);
    assert.ok(seconds.some((s) => !s.accepted));
  });

  it('believes the local clock while it agrees with the answers; starts again when a clock is set', () => {
    const clock = new ServerClock();
    const t = Date.parse('2026-12-01T10:00:10Z');
    clock.observe('2026-12-01T10:00:30Z', t, t + 100);
    assert.equal(clock.offset(), 0);
    // The kiosk's clock jumps 5 minutes back: the next answer contradicts the range; it is used alone.
    const after = t - 5 * 60_000 + 20_000;
    clock.observe('2026-12-01T10:01:00Z', after, after + 100);
    assert.ok(Math.abs(clock.offset() - 5 * 60_000) <= 15_000, String(clock.offset()));
  });
});
