/**
 * The outbox (migration 006): every change a partner may hear of appends one event here, in the
 * change's own transaction. Webhook delivery and the events feed read from it; neither is ever
 * told of a change that rolled back. Events are thin — the subject's id, channel and version —
 * so no personal data is written here.
 */
import type { Queryable } from '../db/database.js';
import { insertOutboxEvent } from '../db/queries.js';
import { newId } from '../ids.js';

/** `<subject>.<what happened>`, e.g. `signup.created`, `service_record.approved`, `points.earned`. */
export type EventType = `${string}.${string}`;

export interface OutboxEvent {
  channelId: string;
  type: EventType;
  /** The id of the object the event is about (`sgn_…`, `rec_…`). */
  subjectId: string;
  /** Increases each time the subject changes, so a receiver can drop an older copy. Default 1. */
  version?: number;
}

/** Appends `event` in `tx`, the transaction of the change it reports. Returns the event id (`evt_…`, the `webhook-id`). */
export async function recordEvent(tx: Queryable, event: OutboxEvent, at: Date): Promise<string> {
  const id = newId('evt');
  await insertOutboxEvent(tx, { id, channelId: event.channelId, type: event.type, subjectId: event.subjectId, version: event.version ?? 1, at });
  return id;
}
