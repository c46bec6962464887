/** Service records (服务记录): the hours a volunteer served. Only approved hours count. @module */
import * as z from 'zod/mini';
import { OpportunityId, ServiceRecordId, ShiftId, Timestamp, VolunteerId, pageOf, pageParams, timestamps } from './common.js';

export const ServiceRecordStatus = z.enum(['pending', 'approved', 'rejected']);
export type ServiceRecordStatus = z.infer<typeof ServiceRecordStatus>;

export const ServiceRecord = z.object({
  id: ServiceRecordId,
  volunteerId: VolunteerId,
  opportunityId: OpportunityId,
  /** The activity's title, denormalized for "my hours" lists. */
  opportunityTitle: z.string(),
  shiftId: ShiftId,
  checkIn: Timestamp,
  checkOut: Timestamp,
  hours: z.number().check(z.minimum(0), z.maximum(24)),
  status: ServiceRecordStatus,
  recordedBy: z.string(),
  ...timestamps,
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const ServiceRecordPage = pageOf(ServiceRecord);
export type ServiceRecordPage = z.infer<typeof ServiceRecordPage>;

/** Body of `POST /v1/service-records` (secret key). `hours` defaults to checkOut − checkIn. */
export const CreateServiceRecordBody = z.object({
  volunteerId: VolunteerId,
  opportunityId: OpportunityId,
  shiftId: ShiftId,
  checkIn: Timestamp,
  checkOut: Timestamp,
  hours: z.optional(z.number().check(z.minimum(0), z.maximum(24))),
  recordedBy: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type CreateServiceRecordBody = z.input<typeof CreateServiceRecordBody>;

/** Body of `POST /v1/service-records/{id}/approve` and `…/reject` (secret key). */
export const ReviewServiceRecordBody = z.object({
  reviewedBy: z.string().check(z.minLength(1), z.maxLength(100)),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type ReviewServiceRecordBody = z.input<typeof ReviewServiceRecordBody>;

/** Query of `GET /v1/me/service-records`. */
export const ListServiceRecordsQuery = z.object({
  status: z.optional(ServiceRecordStatus),
  ...pageParams,
});
export type ListServiceRecordsQuery = z.input<typeof ListServiceRecordsQuery>;
