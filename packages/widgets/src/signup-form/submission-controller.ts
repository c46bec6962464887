/**
 * The life of one sign-up submission, independent of any DOM: idempotency keys, the double-click
 * guard, retries and the offline queue. The component renders its state; tests drive it directly.
 *
 * Idempotency (see docs/architecture.md, "One idempotency key per attempt"): a key is made when the
 * person submits and belongs to exactly that body. Sending the same body again — the retry button,
 * the resend when the connection comes back, a second click — reuses the key, so the server makes
 * at most one sign-up. A different body gets a new key: the server answers 422 to a reused key with
 * a different body (docs/spec/api-conventions.md), and a changed form is a new attempt.
 *
 * @module
 */
import { ConflictError, ConnectionError, RateLimitError, TimeoutError } from '@volunteerkit/sdk';

/** How an error from `send` is handled. */
export type FailureKind =
  /** The request may not have reached the server: wait for the connection, then resend. */
  | 'offline'
  /** The server already has a sign-up for this person and shift: treated as success. */
  | 'conflict'
  /** Worth trying again with the same key (rate limit, server error, timeout, unknown). */
  | 'retryable'
  /** The server said no to this body (validation, closed sign-up…): the person must change it. */
  | 'definitive';

export type SubmissionPhase = 'idle' | 'sending' | 'queued' | 'retryable' | 'failed' | 'succeeded';

export interface SubmissionState<Result> {
  phase: SubmissionPhase;
  /** The sign-up when `succeeded`. */
  result?: Result;
  /** `true` when success came from a 409: the person was already signed up. */
  alreadyExisted?: boolean;
  /** The last error when `retryable` or `failed` (or `queued` after a connection error). */
  error?: unknown;
}

/** Where the controller learns whether the browser is online. A seam for tests. */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls `listener` on the next `online` event; returns an unsubscribe function. */
  onOnline(listener: () => void): () => void;
}

export const browserNetwork: NetworkStatus = {
  isOnline: () => globalThis.navigator?.onLine !== false,
  onOnline(listener) {
    globalThis.addEventListener('online', listener);
    return () => globalThis.removeEventListener('online', listener);
  },
};

export interface SubmissionControllerOptions<Body, Result> {
  send(body: Body, options: { idempotencyKey: string }): Promise<Result>;
  /** Sorts an error into a {@link FailureKind}; defaults to {@link classifyError}. */
  classify?(error: unknown): FailureKind;
  /** The existing resource carried by a conflict error, shown as the result. */
  existingFrom?(error: unknown): Result | undefined;
  onStateChange?(state: SubmissionState<Result>): void;
  network?: NetworkStatus;
  createKey?(): string;
}

const errorStatus = (error: unknown): number | undefined => {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
};

/**
 * Classifies the SDK's errors with its `X.is()` guards, which work across realms and across two
 * copies of the SDK on one page; an error from elsewhere is classified by its HTTP `status`.
 */
export function classifyError(error: unknown): FailureKind {
  // A timeout is a ConnectionError too, but the server may have got the request: retry, not queue.
  if (RateLimitError.is(error) || TimeoutError.is(error)) return 'retryable';
  if (ConnectionError.is(error)) return 'offline';
  const status = errorStatus(error);
  if (ConflictError.is(error) || status === 409) return 'conflict';
  if (status !== undefined && status >= 400 && status < 500 && status !== 408) return 'definitive';
  // 5xx after the SDK's own retries, a response outside the contract, or a bug: the same body with
  // the same key is safe to send again, so let the person try.
  return 'retryable';
}

/** A random idempotency key. `crypto.randomUUID` needs a secure context; news sites on plain http exist. */
export function createIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys sorted, so two equal bodies built in different orders compare equal. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export class SubmissionController<Body, Result> {
  readonly #options: SubmissionControllerOptions<Body, Result>;
  readonly #network: NetworkStatus;
  #state: SubmissionState<Result> = { phase: 'idle' };
  #body: Body | undefined;
  #bodyFingerprint: string | undefined;
  #key: string | undefined;
  #stopWaitingForOnline: (() => void) | undefined;
  #inFlight: Promise<SubmissionState<Result>> | undefined;

  constructor(options: SubmissionControllerOptions<Body, Result>) {
    this.#options = options;
    this.#network = options.network ?? browserNetwork;
  }

  get state(): SubmissionState<Result> {
    return this.#state;
  }

  /** The key of the current attempt, if one was made. Exposed for tests and diagnostics. */
  get idempotencyKey(): string | undefined {
    return this.#key;
  }

  /** Whether a submission is under way (sending or waiting for the connection): submit is guarded. */
  get busy(): boolean {
    return this.#state.phase === 'sending' || this.#state.phase === 'queued';
  }

  /**
   * The person submits `body`. Ignored while a submission is sending or queued and after success
   * (a double click sends one request). Queued without a request when the browser is offline.
   */
  submit(body: Body): Promise<SubmissionState<Result>> {
    if (this.#state.phase === 'sending' && this.#inFlight) return this.#inFlight;
    if (this.#state.phase === 'queued' || this.#state.phase === 'succeeded') return Promise.resolve(this.#state);
    const print = fingerprint(body);
    if (this.#key === undefined || print !== this.#bodyFingerprint) {
      this.#key = (this.#options.createKey ?? createIdempotencyKey)();
      this.#bodyFingerprint = print;
    }
    this.#body = body;
    if (!this.#network.isOnline()) {
      this.#queue(undefined);
      return Promise.resolve(this.#state);
    }
    return this.#send();
  }

  /** Sends the last body again with the same key (the retry button). */
  retry(): Promise<SubmissionState<Result>> {
    if (this.#body === undefined) return Promise.resolve(this.#state);
    return this.submit(this.#body);
  }

  /**
   * Sends a queued submission now instead of waiting for `online` (the person's "try now": a
   * browser may report offline on a network that works). Same key; if it fails to connect again
   * it goes back to waiting. Does nothing unless queued.
   */
  flush(): Promise<SubmissionState<Result>> {
    if (this.#state.phase !== 'queued') return Promise.resolve(this.#state);
    this.#stopWaitingForOnline?.();
    this.#stopWaitingForOnline = undefined;
    return this.#send();
  }

  /**
   * The person changed the form. A submission waiting for the connection is withdrawn: it would
   * send what they no longer want. They submit again when ready (with a new key: a new body).
   * Returns whether a queued submission was withdrawn.
   */
  formChanged(): boolean {
    if (this.#state.phase !== 'queued') return false;
    this.#stopWaitingForOnline?.();
    this.#stopWaitingForOnline = undefined;
    this.#setState({ phase: 'idle' });
    return true;
  }

  /** Starts over after a success (e.g. "sign up someone else"): a new attempt, a new key. */
  reset(): void {
    this.#stopWaitingForOnline?.();
    this.#stopWaitingForOnline = undefined;
    this.#key = undefined;
    this.#bodyFingerprint = undefined;
    this.#body = undefined;
    this.#setState({ phase: 'idle' });
  }

  #queue(error: unknown): void {
    this.#stopWaitingForOnline?.();
    const stop = this.#network.onOnline(() => {
      // Unsubscribe before sending: two `online` events in a row must not send twice.
      stop();
      if (this.#stopWaitingForOnline !== stop) return;
      this.#stopWaitingForOnline = undefined;
      void this.#send();
    });
    this.#stopWaitingForOnline = stop;
    this.#setState(error === undefined ? { phase: 'queued' } : { phase: 'queued', error });
  }

  #send(): Promise<SubmissionState<Result>> {
    const body = this.#body as Body;
    const idempotencyKey = this.#key as string;
    this.#setState({ phase: 'sending' });
    const attempt = (async () => {
      try {
        const result = await this.#options.send(body, { idempotencyKey });
        this.#setState({ phase: 'succeeded', result });
      } catch (error) {
        const kind = (this.#options.classify ?? classifyError)(error);
        const existing = kind === 'conflict' ? this.#options.existingFrom?.(error) : undefined;
        if (kind === 'conflict' && existing !== undefined) {
          this.#setState({ phase: 'succeeded', result: existing, alreadyExisted: true });
        } else if (kind === 'offline') {
          this.#queue(error);
        } else if (kind === 'retryable') {
          this.#setState({ phase: 'retryable', error });
        } else {
          this.#setState({ phase: 'failed', error });
        }
      } finally {
        this.#inFlight = undefined;
      }
      return this.#state;
    })();
    this.#inFlight = attempt;
    return attempt;
  }

  #setState(state: SubmissionState<Result>): void {
    this.#state = state;
    this.#options.onStateChange?.(state);
  }
}
