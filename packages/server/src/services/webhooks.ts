/**
 * Webhook endpoints a partner registers with its secret key, their delivery log and replays.
 * URLs are checked twice before they are stored — as written, and every address their name
 * resolves to — and again at each delivery (services/webhook-dispatch.ts).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import type { ChannelRow, DeliveryRow, WebhookAttemptRow, WebhookEndpointRow } from '../db/rows.js';
import { iso, isoOrNull } from '../db/rows.js';
import * as w from '../db/webhook-queries.js';
import { addressRefusal, endpointUrlProblem, hostOf, newWebhookSecret, refusalMessage, SECRET_ROTATION_OVERLAP_MS } from '../domain/webhooks.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';

export function toWebhookEndpoint(row: WebhookEndpointRow, now: Date): WebhookEndpoint {
  const overlap = row.previous_secret_expires_at && new Date(row.previous_secret_expires_at).getTime() > now.getTime()
    ? iso(row.previous_secret_expires_at) : null;
  return {
    id: row.id as WebhookEndpoint['id'],
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    status: row.status,
    disabledReason: row.status === 'disabled' ? row.disabled_reason : null,
    previousSecretExpiresAt: overlap,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * Refuses (422 on `url`) a URL that is malformed, not https, or points — directly or through any
 * address its name resolves to now — at a private, link-local or reserved address (loopback too,
 * unless `sandbox`). Runs before the write's transaction: a DNS answer can take a while.
 */
export async function checkEndpointUrl(url: string, sandbox: boolean, resolve = lookup): Promise<void> {
  const problem = endpointUrlProblem(url, sandbox);
  if (problem) throw invalid([{ path: 'url', code: problem.code, message: problem.message }]);
  const host = hostOf(new URL(url));
  if (isIP(host)) return;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await resolve(host, { all: true });
  } catch {
    throw invalid([{ path: 'url', code: 'unresolvable', message: 'names a host that does not resolve; check the spelling, or register it once its DNS is set up' }]);
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, sandbox);
    if (refusal) throw invalid([{ path: 'url', code: refusal, message: `${refusalMessage(refusal)} (its name resolves there)` }]);
  }
}

export async function createEndpoint(
  tx: Queryable, ctx: ActionContext, body: CreateWebhookEndpointBody, sandbox: boolean,
): Promise<WebhookEndpointWithSecret> {
  const row = await w.insertEndpoint(tx, {
    id: newId('whk'), channelId: ctx.channel.id, url: body.url, description: body.description ?? '',
    eventTypes: [...new Set(body.eventTypes ?? [])], secret: newWebhookSecret(), sandbox, at: ctx.now,
  });
  await audit(tx, ctx, 'webhook_endpoint.created', { type: 'webhook_endpoint', id: row.id });
  return { ...toWebhookEndpoint(row, ctx.now), secret: row.secret };
}

export function listEndpoints(db: Queryable, channel: ChannelRow, query: PageQuery, now: Date): Promise<Page<WebhookEndpoint>> {
  return keysetPage(query, 'seq',
    (after, limit) => w.listEndpoints(db, channel.id, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map((row) => toWebhookEndpoint(row, now)));
}

export async function getEndpoint(db: Queryable, channel: ChannelRow, id: string, now: Date): Promise<WebhookEndpoint> {
  const row = await w.getEndpoint(db, id, channel.id);
  if (!row) throw notFound('Webhook endpoint');
  return toWebhookEndpoint(row, now);
}

/**
 * Changes what was given (a new `url` checked with checkEndpointUrl first). Enabling an endpoint
 * the platform disabled for failing clears the reason; its pending deliveries are sent again.
 */
export async function updateEndpoint(
  tx: Queryable, ctx: ActionContext, id: string, body: UpdateWebhookEndpointBody & { rotateSecret?: true }, sandbox: boolean,
): Promise<WebhookEndpoint> {
  const { secret: _shownOnlyOnRotation, ...endpoint } = await changeEndpoint(tx, ctx, id, body, sandbox);
  return endpoint;
}

/** A new secret; the current one keeps signing beside it for 24 hours. The answer shows the new secret, once. */
export function rotateSecret(tx: Queryable, ctx: ActionContext, id: string): Promise<WebhookEndpointWithSecret> {
  return changeEndpoint(tx, ctx, id, { rotateSecret: true }, false);
}

async function changeEndpoint(
  tx: Queryable, ctx: ActionContext, id: string, body: UpdateWebhookEndpointBody & { rotateSecret?: true }, sandbox: boolean,
): Promise<WebhookEndpointWithSecret> {
  const row = await w.getEndpoint(tx, id, ctx.channel.id, true);
  if (!row) throw notFound('Webhook endpoint');
  const status = body.status ?? row.status;
  const rotate = body.rotateSecret === true;
  const updated = await w.updateEndpoint(tx, id, {
    url: body.url ?? row.url,
    // A new URL was checked (checkEndpointUrl) for the key that sent it.
    sandbox: body.url !== undefined ? sandbox : row.sandbox,
    description: body.description ?? row.description,
    eventTypes: body.eventTypes ? [...new Set(body.eventTypes)] : row.event_types,
    status,
    disabledReason: status === 'enabled' ? null : body.status === 'disabled' ? 'by_partner' : row.disabled_reason,
    secret: rotate ? newWebhookSecret() : row.secret,
    previousSecret: rotate ? row.secret : row.previous_secret,
    previousSecretExpiresAt: rotate ? new Date(ctx.now.getTime() + SECRET_ROTATION_OVERLAP_MS) : row.previous_secret_expires_at,
    at: ctx.now,
  });
  await audit(tx, ctx, rotate ? 'webhook_endpoint.secret_rotated' : 'webhook_endpoint.updated', { type: 'webhook_endpoint', id });
  return { ...toWebhookEndpoint(updated, ctx.now), secret: updated.secret as WebhookEndpointWithSecret['secret'] };
}

export async function deleteEndpoint(tx: Queryable, ctx: ActionContext, id: string): Promise<WebhookEndpoint> {
  const row = await w.getEndpoint(tx, id, ctx.channel.id, true);
  if (!row) throw notFound('Webhook endpoint');
  await w.deleteEndpoint(tx, id, ctx.channel.id);
  await audit(tx, ctx, 'webhook_endpoint.deleted', { type: 'webhook_endpoint', id });
  return toWebhookEndpoint(row, ctx.now);
}

function toDelivery(row: DeliveryRow, attempts: readonly WebhookAttemptRow[]): WebhookDelivery {
  return {
    id: row.id as WebhookDelivery['id'],
    endpointId: row.endpoint_id as WebhookDelivery['endpointId'],
    event: {
      id: row.event_id as WebhookDelivery['event']['id'],
      type: row.event_type,
      timestamp: iso(row.occurred_at),
      data: { id: row.subject_id, channelId: row.channel_id as WebhookDelivery['event']['data']['channelId'], version: row.subject_version },
    },
    status: row.status,
    nextAttemptAt: row.status === 'pending' ? isoOrNull(row.next_attempt_at) : null,
    attempts: attempts.map((a) => ({
      attempt: a.attempt, at: iso(a.at), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error, succeeded: a.succeeded,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function withAttempts(db: Queryable, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  const attempts = await w.attemptsOf(db, rows.map((r) => r.id));
  return rows.map((row) => toDelivery(row, attempts.filter((a) => a.delivery_id === row.id)));
}

/** The endpoint's delivery log, newest first, each delivery with its attempts. */
export async function listDeliveries(
  db: Queryable, channel: ChannelRow, endpointId: string, query: PageQuery & { status?: WebhookDelivery['status'] | undefined },
): Promise<Page<WebhookDelivery>> {
  if (!(await w.getEndpoint(db, endpointId, channel.id))) throw notFound('Webhook endpoint');
  return keysetPage(query, 'seq',
    (after, limit) => w.listDeliveries(db, endpointId, { status: query.status, afterSeq: after?.key ?? null, limit }),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => withAttempts(db, rows));
}

/**
 * Sends a delivery again, with the same `webhook-id` (receivers dedupe on it), its schedule
 * started afresh. A delivery still being tried is answered as it is.
 */
export async function replayDelivery(tx: Queryable, ctx: ActionContext, endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
  const endpoint = await w.getEndpoint(tx, endpointId, ctx.channel.id, true);
  if (!endpoint) throw notFound('Webhook endpoint');
  const delivery = await w.getDelivery(tx, endpointId, deliveryId);
  if (!delivery) throw notFound('Delivery');
  if (endpoint.status !== 'enabled') throw new DomainError('conflict', 'This endpoint is disabled; enable it before replaying deliveries to it.');
  if (delivery.status !== 'pending') {
    await w.requeueDelivery(tx, deliveryId, ctx.now);
    await audit(tx, ctx, 'webhook_delivery.replayed', { type: 'webhook_delivery', id: deliveryId });
  }
  return (await withAttempts(tx, [(await w.getDelivery(tx, endpointId, deliveryId))!]))[0]!;
}
