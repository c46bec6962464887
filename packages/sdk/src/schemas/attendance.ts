/**
 * Attendance (签到/签退), organizer sessions, disputes and the audit log: the path from "I am here"
 * to "my hours are approved". @module
 */
import * as z from 'zod/mini';
import { ChannelId, OpportunityId, OrganizationId, ServiceRecordId, ShiftId, SignupId, Timestamp, VolunteerId, idOf, pageOf, pageParams, timestamps } from './common.js';
import { queryBoolean } from './opportunity.js';
import { ServiceRecord, ServiceRecordStatus } from './service-record.js';
import { SignupStatus } from './signup.js';

export const AttendanceId = idOf('att');
export const DisputeId = idOf('dsp');
export const AuditEntryId = idOf('aud');

/** A staff member's id in the partner's own system, and their name as colleagues know it. */
const staffText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/**
 * Body of `POST /v1/sessions` for an organizer (secret key): the partner vouches for a staff
 * member of an organization the channel is authorized for.
 */
export const OrganizerSessionBody = z.object({
  organizer: z.object({
    organizationId: OrganizationId,
    staffId: staffText(100),
    name: staffText(100),
  }),
  /** Lifetime in seconds, 60 s to 12 h; default 1 h. */
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(43200))),
});
export type OrganizerSessionBody = z.input<typeof OrganizerSessionBody>;

export const OrganizerSession = z.object({
  /** `ost_…`: give it to the organizer widgets as their `session` property; never put it in a URL. */
  token: z.string().check(z.regex(/^ost_/)),
  organizationId: OrganizationId,
  staffId: z.string(),
  channelId: ChannelId,
  expiresAt: Timestamp,
});
export type OrganizerSession = z.infer<typeof OrganizerSession>;

export const AttendanceMethod = z.enum(['code', 'qr', 'roster']);
export type AttendanceMethod = z.infer<typeof AttendanceMethod>;

export const Attendance = z.object({
  id: AttendanceId,
  signupId: SignupId,
  shiftId: ShiftId,
  volunteerId: VolunteerId,
  checkInAt: Timestamp,
  checkOutAt: z.nullable(Timestamp),
  method: AttendanceMethod,
  /** The service record made at check-out (pending until approved), or `null` before check-out. */
  serviceRecordId: z.nullable(ServiceRecordId),
  ...timestamps,
});
export type Attendance = z.infer<typeof Attendance>;

/** Body of `POST /v1/me/attendance` (volunteer session). */
export const RecordAttendanceBody = z.object({
  shiftId: ShiftId,
  /** The 6 digits on the organizer's screen, or the text of its QR code. */
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  action: z.enum(['check_in', 'check_out']),
});
export type RecordAttendanceBody = z.input<typeof RecordAttendanceBody>;

/** `GET /v1/shifts/{id}/checkin-code` (organizer session): what the kiosk screen shows now. */
export const CheckinCode = z.object({
  shiftId: ShiftId,
  /** 6 digits, for people without a camera. */
  code: z.string().check(z.regex(/^\d{6}$/)),
  /** The text to draw as a QR code. */
  qrPayload: z.string(),
  /** When the screen should fetch the next code (the code is still accepted for 30 s after). */
  validUntil: Timestamp,
  /** How many volunteers have checked in so far. */
  checkedIn: z.int().check(z.minimum(0)),
});
export type CheckinCode = z.infer<typeof CheckinCode>;

/** One sign-up on a shift's roster, with the volunteer's name for the organizer to call out. */
export const RosterEntry = z.object({
  signupId: SignupId,
  reference: z.string(),
  volunteerId: VolunteerId,
  /** The full name: the organizer has to recognise the person. */
  name: z.string(),
  /** Masked (`138****5678`) or `null`. */
  mobile: z.nullable(z.string()),
  signupStatus: SignupStatus,
  attendance: z.nullable(Attendance),
  serviceRecord: z.nullable(z.object({ id: ServiceRecordId, status: ServiceRecordStatus, hours: z.number() })),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const RosterPage = pageOf(RosterEntry);
export type RosterPage = z.infer<typeof RosterPage>;

export const RosterQuery = z.object({ ...pageParams });
export type RosterQuery = z.input<typeof RosterQuery>;

/**
 * One roster change: check in or out now (or `at` a given time), mark a no-show, or set both
 * times (a forgotten check-out).
 */
export const RosterUpdate = z.object({
  action: z.enum(['check_in', 'check_out', 'no_show', 'set_times']),
  /** For `check_in`/`check_out`: when, if not now. */
  at: z.optional(Timestamp),
  /** For `set_times`. */
  checkInAt: z.optional(Timestamp),
  /** For `set_times`. */
  checkOutAt: z.optional(Timestamp),
});
export type RosterUpdate = z.input<typeof RosterUpdate>;

/** Body of `POST /v1/shifts/{id}/roster`: several changes, all made or none. */
export const BulkRosterUpdate = z.object({
  updates: z.array(z.extend(RosterUpdate, { signupId: SignupId })).check(z.minLength(1), z.maxLength(200)),
});
export type BulkRosterUpdate = z.input<typeof BulkRosterUpdate>;

export const RosterEntryList = z.object({ data: z.array(RosterEntry) });
export type RosterEntryList = z.infer<typeof RosterEntryList>;

/** Query of `GET /v1/organizer/service-records`. */
export const OrganizerServiceRecordsQuery = z.object({
  status: z.optional(ServiceRecordStatus),
  /** `true`: only pending records past their approval deadline. */
  overdue: z.optional(queryBoolean),
  ...pageParams,
});
export type OrganizerServiceRecordsQuery = z.input<typeof OrganizerServiceRecordsQuery>;

/** Body of `POST /v1/organizer/service-records/review`: one decision for several pending records. */
export const ReviewServiceRecordsBody = z.object({
  ids: z.array(ServiceRecordId).check(z.minLength(1), z.maxLength(200)),
  decision: z.enum(['approved', 'rejected']),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type ReviewServiceRecordsBody = z.input<typeof ReviewServiceRecordsBody>;

export const ServiceRecordList = z.object({ data: z.array(ServiceRecord) });
export type ServiceRecordList = z.infer<typeof ServiceRecordList>;

export const DisputeKind = z.enum(['wrong_hours', 'never_there']);
export const DisputeStatus = z.enum(['open', 'accepted', 'rejected']);

/** Body of `POST /v1/me/service-records/{id}/disputes`. */
export const CreateDisputeBody = z.object({
  kind: DisputeKind,
  /** For `wrong_hours`: the hours the volunteer believes are right. */
  claimedHours: z.optional(z.number().check(z.minimum(0), z.maximum(24))),
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
});
export type CreateDisputeBody = z.input<typeof CreateDisputeBody>;

export const Dispute = z.object({
  id: DisputeId,
  serviceRecordId: ServiceRecordId,
  volunteerId: VolunteerId,
  organizationId: OrganizationId,
  opportunityId: OpportunityId,
  kind: DisputeKind,
  claimedHours: z.nullable(z.number()),
  reason: z.string(),
  status: DisputeStatus,
  resolutionNote: z.nullable(z.string()),
  resolvedBy: z.nullable(z.string()),
  resolvedAt: z.nullable(Timestamp),
  /** The correcting record, once accepted. */
  correctionId: z.nullable(ServiceRecordId),
  ...timestamps,
});
export type Dispute = z.infer<typeof Dispute>;

export const DisputePage = pageOf(Dispute);
export type DisputePage = z.infer<typeof DisputePage>;

export const OrganizerDisputesQuery = z.object({ status: z.optional(DisputeStatus), ...pageParams });
export type OrganizerDisputesQuery = z.input<typeof OrganizerDisputesQuery>;

/** Body of `POST /v1/organizer/disputes/{id}/resolve`. */
export const ResolveDisputeBody = z.object({
  decision: z.enum(['accept', 'reject']),
  /** Accepting a `wrong_hours` dispute: the corrected hours (default: the volunteer's claim). */
  hours: z.optional(z.number().check(z.minimum(0), z.maximum(24))),
  note: z.string().check(z.minLength(1), z.maxLength(1000)),
});
export type ResolveDisputeBody = z.input<typeof ResolveDisputeBody>;

export const AuditEntry = z.object({
  id: AuditEntryId,
  actor: z.object({
    kind: z.enum(['secret_key', 'organizer', 'volunteer', 'system']),
    /** The staff id for an organizer, the volunteer id for a volunteer; `null` for a key or the system. */
    id: z.nullable(z.string()),
    name: z.nullable(z.string()),
  }),
  organizationId: z.nullable(OrganizationId),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  requestId: z.nullable(z.string()),
  at: Timestamp,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditEntryPage = pageOf(AuditEntry);
export type AuditEntryPage = z.infer<typeof AuditEntryPage>;

export const AuditLogQuery = z.object({ ...pageParams });
export type AuditLogQuery = z.input<typeof AuditLogQuery>;

/** The rules of an organization's hours policy, as an organizer sets them. */
export const HoursPolicyRules = z.object({
  /** Presence counts from this many minutes before the shift to as many after it (0–120). */
  skewMinutes: z.int().check(z.minimum(0), z.maximum(120)),
  /** Below this share of the shift (whole percent), no hours. */
  minPresentPercent: z.int().check(z.minimum(0), z.maximum(100)),
  /** Hours are rounded down to a multiple of this many minutes (1–60). */
  roundDownMinutes: z.int().check(z.minimum(1), z.maximum(60)),
  /** Approval deadline after check-out, in hours (1–720). */
  approvalSlaHours: z.int().check(z.minimum(1), z.maximum(720)),
  /** Approve records from attendance automatically at the deadline. */
  autoApprove: z.boolean(),
});
export type HoursPolicyRules = z.input<typeof HoursPolicyRules>;

/** An organization's hours policy: a version, its rules, and since when. */
export const HoursPolicy = z.extend(HoursPolicyRules, {
  organizationId: OrganizationId,
  version: z.int().check(z.minimum(1)),
  /** When this version took effect; `null` for the built-in default. */
  createdAt: z.nullable(Timestamp),
});
export type HoursPolicy = z.infer<typeof HoursPolicy>;
