/**
 * Turning whatever failed into words a reader understands. SDK errors are told apart with the
 * SDK's `X.is()` guards (packages/sdk/src/core/errors.ts), which work across realms and across
 * two copies of VolunteerKit on one page; the widgets' own error has the same kind of guard.
 *
 * @module
 */
import { AuthenticationError, ConnectionError, PermissionDeniedError, RateLimitError } from '@volunteerkit/sdk';
import type { VkLocale } from './locale.js';
import { sharedMessages } from './shared.messages.js';

/** The widget has no publishable key from any source (attribute, provider, configure()), or no opportunity. */
export class WidgetConfigurationError extends Error {
  override readonly name = 'WidgetConfigurationError';

  /** Whether `value` is this error, also from another copy of the widgets (checked by `name`). */
  static is(value: unknown): value is WidgetConfigurationError {
    return value instanceof WidgetConfigurationError
      || (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'WidgetConfigurationError');
  }
}

/**
 * Whether a load was cancelled on purpose (a newer request replaced it, or the widget left the
 * page): nothing to show. Told by `name`, as an abort's reason may come from any realm.
 */
export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** A sentence for the error state. Never the server's raw text: it may be in another language. */
export function describeError(locale: VkLocale, error: unknown): string {
  const messages = sharedMessages(locale);
  if (WidgetConfigurationError.is(error)) return messages.errorConfiguration;
  // A timeout is a ConnectionError too: both mean no answer.
  if (ConnectionError.is(error)) {
    return typeof navigator !== 'undefined' && navigator.onLine === false ? messages.errorOffline : messages.errorServer;
  }
  if (RateLimitError.is(error)) return messages.errorRateLimited;
  if (AuthenticationError.is(error) || PermissionDeniedError.is(error)) return messages.errorNotAllowed;
  if (error instanceof Error && /secret key/i.test(error.message)) return messages.errorRefusedKey;
  return messages.errorServer;
}
