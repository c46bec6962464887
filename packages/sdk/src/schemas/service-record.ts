/** Service records (服务记录): the hours a volunteer served. Only approved hours count. @module */
import * as z from 'zod/mini';
import { OpportunityId, ServiceRecordId, ShiftId, Timestamp, VolunteerId, pageOf, pageParams, timestamps } from './common.js';

/**
 * `superseded`: replaced by a correcting record after an accepted dispute (or a roster fix); its
 * hours no longer count, and `correctedBy` names the record that replaced it.
 */
export const ServiceRecordStatus = z.enum(['pending', 'approved', 'rejected', 'superseded']);
export type ServiceRecordStatus = z.infer<typeof ServiceRecordStatus>;

export const ServiceRecordSource = z.enum(['attendance', 'manual', 'need', 'correction']);
export type ServiceRecordSource = z.infer<typeof ServiceRecordSource>;

/** One step of a record's explanation (see the hours policy in docs/spec/domain.md). */
export const ExplanationItem = z.object({
  code: z.enum(['clipped_check_in', 'clipped_check_out', 'present', 'full_shift', 'below_minimum', 'rounded_down',
    'recorded_manually', 'dispute_corrected', 'dispute_never_there']),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type ExplanationItem = z.infer<typeof ExplanationItem>;

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
  /** Where the record came from: check-in and check-out, a partner's back end, the needs board, a correction. */
  source: ServiceRecordSource,
  /** The organization's hours policy version that computed `hours` (records from attendance), else `null`. */
  policyVersion: z.nullable(z.int()),
  /** Approval deadline (check-out + the organization's deadline), for records from attendance; else `null`. */
  dueAt: z.nullable(Timestamp),
  /** Why the record has its hours: machine codes and their numbers, for a widget to put in words. */
  explanation: z.array(ExplanationItem),
  reviewedBy: z.nullable(z.string()),
  reviewedAt: z.nullable(Timestamp),
  /** The record this one corrects, for a correction. */
  corrects: z.nullable(ServiceRecordId),
  /** The record that replaced this one (`superseded`). */
  correctedBy: z.nullable(ServiceRecordId),
  /** The last moment the volunteer may dispute the record. */
  disputableUntil: Timestamp,
  /** The dispute raised against the record, if any. */
  dispute: z.nullable(z.object({ id: z.string(), status: z.enum(['open', 'accepted', 'rejected']) })),
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
  /** Only the records of one shift (a check-out's, and any correction of it): one call for a check-in page. */
  shiftId: z.optional(ShiftId),
  ...pageParams,
});
export type ListServiceRecordsQuery = z.input<typeof ListServiceRecordsQuery>;
