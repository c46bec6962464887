/** Request validation with the contract's schemas, answering 422 with field paths. @module */
import { toFieldErrors } from '@volunteerkit/sdk/schemas';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { ApiError, validationFailed } from './problem.js';

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code: string }> } };
}

/** Query parameters that are about the transport, not the resource (the key, the locale). */
const TRANSPORT_PARAMS = new Set(['key', 'locale']);

export function parseQuery<T>(c: Context<AppEnv>, schema: SafeParser<T>): T {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    if (!TRANSPORT_PARAMS.has(name)) query[name] = value;
  }
  const result = schema.safeParse(query);
  if (!result.success) throw validationFailed(toFieldErrors(result.error.issues), 'Some query parameters are not valid; see errors.');
  return result.data;
}

export function parseBody<T>(c: Context<AppEnv>, schema: SafeParser<T>): T {
  const body = c.get('body');
  if (body === undefined) throw new ApiError(400, 'bad_request', 'This request needs a JSON body.');
  const result = schema.safeParse(body);
  if (!result.success) throw validationFailed(toFieldErrors(result.error.issues));
  return result.data;
}

/** A path parameter that must be an id with `prefix`; anything else cannot exist, so 404. */
export function pathId(c: Context<AppEnv>, name: string, prefix: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!new RegExp(`^${prefix}_[A-Za-z0-9]{4,40}$`).test(value)) throw new ApiError(404, 'not_found', `${what} was not found.`);
  return value;
}
