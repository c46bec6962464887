/**
 * Identical concurrent GETs share one request: ten widgets on a page asking for the same list send
 * one. The key is the method, the full URL (query sorted, so order does not matter) and the
 * `Authorization` value; the scope is the `fetch` implementation, so two clients created
 * separately on one page (one per widget) still share, while a client with its own `fetch`
 * (tests, a proxy) keeps to itself.
 *
 * @internal
 * @module
 */
import type { RawResponse } from './transport.js';

interface InFlight {
  promise: Promise<RawResponse>;
  controller: AbortController;
  /** Callers still waiting that could leave (they passed a signal). When all leave, the request is aborted. */
  waiters: number;
  /** A caller without a signal can never leave, so the request must run to the end. */
  pinned: boolean;
}

const scopes = new WeakMap<object, Map<string, InFlight>>();

/**
 * Joins the request in flight under `key`, or starts it with `start`. The shared request gets its
 * own signal; each caller's `signal` only detaches that caller (rejecting with its reason), and
 * aborts the shared request when nobody is left waiting.
 */
export function shareInFlight(
  scope: object,
  key: string,
  start: (signal: AbortSignal) => Promise<RawResponse>,
  signal?: AbortSignal,
): Promise<RawResponse> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  let inFlight = scopes.get(scope);
  if (!inFlight) scopes.set(scope, (inFlight = new Map()));
  let shared = inFlight.get(key);
  if (!shared) {
    const controller = new AbortController();
    const promise = start(controller.signal);
    const entry: InFlight = { promise, controller, waiters: 0, pinned: false };
    const forget = () => {
      if (inFlight.get(key) === entry) inFlight.delete(key);
    };
    // Handled here so an abandoned shared request never reports an unhandled rejection.
    promise.then(forget, forget);
    inFlight.set(key, entry);
    shared = entry;
  }
  if (!signal) {
    shared.pinned = true;
    return shared.promise;
  }
  const entry = shared;
  entry.waiters++;
  return new Promise<RawResponse>((resolve, reject) => {
    const onAbort = () => {
      entry.waiters--;
      if (entry.waiters === 0 && !entry.pinned) {
        if (inFlight.get(key) === entry) inFlight.delete(key);
        entry.controller.abort(signal.reason);
      }
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
