/** Turning whatever failed into words a reader understands. @module */
import type { VkLocale } from './locale.js';
import { sharedMessages } from './shared.messages.js';

/** The widget has no publishable key from any source (attribute, provider, configure()). */
export class WidgetConfigurationError extends Error {
  override readonly name = 'WidgetConfigurationError';
}

/** The error's `name`: SDK errors are recognized by name, which works across realms and copies. */
function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

/** A sentence for the error state. Never the server's raw text: it may be in another language. */
export function describeError(locale: VkLocale, error: unknown): string {
  const messages = sharedMessages(locale);
  switch (errorName(error)) {
    case 'WidgetConfigurationError':
      return messages.errorConfiguration;
    case 'ConnectionError':
    case 'TimeoutError':
      return typeof navigator !== 'undefined' && navigator.onLine === false ? messages.errorOffline : messages.errorServer;
    case 'RateLimitError':
      return messages.errorRateLimited;
    case 'AuthenticationError':
    case 'PermissionDeniedError':
      return messages.errorNotAllowed;
    default:
      if (error instanceof Error && /secret key/i.test(error.message)) return messages.errorRefusedKey;
      return messages.errorServer;
  }
}
