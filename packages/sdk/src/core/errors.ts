/**
 * Every error the client throws. Catch {@link VolunteerKitError} for all of them, or one class for
 * one case:
 *
 * ```
 * VolunteerKitError
 * ├── APIError                the server answered with a problem-details error
 * │   ├── BadRequestError     400 (and 413, 415, other 4xx that are the caller's fault)
 * │   ├── ValidationError     422 / `validation_failed`: `fieldErrors` by path
 * │   ├── AuthenticationError 401
 * │   ├── PermissionDeniedError 403
 * │   ├── NotFoundError       404
 * │   ├── ConflictError       409: `existing` is the resource that already exists
 * │   ├── RateLimitError      429: `retryAfter` in seconds
 * │   └── InternalServerError 5xx
 * ├── ConnectionError         no answer (offline, DNS, CORS refused, connection reset)
 * │   └── TimeoutError        no answer within `timeout`
 * └── ResponseValidationError the server answered outside the contract
 * ```
 *
 * The guards (`VolunteerKitError.is(x)`, `NotFoundError.is(x)`, {@link isVolunteerKitError}) look at
 * `name` and not only `instanceof`, so they also work on an error that crossed a realm (an iframe)
 * or came from a second copy of this package on the page.
 *
 * @module
 */
import type { ErrorCode, FieldError, ProblemDetails } from '../schemas/common.js';
import type { Signup } from '../schemas/signup.js';
import { redactCredentials } from '../internal/env.js';

/** Each error class's name → its parent's name. The guards walk it, so they never need `instanceof`. */
const PARENT_NAME: Record<string, string> = {
  APIError: 'VolunteerKitError',
  BadRequestError: 'APIError',
  ValidationError: 'APIError',
  AuthenticationError: 'APIError',
  PermissionDeniedError: 'APIError',
  NotFoundError: 'APIError',
  ConflictError: 'APIError',
  RateLimitError: 'APIError',
  InternalServerError: 'APIError',
  ConnectionError: 'VolunteerKitError',
  TimeoutError: 'ConnectionError',
  ResponseValidationError: 'VolunteerKitError',
};

function hasErrorName(value: unknown, ancestor: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let name: string | undefined = (value as { name?: unknown }).name as string | undefined;
  if (typeof name !== 'string') return false;
  // Bounded walk: the table is a tree of depth 3.
  for (let depth = 0; name !== undefined && depth < 5; depth++) {
    if (name === ancestor) return true;
    name = PARENT_NAME[name];
  }
  return false;
}

/** The base of every error thrown by the client. */
export class VolunteerKitError extends Error {
  /** The stable name the guards check (class names are mangled by minifiers). */
  static readonly errorName: string = 'VolunteerKitError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = (new.target as typeof VolunteerKitError).errorName;
  }

  /**
   * Whether `value` is an error of this class (or a subclass), also across realms.
   *
   * @example
   * ```ts
   * try { await vk.opportunities.get(id); }
   * catch (err) { if (NotFoundError.is(err)) showGone(); else throw err; }
   * ```
   */
  static is<T>(this: { readonly errorName: string; prototype: T }, value: unknown): value is T {
    return value instanceof (this as unknown as abstract new (...args: never[]) => unknown) || hasErrorName(value, this.errorName);
  }
}

/**
 * Whether `value` is any error thrown by this client, also across realms.
 *
 * @example
 * ```ts
 * catch (err) { if (isVolunteerKitError(err)) console.warn(err.message); }
 * ```
 */
export function isVolunteerKitError(value: unknown): value is VolunteerKitError {
  return VolunteerKitError.is(value);
}

/** What {@link APIError} is built from. */
export interface APIErrorInit {
  problem: ProblemDetails;
  headers: Headers;
}

/** The server answered with an error (RFC 9457 problem details). */
export class APIError extends VolunteerKitError {
  static override readonly errorName: string = 'APIError';
  /** HTTP status. */
  readonly status: number;
  /** Machine-readable code; switch on this, never on the message. */
  readonly code: ErrorCode | (string & {});
  /** The server's request id (quote it to support), from the body or the `X-Request-Id` header. */
  readonly requestId: string | undefined;
  /** The full problem-details body. */
  readonly problem: ProblemDetails;
  /** The response headers. */
  readonly headers: Headers;

  constructor({ problem, headers }: APIErrorInit) {
    const requestId = problem.requestId ?? headers.get('x-request-id') ?? undefined;
    const text = problem.detail ?? problem.title;
    // Servers sometimes echo what they were sent; a key must not reach logs through an error message.
    super(redactCredentials(`${problem.status} ${problem.code}: ${text}${requestId ? ` (request ${requestId})` : ''}`));
    this.status = problem.status;
    this.code = problem.code;
    this.requestId = requestId;
    this.problem = problem;
    this.headers = headers;
  }
}

/** 400 and other 4xx answers that say the request itself was wrong. */
export class BadRequestError extends APIError {
  static override readonly errorName: string = 'BadRequestError';
}

/** The request did not pass validation: `fieldErrors` says which field and why. */
export class ValidationError extends APIError {
  static override readonly errorName: string = 'ValidationError';
  /** Field errors as the server sent them. */
  readonly errors: FieldError[];
  /** Messages by dot-separated path (`volunteer.mobile`), ready to show next to each field. */
  readonly fieldErrors: Record<string, string[]>;

  constructor(init: APIErrorInit) {
    super(init);
    this.errors = init.problem.errors ?? [];
    const fieldErrors: Record<string, string[]> = {};
    for (const { path, message } of this.errors) (fieldErrors[path] ??= []).push(message);
    this.fieldErrors = fieldErrors;
  }
}

/** 401: the key or session is missing, unknown, revoked or expired. */
export class AuthenticationError extends APIError {
  static override readonly errorName: string = 'AuthenticationError';
}

/** 403: the key may not do this (a publishable key on a secret endpoint, an origin not allowed). */
export class PermissionDeniedError extends APIError {
  static override readonly errorName: string = 'PermissionDeniedError';
}

/** 404: no such resource (or not visible to this channel). */
export class NotFoundError extends APIError {
  static override readonly errorName: string = 'NotFoundError';
}

/**
 * 409: the resource already exists. For `signups.create` (`code: 'duplicate_signup'`), `existing`
 * is the first sign-up, checked against the contract: show it instead of an error.
 */
export class ConflictError<TExisting = unknown> extends APIError {
  static override readonly errorName: string = 'ConflictError';
  /** The resource that already exists, when the server sent it. */
  readonly existing: TExisting | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    this.existing = init.problem.existing as TExisting | undefined;
  }
}

/** A duplicate sign-up: `existing` is the first {@link Signup} of that volunteer for that shift. */
export type DuplicateSignupError = ConflictError<Signup>;

/** 429: too many requests. The client already retried when `Retry-After` allowed it. */
export class RateLimitError extends APIError {
  static override readonly errorName: string = 'RateLimitError';
  /** Seconds the server asked to wait (`Retry-After`), or `null` when it did not say. */
  readonly retryAfter: number | null;

  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfter = parseRetryAfter(init.headers.get('retry-after'));
  }
}

/** 5xx: the server failed. Retried automatically for GETs and idempotent writes. */
export class InternalServerError extends APIError {
  static override readonly errorName: string = 'InternalServerError';
}

/** No answer from the server: offline, DNS failure, refused connection, CORS refusal. */
export class ConnectionError extends VolunteerKitError {
  static override readonly errorName: string = 'ConnectionError';
}

/** No answer within the `timeout`. */
export class TimeoutError extends ConnectionError {
  static override readonly errorName: string = 'TimeoutError';
}

/** The server answered outside the contract (a missing field, a wrong type, a body that is not JSON). */
export class ResponseValidationError extends VolunteerKitError {
  static override readonly errorName: string = 'ResponseValidationError';
  /** Every mismatch; `path` is dot-separated (`data.0.shifts.0.capacity`), `''` for the whole body. */
  readonly issues: FieldError[];
  /** The path of the first mismatch. */
  readonly path: string;

  constructor(what: string, issues: FieldError[]) {
    const first = issues[0];
    const where = first ? `${first.path || '(body)'}: ${first.message}` : 'unknown mismatch';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`The response to ${what} does not match the VolunteerKit contract at ${where}${more}`);
    this.issues = issues;
    this.path = first?.path ?? '';
  }
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}

/** Builds the right {@link APIError} subclass for a problem-details answer. */
export function errorFromProblem(problem: ProblemDetails, headers: Headers): APIError {
  const init = { problem, headers };
  const { status, code } = problem;
  if (code === 'validation_failed' || (problem.errors?.length && status < 500)) return new ValidationError(init);
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new PermissionDeniedError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) return new RateLimitError(init);
  if (status >= 500) return new InternalServerError(init);
  if (status >= 400) return new BadRequestError(init);
  return new APIError(init);
}
