/**
 * The webhook dispatcher: sends due deliveries, at least once each, on any number of instances.
 *
 * Each attempt is claimed first, in a short transaction (`FOR UPDATE SKIP LOCKED`, so an instance
 * skips what another holds) that moves the delivery's due time to the end of a lease; the HTTP
 * call runs outside any transaction; its result is recorded only by the claim that still holds the
 * delivery. An instance killed mid-send loses nothing: the lease runs out and the delivery is due
 * again (a second attempt with the same `webhook-id`, which receivers dedupe). Deliveries are
 * signed with the Standard Webhooks reference library, never by hand.
 *
 * Dispatch starts as soon as a change commits (the outbox trigger's NOTIFY, heard on a LISTEN
 * connection) and otherwise every `pollMs`, which also picks up retries as they fall due.
 */
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Database } from '../db/database.js';
import * as w from '../db/webhook-queries.js';
import { iso } from '../db/rows.js';
import { addressRefusal, hostOf, nextAttemptAt, signingSecrets } from '../domain/webhooks.js';

export interface DispatchOptions {
  /** Names this instance in the delivery log. Default `pid <n>`. */
  instance?: string;
  /** Deliveries claimed per round. Default 50. */
  batchSize?: number;
  /** How long a claim holds a delivery; longer than `timeoutMs`. Default 60 s. */
  leaseMs?: number;
  /** How long a receiver has to answer. Default 10 s. */
  timeoutMs?: number;
  /** Runs after a claim commits, before sending (tests stop a "killed" dispatcher here). */
  afterClaim?: (claimed: readonly w.ClaimedDelivery[]) => Promise<void> | void;
}

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The delivery body: thin, as the outbox row is. */
export function payloadOf(d: Pick<w.ClaimedDelivery, 'event_type' | 'occurred_at' | 'subject_id' | 'channel_id' | 'subject_version'>): string {
  return JSON.stringify({ type: d.event_type, timestamp: iso(d.occurred_at), data: { id: d.subject_id, channelId: d.channel_id, version: d.subject_version } });
}

/**
 * `webhook-signature`: one `v1,…` per secret, space-separated (Standard Webhooks), so a receiver
 * holding either secret during a rotation verifies the delivery.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, signedAt: Date, payload: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, signedAt, payload)).join(' ');
}

class AddressRefused extends Error {
  readonly code = 'ADDRESS_REFUSED';
}

/**
 * A DNS lookup for the connection itself that refuses private, link-local and reserved addresses
 * (loopback too unless `sandbox`): the address checked is the address connected to, so a name
 * that resolves differently between a check and the call (DNS rebinding) cannot slip through.
 */
function guardedLookup(sandbox: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      if (list.length === 0 || list.some((a) => addressRefusal(a.address, sandbox))) return callback(new AddressRefused('address refused'), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Posts `payload` to the endpoint; never throws. The error names only a kind, never an address. */
export function postDelivery(url: string, sandbox: boolean, headers: Record<string, string>, payload: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): AttemptOutcome => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  return new Promise<AttemptOutcome>((settle) => {
    // The whole exchange has `timeoutMs`, not each pause in it: a receiver trickling bytes is a timeout too.
    let deadline: NodeJS.Timeout | undefined;
    const resolve = (outcome: AttemptOutcome) => {
      clearTimeout(deadline);
      settle(outcome);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done(null, 'invalid_url'));
    }
    const host = hostOf(target);
    if (isIP(host) && addressRefusal(host, sandbox)) return resolve(done(null, 'address_refused'));
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' && sandbox ? http : null;
    if (!client) return resolve(done(null, 'https_required'));
    const request = client.request(target, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(sandbox),
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)), 'User-Agent': 'VolunteerKit-Webhooks/1' },
    }, (response) => {
      // The body is not kept (nor logged): only the status counts.
      response.resume();
      response.once('end', () => resolve(done(response.statusCode ?? null, null)));
      // The body broke off (the deadline, a reset): no complete answer, so not a success.
      response.once('error', () => resolve(done(null, 'timeout')));
    });
    deadline = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
    request.once('error', (error: NodeJS.ErrnoException) => {
      const kind = error.code === 'TIMEOUT' ? 'timeout'
        : error.code === 'ADDRESS_REFUSED' ? 'address_refused'
        : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? 'dns_failed'
        : error.code?.startsWith('ERR_TLS') || error.code?.includes('CERT') ? 'tls_failed'
        : 'connection_failed';
      resolve(done(null, kind));
    });
    request.end(payload);
  });
}

/**
 * One pass: claims due deliveries batch by batch and sends each batch concurrently, until none is
 * due at `now()`. Returns how many attempts it recorded. Safe on several instances at once.
 */
export async function dispatchDue(db: Database, now: () => Date, options: DispatchOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const instance = options.instance ?? `pid ${process.pid}`;
  let recorded = 0;
  for (;;) {
    const at = now();
    const claimed = await db.transaction((tx) => w.claimDueDeliveries(tx, at, new Date(at.getTime() + leaseMs), batchSize));
    if (claimed.length === 0) return recorded;
    await options.afterClaim?.(claimed);
    // Each delivery is sent and its result recorded on its own: a slow receiver holds up no other.
    const results = await Promise.all(claimed.map(async (delivery) => {
      const payload = payloadOf(delivery);
      const headers = {
        'webhook-id': delivery.event_id,
        // Signed with the wall clock, not the app's: receivers compare it with theirs.
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': '',
      };
      headers['webhook-signature'] = signatureHeader(signingSecrets(delivery, now()), delivery.event_id, new Date(Number(headers['webhook-timestamp']) * 1000), payload);
      const outcome = await postDelivery(delivery.url, delivery.sandbox, headers, payload, options.timeoutMs);
      return recordOutcome(db, delivery, outcome, now(), instance);
    }));
    recorded += results.filter(Boolean).length;
    if (claimed.length < batchSize) return recorded;
  }
}

async function recordOutcome(db: Database, delivery: w.ClaimedDelivery, outcome: AttemptOutcome, at: Date, instance: string): Promise<boolean> {
  const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const retryAt = succeeded ? null : nextAttemptAt(delivery.attempts, at);
  return db.transaction(async (tx) => {
    const ok = await w.recordAttempt(tx, {
      deliveryId: delivery.id, attempt: delivery.attempts, instance, at, durationMs: outcome.durationMs, statusCode: outcome.statusCode,
      error: outcome.error, succeeded, next: succeeded ? { status: 'succeeded' } : retryAt ? { status: 'pending', at: retryAt } : { status: 'failed' },
    });
    // The schedule ran out with nothing reaching the endpoint since this delivery began: it is
    // failing, not having a bad moment. Disabled, it stops collecting deliveries until re-enabled.
    if (ok && !succeeded && !retryAt) await w.disableIfFailingSince(tx, delivery.endpoint_id, new Date(delivery.created_at), at);
    return ok;
  });
}

export interface Dispatcher {
  /** Start a pass now (a change just committed). */
  nudge(): void;
  /** Stops listening and polling, and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `dispatchDue` when woken by the outbox's NOTIFY, on `nudge()`, and every `pollMs` (default
 * 1 s). One pass at a time per instance; a wake-up during a pass runs another right after it.
 */
export function startDispatcher(db: Database, now: () => Date, options: DispatchOptions & { pollMs?: number } = {}): Dispatcher {
  let stopped = false;
  let pass: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (stopped) return;
    if (pass) {
      again = true;
      return;
    }
    pass = (async () => {
      do {
        again = false;
        try {
          await dispatchDue(db, now, options);
        } catch (error) {
          if (!stopped) console.error('[volunteerkit-server] webhook dispatch failed; retrying at the next tick:', error);
        }
      } while (again && !stopped);
    })().finally(() => (pass = null));
  };
  const timer = setInterval(run, options.pollMs ?? 1000);
  timer.unref();
  let unlisten: Promise<(() => Promise<void>) | null> = db.listen('vk_webhooks', run).catch((error: unknown) => {
    console.error('[volunteerkit-server] LISTEN failed; webhooks fall back to polling:', error);
    return null;
  });
  run();
  return {
    nudge: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await (await unlisten)?.();
      unlisten = Promise.resolve(null);
      await pass;
    },
  };
}
