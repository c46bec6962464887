/** Secret-key endpoints of webhooks and the events feed. Never cached. @module */
import {
  CreateWebhookEndpointBody,
  EventFeedQuery,
  ListWebhookDeliveriesQuery,
  ListWebhookEndpointsQuery,
  UpdateWebhookEndpointBody,
} from '@volunteerkit/sdk/schemas';
import { Hono, type Context } from 'hono';
import { sendRead } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { parseBody, parseQuery, pathId } from '../http/validate.js';
import { sendWrite } from '../http/write.js';
import { eventFeed } from '../services/events.js';
import {
  checkEndpointUrl, createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, replayDelivery, rotateSecret, updateEndpoint,
} from '../services/webhooks.js';
import { actionContext, secretCaller } from './guards.js';

export const webhookRoutes = new Hono<AppEnv>();

/** Sandbox mode: the request carries a test key (`sk_test_…`), which may register a loopback receiver. */
const isSandbox = (c: Context<AppEnv>) => /^Bearer sk_test_/.test(c.req.header('authorization') ?? '');

webhookRoutes.post('/webhook-endpoints', async (c) => {
  const caller = secretCaller(c);
  const body = parseBody(c, CreateWebhookEndpointBody);
  await checkEndpointUrl(body.url, isSandbox(c));
  return sendWrite(c, 201, (tx) => createEndpoint(tx, actionContext(c, caller), body, isSandbox(c)));
});

webhookRoutes.get('/webhook-endpoints', async (c) => {
  const caller = secretCaller(c);
  const { db, now } = c.get('services');
  return sendRead(c, await listEndpoints(db, caller.channel, parseQuery(c, ListWebhookEndpointsQuery), now()));
});

webhookRoutes.get('/webhook-endpoints/:id', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  const { db, now } = c.get('services');
  return sendRead(c, await getEndpoint(db, caller.channel, id, now()));
});

webhookRoutes.patch('/webhook-endpoints/:id', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  const body = parseBody(c, UpdateWebhookEndpointBody);
  if (body.url !== undefined) await checkEndpointUrl(body.url, isSandbox(c));
  return sendWrite(c, 200, (tx) => updateEndpoint(tx, actionContext(c, caller), id, body, isSandbox(c)));
});

webhookRoutes.post('/webhook-endpoints/:id/rotate-secret', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  return sendWrite(c, 200, (tx) => rotateSecret(tx, actionContext(c, caller), id));
});

webhookRoutes.delete('/webhook-endpoints/:id', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  return sendWrite(c, 200, (tx) => deleteEndpoint(tx, actionContext(c, caller), id));
});

webhookRoutes.get('/webhook-endpoints/:id/deliveries', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  return sendRead(c, await listDeliveries(c.get('services').db, caller.channel, id, parseQuery(c, ListWebhookDeliveriesQuery)));
});

webhookRoutes.post('/webhook-endpoints/:id/deliveries/:deliveryId/replay', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'whk', 'Webhook endpoint');
  const deliveryId = pathId(c, 'deliveryId', 'dlv', 'Delivery');
  return sendWrite(c, 200, (tx) => replayDelivery(tx, actionContext(c, caller), id, deliveryId));
});

/** The channel's events, oldest first, for partners who cannot receive webhooks. */
webhookRoutes.get('/events', async (c) => {
  const caller = secretCaller(c);
  return sendRead(c, await eventFeed(c.get('services').db, caller.channel.id, parseQuery(c, EventFeedQuery)));
});
