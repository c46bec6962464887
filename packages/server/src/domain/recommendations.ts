/**
 * Recommendations as plain functions: which activities a volunteer could actually join (the hard
 * filters), and a score made only of reasons the volunteer can be told (skills, category, place,
 * time, shortage). The database code only gathers the facts these functions read.
 */
import type { RecommendationReason } from '@volunteerkit/sdk/schemas';
import { ageProblem, signupWindowProblem } from './signup-rules.js';

export interface CandidateShift {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signedUp: number;
}

/** An activity that might be recommended, with its shifts that have not started. */
export interface Candidate {
  id: string;
  category: string;
  skills: readonly string[];
  regionCode: string;
  /** `public` or the one channel that sees it. */
  audience: string;
  status: string;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  requirements: { minAge?: number | undefined; maxAge?: number | undefined };
  timezone: string;
  shifts: readonly CandidateShift[];
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';
export interface TimeSlot {
  /** 0 = Sunday, as `Date#getDay`. */
  weekday: number;
  partOfDay: PartOfDay;
}

/** What the volunteer's own history says about them. */
export interface VolunteerFacts {
  channelId: string;
  birthDate: string | null;
  /** Where they are (asked for, or where they served most); `null` when unknown. */
  regionCode: string | null;
  /** Times of their live sign-ups: a shift overlapping one of these clashes. */
  busy: readonly { startsAt: Date; endsAt: Date }[];
  /** Categories they signed up for or served in. */
  categories: ReadonlySet<string>;
  /** Skills asked for by the activities they signed up for or served in. */
  skills: ReadonlySet<string>;
  /** When (in each activity's own time zone) they took part before. */
  slots: readonly TimeSlot[];
}

export type Exclusion = 'audience' | 'not_recruiting' | 'window' | 'age' | 'full' | 'clash' | 'no_shift';

/** Reason weights: they sum to 100, so a score reads as "how many of the good signs". */
export const WEIGHTS = { skill_match: 30, you_liked_category: 25, near_you: 20, fits_your_time: 15, short_of_people: 10 } as const;
/** A shift counts as short of people when it starts within this many hours… */
export const SHORT_WITHIN_HOURS = 72;
/** …with less than this share of its spots filled. */
export const SHORT_BELOW_FILLED = 0.5;

const HOUR = 3_600_000;

/** Whether two time ranges overlap (touching ends do not). */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The weekday and part of day of `at` in `timeZone` (morning before 12:00, afternoon before 18:00). */
export function timeSlotOf(at: Date, timeZone: string): TimeSlot {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  return { weekday, partOfDay: hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening' };
}

/**
 * The shifts of `candidate` this volunteer could sign up for now, soonest first, or why none: the
 * opportunity-wide filters first (audience, status, sign-up window), then per shift age on its
 * day, spots left and a clash with the volunteer's own sign-ups. The most telling reason is
 * kept when every shift fails (clash over full over age), for tests and logs.
 */
export function eligibleShifts(candidate: Candidate, volunteer: VolunteerFacts, now: Date): { shifts: CandidateShift[] } | { excluded: Exclusion } {
  if (candidate.audience !== 'public' && candidate.audience !== volunteer.channelId) return { excluded: 'audience' };
  if (candidate.status !== 'recruiting') return { excluded: 'not_recruiting' };
  const upcoming = candidate.shifts.filter((s) => s.startsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (upcoming.length === 0) return { excluded: 'no_shift' };
  if (signupWindowProblem(candidate, upcoming[0]!, now)) return { excluded: 'window' };
  const failures = new Set<Exclusion>();
  const shifts = upcoming.filter((shift) => {
    if (ageProblem(candidate.requirements, volunteer.birthDate, shift.startsAt)) return failures.add('age'), false;
    if (shift.signedUp >= shift.capacity) return failures.add('full'), false;
    if (volunteer.busy.some((busy) => overlaps(busy, shift))) return failures.add('clash'), false;
    return true;
  });
  if (shifts.length > 0) return { shifts };
  return { excluded: failures.has('clash') ? 'clash' : failures.has('full') ? 'full' : 'age' };
}

/** The reasons to suggest `candidate`, strongest first, judged on its soonest shift the volunteer can take. */
export function reasonsFor(candidate: Candidate, shift: CandidateShift, volunteer: VolunteerFacts, now: Date): RecommendationReason[] {
  const reasons: RecommendationReason[] = [];
  const skills = candidate.skills.filter((skill) => volunteer.skills.has(skill));
  if (skills.length > 0) reasons.push({ code: 'skill_match', params: { skills: [...skills].sort() } });
  if (volunteer.categories.has(candidate.category)) reasons.push({ code: 'you_liked_category', params: { category: candidate.category } });
  const region = volunteer.regionCode;
  if (region && candidate.regionCode === region) reasons.push({ code: 'near_you', params: { regionCode: candidate.regionCode, level: 'district' } });
  else if (region && candidate.regionCode.slice(0, 4) === region.slice(0, 4))
    reasons.push({ code: 'near_you', params: { regionCode: candidate.regionCode, level: 'city' } });
  const slot = timeSlotOf(shift.startsAt, candidate.timezone);
  if (volunteer.slots.some((s) => s.weekday === slot.weekday && s.partOfDay === slot.partOfDay))
    reasons.push({ code: 'fits_your_time', params: { weekday: slot.weekday, partOfDay: slot.partOfDay } });
  const startsInHours = Math.floor((shift.startsAt.getTime() - now.getTime()) / HOUR);
  if (startsInHours < SHORT_WITHIN_HOURS && shift.signedUp / shift.capacity < SHORT_BELOW_FILLED)
    reasons.push({ code: 'short_of_people', params: { spotsLeft: shift.capacity - shift.signedUp, startsInHours } });
  return reasons;
}

/** The score of a set of reasons: their weights summed (a town-level `near_you` counts half). */
export function scoreOf(reasons: readonly RecommendationReason[]): number {
  return reasons.reduce((sum, reason) => {
    const weight = WEIGHTS[reason.code];
    return sum + (reason.code === 'near_you' && reason.params['level'] === 'city' ? weight / 2 : weight);
  }, 0);
}

export interface Scored {
  id: string;
  score: number;
  reasons: RecommendationReason[];
  /** The soonest shift the volunteer can take: among equal scores, the sooner first. */
  soonest: Date;
  /** The position in the order, for a keyset cursor: score first, then the sooner start (whole minutes since 1970). */
  rankKey: number;
}

/** {@link Scored.rankKey}: higher first. Minutes since 1970 stay below 10^8 until the year 2160. */
export function rankKeyOf(score: number, soonest: Date): number {
  return score * 1e8 - Math.floor(soonest.getTime() / 60_000);
}

/** Every candidate the volunteer could join, scored, best first (equal scores: sooner first, then by id — the keyset order). */
export function recommend(candidates: readonly Candidate[], volunteer: VolunteerFacts, now: Date): Scored[] {
  const scored: Scored[] = [];
  for (const candidate of candidates) {
    const eligible = eligibleShifts(candidate, volunteer, now);
    if ('excluded' in eligible) continue;
    const soonest = eligible.shifts[0]!;
    const reasons = reasonsFor(candidate, soonest, volunteer, now);
    const score = scoreOf(reasons);
    scored.push({ id: candidate.id, score, reasons, soonest: soonest.startsAt, rankKey: rankKeyOf(score, soonest.startsAt) });
  }
  return scored.sort((a, b) => b.rankKey - a.rankKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The volunteer's home region when none is given: the region they took part in most (ties: the lowest code). */
export function usualRegion(regionCodes: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const code of regionCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
  let best: string | null = null;
  for (const [code, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && best !== null && code < best)) best = code;
  }
  return best;
}
