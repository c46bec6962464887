/** The signed-in volunteer's recommendations (`/v1/me/recommendations…`). @module */
import { ListRecommendationsQuery } from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { parseQuery, pathId } from '../http/validate.js';
import { sendWrite } from '../http/write.js';
import { dismissRecommendation, listRecommendations } from '../services/recommendations.js';
import { sessionCaller } from './guards.js';

export const recommendationRoutes = new Hono<AppEnv>();

recommendationRoutes.get('/me/recommendations', async (c) => {
  const caller = sessionCaller(c);
  const { db, now } = c.get('services');
  return sendRead(c, await listRecommendations(db, caller.channel.id, caller.volunteerId, parseQuery(c, ListRecommendationsQuery), now()));
});

recommendationRoutes.post('/me/recommendations/:opportunityId/dismiss', async (c) => {
  const caller = sessionCaller(c);
  const id = pathId(c, 'opportunityId', 'opp', 'Opportunity');
  const at = c.get('services').now();
  return sendWrite(c, 200, (tx) => dismissRecommendation(tx, caller.channel.id, caller.volunteerId, id, at));
});
