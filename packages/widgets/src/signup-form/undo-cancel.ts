/**
 * Cancelling a sign-up with a few seconds to take it back, and no DOM.
 *
 * The rule it keeps: **nothing is sent until the undo window has passed.** A cancel frees the spot
 * at once and the server gives it to the first person on the waitlist, so an "undo" that re-signs
 * afterwards could find the shift full and lose the volunteer their place. Waiting first makes an
 * accidental tap cost nothing. The cancel then carries one idempotency key across retries, so a
 * lost answer never cancels twice or fails on "already cancelled". If the host goes away during
 * the window (a dialog closed), the cancel is dropped, not sent: the reader never saw it done.
 * See docs/architecture.md, "Cancelling with undo".
 *
 * @module
 */
import type { Signup } from '@volunteerkit/sdk/schemas';
import { createIdempotencyKey } from './submission-controller.js';

/** How long the reader has to undo a cancel, in ms. */
export const UNDO_WINDOW_MS = 5_000;

/** The timers an undo window runs on. */
export interface UndoClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * The clock every form's undo window runs on: the page's own timers. Tests put a fake clock's
 * `setTimeout`/`clearTimeout` here (@sinonjs/fake-timers `createClock()`), so the window moves
 * only when they tick, while the page, msw and axe keep real time.
 */
export const undoClock: UndoClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export type UndoCancelState =
  | { phase: 'idle' }
  /** Waiting for the window to pass; `secondsLeft` counts down once a second. */
  | { phase: 'pending'; signup: Signup; secondsLeft: number }
  | { phase: 'sending'; signup: Signup }
  | { phase: 'failed'; signup: Signup; error: unknown }
  | { phase: 'done'; signup: Signup; cancelled: Signup };

export interface UndoCancelOptions {
  /** Sends the cancel; the same key on every retry of one cancel. */
  send(signup: Signup, options: { idempotencyKey: string }): Promise<Signup>;
  onStateChange(state: UndoCancelState): void;
  /** The window in ms (default {@link UNDO_WINDOW_MS}). */
  windowMs?: number;
  /** Default {@link undoClock}. */
  clock?: UndoClock;
}

export class UndoCancel {
  #state: UndoCancelState = { phase: 'idle' };
  #timer: unknown;
  #key: string | undefined;
  readonly #options: UndoCancelOptions;

  constructor(options: UndoCancelOptions) {
    this.#options = options;
  }

  get #clock(): UndoClock {
    return this.#options.clock ?? undoClock;
  }

  get state(): UndoCancelState {
    return this.#state;
  }

  /** Starts the window for `signup`. A cancel already under way for another one is left alone. */
  request(signup: Signup): void {
    if (this.#state.phase === 'pending' || this.#state.phase === 'sending') return;
    this.#key = createIdempotencyKey();
    const windowMs = this.#options.windowMs ?? UNDO_WINDOW_MS;
    this.#set({ phase: 'pending', signup, secondsLeft: Math.ceil(windowMs / 1000) });
    this.#countDown(signup, windowMs);
  }

  /** Takes the cancel back while the window is open; returns whether there was one to take back. */
  undo(): boolean {
    if (this.#state.phase !== 'pending') return false;
    this.#stop();
    this.#set({ phase: 'idle' });
    return true;
  }

  /** Sends a failed cancel again, with the same key. */
  retry(): void {
    if (this.#state.phase === 'failed') void this.#send(this.#state.signup);
  }

  /** Forgets everything; a cancel still in its window is dropped, not sent. */
  reset(): void {
    this.#stop();
    this.#key = undefined;
    this.#set({ phase: 'idle' });
  }

  /** One tick per second so the reader sees the time left; the send happens at the window's end. */
  #countDown(signup: Signup, msLeft: number): void {
    const step = Math.min(1000, msLeft);
    this.#timer = this.#clock.setTimeout(() => {
      const left = msLeft - step;
      if (left <= 0) {
        this.#timer = undefined;
        void this.#send(signup);
        return;
      }
      this.#set({ phase: 'pending', signup, secondsLeft: Math.ceil(left / 1000) });
      this.#countDown(signup, left);
    }, step);
  }

  async #send(signup: Signup): Promise<void> {
    const key = this.#key ?? (this.#key = createIdempotencyKey());
    this.#set({ phase: 'sending', signup });
    try {
      const cancelled = await this.#options.send(signup, { idempotencyKey: key });
      if (this.#key !== key) return; // reset meanwhile
      this.#key = undefined;
      this.#set({ phase: 'done', signup, cancelled });
    } catch (error) {
      if (this.#key !== key) return;
      this.#set({ phase: 'failed', signup, error });
    }
  }

  #stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #set(state: UndoCancelState): void {
    this.#state = state;
    this.#options.onStateChange(state);
  }
}
