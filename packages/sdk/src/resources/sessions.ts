/** `vk.sessions`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { CreateSessionBody, Session } from '../schemas/session.js';

/** Volunteer sessions, minted by a partner back end (secret key) for a person it authenticated. */
export class Sessions extends APIResource {
  /**
   * Mints a short-lived session token (`vst_…`) for one volunteer of your channel. Hand the token
   * to the widgets' `session` property or to `vk.withSession(token)`; never put it in a URL.
   *
   * @example
   * ```ts
   * // On your server, after your own login (campus SSO, enterprise login):
   * const session = await vk.sessions.create({ externalId: user.id, volunteer: { name: user.name, studentId: user.studentId } });
   * res.json({ token: session.token, expiresAt: session.expiresAt });
   * ```
   */
  create(body: CreateSessionBody, options?: RequestOptions): Promise<Session> {
    return this.client.request({ method: 'POST', path: '/v1/sessions', body, auth: 'secret', schema: 'Session', options, name: 'sessions.create' });
  }
}
