/** Which credential a route needs. @module */
import type { Context } from 'hono';
import type { AppEnv, Caller } from '../http/context.js';
import { ApiError } from '../http/problem.js';
import { actorOf, type ActionContext } from '../services/audit.js';

export function callerOf(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw new ApiError(401, 'unauthorized', 'Pass a publishable key as ?key=pk_… or an Authorization: Bearer header.');
  return caller;
}

export function secretCaller(c: Context<AppEnv>): Extract<Caller, { kind: 'secret' }> {
  const caller = callerOf(c);
  if (caller.kind !== 'secret') throw new ApiError(403, 'secret_key_required', 'This endpoint is for partner back ends: use a secret key (sk_…).');
  return caller;
}

export function sessionCaller(c: Context<AppEnv>): Extract<Caller, { kind: 'session' }> {
  const caller = callerOf(c);
  if (caller.kind !== 'session') throw new ApiError(401, 'unauthorized', 'This endpoint needs a volunteer session token (Authorization: Bearer vst_…).');
  return caller;
}

export function organizerCaller(c: Context<AppEnv>): Extract<Caller, { kind: 'organizer' }> {
  const caller = callerOf(c);
  if (caller.kind !== 'organizer') throw new ApiError(401, 'unauthorized', 'This endpoint needs an organizer session token (Authorization: Bearer ost_…).');
  return caller;
}

/** Who acts, for the audit log: the caller (a secret key named by `actedBy` when the body says who), this request, now. */
export function actionContext(c: Context<AppEnv>, caller: Caller, actedBy: string | null = null): ActionContext {
  return { channel: caller.channel, actor: actorOf(caller, actedBy), requestId: c.get('requestId'), now: c.get('services').now() };
}
