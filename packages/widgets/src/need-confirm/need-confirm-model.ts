/**
 * What `<vk-need-confirm>` decides without the DOM: whether the typed code can be sent, and what
 * a refused confirmation means to the person confirming.
 *
 * @module
 */
import { ConflictError, NotFoundError, PermissionDeniedError, ValidationError } from '@volunteerkit/sdk';

/** The typed code without spaces (a code read out is often typed "482 913"), if it is 6 digits; else why not. */
export function checkCode(typed: string): { ok: true; code: string } | { ok: false; problem: 'required' | 'digits' } {
  const code = typed.replace(/\s+/g, '');
  if (!code) return { ok: false, problem: 'required' };
  return /^\d{6}$/.test(code) ? { ok: true, code } : { ok: false, problem: 'digits' };
}

/**
 * Why a confirmation was refused: `wrong_code` (422 on `code`), `locked` (409 after too many wrong
 * codes, or the need is no longer waiting for one), `not_found` (404), `not_allowed` (403),
 * else `failed` (a retry may help).
 */
export type ConfirmRefusal = 'wrong_code' | 'closed' | 'not_found' | 'not_allowed' | 'failed';
export function confirmRefusal(error: unknown): ConfirmRefusal {
  if (ValidationError.is(error)) return error.errors.some((e) => e.path === 'code') ? 'wrong_code' : 'failed';
  if (ConflictError.is(error)) return 'closed';
  if (NotFoundError.is(error)) return 'not_found';
  if (PermissionDeniedError.is(error)) return 'not_allowed';
  return 'failed';
}
