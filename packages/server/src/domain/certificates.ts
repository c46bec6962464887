/** Rules of certificates of service, as plain functions: the number, the period, the record digest. @module */
import { createHash } from 'node:crypto';
import type { FieldError } from '@volunteerkit/sdk/schemas';

/** The longest period one certificate covers: ten years of service fit, a lifetime does not need more. */
export const MAX_PERIOD_DAYS = 3660;

/** `VK-2026-000123`: the year of issue (China Standard Time) and the platform-wide sequence. */
export function certificateNumber(seq: number, issuedAt: Date): string {
  return `VK-${chinaDay(issuedAt).slice(0, 4)}-${String(seq).padStart(6, '0')}`;
}

/** `YYYY-MM-DD` of `at` in China Standard Time (UTC+8, no daylight saving). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * `sha-256:` and the base64url SHA-256 of the record ids, sorted and one per line: which records
 * a certificate counted, without listing them in a document that is shown to others.
 */
export function recordsDigest(recordIds: readonly string[]): string {
  return `sha-256:${createHash('sha256').update([...recordIds].sort().join('\n')).digest('base64url')}`;
}

/** What is wrong with a requested period (days already well-formed), or nothing. */
export function periodErrors(from: string, to: string, today: string): FieldError[] {
  if (from > to) return [{ path: 'from', message: 'must not be after to', code: 'too_big' }];
  if (to > today) return [{ path: 'to', message: 'must not be in the future', code: 'too_big' }];
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) return [{ path: 'from', message: `must be at most ${MAX_PERIOD_DAYS} days before to`, code: 'too_small' }];
  return [];
}
