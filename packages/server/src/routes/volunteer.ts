/** Signing up (guest or session) and the signed-in volunteer's own pages (`/v1/me…`). @module */
import { CreateSignupBody, ListServiceRecordsQuery, ListSignupsQuery } from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import * as q from '../db/queries.js';
import { toServiceRecord, toSignup } from '../db/rows.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { sendRead } from '../http/cache.js';
import { sendWrite } from '../http/write.js';
import type { AppEnv } from '../http/context.js';
import { ApiError, validationFailed } from '../http/problem.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { volunteerProfile } from '../services/reads.js';
import { changeSignupStatus, createSignup } from '../services/signups.js';
import { callerOf, sessionCaller } from './guards.js';

export const volunteerRoutes = new Hono<AppEnv>();

volunteerRoutes.post('/signups', async (c) => {
  const caller = callerOf(c);
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

/** Sequence-number cursors for lists in creation order. */
export function seqCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const position = decodeCursor(cursor, 'seq');
  if (!position) throw validationFailed([{ path: 'cursor', message: 'is not a cursor from this list', code: 'invalid_cursor' }]);
  return position.key;
}

volunteerRoutes.get('/me/signups', async (c) => {
  const caller = sessionCaller(c);
  const query = parseQuery(c, ListSignupsQuery);
  const limit = query.limit ?? 20;
  const rows = await q.listSignupsOfVolunteer(c.get('services').db, caller.volunteerId, {
    opportunityId: query.opportunityId, status: query.status, afterSeq: seqCursor(query.cursor), limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return sendRead(c, {
    data: page.map(toSignup),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort: 'seq', key: last.seq, id: last.id }) : null,
  });
});

volunteerRoutes.post('/me/signups/:id/cancel', async (c) => {
  const caller = sessionCaller(c);
  const id = pathId(c, 'id', 'sgn', 'Sign-up');
  return sendWrite(c, 200, (tx) => changeSignupStatus(tx, id, 'cancelled', null, (s) => s.volunteer_id === caller.volunteerId));
});

volunteerRoutes.get('/me/service-records', async (c) => {
  const caller = sessionCaller(c);
  const query = parseQuery(c, ListServiceRecordsQuery);
  const limit = query.limit ?? 20;
  const after = query.cursor ? decodeCursor(query.cursor, 'id') : null;
  if (query.cursor && !after) throw validationFailed([{ path: 'cursor', message: 'is not a cursor from this list', code: 'invalid_cursor' }]);
  const rows = await q.listServiceRecordsOfVolunteer(c.get('services').db, caller.volunteerId, {
    status: query.status, afterId: after?.id ?? null, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return sendRead(c, {
    data: page.map(toServiceRecord),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort: 'id', key: 0, id: last.id }) : null,
  });
});
