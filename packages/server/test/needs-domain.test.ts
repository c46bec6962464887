/**
 * The needs state machine as plain functions: every action by every kind of actor from every
 * status, against a table written out by hand, plus the deadlines and the cap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NEED_ACTIONS, NEED_DEADLINES, NEED_STATUSES, capWindowStart, claimDueAtFor, dueAtOf, expiresAtFor, hoursForMinutes, needStep, withinCap,
  type NeedAction, type NeedActor, type NeedStatus,
} from '../src/domain/needs.js';

const ME = 'vol_me000001';
const OTHER = 'vol_other0001';
const ACTORS: Record<string, NeedActor> = {
  organizer: { kind: 'organizer' },
  claimer: { kind: 'volunteer', volunteerId: ME },
  otherVolunteer: { kind: 'volunteer', volunteerId: OTHER },
  resident: { kind: 'resident' },
  system: { kind: 'system' },
};

/** Every allowed step: `action` by `actor` from `status` → the new status. Everything else is refused. */
const ALLOWED: Array<[NeedStatus, NeedAction, keyof typeof ACTORS, NeedStatus]> = [
  ['submitted', 'open', 'organizer', 'open'],
  ['submitted', 'reject', 'organizer', 'rejected'],
  ['submitted', 'cancel', 'organizer', 'cancelled'],
  ['open', 'cancel', 'organizer', 'cancelled'],
  ['claimed', 'cancel', 'organizer', 'cancelled'],
  ['open', 'claim', 'claimer', 'claimed'],
  ['open', 'claim', 'otherVolunteer', 'claimed'],
  ['claimed', 'release', 'claimer', 'open'],
  ['claimed', 'fulfil', 'claimer', 'fulfilled'],
  ['fulfilled', 'confirm', 'resident', 'confirmed'],
  ['fulfilled', 'confirm', 'organizer', 'confirmed'],
  ['confirmed', 'rate', 'resident', 'confirmed'],
  ['confirmed', 'rate', 'organizer', 'confirmed'],
  ['claimed', 'release_overdue', 'system', 'open'],
  ['submitted', 'expire', 'system', 'expired'],
  ['open', 'expire', 'system', 'expired'],
];

describe('the needs state machine', () => {
  it('allows exactly the steps of the table, from every status, by every actor', () => {
    let allowed = 0;
    for (const status of NEED_STATUSES) {
      for (const action of NEED_ACTIONS) {
        for (const [actorName, actor] of Object.entries(ACTORS)) {
          // The claim is held by ME wherever a need has a claimer.
          const claimedBy = ['claimed', 'fulfilled', 'confirmed'].includes(status) ? ME : null;
          const result = needStep({ status, claimedBy, rated: false }, action, actor);
          const expected = ALLOWED.find(([s, a, who]) => s === status && a === action && who === actorName);
          if (expected) {
            allowed += 1;
            assert.deepEqual(result, { ok: true, status: expected[3] }, `${actorName} ${action} from ${status}`);
          } else {
            assert.equal(result.ok, false, `${actorName} ${action} from ${status} must be refused`);
            if (!result.ok) assert.ok(result.message.length > 10, 'a refusal says why');
          }
        }
      }
    }
    assert.equal(allowed, ALLOWED.length);
  });

  it('names each refusal', () => {
    const refusal = (status: NeedStatus, action: NeedAction, actor: NeedActor, rated = false, claimedBy: string | null = ME) => {
      const result = needStep({ status, claimedBy, rated }, action, actor);
      return result.ok ? 'allowed' : result.refusal;
    };
    assert.equal(refusal('open', 'claim', ACTORS['organizer']!), 'not_allowed');
    assert.equal(refusal('open', 'open', ACTORS['claimer']!), 'not_allowed');
    assert.equal(refusal('fulfilled', 'confirm', ACTORS['claimer']!), 'not_allowed', 'a volunteer never confirms their own help');
    assert.equal(refusal('claimed', 'claim', ACTORS['otherVolunteer']!), 'already_claimed');
    assert.equal(refusal('claimed', 'release', ACTORS['otherVolunteer']!), 'not_claimer');
    assert.equal(refusal('claimed', 'fulfil', ACTORS['otherVolunteer']!), 'not_claimer');
    assert.equal(refusal('submitted', 'claim', ACTORS['claimer']!), 'wrong_status', 'an unmoderated need cannot be claimed');
    assert.equal(refusal('confirmed', 'confirm', ACTORS['resident']!), 'wrong_status', 'a code confirms once');
    assert.equal(refusal('confirmed', 'rate', ACTORS['resident']!, true), 'already_rated');
    assert.equal(refusal('fulfilled', 'cancel', ACTORS['organizer']!), 'wrong_status', 'help given is not cancelled');
    assert.equal(refusal('fulfilled', 'release_overdue', ACTORS['system']!), 'wrong_status');
  });
});

describe('the needs deadlines and cap', () => {
  const filed = new Date('2026-12-01T02:00:00Z');
  it('gives each open status its deadline and closed ones none', () => {
    const expiresAt = expiresAtFor(filed);
    assert.equal(expiresAt.toISOString(), '2026-12-15T02:00:00.000Z');
    const claimedAt = new Date('2026-12-02T00:00:00Z');
    assert.equal(claimDueAtFor(claimedAt).toISOString(), '2026-12-04T00:00:00.000Z');
    const base = { createdAt: filed, expiresAt, claimDueAt: claimDueAtFor(claimedAt), fulfilledAt: new Date('2026-12-03T00:00:00Z') };
    assert.equal(dueAtOf({ ...base, status: 'submitted' })?.toISOString(), '2026-12-04T02:00:00.000Z');
    assert.equal(dueAtOf({ ...base, status: 'open' })?.toISOString(), expiresAt.toISOString());
    assert.equal(dueAtOf({ ...base, status: 'claimed' })?.toISOString(), '2026-12-04T00:00:00.000Z');
    assert.equal(dueAtOf({ ...base, status: 'fulfilled' })?.toISOString(), '2026-12-10T00:00:00.000Z');
    for (const status of ['rejected', 'confirmed', 'cancelled', 'expired'] as const) assert.equal(dueAtOf({ ...base, status }), null);
    assert.equal(NEED_DEADLINES.claimHours, 48);
  });

  it('counts a cap over the last 7 days and refuses the need that would exceed it', () => {
    assert.equal(capWindowStart(filed).toISOString(), '2026-11-24T02:00:00.000Z');
    assert.equal(withinCap(0, 1), true);
    assert.equal(withinCap(1, 1), false);
    assert.equal(withinCap(2, 3), true);
    assert.equal(withinCap(3, 3), false);
  });

  it('records the minutes served as hours to the hundredth', () => {
    assert.equal(hoursForMinutes(30), 0.5);
    assert.equal(hoursForMinutes(45), 0.75);
    assert.equal(hoursForMinutes(50), 0.83);
    assert.equal(hoursForMinutes(480), 8);
  });
});
