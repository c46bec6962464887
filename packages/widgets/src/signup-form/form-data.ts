/**
 * What the form loads before it can show anything: the opportunity, the channel (identity
 * fields, privacy policy) and, with a volunteer session, who signs up. Fetched in parallel.
 *
 * @module
 */
import { Channels, Me, Opportunities, type BaseClient } from '@volunteerkit/sdk';
import type { Channel, Opportunity, VolunteerProfile } from '@volunteerkit/sdk/schemas';

export interface FormData {
  opportunity: Opportunity;
  channel: Channel;
  /** The signed-in volunteer; `null` for a guest. */
  profile: VolunteerProfile | null;
}

/** The form's data state: the skeleton shows for `idle` and `loading`. */
export type LoadState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | ({ status: 'ready' } & FormData);

/** Fetches the form's data with `client` (the session's client when `hasSession`). */
export async function loadFormData(client: BaseClient, opportunityId: string, hasSession: boolean): Promise<FormData> {
  const [opportunity, channel, profile] = await Promise.all([
    new Opportunities(client).get(opportunityId),
    new Channels(client).get(),
    hasSession ? new Me(client).get() : Promise.resolve(null),
  ]);
  return { opportunity, channel, profile };
}
