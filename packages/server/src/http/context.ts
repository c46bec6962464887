/** What middleware hands to routes through Hono's context. @module */
import type { Database } from '../db/database.js';
import type { Caller } from '../services/callers.js';
import type { IdempotentWrites } from '../services/idempotency.js';
import type { ProblemLocale } from './problem.js';

export type { Caller } from '../services/callers.js';

export interface AppServices {
  db: Database;
  now: () => Date;
  secrets: () => Promise<{ session: string; seal: string; checkin: string }>;
  /** Runs every write in one transaction, at most once per `Idempotency-Key`. */
  writes: IdempotentWrites;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    /**
     * Where the request comes from: the socket's peer address, or the client named in
     * `X-Forwarded-For` when the app trusts proxies (`trustProxy`). Keys rate limits.
     */
    clientAddress: string;
    locale: ProblemLocale;
    caller: Caller | null;
    /** Raw request body text of a write ('' when none). */
    rawBody: string;
    /** Parsed JSON body of a write (`undefined` when none). */
    body: unknown;
    services: AppServices;
    /** The JSON a public read produced and its ETag, for the read cache (hashed once, by sendRead). */
    read: { body: string; etag: string } | undefined;
  };
};
