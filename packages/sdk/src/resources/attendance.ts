/**
 * The volunteer's check-in and disputes. Not attached to the client, so a page that never checks
 * anyone in does not carry them: construct them on a session client.
 *
 * ```ts
 * import { createClient, MyAttendance, MyDisputes } from '@volunteerkit/sdk';
 * const me = createClient({ baseUrl, publishableKey }).withSession(token);
 * await new MyAttendance(me).record({ shiftId, code: '482913', action: 'check_in' });
 * ```
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { Attendance, CreateDisputeBody, Dispute, RecordAttendanceBody } from '../schemas/attendance.js';

/** Checking in and out of a shift with the code on the organizer's screen (volunteer session). */
export class MyAttendance extends APIResource {
  /**
   * Checks in or out with the 6 digits or the scanned QR text. A wrong, expired or other shift's
   * code is a 422 naming `code`; several wrong codes in a row are a 429 with `Retry-After`.
   *
   * @example
   * ```ts
   * const attendance = await new MyAttendance(vk.withSession(token)).record({ shiftId: 'shf_x2Lp9Q0a', code: '482913', action: 'check_in' });
   * ```
   */
  record(body: RecordAttendanceBody, options?: RequestOptions): Promise<Attendance> {
    return this.client.request({ method: 'POST', path: '/v1/me/attendance', body, auth: 'session', schema: 'Attendance', options, name: 'me.attendance.record' });
  }
}

/** Disputes of the volunteer's own service records (volunteer session). */
export class MyDisputes extends APIResource {
  /**
   * Disputes a record within 30 days of it: wrong hours (say how many are right), or "I was never there".
   *
   * @example
   * ```ts
   * await new MyDisputes(vk.withSession(token)).create('rec_4Tn8Vb2L', { kind: 'wrong_hours', claimedHours: 3, reason: '我 9 点到，12 点才走' });
   * ```
   */
  create(serviceRecordId: string, body: CreateDisputeBody, options?: RequestOptions): Promise<Dispute> {
    return this.client.request({ method: 'POST', path: `/v1/me/service-records/${encodeURIComponent(serviceRecordId)}/disputes`, body, auth: 'session', schema: 'Dispute', options, name: 'me.disputes.create' });
  }
}
