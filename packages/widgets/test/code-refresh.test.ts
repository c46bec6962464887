// When the kiosk screen fetches its next check-in code (checkin-code/code-refresh.ts), with the
// kiosk's clock right, behind or ahead of the server's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_REFRESH_MS, REFRESH_LEAD_MS, RETRY_AFTER_FAILURE_MS, nextRefreshDelay } from '../src/checkin-code/code-refresh.js';

const validUntil = '2026-12-01T10:00:30Z';
const at = (iso: string) => Date.parse(iso);

describe('nextRefreshDelay', () => {
  it('fetches the next code a little before the current one goes', () => {
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:00:00Z')), 30_000 - REFRESH_LEAD_MS);
  });

  it('waits at least MIN_REFRESH_MS when the kiosk clock runs ahead, instead of fetching again at once', () => {
    // 5 s and 40 s ahead: the answer's validUntil looks near, or already past.
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:00:29Z')), MIN_REFRESH_MS);
    assert.equal(nextRefreshDelay(validUntil, at('2026-12-01T10:01:10Z')), MIN_REFRESH_MS);
  });

  it('retries later when the answer carries no readable time', () => {
    assert.equal(nextRefreshDelay('not a time', at('2026-12-01T10:00:00Z')), RETRY_AFTER_FAILURE_MS);
  });
});
