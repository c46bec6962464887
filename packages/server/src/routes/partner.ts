/** Secret-key endpoints for partner back ends. Responses are never cached. @module */
import {
  CreateServiceRecordBody,
  CreateSessionBody,
  ListSignupsQuery,
  ReviewServiceRecordBody,
  UpdateSignupBody,
} from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { sendRead } from '../http/cache.js';
import { sendWrite } from '../http/write.js';
import type { AppEnv } from '../http/context.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { exportSignups, mintSession, recordService, reviewService } from '../services/partner.js';
import { changeSignupStatus } from '../services/signups.js';
import { secretCaller } from './guards.js';

export const partnerRoutes = new Hono<AppEnv>();

partnerRoutes.post('/sessions', async (c) => {
  const caller = secretCaller(c);
  const body = parseBody(c, CreateSessionBody);
  const { now, secrets } = c.get('services');
  const keys = await secrets();
  return sendWrite(c, 201, (tx) => mintSession(tx, caller.channel, body, keys, now()));
});

/** The channel's sign-ups with contact data; ID numbers masked unless `reveal=idNumber`. */
partnerRoutes.get('/signups', async (c) => {
  const caller = secretCaller(c);
  const query = parseQuery(c, ListSignupsQuery);
  const { db, secrets } = c.get('services');
  const revealIdNumbers = query.reveal === 'idNumber';
  // Unmasked ID numbers leave the platform only on explicit request, and leave a trace.
  if (revealIdNumbers) console.warn(`[volunteerkit-server] audit: channel ${caller.channel.id} exported unmasked ID numbers (request ${c.get('requestId')})`);
  return sendRead(c, await exportSignups(db, caller.channel, { ...query, revealIdNumbers }, (await secrets()).seal));
});

partnerRoutes.patch('/signups/:id', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'sgn', 'Sign-up');
  const body = parseBody(c, UpdateSignupBody);
  return sendWrite(c, 200, (tx) => changeSignupStatus(tx, id, body.status, body.note ?? null, (s) => s.channel_id === caller.channel.id));
});

partnerRoutes.post('/service-records', async (c) => {
  const caller = secretCaller(c);
  const body = parseBody(c, CreateServiceRecordBody);
  return sendWrite(c, 201, (tx) => recordService(tx, caller.channel, body));
});

for (const [action, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
  partnerRoutes.post(`/service-records/:id/${action}`, async (c) => {
    const caller = secretCaller(c);
    const id = pathId(c, 'id', 'rec', 'Service record');
    const body = parseBody(c, ReviewServiceRecordBody);
    return sendWrite(c, 200, (tx) => reviewService(tx, caller.channel, id, decision, body));
  });
}
