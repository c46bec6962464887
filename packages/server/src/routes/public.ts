/** Public reads: any channel credential; cacheable (see http/cache.ts). @module */
import {
  HonorBoardQuery,
  ListOpportunitiesQuery,
  ListOrganizationsQuery,
  StatsQuery,
} from '@volunteerkit/sdk/schemas';
import { Hono } from 'hono';
import { toChannel } from '../db/rows.js';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { notFound } from '../http/problem.js';
import { parseQuery, pathId } from '../http/validate.js';
import * as reads from '../services/reads.js';
import { callerOf } from './guards.js';

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.get('/channel', (c) => sendRead(c, toChannel(callerOf(c).channel)));

publicRoutes.get('/opportunities', async (c) => {
  const { db, now } = c.get('services');
  const filters = parseQuery(c, ListOpportunitiesQuery);
  return sendRead(c, await reads.listOpportunities(db, callerOf(c).channel.id, filters, now()));
});

publicRoutes.get('/opportunities/:id', async (c) => {
  const { db, now } = c.get('services');
  const id = pathId(c, 'id', 'opp', 'Opportunity');
  const opportunity = await reads.getOpportunity(db, callerOf(c).channel.id, id, now());
  if (!opportunity) throw notFound('Opportunity');
  return sendRead(c, opportunity);
});

publicRoutes.get('/organizations', async (c) => {
  callerOf(c);
  return sendRead(c, await reads.listOrganizations(c.get('services').db, parseQuery(c, ListOrganizationsQuery)));
});

publicRoutes.get('/organizations/:id', async (c) => {
  callerOf(c);
  const organization = await reads.getOrganization(c.get('services').db, pathId(c, 'id', 'org', 'Organization'));
  if (!organization) throw notFound('Organization');
  return sendRead(c, organization);
});

publicRoutes.get('/honor-board', async (c) => {
  const { db, now } = c.get('services');
  return sendRead(c, await reads.honorBoard(db, callerOf(c).channel.id, parseQuery(c, HonorBoardQuery), now()));
});

publicRoutes.get('/stats', async (c) => {
  const { db, now } = c.get('services');
  return sendRead(c, await reads.impactStats(db, callerOf(c).channel.id, parseQuery(c, StatsQuery), now()));
});
