/** Request validation with the contract's schemas, answering 422 with field paths. @module */
import { TRANSPORT_QUERY_PARAMS } from '@volunteerkit/sdk/endpoints';
import { toFieldErrors, type FieldError } from '@volunteerkit/sdk/schemas';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { ApiError, validationFailed } from './problem.js';

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code: string }> } };
}

/** Query parameters that are about the transport, not the resource (the key, the locale). */
const TRANSPORT_PARAMS = new Set<string>(TRANSPORT_QUERY_PARAMS);

export function parseQuery<T>(c: Context<AppEnv>, schema: SafeParser<T>): T {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    if (!TRANSPORT_PARAMS.has(name)) query[name] = value;
  }
  const result = schema.safeParse(query);
  const errors = [...nulErrors(query), ...(result.success ? [] : toFieldErrors(result.error.issues))];
  if (errors.length || !result.success) throw validationFailed(errors, 'Some query parameters are not valid; see errors.');
  return result.data;
}

export function parseBody<T>(c: Context<AppEnv>, schema: SafeParser<T>): T {
  const body = c.get('body');
  if (body === undefined) throw new ApiError(400, 'bad_request', 'This request needs a JSON body.');
  const result = schema.safeParse(body);
  const errors = [...nulErrors(body), ...(result.success ? [] : toFieldErrors(result.error.issues))];
  if (errors.length || !result.success) throw validationFailed(errors);
  return result.data;
}

/**
 * A NUL character in any text (a value or a property name): PostgreSQL cannot store one in
 * text, so it is refused here, with the field's path, before it reaches the database. A loop,
 * not recursion: a body can nest deeper than the call stack.
 */
function nulErrors(root: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const refuse = (path: string) => errors.push({ path: path.replaceAll('\u0000', '\\u0000'), message: 'must not contain NUL characters', code: 'invalid_characters' });
  const pending: Array<[unknown, string]> = [[root, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    const at = (name: string) => (path ? `${path}.${name}` : name);
    if (typeof value === 'string') {
      if (value.includes('\u0000')) refuse(path);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) {
        if (name.includes('\u0000')) refuse(at(name));
        else pending.push([item, at(name)]);
      }
    }
  }
  return errors;
}

/** A path parameter that must be an id with `prefix`; anything else cannot exist, so 404. */
export function pathId(c: Context<AppEnv>, name: string, prefix: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!new RegExp(`^${prefix}_[A-Za-z0-9]{4,40}$`).test(value)) throw new ApiError(404, 'not_found', `${what} was not found.`);
  return value;
}
