/**
 * What the form loads before it can show anything: the opportunity, the channel (identity
 * fields, privacy policy) and, with a volunteer session, who signs up and their sign-ups for this
 * activity (shown instead of a blank form, see existing-signup.ts). Fetched in parallel.
 *
 * @module
 */
import { Channels, Me, Opportunities, type BaseClient } from '@volunteerkit/sdk';
import type { Channel, Opportunity, Signup, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import { WidgetConfigurationError } from '../shared/errors.js';
import { configurationGrace } from '../shared/config.js';
import { loadMySignups } from './existing-signup.js';

export interface FormData {
  opportunity: Opportunity;
  channel: Channel;
  /** The signed-in volunteer; `null` for a guest. */
  profile: VolunteerProfile | null;
  /** The volunteer's sign-ups for this opportunity (any status); `null` for a guest. */
  mine: Signup[] | null;
}

/** The form's data state: the skeleton shows for `idle` and `loading`. */
export type LoadState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | ({ status: 'ready' } & FormData);

/**
 * What to show when the form has no client or no opportunity. A refused key is final. A missing
 * key or opportunity may still arrive (configure() after the bundle, a provider defined later, a
 * script setting the attribute): wait until the page has loaded, rather than flash "not set up" on
 * a correctly set-up page. `undefined` when `superseded()` says the configuration arrived meanwhile.
 */
export async function configurationProblem(clientError: () => unknown, opportunityId: string | undefined, superseded: () => boolean): Promise<unknown> {
  if (clientError() === undefined) {
    await configurationGrace();
    if (superseded()) return undefined;
  }
  return clientError() ?? new WidgetConfigurationError(opportunityId ? 'no publishable key' : 'no opportunity');
}

/** Fetches the form's data with `client` (the session's client when `hasSession`). */
export async function loadFormData(client: BaseClient, opportunityId: string, hasSession: boolean): Promise<FormData> {
  const [opportunity, channel, profile, mine] = await Promise.all([
    new Opportunities(client).get(opportunityId),
    new Channels(client).get(),
    hasSession ? new Me(client).get() : Promise.resolve(null),
    hasSession ? loadMySignups(client, opportunityId) : Promise.resolve(null),
  ]);
  return { opportunity, channel, profile, mine };
}
