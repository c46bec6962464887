/**
 * What an organizer's staff member does, with an organizer session (`ost_…`). Not attached to the
 * client, so a volunteer's page does not carry it: construct it on a session client.
 *
 * ```ts
 * import { createClient, Organizer } from '@volunteerkit/sdk';
 * const organizer = new Organizer(createClient({ baseUrl, publishableKey }).withSession(organizerToken));
 * const { code, qrPayload } = await organizer.checkinCode('shf_x2Lp9Q0a');
 * ```
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  BulkRosterUpdate,
  CheckinCode,
  HoursPolicy,
  HoursPolicyRules,
  Dispute,
  OrganizerDisputesQuery,
  OrganizerServiceRecordsQuery,
  ResolveDisputeBody,
  ReviewServiceRecordsBody,
  RosterEntry,
  RosterEntryList,
  RosterQuery,
  RosterUpdate,
} from '../schemas/attendance.js';
import type { ServiceRecord } from '../schemas/service-record.js';
import { OrganizerRedemptions } from './recognition.js';

const shiftPath = (shiftId: string) => `/v1/shifts/${encodeURIComponent(shiftId)}`;

/** A shift's roster: who signed up, who is here, who has left. */
export class OrganizerRoster extends APIResource {
  /**
   * The sign-ups of a shift with their attendance and service record.
   *
   * @example
   * ```ts
   * for await (const entry of organizer.roster.list('shf_x2Lp9Q0a')) console.log(entry.name, entry.attendance?.checkInAt);
   * ```
   */
  list(shiftId: string, query: RosterQuery = {}, options?: RequestOptions): PagePromise<RosterEntry> {
    return this.client.list({ method: 'GET', path: `${shiftPath(shiftId)}/roster`, query, auth: 'organizer', schema: 'RosterPage', options, name: 'organizer.roster.list' });
  }

  /**
   * Checks one volunteer in or out, marks a no-show, or sets both times (a forgotten check-out).
   *
   * @example
   * ```ts
   * await organizer.roster.update('shf_x2Lp9Q0a', 'sgn_9Kd3mQ1z', { action: 'set_times', checkInAt: '2026-12-05T08:55:00+08:00', checkOutAt: '2026-12-05T12:00:00+08:00' });
   * ```
   */
  update(shiftId: string, signupId: string, body: RosterUpdate, options?: RequestOptions): Promise<RosterEntry> {
    return this.client.request({ method: 'POST', path: `${shiftPath(shiftId)}/roster/${encodeURIComponent(signupId)}`, body, auth: 'organizer', schema: 'RosterEntry', options, name: 'organizer.roster.update' });
  }

  /**
   * Several roster changes at once: all are made, or none (the first refusal names its index).
   *
   * @example
   * ```ts
   * await organizer.roster.updateMany('shf_x2Lp9Q0a', { updates: absent.map((signupId) => ({ signupId, action: 'no_show' })) });
   * ```
   */
  updateMany(shiftId: string, body: BulkRosterUpdate, options?: RequestOptions): Promise<RosterEntryList> {
    return this.client.request({ method: 'POST', path: `${shiftPath(shiftId)}/roster`, body, auth: 'organizer', schema: 'RosterEntryList', options, name: 'organizer.roster.updateMany' });
  }
}

/** The organization's service records, to review. */
export class OrganizerServiceRecords extends APIResource {
  /**
   * Lists the organization's records, soonest deadline first; `overdue: true` for pending ones past it.
   *
   * @example
   * ```ts
   * const late = await organizer.serviceRecords.list({ status: 'pending', overdue: true });
   * ```
   */
  list(query: Omit<OrganizerServiceRecordsQuery, 'overdue'> & { overdue?: boolean } = {}, options?: RequestOptions): PagePromise<ServiceRecord> {
    return this.client.list({ method: 'GET', path: '/v1/organizer/service-records', query, auth: 'organizer', schema: 'ServiceRecordPage', options, name: 'organizer.serviceRecords.list' });
  }

  /**
   * Approves or rejects several pending records at once.
   *
   * @example
   * ```ts
   * await organizer.serviceRecords.review({ ids: late.data.map((r) => r.id), decision: 'approved' });
   * ```
   */
  review(body: ReviewServiceRecordsBody, options?: RequestOptions): Promise<{ data: ServiceRecord[] }> {
    return this.client.request({ method: 'POST', path: '/v1/organizer/service-records/review', body, auth: 'organizer', schema: 'ServiceRecordList', options, name: 'organizer.serviceRecords.review' });
  }
}

/** Volunteers' disputes of the organization's records. */
export class OrganizerDisputes extends APIResource {
  /**
   * Lists disputes, oldest first.
   *
   * @example
   * ```ts
   * const open = await organizer.disputes.list({ status: 'open' });
   * ```
   */
  list(query: OrganizerDisputesQuery = {}, options?: RequestOptions): PagePromise<Dispute> {
    return this.client.list({ method: 'GET', path: '/v1/organizer/disputes', query, auth: 'organizer', schema: 'DisputePage', options, name: 'organizer.disputes.list' });
  }

  /**
   * Accepts a dispute (a correcting record is created; the disputed one is superseded, never
   * edited) or rejects it with a reason.
   *
   * @example
   * ```ts
   * await organizer.disputes.resolve('dsp_3Kd9', { decision: 'accept', hours: 3, note: '签到表显示全程在岗' });
   * ```
   */
  resolve(id: string, body: ResolveDisputeBody, options?: RequestOptions): Promise<Dispute> {
    return this.client.request({ method: 'POST', path: `/v1/organizer/disputes/${encodeURIComponent(id)}/resolve`, body, auth: 'organizer', schema: 'Dispute', options, name: 'organizer.disputes.resolve' });
  }
}

/** The organization's hours policy: read it, or set new rules (a new version; records keep the one that made them). */
export class OrganizerHoursPolicy extends APIResource {
  /**
   * The current version (the built-in default, version 1, until the organization sets its own).
   *
   * @example
   * ```ts
   * const { version, minPresentPercent } = await organizer.hoursPolicy.get();
   * ```
   */
  get(options?: RequestOptions): Promise<HoursPolicy> {
    return this.client.request({ method: 'GET', path: '/v1/organizer/hours-policy', auth: 'organizer', schema: 'HoursPolicy', options, name: 'organizer.hoursPolicy.get' });
  }

  /**
   * Sets new rules as the next version. Records already made keep the version that made them.
   *
   * @example
   * ```ts
   * await organizer.hoursPolicy.update({ skewMinutes: 15, minPresentPercent: 60, roundDownMinutes: 30, approvalSlaHours: 72, autoApprove: false });
   * ```
   */
  update(body: HoursPolicyRules, options?: RequestOptions): Promise<HoursPolicy> {
    return this.client.request({ method: 'POST', path: '/v1/organizer/hours-policy', body, auth: 'organizer', schema: 'HoursPolicy', options, name: 'organizer.hoursPolicy.update' });
  }
}

/** What a staff member of one organization does: check-in, rosters, reviews, disputes, the reward desk. Construct it on `vk.withSession(ost_…)`. */
export class Organizer extends APIResource {
  readonly roster: OrganizerRoster = new OrganizerRoster(this.client);
  readonly serviceRecords: OrganizerServiceRecords = new OrganizerServiceRecords(this.client);
  readonly disputes: OrganizerDisputes = new OrganizerDisputes(this.client);
  readonly hoursPolicy: OrganizerHoursPolicy = new OrganizerHoursPolicy(this.client);
  readonly redemptions: OrganizerRedemptions = new OrganizerRedemptions(this.client);

  /**
   * The shift's check-in code for the kiosk screen: 6 digits and a QR payload, fetched again at `validUntil`.
   *
   * @example
   * ```ts
   * const { code, qrPayload, validUntil } = await organizer.checkinCode('shf_x2Lp9Q0a');
   * ```
   */
  checkinCode(shiftId: string, options?: RequestOptions): Promise<CheckinCode> {
    return this.client.request({ method: 'GET', path: `${shiftPath(shiftId)}/checkin-code`, auth: 'organizer', schema: 'CheckinCode', options, name: 'organizer.checkinCode' });
  }
}
