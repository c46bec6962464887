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

/**
 * Every error class by its stable name, for the cross-realm guards: an error named `TimeoutError`
 * from another realm is a `ConnectionError` because our `TimeoutError` class extends it.
 */
const CLASSES = new Map<string, { prototype: object }>();

/** The base of every error thrown by the client. */
export class VolunteerKitError extends Error {
  /** The stable name the guards check (class names are mangled by minifiers). */
  declare static readonly errorName: string;

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
    const Class = this as unknown as abstract new (...args: never[]) => unknown;
    if (value instanceof Class) return true;
    const named = CLASSES.get((value as { name?: unknown } | null | undefined)?.name as string);
    return named !== undefined && (named === Class || named.prototype instanceof Class);
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
export class BadRequestError extends APIError {}

/** The request did not pass validation: `fieldErrors` says which field and why. */
export class ValidationError extends APIError {
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
export class AuthenticationError extends APIError {}

/** 403: the key may not do this (a publishable key on a secret endpoint, an origin not allowed). */
export class PermissionDeniedError extends APIError {}

/** 404: no such resource (or not visible to this channel). */
export class NotFoundError extends APIError {}

/**
 * 409: the resource already exists. For `signups.create` (`code: 'duplicate_signup'`), `existing`
 * is the first sign-up, checked against the contract: show it instead of an error.
 */
export class ConflictError<TExisting = unknown> extends APIError {
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
  /** Seconds the server asked to wait (`Retry-After`), or `null` when it did not say. */
  readonly retryAfter: number | null;

  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfter = parseRetryAfter(init.headers.get('retry-after'));
  }
}

/** 5xx: the server failed. Retried automatically for GETs and idempotent writes. */
export class InternalServerError extends APIError {}

/** No answer from the server: offline, DNS failure, refused connection, CORS refusal. */
export class ConnectionError extends VolunteerKitError {}

/** No answer within the `timeout`. */
export class TimeoutError extends ConnectionError {}

/** The server answered outside the contract (a missing field, a wrong type, a body that is not JSON). */
export class ResponseValidationError extends VolunteerKitError {
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

// The stable names, set once here rather than in every class body (minifiers mangle class names).
for (const [name, Class] of Object.entries({
  VolunteerKitError,
  APIError,
  BadRequestError,
  ValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  ResponseValidationError,
})) {
  (Class as { errorName: string }).errorName = name;
  CLASSES.set(name, Class);
}

/** The class of an answer by status; 422 and field errors are told apart first. */
const CLASS_OF_STATUS: Record<number, new (init: APIErrorInit) => APIError> = {
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/** Builds the right {@link APIError} subclass for a problem-details answer. */
export function errorFromProblem(problem: ProblemDetails, headers: Headers): APIError {
  const { status } = problem;
  const Class =
    problem.code === 'validation_failed' || (problem.errors?.length && status < 500)
      ? ValidationError
      : (CLASS_OF_STATUS[status] ?? (status >= 500 ? InternalServerError : status >= 400 ? BadRequestError : APIError));
  return new Class({ problem, headers });
}
