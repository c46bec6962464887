/**
 * Every write runs here, in one transaction. With an `Idempotency-Key`, that same transaction
 * first claims the key and last stores the answer (status and body): the change, its counters
 * and the record of its answer commit together or not at all. A crash before COMMIT leaves
 * nothing behind, so the client's retry simply runs; a crash after it leaves the answer, so the
 * retry gets it again. There is no "still being processed" state anyone can see.
 */
import type { Database, Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import { DomainError } from './errors.js';

/** How long an answer is kept: a key can be reused for a new request after a day. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired answers are deleted in bulk once every this many keyed writes (per instance). */
const PURGE_EVERY = 500;

export interface WriteAnswer {
  status: number;
  body: string;
}

export interface IdempotentRequest {
  /** Whose keys these are (channel, credential kind, volunteer): keys of different callers never meet. */
  scope: string;
  key: string;
  /** Hash of method, path and body: the same key with another request is refused. */
  requestHash: string;
}

export interface WriteOutcome extends WriteAnswer {
  /** The answer was stored by an earlier request with this key; nothing ran now. */
  replayed: boolean;
}

/**
 * `failure` turns what the change threw into an answer worth storing (a client error: the same
 * request would fail the same way again), or `null` for one that is not (a server error, a rate
 * limit): then the whole transaction rolls back, the key included, and the error propagates.
 */
export type FailureAnswer = (error: unknown) => WriteAnswer | null;

export class IdempotentWrites {
  private sincePurge = 0;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Runs `change` in one transaction; with `request`, at most once per key (see the module comment). */
  async run(request: IdempotentRequest | null, change: (tx: Queryable) => Promise<WriteAnswer>, failure: FailureAnswer): Promise<WriteOutcome> {
    if (!request) return { ...(await this.db.transaction(change)), replayed: false };
    const expiredBefore = new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS);
    if (++this.sincePurge >= PURGE_EVERY) {
      this.sincePurge = 0;
      await q.purgeIdempotencyKeys(this.db, expiredBefore);
    }
    const { scope, key, requestHash } = request;
    return this.db.transaction(async (tx) => {
      const claim = await q.claimIdempotencyKey(tx, scope, key, requestHash, expiredBefore);
      if (!claim.claimed) {
        if (claim.requestHash !== requestHash)
          throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request.');
        return { status: claim.status, body: claim.body, replayed: true };
      }
      // A refused change undoes its own statements but keeps the claim, so its answer is stored
      // under the key in this same transaction.
      await tx.query('SAVEPOINT idempotent_change');
      let answer: WriteAnswer;
      try {
        answer = await change(tx);
      } catch (error) {
        const refused = failure(error);
        if (!refused) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT idempotent_change');
        answer = refused;
      }
      await q.storeIdempotentAnswer(tx, scope, key, answer.status, answer.body);
      return { ...answer, replayed: false };
    });
  }
}
