/** `vk.sessions`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { OrganizerSession, OrganizerSessionBody } from '../schemas/attendance.js';
import type { CreateSessionBody, CreatedSession, Session, VolunteerSessionBody } from '../schemas/session.js';

/** Sessions, minted by a partner back end (secret key) for a person it authenticated: a volunteer or an organizer's staff member. */
export class Sessions extends APIResource {
  /**
   * Mints a short-lived session token: `vst_…` for one volunteer of your channel, or `ost_…` for a
   * staff member of an organization your channel is authorized for. Hand the token to the widgets'
   * `session` property or to `vk.withSession(token)`; never put it in a URL.
   *
   * @example A volunteer
   * ```ts
   * // On your server, after your own login (campus SSO, enterprise login):
   * const session = await vk.sessions.create({ externalId: user.id, volunteer: { name: user.name, studentId: user.studentId } });
   * res.json({ token: session.token, expiresAt: session.expiresAt });
   * ```
   * @example An organizer running check-in
   * ```ts
   * const { token } = await vk.sessions.create({ organizer: { organizationId: 'org_XhWl7Qm2', staffId: staff.id, name: staff.name } });
   * ```
   */
  create(body: VolunteerSessionBody, options?: RequestOptions): Promise<Session>;
  create(body: OrganizerSessionBody, options?: RequestOptions): Promise<OrganizerSession>;
  create(body: CreateSessionBody, options?: RequestOptions): Promise<CreatedSession>;
  create(body: CreateSessionBody, options?: RequestOptions): Promise<CreatedSession> {
    return this.client.request({ method: 'POST', path: '/v1/sessions', body, auth: 'secret', schema: 'CreatedSession', options, name: 'sessions.create' });
  }
}
