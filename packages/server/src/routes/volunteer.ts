/** Signing up (guest or session) and the signed-in volunteer's own pages (`/v1/me…`). @module */
import { CreateDisputeBody, CreateSignupBody, ListMySignupsQuery, ListServiceRecordsQuery, RecordAttendanceBody } from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { sendRead } from '../http/cache.js';
import { sendWrite } from '../http/write.js';
import type { AppEnv } from '../http/context.js';
import { ApiError } from '../http/problem.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { volunteerProfile } from '../services/reads.js';
import { changeSignupStatus, createSignup } from '../services/signups.js';
import { listOwnServiceRecords, listOwnSignups } from '../services/volunteers.js';
import { countWrongCode, recordOwnAttendance, WrongCodeError } from '../services/attendance.js';
import { openDispute } from '../services/disputes.js';
import { callerOf, sessionCaller } from './guards.js';

export const volunteerRoutes = new Hono<AppEnv>();

volunteerRoutes.post('/signups', async (c) => {
  const caller = callerOf(c);
  if (caller.kind === 'organizer') throw new ApiError(403, 'forbidden', 'An organizer session cannot sign up; use a volunteer session or the publishable key.');
  const body = parseBody(c, CreateSignupBody);
  const { now, secrets } = c.get('services');
  const sealSecret = (await secrets()).seal;
  const sessionVolunteerId = caller.kind === 'session' ? caller.volunteerId : null;
  return sendWrite(c, 201, (tx) => createSignup({ tx, channel: caller.channel, sessionVolunteerId, now: now(), sealSecret }, body));
});

volunteerRoutes.get('/me', async (c) => {
  const caller = sessionCaller(c);
  const profile = await volunteerProfile(c.get('services').db, caller.volunteerId);
  if (!profile) throw new ApiError(401, 'unauthorized', 'The session names an unknown volunteer.');
  return sendRead(c, profile);
});

volunteerRoutes.get('/me/signups', async (c) => {
  const caller = sessionCaller(c);
  return sendRead(c, await listOwnSignups(c.get('services').db, caller.volunteerId, parseQuery(c, ListMySignupsQuery)));
});

volunteerRoutes.post('/me/signups/:id/cancel', async (c) => {
  const caller = sessionCaller(c);
  const id = pathId(c, 'id', 'sgn', 'Sign-up');
  const at = c.get('services').now();
  return sendWrite(c, 200, (tx) => changeSignupStatus(tx, id, 'cancelled', null, (s) => s.volunteer_id === caller.volunteerId, at));
});

volunteerRoutes.get('/me/service-records', async (c) => {
  const caller = sessionCaller(c);
  return sendRead(c, await listOwnServiceRecords(c.get('services').db, caller.volunteerId, parseQuery(c, ListServiceRecordsQuery)));
});

/** Check in or out with the shift's code. A wrong code is counted even though its request changes nothing. */
volunteerRoutes.post('/me/attendance', async (c) => {
  const caller = sessionCaller(c);
  const body = parseBody(c, RecordAttendanceBody);
  const { db, now, secrets } = c.get('services');
  const secret = (await secrets()).checkin;
  const at = now();
  return sendWrite(c, 200, (tx) => recordOwnAttendance(tx, caller.volunteerId, body, secret, at), async (error) => {
    if (error instanceof WrongCodeError) await countWrongCode(db, caller.volunteerId, body.shiftId, at);
  });
});

volunteerRoutes.post('/me/service-records/:id/disputes', async (c) => {
  const caller = sessionCaller(c);
  const id = pathId(c, 'id', 'rec', 'Service record');
  const body = parseBody(c, CreateDisputeBody);
  const at = c.get('services').now();
  return sendWrite(c, 201, (tx) => openDispute(tx, caller.volunteerId, id, body, at));
});
