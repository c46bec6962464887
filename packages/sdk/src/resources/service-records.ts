/** `vk.serviceRecords`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { CreateServiceRecordBody, ReviewServiceRecordBody, ServiceRecord } from '../schemas/service-record.js';

/** Service records (服务记录): hours served, recorded and reviewed by the partner (secret key). */
export class ServiceRecords extends APIResource {
  /**
   * Records hours a volunteer served (status `pending` until approved). Pass an
   * `idempotencyKey` to make the call safe to retry.
   *
   * @example
   * ```ts
   * const record = await vk.serviceRecords.create({
   *   volunteerId: 'vol_3Jd8Qp1x', opportunityId: 'opp_7Hq2xK9p', shiftId: 'shf_x2Lp9Q0a',
   *   checkIn: '2026-11-22T09:00:00+08:00', checkOut: '2026-11-22T12:00:00+08:00', recordedBy: '王老师',
   * }, { idempotencyKey: `checkout-${attendanceId}` });
   * ```
   */
  create(body: CreateServiceRecordBody, options?: RequestOptions): Promise<ServiceRecord> {
    return this.client.request({ method: 'POST', path: '/v1/service-records', body, auth: 'secret', schema: 'ServiceRecord', options, name: 'serviceRecords.create' });
  }

  /**
   * Approves a service record: its hours start counting (stars, honor boards, stats).
   *
   * @example
   * ```ts
   * await vk.serviceRecords.approve('rec_8Hs2Kd9q', { reviewedBy: '李主任' });
   * ```
   */
  approve(id: string, body: ReviewServiceRecordBody, options?: RequestOptions): Promise<ServiceRecord> {
    return this.client.request({ method: 'POST', path: `/v1/service-records/${encodeURIComponent(id)}/approve`, body, auth: 'secret', schema: 'ServiceRecord', options, name: 'serviceRecords.approve' });
  }

  /**
   * Rejects a service record; say why in `note`.
   *
   * @example
   * ```ts
   * await vk.serviceRecords.reject('rec_8Hs2Kd9q', { reviewedBy: '李主任', note: 'No check-out at the site' });
   * ```
   */
  reject(id: string, body: ReviewServiceRecordBody, options?: RequestOptions): Promise<ServiceRecord> {
    return this.client.request({ method: 'POST', path: `/v1/service-records/${encodeURIComponent(id)}/reject`, body, auth: 'secret', schema: 'ServiceRecord', options, name: 'serviceRecords.reject' });
  }
}
