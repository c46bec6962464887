/**
 * `@volunteerkit/sdk`: the typed client of the VolunteerKit platform API, for browsers and
 * Node ≥ 20.
 *
 * ```ts
 * import { createClient } from '@volunteerkit/sdk';
 * const vk = createClient({ baseUrl: 'https://api.volunteerkit.cn', publishableKey: 'pk_live_…' });
 * for await (const opp of vk.opportunities.list({ category: 'elderly' })) console.log(opp.title);
 * ```
 *
 * The contract (zod/mini schemas) is a separate entry point, `@volunteerkit/sdk/schemas`, and
 * response validation an opt-in one, `@volunteerkit/sdk/validation`, so that importing the client
 * pulls neither zod nor the schemas into your bundle.
 *
 * @module
 */
export { createClient, createBaseClient, BaseClient, VolunteerKitClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './client.js';
export type { ClientOptions, RequestOptions } from './client.js';
export type { CacheOptions, ResponseCache } from './internal/cache.js';
export type { ResponseValidator, SchemaName } from './internal/contract-types.js';
export {
  VolunteerKitError,
  APIError,
  BadRequestError,
  ValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  ResponseValidationError,
  isVolunteerKitError,
} from './core/errors.js';
export type { DuplicateSignupError, APIErrorInit } from './core/errors.js';
export { Page, PagePromise } from './core/pagination.js';
export { APIResource } from './core/resource.js';
export type { PageBody, PageFetcher } from './core/pagination.js';
export { Opportunities } from './resources/opportunities.js';
export { Organizations } from './resources/organizations.js';
export { Channels } from './resources/channel.js';
export { Signups } from './resources/signups.js';
export { HonorBoards } from './resources/honor-board.js';
export { Stats } from './resources/stats.js';
export { Me, MySignups, MyServiceRecords } from './resources/me.js';
export { MyAttendance, MyDisputes } from './resources/attendance.js';
export { Organizer, OrganizerDisputes, OrganizerHoursPolicy, OrganizerRoster, OrganizerServiceRecords } from './resources/organizer.js';
export { MyClaims, Needs, OrganizerNeeds } from './resources/needs.js';
export { AuditLog } from './resources/audit-log.js';
export { Events, WebhookEndpoints } from './resources/webhooks.js';
export { MyPoints, MyRedemptions, OrganizerRedemptions, RewardDesk, Rewards } from './resources/recognition.js';
export { MyRecommendations } from './resources/recommendations.js';
export { Sessions } from './resources/sessions.js';
export { ServiceRecords } from './resources/service-records.js';
export { Certificates, MyCertificates } from './resources/certificates.js';

// Entity, body and query types of the contract, by name (types only: no schema code is imported).
export type { ErrorCode, FieldError, Locale, ProblemDetails } from './schemas/common.js';
export type {
  Category,
  ListOpportunitiesParams,
  Location,
  LocationSummary,
  NextShift,
  Opportunity,
  OpportunityPage,
  OpportunitySummary,
  OpportunitySort,
  OpportunityStatus,
  Question,
  QuestionKind,
  Requirements,
  Shift,
} from './schemas/opportunity.js';
export type { ListOrganizationsQuery, Organization, OrganizationKind, OrganizationPage } from './schemas/organization.js';
export type { Channel, ChannelKind, Theme } from './schemas/channel.js';
export type {
  Answers,
  CreateSignupBody,
  ListSignupsQuery,
  Signup,
  SignupExport,
  SignupExportPage,
  SignupPage,
  SignupStatus,
  UpdateSignupBody,
} from './schemas/signup.js';
export type { GuestVolunteer, IdentityField, StarRule, Volunteer, VolunteerProfile } from './schemas/volunteer.js';
export type {
  CreateServiceRecordBody,
  ListServiceRecordsQuery,
  ReviewServiceRecordBody,
  ServiceRecord,
  ServiceRecordPage,
  ServiceRecordStatus,
  ServiceRecordSource,
  ExplanationItem,
} from './schemas/service-record.js';
export type { Honor, HonorBoard, HonorBoardEntry, HonorBoardQuery, HonorKind, Metric, Period } from './schemas/honor.js';
export type { ImpactStats, StatsFigures, StatsGroup, StatsGroupBy, StatsMetric, StatsQuery } from './schemas/stats.js';
export type {
  CaptureRedemptionBody,
  CreateRedemptionBody,
  ListPointsQuery,
  ListRedemptionsQuery,
  ListRewardsQuery,
  PartnerCaptureRedemptionBody,
  PointsEntry,
  PointsReconciliation,
  PointsStatement,
  PointsTransactionKind,
  Redemption,
  RedemptionPage,
  RedemptionStatus,
  Reward,
  RewardPage,
} from './schemas/recognition.js';
export type { CreateSessionBody, CreatedSession, Session, VolunteerSessionBody } from './schemas/session.js';
export type {
  Attendance,
  AttendanceMethod,
  AuditEntry,
  AuditLogQuery,
  BulkRosterUpdate,
  CheckinCode,
  CreateDisputeBody,
  Dispute,
  HoursPolicy,
  HoursPolicyRules,
  OrganizerDisputesQuery,
  OrganizerServiceRecordsQuery,
  OrganizerSession,
  OrganizerSessionBody,
  RecordAttendanceBody,
  ResolveDisputeBody,
  ReviewServiceRecordsBody,
  RosterEntry,
  RosterQuery,
  RosterUpdate,
} from './schemas/attendance.js';
export type {
  CancelNeedBody,
  Claim,
  ClaimPage,
  ConfirmNeedBody,
  CreateNeedBody,
  FulfilNeedBody,
  ListClaimsQuery,
  ListNeedsQuery,
  ModerateNeedBody,
  Need,
  NeedConsent,
  NeedPage,
  NeedStatus,
  OrganizerNeedsQuery,
  RateNeedBody,
  ServiceMenu,
  ServiceMenuItem,
} from './schemas/need.js';
export type {
  Certificate,
  CertificateClaims,
  CertificateKey,
  CertificateKeySet,
  CertificateRevocationList,
  CertificateStatus,
  CreateCertificateBody,
  RevokeCertificateBody,
  RevokedCertificate,
} from './schemas/certificate.js';
export type {
  ListRecommendationsQuery,
  Recommendation,
  RecommendationDismissal,
  RecommendationPage,
  RecommendationReason,
  RecommendationReasonCode,
} from './schemas/recommendation.js';
