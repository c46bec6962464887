/** Points, rewards and redemptions: the volunteer's, the desk's, the partner's. @module */
import {
  CaptureRedemptionBody,
  CreateRedemptionBody,
  ListPointsQuery,
  ListRedemptionsQuery,
  ListRewardsQuery,
  PartnerCaptureRedemptionBody,
} from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { sendWrite } from '../http/write.js';
import {
  captureRedemption,
  listOwnRedemptions,
  listRewards,
  pointsStatement,
  reconcilePoints,
  redeem,
  undoRedemption,
} from '../services/recognition.js';
import { actionContext, callerOf, organizerCaller, secretCaller, sessionCaller } from './guards.js';

export const recognitionRoutes = new Hono<AppEnv>();

recognitionRoutes.get('/rewards', async (c) => {
  const { db, now } = c.get('services');
  return sendRead(c, await listRewards(db, callerOf(c).channel.id, parseQuery(c, ListRewardsQuery), now()));
});

recognitionRoutes.get('/me/points', async (c) => {
  const caller = sessionCaller(c);
  return sendRead(c, await pointsStatement(c.get('services').db, caller.volunteerId, parseQuery(c, ListPointsQuery)));
});

recognitionRoutes.get('/me/redemptions', async (c) => {
  const caller = sessionCaller(c);
  return sendRead(c, await listOwnRedemptions(c.get('services').db, caller.volunteerId, parseQuery(c, ListRedemptionsQuery)));
});

recognitionRoutes.post('/me/redemptions', async (c) => {
  const caller = sessionCaller(c);
  const body = parseBody(c, CreateRedemptionBody);
  const at = c.get('services').now();
  return sendWrite(c, 201, (tx) => redeem(tx, caller.channel, caller.volunteerId, body.rewardId, at));
});

recognitionRoutes.post('/me/redemptions/:id/undo', async (c) => {
  const caller = sessionCaller(c);
  const id = pathId(c, 'id', 'rdm', 'Redemption');
  const at = c.get('services').now();
  return sendWrite(c, 200, (tx) => undoRedemption(tx, caller.volunteerId, id, at));
});

recognitionRoutes.post('/organizer/redemptions/capture', async (c) => {
  const caller = organizerCaller(c);
  const body = parseBody(c, CaptureRedemptionBody);
  return sendWrite(c, 200, (tx) => captureRedemption(tx, actionContext(c, caller), body.code, caller.staffName));
});

recognitionRoutes.post('/redemptions/capture', async (c) => {
  const caller = secretCaller(c);
  const body = parseBody(c, PartnerCaptureRedemptionBody);
  return sendWrite(c, 200, (tx) => captureRedemption(tx, actionContext(c, caller, body.capturedBy), body.code, body.capturedBy));
});

/** The channel's books recomputed from every transfer: a partner's proof that they balance. */
recognitionRoutes.get('/points/reconciliation', async (c) => {
  const caller = secretCaller(c);
  const { db, now } = c.get('services');
  return sendRead(c, await reconcilePoints(db, caller.channel.id, now()));
});
