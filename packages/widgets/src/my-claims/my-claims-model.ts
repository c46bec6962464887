/**
 * What `<vk-my-claims>` decides without the DOM: the minutes a fulfilment may record, and what a
 * refused step means to the volunteer.
 *
 * @module
 */
import { AuthenticationError, ConflictError, NotFoundError, PermissionDeniedError, ValidationError } from '@volunteerkit/sdk';

/** The minutes the API accepts for a fulfilment (FulfilNeedBody). */
export const MIN_MINUTES = 5;
export const MAX_MINUTES = 480;

/** The typed minutes as a whole number the API accepts, else why not (`required`, `whole`, `range`). */
export function parseMinutes(typed: string): { ok: true; minutes: number } | { ok: false; problem: 'required' | 'whole' | 'range' } {
  const text = typed.trim();
  if (!text) return { ok: false, problem: 'required' };
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'whole' };
  const minutes = Number(text);
  return minutes < MIN_MINUTES || minutes > MAX_MINUTES ? { ok: false, problem: 'range' } : { ok: true, minutes };
}

/**
 * Why a step on a claim was refused: `gone` (409/404: the claim ended meanwhile — released by the
 * deadline, or closed), `not_allowed` (403), `invalid` (422: the minutes), else `failed` (a retry may help).
 */
export type StepRefusal = 'gone' | 'not_allowed' | 'invalid' | 'signed_out' | 'failed';
export function stepRefusal(error: unknown): StepRefusal {
  if (AuthenticationError.is(error)) return 'signed_out';
  if (ConflictError.is(error) || NotFoundError.is(error)) return 'gone';
  if (PermissionDeniedError.is(error)) return 'not_allowed';
  if (ValidationError.is(error)) return 'invalid';
  return 'failed';
}
