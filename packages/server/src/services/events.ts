/**
 * Events of existing changes, and the events feed. `recordChange` gives each event the next
 * version of its subject and appends it to the outbox (services/outbox.ts) in the change's
 * transaction; the feed lists a channel's events in an order that only ever grows at its end.
 */
import type { Event, EventFeedPage } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as w from '../db/webhook-queries.js';
import type { FeedEventRow } from '../db/rows.js';
import { iso } from '../db/rows.js';
import { invalid } from './errors.js';
import { recordEvent, type EventType } from './outbox.js';

/**
 * Appends `type` about `subjectId` to the outbox in `tx`, at the subject's next version. Changes
 * of one subject hold its row lock (or its shift's), so two of them never take the same version.
 */
export async function recordChange(tx: Queryable, channelId: string, type: EventType, subjectId: string, at: Date): Promise<string> {
  return recordEvent(tx, { channelId, type, subjectId, version: await w.nextSubjectVersion(tx, subjectId) }, at);
}

export function toEvent(row: FeedEventRow): Event {
  return {
    id: row.id as Event['id'],
    type: row.type,
    timestamp: iso(row.occurred_at),
    data: { id: row.subject_id, channelId: row.channel_id as Event['data']['channelId'], version: row.subject_version },
  };
}

interface FeedPosition {
  txid: string;
  seq: number;
}

const encodePosition = (p: FeedPosition) => Buffer.from(JSON.stringify(['events', p.txid, p.seq])).toString('base64url');

function decodePosition(text: string): FeedPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== 'events') return null;
    const [, txid, seq] = value as [string, unknown, unknown];
    if (typeof txid !== 'string' || !/^\d{1,19}$/.test(txid) || !Number.isSafeInteger(seq) || (seq as number) < 0) return null;
    return { txid, seq: seq as number };
  } catch {
    return null;
  }
}

/** The start of the feed, before every event. */
const START = encodePosition({ txid: '0', seq: 0 });

/**
 * The channel's events after `after` (the `next` of an earlier page), at most `limit`. Listed are
 * only events of transactions older than every transaction still open (see webhook-queries.ts),
 * so an event that commits later always comes after `next`: a reader never skips one.
 */
export async function eventFeed(db: Queryable, channelId: string, query: { after?: string | undefined; limit?: number | undefined }): Promise<EventFeedPage> {
  const limit = query.limit ?? 100;
  const after = query.after === undefined ? null : decodePosition(query.after);
  if (query.after !== undefined && !after)
    throw invalid([{ path: 'after', message: 'is not a position from this feed; pass `next` of an earlier page, or omit it', code: 'invalid_cursor' }]);
  const rows = await w.feedEvents(db, channelId, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toEvent),
    next: last ? encodePosition({ txid: last.txid, seq: last.seq }) : query.after ?? START,
    hasMore: rows.length > limit,
  };
}
