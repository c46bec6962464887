/**
 * The needs board (微心愿/点单): the public menu and board, filing (resident or helper), claims by
 * volunteer sessions, moderation by organizer sessions, and confirmation. See services/needs.ts.
 * @module
 */
import {
  CancelNeedBody, ConfirmNeedBody, CreateNeedBody, FulfilNeedBody, ListClaimsQuery, ListNeedsQuery, ModerateNeedBody, OrganizerNeedsQuery, RateNeedBody,
} from '@volunteerkit/sdk/schemas';
import { Hono, type Context } from 'hono';
import { countConfirmFailure } from '../db/needs-queries.js';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { ApiError } from '../http/problem.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { sendWrite } from '../http/write.js';
import * as needs from '../services/needs.js';
import { actionContext, callerOf, organizerCaller, sessionCaller } from './guards.js';

export const needRoutes = new Hono<AppEnv>();

const needId = (c: Context<AppEnv>) => pathId(c, 'id', 'ned', 'Need');
const sealSecret = async (c: Context<AppEnv>) => (await c.get('services').secrets()).seal;

/** A resident (publishable key) or a helper (organizer session); anyone else is refused. */
function residentOrHelper(c: Context<AppEnv>) {
  const caller = callerOf(c);
  if (caller.kind === 'organizer')
    return { caller, as: { kind: 'organizer' as const, organizationId: caller.organizationId, staffId: caller.staffId, staffName: caller.staffName } };
  if (caller.kind === 'publishable') return { caller, as: { kind: 'resident' as const } };
  throw new ApiError(403, 'forbidden', 'Use the publishable key (a resident) or an organizer session (a helper acting for one).');
}

needRoutes.get('/service-menu', async (c) => sendRead(c, await needs.serviceMenu(c.get('services').db, callerOf(c).channel.id)));

needRoutes.get('/needs', async (c) => {
  const query = parseQuery(c, ListNeedsQuery);
  return sendRead(c, await needs.listBoard(c.get('services').db, callerOf(c).channel.id, query));
});

needRoutes.get('/needs/:id', async (c) => {
  const id = needId(c);
  return sendRead(c, await needs.getPublicNeed(c.get('services').db, callerOf(c).channel.id, id));
});

needRoutes.post('/needs', async (c) => {
  const { caller, as } = residentOrHelper(c);
  const body = parseBody(c, CreateNeedBody);
  const secret = await sealSecret(c);
  return sendWrite(c, 201, (tx) => needs.createNeed(tx, actionContext(c, caller), as, body, secret));
});

needRoutes.post('/needs/:id/claim', async (c) => {
  const caller = sessionCaller(c);
  const id = needId(c);
  const secret = await sealSecret(c);
  return sendWrite(c, 200, (tx) => needs.claimNeed(tx, actionContext(c, caller), caller.volunteerId, id, secret));
});

needRoutes.post('/needs/:id/release', async (c) => {
  const caller = sessionCaller(c);
  const id = needId(c);
  return sendWrite(c, 200, (tx) => needs.releaseNeed(tx, actionContext(c, caller), caller.volunteerId, id));
});

needRoutes.post('/needs/:id/fulfil', async (c) => {
  const caller = sessionCaller(c);
  const id = needId(c);
  const body = parseBody(c, FulfilNeedBody);
  const secret = await sealSecret(c);
  return sendWrite(c, 200, (tx) => needs.fulfilNeed(tx, actionContext(c, caller), caller.volunteerId, id, body.minutes, secret));
});

/** A wrong code is counted even though its request changes nothing: five in a row, and only a helper can confirm. */
needRoutes.post('/needs/:id/confirm', async (c) => {
  const { caller, as } = residentOrHelper(c);
  const id = needId(c);
  const body = parseBody(c, ConfirmNeedBody);
  const secret = await sealSecret(c);
  const { db } = c.get('services');
  return sendWrite(c, 200, (tx) => needs.confirmNeed(tx, actionContext(c, caller), as, id, body, secret), async (error) => {
    if (error instanceof needs.WrongNeedCodeError) await countConfirmFailure(db, error.needId);
  });
});

needRoutes.post('/needs/:id/rate', async (c) => {
  const caller = organizerCaller(c);
  const id = needId(c);
  const body = parseBody(c, RateNeedBody);
  const as = { kind: 'organizer' as const, organizationId: caller.organizationId, staffId: caller.staffId, staffName: caller.staffName };
  return sendWrite(c, 200, (tx) => needs.rateNeed(tx, actionContext(c, caller), as, id, body));
});

needRoutes.get('/me/claims', async (c) => {
  const caller = sessionCaller(c);
  const query = parseQuery(c, ListClaimsQuery);
  return sendRead(c, await needs.listClaims(c.get('services').db, caller.volunteerId, query, await sealSecret(c)));
});

needRoutes.get('/me/claims/:id', async (c) => {
  const caller = sessionCaller(c);
  const id = needId(c);
  return sendRead(c, await needs.getClaim(c.get('services').db, actionContext(c, caller), caller.volunteerId, id, await sealSecret(c)));
});

needRoutes.get('/organizer/needs', async (c) => {
  const caller = organizerCaller(c);
  return sendRead(c, await needs.listOrgNeeds(c.get('services').db, caller.organizationId, parseQuery(c, OrganizerNeedsQuery)));
});

needRoutes.post('/organizer/needs/:id/moderate', async (c) => {
  const caller = organizerCaller(c);
  const id = needId(c);
  const body = parseBody(c, ModerateNeedBody);
  const as = { kind: 'organizer' as const, organizationId: caller.organizationId, staffId: caller.staffId, staffName: caller.staffName };
  return sendWrite(c, 200, (tx) => needs.moderateNeed(tx, actionContext(c, caller), as, id, body));
});

needRoutes.post('/organizer/needs/:id/cancel', async (c) => {
  const caller = organizerCaller(c);
  const id = needId(c);
  const body = parseBody(c, CancelNeedBody);
  const as = { kind: 'organizer' as const, organizationId: caller.organizationId, staffId: caller.staffId, staffName: caller.staffName };
  return sendWrite(c, 200, (tx) => needs.cancelNeed(tx, actionContext(c, caller), as, id, body.reason));
});
