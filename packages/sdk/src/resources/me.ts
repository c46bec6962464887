/** `vk.withSession(token).me`. @module */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { ListServiceRecordsQuery, ServiceRecord } from '../schemas/service-record.js';
import type { ListSignupsQuery, Signup } from '../schemas/signup.js';
import type { VolunteerProfile } from '../schemas/volunteer.js';
import { staleAfterSignupChange } from './signups.js';

/** The signed-in volunteer's sign-ups. */
export class MySignups extends APIResource {
  /**
   * Lists the volunteer's own sign-ups.
   *
   * @example
   * ```ts
   * const upcoming = await vk.withSession(token).me.signups.list({ status: 'approved' });
   * ```
   */
  list(query: Omit<ListSignupsQuery, 'reveal'> = {}, options?: RequestOptions): PagePromise<Signup> {
    return this.client.list({ method: 'GET', path: '/v1/me/signups', query, auth: 'session', schema: 'SignupPage', options, name: 'me.signups.list' });
  }

  /**
   * Cancels one of the volunteer's sign-ups (a waitlisted volunteer may take the spot). Cached
   * reads it made stale (the opportunity's spots left, list pages) are dropped on success.
   *
   * @example
   * ```ts
   * const cancelled = await vk.withSession(token).me.signups.cancel('sgn_9Kd3mQ1z');
   * ```
   */
  cancel(id: string, options?: RequestOptions): Promise<Signup> {
    return this.client.request({ method: 'POST', path: `/v1/me/signups/${encodeURIComponent(id)}/cancel`, auth: 'session', schema: 'Signup', options, name: 'me.signups.cancel', stales: staleAfterSignupChange });
  }
}

/** The signed-in volunteer's service records (hours). */
export class MyServiceRecords extends APIResource {
  /**
   * Lists the volunteer's service records; only `approved` hours count toward stars.
   *
   * @example
   * ```ts
   * let hours = 0;
   * for await (const r of vk.withSession(token).me.serviceRecords.list({ status: 'approved' })) hours += r.hours;
   * ```
   */
  list(query: ListServiceRecordsQuery = {}, options?: RequestOptions): PagePromise<ServiceRecord> {
    return this.client.list({ method: 'GET', path: '/v1/me/service-records', query, auth: 'session', schema: 'ServiceRecordPage', options, name: 'me.serviceRecords.list' });
  }
}

/** The signed-in volunteer. Every call needs a client from `vk.withSession(token)`. */
export class Me extends APIResource {
  /** The volunteer's sign-ups. */
  readonly signups: MySignups = new MySignups(this.client);
  /** The volunteer's service records. */
  readonly serviceRecords: MyServiceRecords = new MyServiceRecords(this.client);

  /**
   * The volunteer's own profile: hours, star level, points, hours to the next star.
   *
   * @example
   * ```ts
   * const profile = await vk.withSession(token).me.get();
   * stars.value = profile.starLevel;
   * ```
   */
  get(options?: RequestOptions): Promise<VolunteerProfile> {
    return this.client.request({ method: 'GET', path: '/v1/me', auth: 'session', schema: 'VolunteerProfile', options, name: 'me.get' });
  }
}
