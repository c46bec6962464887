/**
 * Recommendations as plain functions: each hard filter hides an activity, each reason appears (and
 * is absent) when its fact is (and is not) there, and the score orders the list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  WEIGHTS, eligibleShifts, overlaps, reasonsFor, recommend, scoreOf, timeSlotOf, usualRegion, type Candidate, type CandidateShift, type VolunteerFacts,
} from '../src/domain/recommendations.js';

const NOW = new Date('2026-06-01T00:00:00Z'); // a Monday, 08:00 in Shanghai
const at = (iso: string) => new Date(iso);

function shift(overrides: Partial<CandidateShift> = {}): CandidateShift {
  // Saturday 2026-06-13, 09:00–12:00 Shanghai: far from now, half empty.
  return { id: 'shf_a', startsAt: at('2026-06-13T01:00:00Z'), endsAt: at('2026-06-13T04:00:00Z'), capacity: 10, signedUp: 2, ...overrides };
}

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'opp_a', category: 'environment', skills: ['first_aid'], regionCode: '310104', audience: 'public', status: 'recruiting',
    signupOpensAt: null, signupClosesAt: null, requirements: {}, timezone: 'Asia/Shanghai', shifts: [shift()], ...overrides,
  };
}

function volunteer(overrides: Partial<VolunteerFacts> = {}): VolunteerFacts {
  return {
    channelId: 'chn_campus', birthDate: '2005-03-01', regionCode: null, busy: [], categories: new Set(), skills: new Set(), slots: [],
    ...overrides,
  };
}

describe('hard filters', () => {
  it('keeps an activity the volunteer can join', () => {
    assert.deepEqual(eligibleShifts(candidate(), volunteer(), NOW), { shifts: [shift()] });
  });

  it("hides another channel's activity but shows the volunteer's own channel's", () => {
    assert.deepEqual(eligibleShifts(candidate({ audience: 'chn_other' }), volunteer(), NOW), { excluded: 'audience' });
    assert.ok('shifts' in eligibleShifts(candidate({ audience: 'chn_campus' }), volunteer(), NOW));
  });

  it('hides an activity not recruiting', () => {
    assert.deepEqual(eligibleShifts(candidate({ status: 'closed' }), volunteer(), NOW), { excluded: 'not_recruiting' });
  });

  it('hides an activity whose sign-up window is closed or not yet open', () => {
    assert.deepEqual(eligibleShifts(candidate({ signupClosesAt: at('2026-05-31T00:00:00Z') }), volunteer(), NOW), { excluded: 'window' });
    assert.deepEqual(eligibleShifts(candidate({ signupOpensAt: at('2026-06-02T00:00:00Z') }), volunteer(), NOW), { excluded: 'window' });
  });

  it('hides an activity whose shifts have all started', () => {
    assert.deepEqual(eligibleShifts(candidate({ shifts: [shift({ startsAt: at('2026-05-31T23:00:00Z') })] }), volunteer(), NOW), { excluded: 'no_shift' });
  });

  it('hides an activity the volunteer is too young or too old for on the day, or has no birth date for', () => {
    assert.deepEqual(eligibleShifts(candidate({ requirements: { minAge: 22 } }), volunteer(), NOW), { excluded: 'age' });
    assert.deepEqual(eligibleShifts(candidate({ requirements: { maxAge: 20 } }), volunteer(), NOW), { excluded: 'age' });
    assert.deepEqual(eligibleShifts(candidate({ requirements: { minAge: 18 } }), volunteer({ birthDate: null }), NOW), { excluded: 'age' });
    assert.ok('shifts' in eligibleShifts(candidate({ requirements: { minAge: 18, maxAge: 30 } }), volunteer(), NOW));
  });

  it('hides full shifts and keeps the others', () => {
    const full = shift({ id: 'shf_full', signedUp: 10 });
    const later = shift({ id: 'shf_later', startsAt: at('2026-06-14T01:00:00Z'), endsAt: at('2026-06-14T04:00:00Z') });
    assert.deepEqual(eligibleShifts(candidate({ shifts: [full] }), volunteer(), NOW), { excluded: 'full' });
    assert.deepEqual(eligibleShifts(candidate({ shifts: [full, later] }), volunteer(), NOW), { shifts: [later] });
  });

  it("hides shifts that overlap the volunteer's own sign-ups, not those that only touch them", () => {
    const overlapping = { startsAt: at('2026-06-13T03:00:00Z'), endsAt: at('2026-06-13T06:00:00Z') };
    const touching = { startsAt: at('2026-06-13T04:00:00Z'), endsAt: at('2026-06-13T06:00:00Z') };
    assert.deepEqual(eligibleShifts(candidate(), volunteer({ busy: [overlapping] }), NOW), { excluded: 'clash' });
    assert.ok('shifts' in eligibleShifts(candidate(), volunteer({ busy: [touching] }), NOW));
    assert.equal(overlaps(shift(), touching), false);
  });
});

describe('reasons', () => {
  const codes = (c: Candidate, v: VolunteerFacts, s = c.shifts[0]!) => reasonsFor(c, s, v, NOW).map((r) => r.code);

  it('has none without any fact for them', () => {
    assert.deepEqual(reasonsFor(candidate(), shift(), volunteer(), NOW), []);
  });

  it('skill_match names the shared skills', () => {
    const reasons = reasonsFor(candidate({ skills: ['first_aid', 'driving', 'sign_language'] }), shift(), volunteer({ skills: new Set(['sign_language', 'first_aid']) }), NOW);
    assert.deepEqual(reasons, [{ code: 'skill_match', params: { skills: ['first_aid', 'sign_language'] } }]);
    assert.deepEqual(codes(candidate(), volunteer({ skills: new Set(['driving']) })), []);
  });

  it('you_liked_category names a category the volunteer took part in', () => {
    assert.deepEqual(reasonsFor(candidate(), shift(), volunteer({ categories: new Set(['environment']) }), NOW),
      [{ code: 'you_liked_category', params: { category: 'environment' } }]);
    assert.deepEqual(codes(candidate(), volunteer({ categories: new Set(['elderly']) })), []);
  });

  it('near_you is district level in the same region, city level in the same city, absent elsewhere', () => {
    assert.deepEqual(reasonsFor(candidate(), shift(), volunteer({ regionCode: '310104' }), NOW), [{ code: 'near_you', params: { regionCode: '310104', level: 'district' } }]);
    assert.deepEqual(reasonsFor(candidate(), shift(), volunteer({ regionCode: '310115' }), NOW), [{ code: 'near_you', params: { regionCode: '310104', level: 'city' } }]);
    assert.deepEqual(codes(candidate(), volunteer({ regionCode: '320102' })), []);
  });

  it("fits_your_time matches weekday and part of day in the activity's time zone", () => {
    assert.deepEqual(reasonsFor(candidate(), shift(), volunteer({ slots: [{ weekday: 6, partOfDay: 'morning' }] }), NOW),
      [{ code: 'fits_your_time', params: { weekday: 6, partOfDay: 'morning' } }]);
    assert.deepEqual(codes(candidate(), volunteer({ slots: [{ weekday: 6, partOfDay: 'afternoon' }, { weekday: 0, partOfDay: 'morning' }] })), []);
    // 01:00 UTC is Saturday morning in Shanghai but Friday evening in New York.
    assert.deepEqual(timeSlotOf(shift().startsAt, 'America/New_York'), { weekday: 5, partOfDay: 'evening' });
  });

  it('short_of_people needs a shift soon with under half its spots filled', () => {
    const soon = shift({ startsAt: at('2026-06-02T01:00:00Z'), endsAt: at('2026-06-02T04:00:00Z'), capacity: 10, signedUp: 4 });
    assert.deepEqual(reasonsFor(candidate(), soon, volunteer(), NOW), [{ code: 'short_of_people', params: { spotsLeft: 6, startsInHours: 25 } }]);
    assert.deepEqual(codes(candidate(), volunteer(), { ...soon, signedUp: 5 }), [], 'half filled is not short');
    assert.deepEqual(codes(candidate(), volunteer(), { ...soon, startsAt: at('2026-06-04T00:00:00Z') }), [], '72 hours away is not soon');
  });
});

describe('score and order', () => {
  it('sums the weights, a city-level near_you at half, all reasons making 100', () => {
    const everything = volunteer({
      regionCode: '310104', skills: new Set(['first_aid']), categories: new Set(['environment']), slots: [{ weekday: 2, partOfDay: 'morning' }],
    });
    const soon = shift({ startsAt: at('2026-06-02T01:00:00Z'), endsAt: at('2026-06-02T04:00:00Z') });
    const all = reasonsFor(candidate(), soon, everything, NOW);
    assert.deepEqual(all.map((r) => r.code), ['skill_match', 'you_liked_category', 'near_you', 'fits_your_time', 'short_of_people']);
    assert.equal(scoreOf(all), 100);
    assert.equal(scoreOf([{ code: 'near_you', params: { regionCode: '310104', level: 'city' } }]), WEIGHTS.near_you / 2);
  });

  it('ranks by score, then the sooner shift, then id, and leaves out what the filters hide', () => {
    const v = volunteer({ categories: new Set(['environment']), regionCode: '310104' });
    const ranked = recommend([
      candidate({ id: 'opp_c', category: 'elderly', regionCode: '440305' }),
      candidate({ id: 'opp_b' }),
      candidate({ id: 'opp_a', category: 'elderly' }),
      candidate({ id: 'opp_full', shifts: [shift({ signedUp: 10 })] }),
      candidate({ id: 'opp_0', category: 'elderly', regionCode: '440305' }),
      candidate({ id: 'opp_later', category: 'elderly', regionCode: '440305', shifts: [shift({ startsAt: at('2026-06-20T01:00:00Z'), endsAt: at('2026-06-20T04:00:00Z') })] }),
      candidate({ id: 'opp_sooner', category: 'elderly', regionCode: '440305', shifts: [shift({ startsAt: at('2026-06-10T01:00:00Z'), endsAt: at('2026-06-10T04:00:00Z') })] }),
    ], v, NOW);
    assert.deepEqual(ranked.map((r) => [r.id, r.score]),
      [['opp_b', 45], ['opp_a', 20], ['opp_sooner', 0], ['opp_0', 0], ['opp_c', 0], ['opp_later', 0]]);
    assert.ok(ranked.every((r, i) => i === 0 || ranked[i - 1]!.rankKey >= r.rankKey), 'the keyset key follows the order');
  });

  it("scores on the soonest shift the volunteer can take, not one they can't", () => {
    const busy = [{ startsAt: at('2026-06-02T00:00:00Z'), endsAt: at('2026-06-02T06:00:00Z') }];
    const soonButClashing = shift({ id: 'shf_soon', startsAt: at('2026-06-02T01:00:00Z'), endsAt: at('2026-06-02T04:00:00Z') });
    const [only] = recommend([candidate({ shifts: [soonButClashing, shift()] })], volunteer({ busy }), NOW);
    assert.deepEqual(only!.reasons, [], 'the clashing shift is short of people, the one left is not');
  });

  it('takes the region the volunteer took part in most, the lowest code on a tie', () => {
    assert.equal(usualRegion([]), null);
    assert.equal(usualRegion(['310115', '310104', '310115']), '310115');
    assert.equal(usualRegion(['310115', '310104']), '310104');
  });
});
