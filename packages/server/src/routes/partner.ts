/** Secret-key endpoints for partner back ends. Responses are never cached. @module */
import {
  AuditLogQuery,
  CreateServiceRecordBody,
  OrganizerSessionBody,
  VolunteerSessionBody,
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
import { audit, listAuditLog } from '../services/audit.js';
import { mintOrganizerSession } from '../services/organizers.js';
import { actionContext, secretCaller } from './guards.js';

export const partnerRoutes = new Hono<AppEnv>();

/** A volunteer session, or with `organizer` in the body an organizer session (each body checked on its own, for clear field errors). */
partnerRoutes.post('/sessions', async (c) => {
  const caller = secretCaller(c);
  const raw = c.get('body');
  const { now, secrets } = c.get('services');
  const keys = await secrets();
  if (raw !== null && typeof raw === 'object' && 'organizer' in raw) {
    const body = parseBody(c, OrganizerSessionBody);
    return sendWrite(c, 201, (tx) => mintOrganizerSession(tx, actionContext(c, caller), body, keys.session));
  }
  const body = parseBody(c, VolunteerSessionBody);
  return sendWrite(c, 201, (tx) => mintSession(tx, caller.channel, body, keys, now()));
});

/** The channel's own audit log, newest first. */
partnerRoutes.get('/audit-log', async (c) => {
  const caller = secretCaller(c);
  return sendRead(c, await listAuditLog(c.get('services').db, caller.channel, parseQuery(c, AuditLogQuery)));
});

/** The channel's sign-ups with contact data; ID numbers masked unless `reveal=idNumber`. */
partnerRoutes.get('/signups', async (c) => {
  const caller = secretCaller(c);
  const query = parseQuery(c, ListSignupsQuery);
  const { db, secrets } = c.get('services');
  const revealIdNumbers = query.reveal === 'idNumber';
  // Unmasked ID numbers leave the platform only on explicit request, and leave a trace.
  if (revealIdNumbers) {
    console.warn(`[volunteerkit-server] audit: channel ${caller.channel.id} exported unmasked ID numbers (request ${c.get('requestId')})`);
    await db.transaction((tx) => audit(tx, actionContext(c, caller), 'signups.exported_id_numbers', { type: 'channel', id: caller.channel.id }));
  }
  return sendRead(c, await exportSignups(db, caller.channel, { ...query, revealIdNumbers }, (await secrets()).seal));
});

partnerRoutes.patch('/signups/:id', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'sgn', 'Sign-up');
  const body = parseBody(c, UpdateSignupBody);
  return sendWrite(c, 200, async (tx) => {
    const signup = await changeSignupStatus(tx, id, body.status, body.note ?? null, (s) => s.channel_id === caller.channel.id, c.get('services').now());
    await audit(tx, actionContext(c, caller), `signup.${body.status}`, { type: 'signup', id });
    return signup;
  });
});

partnerRoutes.post('/service-records', async (c) => {
  const caller = secretCaller(c);
  const body = parseBody(c, CreateServiceRecordBody);
  return sendWrite(c, 201, (tx) => recordService(tx, caller.channel, body, actionContext(c, caller, body.recordedBy)));
});

for (const [action, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
  partnerRoutes.post(`/service-records/:id/${action}`, async (c) => {
    const caller = secretCaller(c);
    const id = pathId(c, 'id', 'rec', 'Service record');
    const body = parseBody(c, ReviewServiceRecordBody);
    return sendWrite(c, 200, (tx) => reviewService(tx, caller.channel, id, decision, body, actionContext(c, caller, body.reviewedBy)));
  });
}
