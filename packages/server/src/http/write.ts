/**
 * How every write route answers: the change runs through services/idempotency.ts in one
 * transaction, and its answer (or a stored one, for a retried `Idempotency-Key`) is sent.
 */
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '@volunteerkit/sdk/endpoints';
import type { Context } from 'hono';
import type { Queryable } from '../db/database.js';
import type { IdempotentRequest, WriteAnswer } from '../services/idempotency.js';
import { NO_STORE } from './cache.js';
import { callerPerson } from './middleware.js';
import type { AppEnv } from './context.js';
import { ApiError, problemText, toApiError, validationFailed } from './problem.js';


/** The request's `Idempotency-Key`, scoped to its caller, or `null` without one. */
export function idempotentRequestOf(c: Context<AppEnv>): IdempotentRequest | null {
  const key = c.req.header('idempotency-key');
  const caller = c.get('caller');
  if (key === undefined || !caller) return null;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw validationFailed([{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters', code: 'invalid_format' }], 'The Idempotency-Key header is not valid.');
  return {
    scope: `${caller.channel.id}:${caller.kind}:${callerPerson(caller)}`,
    key,
    requestHash: createHash('sha256').update(`${c.req.method} ${c.req.path}\n${c.get('rawBody')}`).digest('hex'),
  };
}

/**
 * Runs `change` (a service call given the write's transaction) and sends its result with
 * `status`. A client error the change throws is the answer too, stored under the key like a
 * success; server errors and rate limits are not stored, so a retry runs again.
 */
export async function sendWrite(
  c: Context<AppEnv>,
  status: 200 | 201,
  change: (tx: Queryable) => Promise<unknown>,
  /**
   * Runs after a refusal the change threw (not on a replay), outside its rolled-back transaction:
   * for what must be remembered of a refused request (a wrong check-in code counts).
   */
  afterRefusal?: (error: unknown) => Promise<void>,
): Promise<Response> {
  const request = idempotentRequestOf(c);
  let refusal: ApiError | undefined;
  let refusedWith: unknown;
  let outcome;
  try {
    outcome = await c.get('services').writes.run(
      request,
      async (tx): Promise<WriteAnswer> => ({ status, body: JSON.stringify(await change(tx)) }),
      (error) => {
        const apiError = toApiError(error);
        if (!request || apiError.status >= 500 || apiError.status === 429) return null;
        refusal = apiError;
        refusedWith = error;
        return { status: apiError.status, body: problemText(c, apiError) };
      },
    );
  } catch (error) {
    if (afterRefusal && toApiError(error).status < 500) await afterRefusal(error);
    throw error;
  }
  if (afterRefusal && refusedWith !== undefined) await afterRefusal(refusedWith);
  c.header('Cache-Control', NO_STORE);
  if (outcome.replayed) c.header('Idempotent-Replayed', 'true');
  const isProblem = outcome.status >= 400;
  if (isProblem) {
    for (const [name, value] of Object.entries(refusal?.extra.headers ?? {})) c.header(name, value);
    c.header('Content-Language', c.get('locale'));
  }
  const contentType = isProblem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8';
  return c.body(outcome.body, outcome.status as 200, { 'Content-Type': contentType });
}
