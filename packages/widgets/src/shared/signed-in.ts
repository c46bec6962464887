/**
 * What the widgets for a signed-in volunteer (`<vk-checkin>`, `<vk-my-hours>`, `<vk-rewards>`)
 * share before they load anything. A module of its own, so a page without such a widget (and the
 * CDN entry) does not carry it.
 */
import { configurationGrace } from './config.js';
import { WidgetConfigurationError } from './errors.js';

/** A widget for a signed-in volunteer has no session (yet): it shows its sign-in state, not an error. */
export class NoSessionError extends Error {
  override readonly name = 'NoSessionError';
}

/**
 * The client and volunteer session a signed-in widget's task needs. Either may still be on its way
 * (configure() after the bundle, a session set later), so each gets the grace period before the
 * task gives up: with the configuration's error, or NoSessionError (the widget's sign-in state).
 */
export async function signedIn<C>(config: { readonly clientError: unknown }, client: C | null, session: string | undefined, signal: AbortSignal): Promise<[C, string]> {
  if (!client) {
    if (config.clientError === undefined) await configurationGrace(signal);
    throw config.clientError ?? new WidgetConfigurationError('No publishable key and base URL configured');
  }
  if (!session) {
    await configurationGrace(signal);
    throw new NoSessionError('No volunteer session');
  }
  return [client, session];
}

