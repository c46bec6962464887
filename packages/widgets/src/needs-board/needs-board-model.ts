/**
 * What the board shows of a need, as plain functions (no DOM): the service's name in the reader's
 * language, how long it has waited, and what a refused claim means to a volunteer.
 *
 * @module
 */
import { ConflictError, PermissionDeniedError, type Need, type ServiceMenuItem } from '@volunteerkit/sdk';
import type { VkLocale } from '../shared/locale.js';

/** The service's name in `locale`, else its code (a menu that failed to load still leaves a board). */
export function serviceName(menu: readonly ServiceMenuItem[], code: string, locale: VkLocale): string {
  return menu.find((item) => item.code === code)?.names[locale] ?? code;
}

export type Waited = { unit: 'minutes' | 'hours' | 'days'; count: number };

/** How long a need has waited, in the largest whole unit (at least one minute); `null` before it is open. */
export function waited(since: string | null, now: Date): Waited | null {
  if (!since) return null;
  const minutes = Math.max(1, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 24 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / (24 * 60)) };
}

/** Longest waiting first (the server's order too); needs not yet waiting go last. */
export function byLongestWaiting(needs: readonly Need[]): Need[] {
  const at = (need: Need) => (need.waitingSince ? Date.parse(need.waitingSince) : Number.POSITIVE_INFINITY);
  return [...needs].sort((a, b) => at(a) - at(b));
}

/**
 * Why a claim was refused, in the volunteer's terms: `taken` (409: another volunteer was first,
 * or the need closed meanwhile), `not_allowed` (403), else `failed` (a retry may help).
 */
export type ClaimRefusal = 'taken' | 'not_allowed' | 'failed';
export function claimRefusal(error: unknown): ClaimRefusal {
  if (ConflictError.is(error)) return 'taken';
  if (PermissionDeniedError.is(error)) return 'not_allowed';
  return 'failed';
}
