/**
 * Who is calling: API keys (stored as SHA-256 hashes) and session tokens resolved to a channel
 * and, for a session, a volunteer. The seed stores keys with the same `hashKey`.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import type { ChannelRow } from '../db/rows.js';
import { verifyOrganizerToken, verifySessionToken } from '../domain/session-token.js';
import { DomainError } from './errors.js';

/** Who is calling: a channel's publishable or secret key, or a volunteer session within a channel. */
export type Caller =
  | { kind: 'publishable'; channel: ChannelRow; viaHeader: boolean }
  | { kind: 'secret'; channel: ChannelRow }
  | { kind: 'session'; channel: ChannelRow; volunteerId: string }
  /** A staff member of one organization, vouched for by the channel's back end. */
  | { kind: 'organizer'; channel: ChannelRow; organizationId: string; staffId: string; staffName: string };

/** How an API key is stored: its SHA-256, so a database leak does not leak usable keys. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

type KeyOwner = { kind: 'publishable' | 'secret'; channel: ChannelRow };

/**
 * Keys and channels change rarely and are read on every request: each instance remembers the
 * ones it found for `rememberMs` (a revoked key stops working within that time).
 */
export class Callers {
  private readonly remembered = new Map<string, { value: KeyOwner | ChannelRow; expires: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly rememberMs: number,
  ) {}

  /** The channel and kind of an API key, or `null` for a key nobody has. */
  keyOwner(key: string): Promise<KeyOwner | null> {
    const keyHash = hashKey(key);
    return this.recall(`key:${keyHash}`, async () => {
      const row = await q.findApiKey(this.db, keyHash);
      const channel = row ? await q.getChannel(this.db, row.channel_id) : null;
      return row && channel ? { kind: row.kind, channel } : null;
    });
  }

  /** Every channel's allowed origins (a preflight that names no key may come for any of them). */
  allAllowedOrigins(): Promise<string[]> {
    return q.allAllowedOrigins(this.db);
  }

  /**
   * The caller named by a bearer credential (`pk_…`, `sk_…`, `vst_…` or `ost_…`) and/or a publishable key
   * from the URL; when both are given they must belong to one channel.
   */
  async resolve(bearer: string | undefined, queryKey: string | undefined, sessionSecret: () => Promise<string>, now: Date): Promise<Caller> {
    if (queryKey !== undefined && !queryKey.startsWith('pk_'))
      throw new DomainError('unauthorized', 'Only a publishable key (pk_…) may travel in the URL; send other credentials in the Authorization header.');
    const channelOfKey = async (key: string, expected: 'publishable' | 'secret'): Promise<ChannelRow> => {
      const owner = await this.keyOwner(key);
      if (!owner || owner.kind !== expected) throw new DomainError('unauthorized', `Unknown ${expected} key.`);
      return owner.channel;
    };
    let caller: Caller;
    if (bearer?.startsWith('vst_')) {
      const result = verifySessionToken(bearer, await sessionSecret(), now);
      if (!result.ok) {
        const why = result.reason === 'expired' ? 'has expired' : 'is not valid';
        throw new DomainError('unauthorized', `The session token ${why}; ask the partner's back end for a new one.`);
      }
      const channel = await this.recall(`channel:${result.claims.channelId}`, () => q.getChannel(this.db, result.claims.channelId));
      if (!channel) throw new DomainError('unauthorized', 'The session token is not valid.');
      caller = { kind: 'session', channel, volunteerId: result.claims.volunteerId };
    } else if (bearer?.startsWith('ost_')) {
      const result = verifyOrganizerToken(bearer, await sessionSecret(), now);
      if (!result.ok) {
        const why = result.reason === 'expired' ? 'has expired' : 'is not valid';
        throw new DomainError('unauthorized', `The organizer session token ${why}; ask the partner's back end for a new one.`);
      }
      const { channelId, organizationId, staffId, name } = result.claims;
      const channel = await this.recall(`channel:${channelId}`, () => q.getChannel(this.db, channelId));
      if (!channel) throw new DomainError('unauthorized', 'The organizer session token is not valid.');
      caller = { kind: 'organizer', channel, organizationId, staffId, staffName: name };
    } else if (bearer?.startsWith('sk_')) {
      caller = { kind: 'secret', channel: await channelOfKey(bearer, 'secret') };
    } else if (bearer?.startsWith('pk_')) {
      caller = { kind: 'publishable', channel: await channelOfKey(bearer, 'publishable'), viaHeader: true };
    } else if (bearer !== undefined) {
      throw new DomainError('unauthorized', 'Unknown credential: expected pk_…, sk_…, vst_… or ost_….');
    } else if (queryKey !== undefined) {
      return { kind: 'publishable', channel: await channelOfKey(queryKey, 'publishable'), viaHeader: false };
    } else {
      throw new DomainError('unauthorized', 'Pass a publishable key as ?key=pk_… or an Authorization: Bearer header.');
    }
    if (queryKey !== undefined && bearer !== undefined) {
      const keyChannel = await channelOfKey(queryKey, 'publishable');
      if (keyChannel.id !== caller.channel.id) throw new DomainError('forbidden', 'The key in the URL belongs to another channel than the Authorization header.');
    }
    return caller;
  }

  private async recall<T extends KeyOwner | ChannelRow>(cacheKey: string, load: () => Promise<T | null>): Promise<T | null> {
    const now = Date.now();
    const hit = this.remembered.get(cacheKey);
    if (hit && hit.expires > now) return hit.value as T;
    const value = await load();
    if (value && this.rememberMs > 0) {
      if (this.remembered.size > 1000) this.remembered.clear();
      this.remembered.set(cacheKey, { value, expires: now + this.rememberMs });
    }
    return value;
  }
}
