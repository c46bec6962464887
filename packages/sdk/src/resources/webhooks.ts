/**
 * Webhook endpoints and the events feed, for a partner's back end (secret key). Not attached to
 * the client (no browser bundle needs them): `new WebhookEndpoints(createClient({ baseUrl, secretKey }))`.
 * Verify what arrives with `verifyWebhook` from `@volunteerkit/sdk/webhooks`.
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  CreateWebhookEndpointBody,
  EventFeedPage,
  EventFeedQuery,
  ListWebhookDeliveriesQuery,
  ListWebhookEndpointsQuery,
  UpdateWebhookEndpointBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '../schemas/webhooks.js';

const endpointPath = (id: string) => `/v1/webhook-endpoints/${encodeURIComponent(id)}`;

/** The channel's webhook endpoints, their delivery logs and replays (secret key). */
export class WebhookEndpoints extends APIResource {
  /**
   * Registers a receiver. The answer carries its `whsec_…` secret: store it, it is not shown again.
   *
   * @example
   * ```ts
   * const endpoint = await new WebhookEndpoints(vk).create({ url: 'https://partner.example/webhooks', eventTypes: ['signup.*'] }, { idempotencyKey: 'setup-1' });
   * saveSecret(endpoint.secret);
   * ```
   */
  create(body: CreateWebhookEndpointBody, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.client.request({ method: 'POST', path: '/v1/webhook-endpoints', body, auth: 'secret', schema: 'WebhookEndpointWithSecret', options, name: 'webhookEndpoints.create' });
  }

  /** The channel's endpoints, oldest first (without their secrets). */
  list(query: ListWebhookEndpointsQuery = {}, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    return this.client.list({ method: 'GET', path: '/v1/webhook-endpoints', query, auth: 'secret', schema: 'WebhookEndpointPage', options, name: 'webhookEndpoints.list' });
  }

  get(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.client.request({ method: 'GET', path: endpointPath(id), auth: 'secret', schema: 'WebhookEndpoint', options, name: 'webhookEndpoints.get' });
  }

  /**
   * Changes the URL, description or event filter, or enables or disables the endpoint.
   *
   * @example
   * ```ts
   * await endpoints.update('whk_3kQp9Lm2', { status: 'enabled' }); // after fixing the receiver
   * ```
   */
  update(id: string, body: UpdateWebhookEndpointBody, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.client.request({ method: 'PATCH', path: endpointPath(id), body, auth: 'secret', schema: 'WebhookEndpoint', options, name: 'webhookEndpoints.update' });
  }

  /** A new secret; the previous one keeps signing beside it for 24 hours, so receivers can switch without losing a delivery. */
  rotateSecret(id: string, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.client.request({ method: 'POST', path: `${endpointPath(id)}/rotate-secret`, auth: 'secret', schema: 'WebhookEndpointWithSecret', options, name: 'webhookEndpoints.rotateSecret' });
  }

  /** Removes the endpoint and its delivery log. */
  delete(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.client.request({ method: 'DELETE', path: endpointPath(id), auth: 'secret', schema: 'WebhookEndpoint', options, name: 'webhookEndpoints.delete' });
  }

  /**
   * The delivery log, newest first: each delivery with every attempt's time, status code or error.
   *
   * @example
   * ```ts
   * for await (const d of endpoints.deliveries('whk_3kQp9Lm2', { status: 'failed' })) console.log(d.event.type, d.attempts.at(-1)?.statusCode);
   * ```
   */
  deliveries(id: string, query: ListWebhookDeliveriesQuery = {}, options?: RequestOptions): PagePromise<WebhookDelivery> {
    return this.client.list({ method: 'GET', path: `${endpointPath(id)}/deliveries`, query, auth: 'secret', schema: 'WebhookDeliveryPage', options, name: 'webhookEndpoints.deliveries' });
  }

  /** Sends a delivery again, with the same `webhook-id`. */
  replay(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.client.request({
      method: 'POST', path: `${endpointPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`, auth: 'secret', schema: 'WebhookDelivery', options,
      name: 'webhookEndpoints.replay',
    });
  }
}

/** The channel's events in order, for back ends that cannot receive webhooks (secret key). */
export class Events extends APIResource {
  /**
   * One page of events after `after` (the `next` of the previous page). Keep `next` and ask again
   * later: events that commit meanwhile come after it, none is skipped.
   *
   * @example
   * ```ts
   * let after = loadPosition();
   * const page = await new Events(vk).list({ after, limit: 100 });
   * for (const event of page.data) handle(event);
   * savePosition(page.next);
   * ```
   */
  list(query: EventFeedQuery = {}, options?: RequestOptions): Promise<EventFeedPage> {
    return this.client.request({ method: 'GET', path: '/v1/events', query, auth: 'secret', schema: 'EventFeedPage', options, name: 'events.list' });
  }
}
