/**
 * Organizer-session endpoints: check-in codes and rosters of the organization's shifts, reviews of
 * its service records, its disputes. Every change is audited; answers are never cached.
 * @module
 */
import {
  BulkRosterUpdate,
  HoursPolicyRules,
  OrganizerDisputesQuery,
  OrganizerServiceRecordsQuery,
  ResolveDisputeBody,
  ReviewServiceRecordsBody,
  RosterQuery,
  RosterUpdate,
} from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { sendWrite } from '../http/write.js';
import { currentCheckinCode, roster, updateRoster, updateRosterEntry } from '../services/attendance.js';
import { listOrgDisputes, resolveDispute } from '../services/disputes.js';
import { currentHoursPolicy, setHoursPolicy } from '../services/organizers.js';
import { listOrgServiceRecords, reviewRecords } from '../services/reviews.js';
import { actionContext, organizerCaller } from './guards.js';

export const organizerRoutes = new Hono<AppEnv>();

organizerRoutes.get('/shifts/:id/checkin-code', async (c) => {
  const caller = organizerCaller(c);
  const id = pathId(c, 'id', 'shf', 'Shift');
  const { db, now, secrets } = c.get('services');
  return sendRead(c, await currentCheckinCode(db, caller.organizationId, id, (await secrets()).checkin, now()));
});

organizerRoutes.get('/shifts/:id/roster', async (c) => {
  const caller = organizerCaller(c);
  const id = pathId(c, 'id', 'shf', 'Shift');
  return sendRead(c, await roster(c.get('services').db, caller.organizationId, id, parseQuery(c, RosterQuery)));
});

organizerRoutes.post('/shifts/:id/roster', async (c) => {
  const caller = organizerCaller(c);
  const id = pathId(c, 'id', 'shf', 'Shift');
  const body = parseBody(c, BulkRosterUpdate);
  return sendWrite(c, 200, async (tx) => ({ data: await updateRoster(tx, actionContext(c, caller), caller.organizationId, id, body.updates) }));
});

organizerRoutes.post('/shifts/:id/roster/:signupId', async (c) => {
  const caller = organizerCaller(c);
  const id = pathId(c, 'id', 'shf', 'Shift');
  const signupId = pathId(c, 'signupId', 'sgn', 'Sign-up');
  const body = parseBody(c, RosterUpdate);
  return sendWrite(c, 200, (tx) => updateRosterEntry(tx, actionContext(c, caller), caller.organizationId, id, signupId, body));
});

organizerRoutes.get('/organizer/service-records', async (c) => {
  const caller = organizerCaller(c);
  const { db, now } = c.get('services');
  return sendRead(c, await listOrgServiceRecords(db, caller.organizationId, parseQuery(c, OrganizerServiceRecordsQuery), now()));
});

organizerRoutes.post('/organizer/service-records/review', async (c) => {
  const caller = organizerCaller(c);
  const body = parseBody(c, ReviewServiceRecordsBody);
  return sendWrite(c, 200, async (tx) => ({ data: await reviewRecords(tx, actionContext(c, caller), caller.organizationId, body) }));
});

organizerRoutes.get('/organizer/disputes', async (c) => {
  const caller = organizerCaller(c);
  return sendRead(c, await listOrgDisputes(c.get('services').db, caller.organizationId, parseQuery(c, OrganizerDisputesQuery)));
});

organizerRoutes.post('/organizer/disputes/:id/resolve', async (c) => {
  const caller = organizerCaller(c);
  const id = pathId(c, 'id', 'dsp', 'Dispute');
  const body = parseBody(c, ResolveDisputeBody);
  return sendWrite(c, 200, (tx) => resolveDispute(tx, actionContext(c, caller), caller.organizationId, id, body));
});

organizerRoutes.get('/organizer/hours-policy', async (c) => {
  const caller = organizerCaller(c);
  return sendRead(c, await currentHoursPolicy(c.get('services').db, caller.organizationId));
});

organizerRoutes.post('/organizer/hours-policy', async (c) => {
  const caller = organizerCaller(c);
  const body = parseBody(c, HoursPolicyRules);
  return sendWrite(c, 201, (tx) => setHoursPolicy(tx, actionContext(c, caller), caller.organizationId, body));
});
