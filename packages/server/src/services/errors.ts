/**
 * What services refuse, in the domain's words. Services throw these and know nothing of HTTP;
 * the edge (http/problem.ts `toApiError`) turns each kind into a status and problem `code`.
 */
import type { FieldError } from '@volunteerkit/sdk/schemas';

export type DomainErrorKind =
  /** The thing does not exist, or the caller may not know it does. */
  | 'not_found'
  /** Input breaks a rule; `errors` names the fields. */
  | 'invalid'
  /** The person is too young or too old for the activity; `errors` says which limit. */
  | 'requirements_not_met'
  /** The activity is not taking sign-ups now. */
  | 'signup_closed'
  /** The person already has a live sign-up for the shift; `existing` is it. */
  | 'duplicate_signup'
  /** The change does not fit the current state (a full shift, a record already reviewed). */
  | 'conflict'
  /** The credential names someone who is not there. */
  | 'unauthorized'
  /** The caller may not read this. */
  | 'forbidden'
  /** An Idempotency-Key sent again with another request. */
  | 'idempotency_key_reused'
  /** Too many attempts (wrong check-in codes in a row); `retryAfterSeconds` says when to try again. */
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: { errors?: FieldError[]; existing?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const invalid = (errors: FieldError[], detail = 'Some fields are not valid; see errors.') => new DomainError('invalid', detail, { errors });
