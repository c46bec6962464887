/** How volunteers appear: names masked unless opted in, contact masked, stars from approved hours. @module */
import { NATIONAL_STAR_RULE, maskMobile, maskName, starLevelFor, type StarRule } from '@volunteerkit/sdk/schemas';

/** The name the public sees: the full name only for volunteers who opted in. */
export function publicName(name: string, showName: boolean): string {
  return showName ? name : maskName(name);
}

/** `z***@example.com`: enough for a person to recognise their own address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export { maskMobile };

/** Hours still needed for the next star, `null` once the top level is reached. */
export function hoursToNextStar(approvedHours: number, rule: StarRule = NATIONAL_STAR_RULE): number | null {
  const next = rule.thresholds.find((threshold) => approvedHours < threshold);
  return next === undefined ? null : Math.round((next - approvedHours) * 100) / 100;
}

export function starLevel(approvedHours: number, rule: StarRule = NATIONAL_STAR_RULE): number {
  return starLevelFor(approvedHours, rule);
}

/** Points for approved hours at an opportunity's rate. */
export function pointsFor(hours: number, pointsPerHour: number): number {
  return Math.round(hours * pointsPerHour);
}
