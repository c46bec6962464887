/**
 * Webhooks and the events feed: the events partners hear of, the endpoints they register with
 * their secret key, the delivery log, and the feed's pages. Events are thin — the subject's id,
 * channel and version — so no personal data ever travels in one; fetch the object with your key.
 *
 * @module
 */
import * as z from 'zod/mini';
import { ChannelId, Timestamp, idOf, pageOf, pageParams, timestamps } from './common.js';

export const WebhookEndpointId = idOf('whk');
export const WebhookDeliveryId = idOf('dlv');
/** An event's id; also the `webhook-id` header of its deliveries (the same on every retry and replay). */
export const EventId = idOf('evt');

/** The subjects events are about; an event type is `<family>.<what happened>`. */
export const EVENT_FAMILIES = ['signup', 'attendance', 'service_record', 'dispute', 'need', 'points', 'star_level', 'certificate'] as const;

/** `signup.created`, or a whole family: `signup.*`. */
export const EventTypeFilter = z.string().check(
  z.regex(new RegExp(`^(${EVENT_FAMILIES.join('|')})\\.([a-z_]+|\\*)$`), `must be an event type such as signup.created, or a family such as signup.*, of: ${EVENT_FAMILIES.join(', ')}`),
);

/** The body of every webhook delivery: what happened, when, and to which object (at which version). */
export const WebhookPayload = z.object({
  /** `<family>.<what happened>`, e.g. `signup.created`, `service_record.approved`. */
  type: z.string(),
  /** When the change happened. */
  timestamp: Timestamp,
  data: z.object({
    /** The object the event is about (`sgn_…`, `rec_…`, `att_…`, `dsp_…`). */
    id: z.string(),
    channelId: ChannelId,
    /** Grows with each change of the object: drop an event whose version you have already passed. */
    version: z.int().check(z.minimum(1)),
  }),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** An event as the feed lists it: the delivery body with its id. */
export const Event = z.extend(WebhookPayload, { id: EventId });
export type Event = z.infer<typeof Event>;

export const EventFeedQuery = z.object({
  /** `next` of the previous page; omit to start from the oldest event kept. */
  after: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: pageParams.limit,
});
export type EventFeedQuery = z.input<typeof EventFeedQuery>;

export const EventFeedPage = z.object({
  data: z.array(Event),
  /** Pass it as `after` to read on, now or later: it is the position after the last event listed. */
  next: z.string(),
  /** More events are there already; read on without waiting. */
  hasMore: z.boolean(),
});
export type EventFeedPage = z.infer<typeof EventFeedPage>;

const Description = z.string().check(z.maxLength(200));
const EndpointUrl = z.string().check(z.minLength(1), z.maxLength(2000));
const EventTypes = z.array(EventTypeFilter).check(z.maxLength(50));

export const WebhookEndpoint = z.object({
  id: WebhookEndpointId,
  /** `https://…`; `http://` only to the loopback interface, and only for a test key (`sk_test_…`). */
  url: z.string(),
  description: z.string(),
  /** Types or families delivered; empty: every event. */
  eventTypes: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  /** `failing`: nothing reached it for a whole retry schedule; `by_partner`: you disabled it. */
  disabledReason: z.nullable(z.enum(['failing', 'by_partner'])),
  /** Until when the previous secret also signs deliveries, after a rotation; else `null`. */
  previousSecretExpiresAt: z.nullable(Timestamp),
  ...timestamps,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/**
 * Answer to creating an endpoint or rotating its secret: the only times the secret is shown.
 * After a rotation the previous secret keeps signing beside the new one for 24 hours.
 */
export const WebhookEndpointWithSecret = z.extend(WebhookEndpoint, {
  /** `whsec_…`: verify deliveries with it (`verifyWebhook`); store it with your other secrets. */
  secret: z.string().check(z.regex(/^whsec_/)),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointPage = pageOf(WebhookEndpoint);
export type WebhookEndpointPage = z.infer<typeof WebhookEndpointPage>;

export const CreateWebhookEndpointBody = z.object({
  url: EndpointUrl,
  description: z.optional(Description),
  eventTypes: z.optional(EventTypes),
});
export type CreateWebhookEndpointBody = z.input<typeof CreateWebhookEndpointBody>;

export const UpdateWebhookEndpointBody = z.object({
  url: z.optional(EndpointUrl),
  description: z.optional(Description),
  eventTypes: z.optional(EventTypes),
  /** `enabled` again after a failure: its pending deliveries are sent; replay those that failed. */
  status: z.optional(z.enum(['enabled', 'disabled'])),
});
export type UpdateWebhookEndpointBody = z.input<typeof UpdateWebhookEndpointBody>;

export const ListWebhookEndpointsQuery = z.object({ ...pageParams });
export type ListWebhookEndpointsQuery = z.input<typeof ListWebhookEndpointsQuery>;

export const DeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);

export const WebhookAttempt = z.object({
  attempt: z.int().check(z.minimum(1)),
  at: Timestamp,
  durationMs: z.int().check(z.minimum(0)),
  /** The receiver's HTTP status, or `null` when there was no answer. */
  statusCode: z.nullable(z.int()),
  /** Why it failed without an answer: `timeout`, `address_refused`, `connection_failed`, `redirect`, …; `null` otherwise. */
  error: z.nullable(z.string()),
  succeeded: z.boolean(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: WebhookDeliveryId,
  endpointId: WebhookEndpointId,
  event: Event,
  status: DeliveryStatus,
  /** When the next attempt is due, while pending. */
  nextAttemptAt: z.nullable(Timestamp),
  attempts: z.array(WebhookAttempt),
  ...timestamps,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = pageOf(WebhookDelivery);
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const ListWebhookDeliveriesQuery = z.object({ ...pageParams, status: z.optional(DeliveryStatus) });
export type ListWebhookDeliveriesQuery = z.input<typeof ListWebhookDeliveriesQuery>;
