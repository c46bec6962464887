/**
 * The data task of every widget for a signed-in volunteer (`<vk-checkin>`, `<vk-my-hours>`,
 * `<vk-rewards>`, `<vk-my-claims>`): wait for the client and the session (`signedIn`), load, and
 * answer a session the server refused (401) with `vk-session-expired`. A module of its own, so the
 * list's recommendations (which share `signed-in.ts`) and the CDN entry do not carry it.
 *
 * @module
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { AuthenticationError, type BaseClient } from '@volunteerkit/sdk';
import type { ConfigController } from './config.js';
import { renderLoadError } from './error-state.js';
import { isAbort } from './errors.js';
import { VkErrorEvent } from './events.js';
import { VkSessionExpiredEvent } from './events/volunteer.js';
import type { VkLocale } from './locale.js';
import { NoSessionError, signedIn } from './signed-in.js';

type SessionArgs = readonly [BaseClient | null, string | undefined];

/** Resolves never; rejects when `signal` aborts (the task's arguments changed: a new session came). */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * A Task that runs `load` with the client and the volunteer session, again whenever either
 * changes. What the widget renders for each outcome:
 *
 * - no session (none given, or the server refused it and the page does not renew it):
 *   the error is a `NoSessionError`, the widget's sign-in state; a refused session also sends
 *   `vk-error` with the server's error;
 * - the server refused the session (401): `vk-session-expired` is sent from `host`. A page that
 *   calls `preventDefault()` promises a new token: the task stays pending (the widget keeps what it
 *   showed, or its skeleton) until the new session arrives and the task runs again with it;
 * - any other failure: the error itself, and `vk-error` (not for an abort: a newer run replaced it).
 */
export function signedInTask<T>(host: ReactiveControllerHost & HTMLElement, config: ConfigController, load: (client: BaseClient, session: string, signal: AbortSignal) => Promise<T>,
  options: { onComplete?: (value: T) => void } = {}): Task<SessionArgs, T> {
  return new Task<SessionArgs, T>(host, {
    task: async ([client, session], { signal }) => {
      const [ready, token] = await signedIn(config, client, session, signal);
      try {
        return await load(ready, token, signal);
      } catch (error) {
        if (!AuthenticationError.is(error)) throw error;
        if (!host.dispatchEvent(new VkSessionExpiredEvent({ widget: host.localName }))) await untilAborted(signal);
        throw new NoSessionError('The server refused the volunteer session', { cause: error });
      }
    },
    args: () => [config.client, config.value.session] as const,
    onComplete: options.onComplete,
    onError: (error) => {
      if (isAbort(error)) return;
      if (error instanceof NoSessionError) {
        if (error.cause !== undefined) host.dispatchEvent(new VkErrorEvent(error.cause));
        return;
      }
      host.dispatchEvent(new VkErrorEvent(error));
    },
  });
}

/**
 * Tells the page that the server refused the session on a later action (a dispute, a redemption, a
 * claim step), as the load does: `vk-session-expired` from `host` when `error` is a 401. Returns
 * whether it was one, so the widget says "sign in again" where the action failed and keeps what
 * the reader typed; when the page renews the session, the task reloads and the reader sends again.
 */
export function announceRefusedSession(host: HTMLElement, error: unknown): boolean {
  if (!AuthenticationError.is(error)) return false;
  host.dispatchEvent(new VkSessionExpiredEvent({ widget: host.localName }));
  return true;
}

/**
 * What a signed-in widget shows when its task failed: its sign-in state (`part="sign-in"`, the
 * widget's own sentence) without a session, else the error state with a retry.
 */
export function renderSignedInError(locale: VkLocale, error: unknown, signInText: string, retry: () => void, options: { alert: boolean }): TemplateResult {
  if (error instanceof NoSessionError) return html`<div part="sign-in" class="state"><p class="state__title">${signInText}</p></div>`;
  return renderLoadError(locale, error, retry, options);
}
