/**
 * Every row shape the queries return (db/queries.ts), and turning rows into the contract's shapes
 * (camelCase, ISO timestamps, optional fields).
 * @module
 */
import type {
  Attendance,
  AuditEntry,
  Channel,
  Dispute,
  Honor,
  Opportunity,
  OpportunitySummary,
  Organization,
  PointsEntry,
  Redemption,
  Reward,
  ServiceRecord,
  Shift,
  Signup,
} from '@volunteerkit/sdk/schemas';
import { disputeClosesAt } from '../domain/hours-policy.js';
import { publicName } from '../domain/people.js';

/** ISO 8601 in UTC (`…Z`), which the contract's `Timestamp` accepts. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

export interface ChannelRow {
  id: string;
  name: string;
  kind: Channel['kind'];
  allowed_origins: string[];
  identity_fields: Channel['identityFields'];
  privacy_policy_url: string;
  privacy_policy_version: string;
  default_locale: Channel['defaultLocale'];
  theme: Channel['theme'];
  created_at: Date;
  updated_at: Date;
}

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id as Channel['id'],
    name: row.name,
    kind: row.kind,
    identityFields: row.identity_fields,
    privacyPolicyUrl: row.privacy_policy_url,
    privacyPolicyVersion: row.privacy_policy_version,
    defaultLocale: row.default_locale,
    theme: row.theme,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface OrganizationRow {
  id: string;
  name: string;
  kind: Organization['kind'];
  region_code: string;
  logo_url: string | null;
  description: string;
  verified: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id as Organization['id'],
    name: row.name,
    kind: row.kind,
    regionCode: row.region_code,
    logoUrl: row.logo_url,
    description: row.description,
    verified: row.verified,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface ShiftRow {
  id: string;
  opportunity_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  signed_up: number;
  waitlisted: number;
}

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id as Shift['id'],
    start: iso(row.starts_at),
    end: iso(row.ends_at),
    capacity: row.capacity,
    signedUp: row.signed_up,
    waitlisted: row.waitlisted,
  };
}

export interface OpportunityRow {
  id: string;
  org_id: string;
  org_name: string;
  title: string;
  summary: string;
  description: string;
  category: Opportunity['category'];
  skills: string[];
  location_name: string;
  location_address: string;
  region_code: string;
  lat: number | null;
  lng: number | null;
  online: boolean;
  status: Opportunity['status'];
  effective_status: Opportunity['status'];
  audience: string;
  approval: 'auto' | 'manual';
  signup_opens_at: Date | null;
  signup_closes_at: Date | null;
  requirements: Opportunity['requirements'];
  hours_per_shift: number;
  points_per_hour: number;
  cover_image_url: string | null;
  timezone: string;
  questions: Opportunity['questions'];
  created_at: Date;
  updated_at: Date;
  sort_key?: number;
}

export function toOpportunity(row: OpportunityRow, shifts: ShiftRow[]): Opportunity {
  return {
    id: row.id as Opportunity['id'],
    orgId: row.org_id as Opportunity['orgId'],
    orgName: row.org_name,
    title: row.title,
    summary: row.summary,
    description: row.description,
    category: row.category,
    skills: row.skills,
    location: {
      name: row.location_name,
      address: row.location_address,
      regionCode: row.region_code,
      ...(row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : {}),
      online: row.online,
    },
    status: row.effective_status,
    audience: row.audience as Opportunity['audience'],
    approval: row.approval,
    signupOpensAt: isoOrNull(row.signup_opens_at),
    signupClosesAt: isoOrNull(row.signup_closes_at),
    requirements: row.requirements,
    hoursPerShift: row.hours_per_shift,
    pointsPerHour: row.points_per_hour,
    coverImageUrl: row.cover_image_url,
    timezone: row.timezone,
    shifts: shifts.map(toShift),
    questions: row.questions,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A list item as the list query selects it: the next shift and the totals computed in SQL. */
export interface OpportunityListRow {
  id: string;
  org_id: string;
  org_name: string;
  title: string;
  category: Opportunity['category'];
  location_name: string;
  region_code: string;
  online: boolean;
  effective_status: Opportunity['status'];
  audience: string;
  signup_opens_at: Date | null;
  signup_closes_at: Date | null;
  hours_per_shift: number;
  timezone: string;
  next_shift_id: string | null;
  next_shift_start: Date | null;
  next_shift_end: Date | null;
  next_shift_spots_left: number | null;
  shift_count: number;
  open_spots: number;
  sort_key?: number;
}

export function toOpportunitySummary(row: OpportunityListRow): OpportunitySummary {
  return {
    id: row.id as OpportunitySummary['id'],
    orgId: row.org_id as OpportunitySummary['orgId'],
    orgName: row.org_name,
    title: row.title,
    category: row.category,
    location: { name: row.location_name, regionCode: row.region_code, online: row.online },
    status: row.effective_status,
    audience: row.audience as OpportunitySummary['audience'],
    signupOpensAt: isoOrNull(row.signup_opens_at),
    signupClosesAt: isoOrNull(row.signup_closes_at),
    hoursPerShift: row.hours_per_shift,
    timezone: row.timezone,
    nextShift: row.next_shift_id === null
      ? null
      : { id: row.next_shift_id as Shift['id'], start: iso(row.next_shift_start!), end: iso(row.next_shift_end!), spotsLeft: row.next_shift_spots_left! },
    shiftCount: row.shift_count,
    openSpots: row.open_spots,
  };
}

export interface SignupRow {
  id: string;
  seq: number;
  reference: string;
  opportunity_id: string;
  shift_id: string;
  volunteer_id: string;
  channel_id: string;
  widget: string | null;
  answers: Signup['answers'];
  consent_version: string;
  consent_at: Date;
  status: Signup['status'];
  waitlist_position: number | null;
  volunteer_name: string;
  show_name: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toSignup(row: SignupRow): Signup {
  return {
    id: row.id as Signup['id'],
    reference: row.reference,
    opportunityId: row.opportunity_id as Signup['opportunityId'],
    shiftId: row.shift_id as Signup['shiftId'],
    volunteerId: row.volunteer_id as Signup['volunteerId'],
    displayName: publicName(row.volunteer_name, row.show_name),
    answers: row.answers,
    consent: { policyVersion: row.consent_version, at: iso(row.consent_at) },
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? row.waitlist_position : null,
    source: { channelId: row.channel_id as Signup['source']['channelId'], widget: row.widget },
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface ServiceRecordRow {
  id: string;
  volunteer_id: string;
  opportunity_id: string;
  opportunity_title: string;
  shift_id: string;
  check_in: Date;
  check_out: Date;
  hours: number;
  status: ServiceRecord['status'];
  recorded_by: string;
  source: ServiceRecord['source'];
  policy_version: number | null;
  due_at: Date | null;
  explanation: ServiceRecord['explanation'];
  reviewed_by: string | null;
  reviewed_at: Date | null;
  corrects_id: string | null;
  corrected_by: string | null;
  dispute_id: string | null;
  dispute_status: 'open' | 'accepted' | 'rejected' | null;
  org_id: string;
  created_at: Date;
  updated_at: Date;
}

export function toServiceRecord(row: ServiceRecordRow): ServiceRecord {
  return {
    id: row.id as ServiceRecord['id'],
    volunteerId: row.volunteer_id as ServiceRecord['volunteerId'],
    opportunityId: row.opportunity_id as ServiceRecord['opportunityId'],
    opportunityTitle: row.opportunity_title,
    shiftId: row.shift_id as ServiceRecord['shiftId'],
    checkIn: iso(row.check_in),
    checkOut: iso(row.check_out),
    hours: row.hours,
    status: row.status,
    recordedBy: row.recorded_by,
    source: row.source,
    policyVersion: row.policy_version,
    dueAt: isoOrNull(row.due_at),
    explanation: row.explanation,
    reviewedBy: row.reviewed_by,
    reviewedAt: isoOrNull(row.reviewed_at),
    corrects: row.corrects_id as ServiceRecord['corrects'],
    correctedBy: row.corrected_by as ServiceRecord['correctedBy'],
    disputableUntil: iso(disputeClosesAt(new Date(row.created_at))),
    dispute: row.dispute_id && row.dispute_status ? { id: row.dispute_id, status: row.dispute_status } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface AttendanceRow {
  id: string;
  signup_id: string;
  shift_id: string;
  volunteer_id: string;
  check_in_at: Date;
  check_out_at: Date | null;
  check_in_method: Attendance['method'];
  check_out_method: Attendance['method'] | null;
  recorded_by: string;
  /** The standing service record made from it, if checked out. */
  service_record_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toAttendance(row: AttendanceRow): Attendance {
  return {
    id: row.id as Attendance['id'],
    signupId: row.signup_id as Attendance['signupId'],
    shiftId: row.shift_id as Attendance['shiftId'],
    volunteerId: row.volunteer_id as Attendance['volunteerId'],
    checkInAt: iso(row.check_in_at),
    checkOutAt: isoOrNull(row.check_out_at),
    method: row.check_in_method,
    serviceRecordId: row.service_record_id as Attendance['serviceRecordId'],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A shift with what attendance needs of its opportunity. */
export interface AttendanceShiftRow {
  id: string;
  opportunity_id: string;
  opportunity_title: string;
  org_id: string;
  starts_at: Date;
  ends_at: Date;
}

export interface HoursPolicyRow {
  version: number;
  skew_minutes: number;
  min_present_percent: number;
  round_down_minutes: number;
  approval_sla_hours: number;
  auto_approve: boolean;
  created_at: Date;
}

export interface DisputeRow {
  id: string;
  seq: number;
  record_id: string;
  volunteer_id: string;
  org_id: string;
  opportunity_id: string;
  kind: Dispute['kind'];
  claimed_hours: number | null;
  reason: string;
  status: Dispute['status'];
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  correction_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toDispute(row: DisputeRow): Dispute {
  return {
    id: row.id as Dispute['id'],
    serviceRecordId: row.record_id as Dispute['serviceRecordId'],
    volunteerId: row.volunteer_id as Dispute['volunteerId'],
    organizationId: row.org_id as Dispute['organizationId'],
    opportunityId: row.opportunity_id as Dispute['opportunityId'],
    kind: row.kind,
    claimedHours: row.claimed_hours,
    reason: row.reason,
    status: row.status,
    resolutionNote: row.resolution_note,
    resolvedBy: row.resolved_by,
    resolvedAt: isoOrNull(row.resolved_at),
    correctionId: row.correction_id as Dispute['correctionId'],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface AuditRow {
  seq: number;
  id: string;
  actor_kind: AuditEntry['actor']['kind'];
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  request_id: string | null;
  at: Date;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id as AuditEntry['id'],
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    organizationId: row.org_id as AuditEntry['organizationId'],
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    requestId: row.request_id,
    at: iso(row.at),
  };
}

export interface HonorRow {
  id: string;
  kind: Honor['kind'];
  title: string;
  citation: string;
  subject_type: Honor['subject']['type'];
  subject_id: string;
  subject_name: string;
  subject_show_name: boolean | null;
  awarded_at: Date;
  created_at: Date;
  updated_at: Date;
}

export function toHonor(row: HonorRow): Honor {
  const name = row.subject_type === 'volunteer' ? publicName(row.subject_name, row.subject_show_name === true) : row.subject_name;
  return {
    id: row.id as Honor['id'],
    kind: row.kind,
    title: row.title,
    citation: row.citation,
    subject: { type: row.subject_type, id: row.subject_id, name },
    awardedAt: iso(row.awarded_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface ApiKeyRow {
  channel_id: string;
  kind: 'publishable' | 'secret';
}

/** The columns a volunteer's identity is stored in (written by the upserts). */
export interface VolunteerFields {
  name: string;
  mobile: string | null;
  email: string | null;
  birthDate: string | null;
  studentId: string | null;
  employeeId: string | null;
  idNumberMasked: string | null;
  idNumberSealed: string | null;
  showName: boolean;
}

export interface VolunteerRow {
  id: string;
  channel_id: string;
  name: string;
  mobile: string | null;
  email: string | null;
  birth_date: string | null;
  student_id: string | null;
  employee_id: string | null;
  id_number_masked: string | null;
  show_name: boolean;
  avatar_url: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A shift's row as read under its lock, with its opportunity's approval mode. */
export interface LockedShift {
  id: string;
  opportunity_id: string;
  starts_at: Date;
  capacity: number;
  signed_up: number;
  waitlisted: number;
  approval: 'auto' | 'manual';
}

/** A sign-up with the contact its volunteer gave (the secret-key export). */
export type SignupExportRow = SignupRow & {
  name: string;
  mobile: string | null;
  email: string | null;
  student_id: string | null;
  employee_id: string | null;
  id_number_masked: string | null;
  id_number_sealed: string | null;
};

export interface BoardRow {
  id: string;
  name: string;
  show_name: boolean;
  avatar_url: string | null;
  value: number;
  lifetime_hours: number;
  /** The volunteer's channel's star rule (migrations/007 `star_rule_of`); `null` for organizations. */
  star_thresholds: number[] | null;
}

export interface StatsRow {
  registered_volunteers: number;
  organizations: number;
  open_opportunities: number;
  approved_hours: number;
  signups_in_period: number;
}

// ---------------------------------------------------------------------------------------------
// The needs board (migration 009)

export interface ServiceMenuRow {
  code: string;
  name_zh_cn: string;
  name_zh_tw: string;
  name_en: string;
  typical_minutes: number;
  weekly_cap: number;
}

export interface NeedRow {
  id: string;
  seq: number;
  channel_id: string;
  org_id: string;
  service_code: string;
  title: string;
  details: string;
  region_code: string;
  preferred_times: string;
  requester_masked: string;
  resident_key: string;
  address_sealed: string;
  contact_sealed: string;
  filed_by: 'resident' | 'helper';
  helper_id: string | null;
  helper_name: string | null;
  consent: unknown;
  status: import('../domain/needs.js').NeedStatus;
  status_reason: string | null;
  expires_at: Date;
  claim_due_at: Date | null;
  opened_at: Date | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  fulfilled_at: Date | null;
  record_id: string | null;
  confirm_code_sealed: string | null;
  confirm_failures: number;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  rating: number | null;
  rating_comment: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}
/** An outbox event as the feed and the delivery log read it (migration 006, txid from 010). */
export interface FeedEventRow {
  seq: number;
  /** The writing transaction's id (xid8), as text: it may exceed 2^53 in principle. */
  txid: string;
  id: string;
  type: string;
  subject_id: string;
  subject_version: number;
  channel_id: string;
  occurred_at: Date;
}

export interface WebhookEndpointRow {
  seq: number;
  id: string;
  channel_id: string;
  url: string;
  description: string;
  event_types: string[];
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  sandbox: boolean;
  status: 'enabled' | 'disabled';
  disabled_reason: 'failing' | 'by_partner' | null;
  last_success_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  seq: number;
  id: string;
  endpoint_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
  updated_at: Date;
  event_id: string;
  event_type: string;
  subject_id: string;
  subject_version: number;
  channel_id: string;
  occurred_at: Date;
}

export interface WebhookAttemptRow {
  delivery_id: string;
  attempt: number;
  at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
}

// Points, rewards, redemptions (migrations/007)

export interface PointsEntryRow {
  id: string;
  seq: number;
  kind: PointsEntry['kind'];
  record_id: string | null;
  redemption_id: string | null;
  available: number;
  held: number;
  at: Date;
}

export function toPointsEntry(row: PointsEntryRow): PointsEntry {
  return {
    id: row.id as PointsEntry['id'],
    kind: row.kind,
    available: row.available,
    held: row.held,
    serviceRecordId: row.record_id as PointsEntry['serviceRecordId'],
    redemptionId: row.redemption_id as PointsEntry['redemptionId'],
    at: iso(row.at),
  };
}

export interface RewardRow {
  id: string;
  channel_id: string;
  org_id: string | null;
  org_name: string | null;
  title: string;
  description: string;
  terms: string;
  image_url: string | null;
  cost: number;
  stock_left: number;
  validity_days: number;
  available_until: Date | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toReward(row: RewardRow): Reward {
  return {
    id: row.id as Reward['id'],
    title: row.title,
    description: row.description,
    terms: row.terms,
    imageUrl: row.image_url,
    cost: row.cost,
    stockLeft: row.stock_left,
    validityDays: row.validity_days,
    organizationId: row.org_id as Reward['organizationId'],
    organizationName: row.org_name,
    availableUntil: isoOrNull(row.available_until),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface RedemptionRow {
  id: string;
  seq: number;
  channel_id: string;
  reward_id: string;
  reward_title: string;
  reward_org_id: string | null;
  volunteer_id: string;
  points: number;
  code: string;
  status: Redemption['status'];
  undo_until: Date;
  expires_at: Date;
  captured_by: string | null;
  settled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toRedemption(row: RedemptionRow): Redemption {
  return {
    id: row.id as Redemption['id'],
    rewardId: row.reward_id as Redemption['rewardId'],
    rewardTitle: row.reward_title,
    points: row.points,
    code: row.code,
    status: row.status,
    undoUntil: iso(row.undo_until),
    expiresAt: iso(row.expires_at),
    capturedBy: row.captured_by,
    settledAt: isoOrNull(row.settled_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A certificate signing key; the private half stays sealed (see services/certificate-keys.ts). */
export interface CertificateKeyRow {
  kid: string;
  public_jwk: Record<string, string>;
  private_jwk_sealed: string;
  created_at: Date | string;
  retired_at: Date | string | null;
}

export interface CertificateRow {
  id: string;
  number: string;
  channel_id: string;
  volunteer_id: string;
  kid: string;
  claims: import('@volunteerkit/sdk/schemas').CertificateClaims;
  jws: string;
  issued_at: Date | string;
  revoked_at: Date | string | null;
  revocation_reason: string | null;
}

/** An activity recommendations may suggest, with its shifts not yet started (db/recommendation-queries.ts). */
export interface RecommendationCandidateRow {
  id: string;
  category: string;
  skills: string[];
  region_code: string;
  audience: string;
  status: string;
  signup_opens_at: Date | null;
  signup_closes_at: Date | null;
  requirements: { minAge?: number; maxAge?: number };
  timezone: string;
  /** JSON: timestamps arrive as text. */
  shifts: { id: string; starts_at: string; ends_at: string; capacity: number; signed_up: number }[];
}

/** One thing the volunteer took part in: a live sign-up or an approved service record. */
export interface RecommendationHistoryRow {
  source: 'signup' | 'record';
  status: string;
  starts_at: Date;
  ends_at: Date;
  category: string;
  skills: string[];
  region_code: string;
  timezone: string;
}

// ---------------------------------------------------------------------------------------------
// Impact statistics (db/stats-queries.ts): `key` NULL is the scope's total, else a group's key.

export interface StatsServiceRow { key: string | null; approved_hours: number; active_volunteers: number }
export interface StatsFillRow { key: string | null; filled: number; capacity: number }
export interface StatsNeedsRow { key: string | null; fulfilled: number }
export interface StatsApprovalRow { key: string | null; approvals: number; median_hours: number | null }
