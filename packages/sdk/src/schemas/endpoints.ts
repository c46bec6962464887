/**
 * The endpoint table of the VolunteerKit API: for every operation its method, path, credential,
 * parameters, body, answers and errors, pointing at the contract's schemas. `docs/openapi.json`
 * is generated from it, and tests hold the server's routes and the SDK's resource methods to it.
 *
 * Published as `@volunteerkit/sdk/endpoints`, apart from `@volunteerkit/sdk/schemas`: no browser
 * bundle needs it, and importing it pulls in every schema. Prose (summaries, descriptions,
 * examples) lives with the document generator, not here.
 *
 * @module
 */
import * as z from 'zod/mini';
import * as S from './index.js';

/**
 * Which credentials an operation accepts:
 * - `publishable`: a publishable key, in `?key=` (public reads stay CORS-simple) or as a bearer;
 * - `publishableOrSession`: a publishable key (guest) or a volunteer session;
 * - `session`: a volunteer session token;
 * - `secret`: a secret key (partner back ends only);
 * - `organizer`: an organizer session token (staff of one organization);
 * - `publishableOrOrganizer`: a publishable key (a resident) or an organizer session (a helper acting for one).
 */
export type EndpointAuth = 'publishable' | 'publishableOrSession' | 'session' | 'secret' | 'organizer' | 'publishableOrOrganizer';

/** Every schema that appears in the published document, by its component name. */
export const components = {
  Organization: S.Organization, OrganizationPage: S.OrganizationPage, OrganizationKind: S.OrganizationKind,
  Opportunity: S.Opportunity, OpportunitySummary: S.OpportunitySummary, NextShift: S.NextShift, LocationSummary: S.LocationSummary,
  OpportunityPage: S.OpportunityPage, OpportunityStatus: S.OpportunityStatus,
  Shift: S.Shift, Question: S.Question, Location: S.Location, Requirements: S.Requirements, Category: S.Category,
  Volunteer: S.Volunteer, VolunteerProfile: S.VolunteerProfile, GuestVolunteer: S.GuestVolunteer, IdentityField: S.IdentityField,
  Channel: S.Channel, Locale: S.Locale,
  Signup: S.Signup, SignupStatus: S.SignupStatus, SignupPage: S.SignupPage, SignupExport: S.SignupExport,
  SignupExportPage: S.SignupExportPage, Answers: S.Answers,
  CreateSignupBody: S.CreateSignupBody, UpdateSignupBody: S.UpdateSignupBody,
  ServiceRecord: S.ServiceRecord, ServiceRecordStatus: S.ServiceRecordStatus, ServiceRecordPage: S.ServiceRecordPage,
  CreateServiceRecordBody: S.CreateServiceRecordBody, ReviewServiceRecordBody: S.ReviewServiceRecordBody,
  Honor: S.Honor, HonorBoard: S.HonorBoard, HonorBoardEntry: S.HonorBoardEntry, Period: S.Period, Metric: S.Metric,
  ImpactStats: S.ImpactStats, StatsFigures: S.StatsFigures, StatsGroup: S.StatsGroup, StatsGroupBy: S.StatsGroupBy, StatsMetric: S.StatsMetric,
  CreateSessionBody: S.CreateSessionBody, VolunteerSessionBody: S.VolunteerSessionBody, OrganizerSessionBody: S.OrganizerSessionBody,
  Session: S.Session, OrganizerSession: S.OrganizerSession, CreatedSession: S.CreatedSession,
  ServiceRecordSource: S.ServiceRecordSource, ExplanationItem: S.ExplanationItem, ServiceRecordList: S.ServiceRecordList,
  ReviewServiceRecordsBody: S.ReviewServiceRecordsBody,
  Attendance: S.Attendance, AttendanceMethod: S.AttendanceMethod, RecordAttendanceBody: S.RecordAttendanceBody, CheckinCode: S.CheckinCode,
  RosterEntry: S.RosterEntry, RosterPage: S.RosterPage, RosterUpdate: S.RosterUpdate, BulkRosterUpdate: S.BulkRosterUpdate,
  RosterEntryList: S.RosterEntryList,
  Dispute: S.Dispute, DisputePage: S.DisputePage, DisputeKind: S.DisputeKind, DisputeStatus: S.DisputeStatus,
  CreateDisputeBody: S.CreateDisputeBody, ResolveDisputeBody: S.ResolveDisputeBody,
  AuditEntry: S.AuditEntry, AuditEntryPage: S.AuditEntryPage, HoursPolicy: S.HoursPolicy, HoursPolicyRules: S.HoursPolicyRules,
  Need: S.Need, NeedPage: S.NeedPage, NeedStatus: S.NeedStatus, Claim: S.Claim, ClaimPage: S.ClaimPage,
  ServiceMenu: S.ServiceMenu, ServiceMenuItem: S.ServiceMenuItem, NeedConsent: S.NeedConsent,
  CreateNeedBody: S.CreateNeedBody, ModerateNeedBody: S.ModerateNeedBody, CancelNeedBody: S.CancelNeedBody,
  FulfilNeedBody: S.FulfilNeedBody, ConfirmNeedBody: S.ConfirmNeedBody, RateNeedBody: S.RateNeedBody,
  WebhookEndpoint: S.WebhookEndpoint, WebhookEndpointWithSecret: S.WebhookEndpointWithSecret, WebhookEndpointPage: S.WebhookEndpointPage,
  CreateWebhookEndpointBody: S.CreateWebhookEndpointBody, UpdateWebhookEndpointBody: S.UpdateWebhookEndpointBody,
  WebhookDelivery: S.WebhookDelivery, WebhookDeliveryPage: S.WebhookDeliveryPage, WebhookAttempt: S.WebhookAttempt, DeliveryStatus: S.DeliveryStatus,
  WebhookPayload: S.WebhookPayload, Event: S.Event, EventFeedPage: S.EventFeedPage,
  PointsEntry: S.PointsEntry, PointsStatement: S.PointsStatement, PointsTransactionKind: S.PointsTransactionKind,
  PointsReconciliation: S.PointsReconciliation, Reward: S.Reward, RewardPage: S.RewardPage, Redemption: S.Redemption,
  RedemptionPage: S.RedemptionPage, RedemptionStatus: S.RedemptionStatus, CreateRedemptionBody: S.CreateRedemptionBody,
  CaptureRedemptionBody: S.CaptureRedemptionBody, PartnerCaptureRedemptionBody: S.PartnerCaptureRedemptionBody,
  Certificate: S.Certificate, CertificateClaims: S.CertificateClaims, CertificateStatus: S.CertificateStatus,
  CreateCertificateBody: S.CreateCertificateBody, RevokeCertificateBody: S.RevokeCertificateBody,
  CertificateKey: S.CertificateKey, CertificateKeySet: S.CertificateKeySet, RevokedCertificate: S.RevokedCertificate,
  CertificateRevocationList: S.CertificateRevocationList,
  Recommendation: S.Recommendation, RecommendationPage: S.RecommendationPage, RecommendationReason: S.RecommendationReason,
  RecommendationReasonCode: S.RecommendationReasonCode, RecommendationDismissal: S.RecommendationDismissal,
  ErrorCode: S.ErrorCode, FieldError: S.FieldError, ProblemDetails: S.ProblemDetails,
} as const;

export type ComponentName = keyof typeof components;

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI style: `/v1/opportunities/{id}`. */
  path: string;
  operationId: string;
  tag: 'Opportunities' | 'Organizations' | 'Channel' | 'Signups' | 'Recognition' | 'Me' | 'Sessions' | 'Service records'
    | 'Attendance' | 'Disputes' | 'Audit' | 'Needs' | 'Webhooks';
  auth: EndpointAuth;
  /** Path parameters and the id schema each must match. */
  pathParams?: Record<string, z.ZodMiniType>;
  query?: z.ZodMiniObject;
  body?: ComponentName;
  /** Success status → the component the body matches. */
  responses: Partial<Record<200 | 201, ComponentName>>;
  /** Every error status the server can answer this operation with (problem details). */
  errors: readonly number[];
  /** A write that honours `Idempotency-Key` (every write does). */
  idempotent?: boolean;
  /** A public, cacheable, CORS-simple GET: key in the query string, `ETag`, 304 on `If-None-Match`. */
  publicRead?: boolean;
}

/**
 * Errors every request can meet before it reaches its route: bad or missing credentials (401),
 * an origin or key that may not do this (403), the rate limit (429).
 */
const ANY = [401, 403, 429] as const;
/** A query checked against its schema: 422 with a field error per parameter. */
const QUERY = [422] as const;
/**
 * Every write: a body that is not JSON (400), too large (413), not `application/json` (415), a
 * bad or reused `Idempotency-Key` or a body that fails its schema (422), and a change the record's
 * state does not allow (409). A retry whose key is still in flight waits for the first answer.
 */
const WRITE = [400, 409, 413, 415, 422] as const;
/** A path id that names nothing visible to the caller (404), or is not an id at all (404 or 422). */
const BY_ID = [404, 422] as const;

const sorted = (...lists: ReadonlyArray<readonly number[]>): number[] => [...new Set(lists.flat())].sort((a, b) => a - b);

export const endpoints: readonly Endpoint[] = [
  { method: 'GET', path: '/v1/opportunities', operationId: 'listOpportunities', tag: 'Opportunities', auth: 'publishable', publicRead: true,
    query: S.ListOpportunitiesQuery, responses: { 200: 'OpportunityPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/opportunities/{id}', operationId: 'getOpportunity', tag: 'Opportunities', auth: 'publishable', publicRead: true,
    pathParams: { id: S.OpportunityId }, responses: { 200: 'Opportunity' }, errors: sorted(ANY, BY_ID) },
  { method: 'GET', path: '/v1/organizations', operationId: 'listOrganizations', tag: 'Organizations', auth: 'publishable', publicRead: true,
    query: S.ListOrganizationsQuery, responses: { 200: 'OrganizationPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/organizations/{id}', operationId: 'getOrganization', tag: 'Organizations', auth: 'publishable', publicRead: true,
    pathParams: { id: S.OrganizationId }, responses: { 200: 'Organization' }, errors: sorted(ANY, BY_ID) },
  { method: 'GET', path: '/v1/channel', operationId: 'getChannel', tag: 'Channel', auth: 'publishable', publicRead: true,
    responses: { 200: 'Channel' }, errors: sorted(ANY) },
  { method: 'POST', path: '/v1/signups', operationId: 'createSignup', tag: 'Signups', auth: 'publishableOrSession', idempotent: true,
    body: 'CreateSignupBody', responses: { 201: 'Signup' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'GET', path: '/v1/honor-board', operationId: 'getHonorBoard', tag: 'Recognition', auth: 'publishable', publicRead: true,
    query: S.HonorBoardQuery, responses: { 200: 'HonorBoard' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/stats', operationId: 'getStats', tag: 'Recognition', auth: 'publishable', publicRead: true,
    query: S.StatsQuery, responses: { 200: 'ImpactStats' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/me', operationId: 'getMe', tag: 'Me', auth: 'session',
    responses: { 200: 'VolunteerProfile' }, errors: sorted(ANY) },
  { method: 'GET', path: '/v1/me/signups', operationId: 'listMySignups', tag: 'Me', auth: 'session',
    query: S.ListMySignupsQuery, responses: { 200: 'SignupPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/me/signups/{id}/cancel', operationId: 'cancelMySignup', tag: 'Me', auth: 'session', idempotent: true,
    pathParams: { id: S.SignupId }, responses: { 200: 'Signup' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/me/service-records', operationId: 'listMyServiceRecords', tag: 'Me', auth: 'session',
    query: S.ListServiceRecordsQuery, responses: { 200: 'ServiceRecordPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/sessions', operationId: 'createSession', tag: 'Sessions', auth: 'secret', idempotent: true,
    body: 'CreateSessionBody', responses: { 201: 'CreatedSession' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'GET', path: '/v1/audit-log', operationId: 'listAuditLog', tag: 'Audit', auth: 'secret',
    query: S.AuditLogQuery, responses: { 200: 'AuditEntryPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/me/attendance', operationId: 'recordMyAttendance', tag: 'Attendance', auth: 'session', idempotent: true,
    body: 'RecordAttendanceBody', responses: { 200: 'Attendance' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'POST', path: '/v1/me/service-records/{id}/disputes', operationId: 'disputeMyServiceRecord', tag: 'Disputes', auth: 'session', idempotent: true,
    pathParams: { id: S.ServiceRecordId }, body: 'CreateDisputeBody', responses: { 201: 'Dispute' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/shifts/{id}/checkin-code', operationId: 'getCheckinCode', tag: 'Attendance', auth: 'organizer',
    pathParams: { id: S.ShiftId }, responses: { 200: 'CheckinCode' }, errors: sorted(ANY, BY_ID) },
  { method: 'GET', path: '/v1/shifts/{id}/roster', operationId: 'getRoster', tag: 'Attendance', auth: 'organizer',
    pathParams: { id: S.ShiftId }, query: S.RosterQuery, responses: { 200: 'RosterPage' }, errors: sorted(ANY, BY_ID) },
  { method: 'POST', path: '/v1/shifts/{id}/roster', operationId: 'updateRoster', tag: 'Attendance', auth: 'organizer', idempotent: true,
    pathParams: { id: S.ShiftId }, body: 'BulkRosterUpdate', responses: { 200: 'RosterEntryList' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/shifts/{id}/roster/{signupId}', operationId: 'updateRosterEntry', tag: 'Attendance', auth: 'organizer', idempotent: true,
    pathParams: { id: S.ShiftId, signupId: S.SignupId }, body: 'RosterUpdate', responses: { 200: 'RosterEntry' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/organizer/service-records', operationId: 'listOrganizerServiceRecords', tag: 'Service records', auth: 'organizer',
    query: S.OrganizerServiceRecordsQuery, responses: { 200: 'ServiceRecordPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/organizer/service-records/review', operationId: 'reviewServiceRecords', tag: 'Service records', auth: 'organizer', idempotent: true,
    body: 'ReviewServiceRecordsBody', responses: { 200: 'ServiceRecordList' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'GET', path: '/v1/organizer/hours-policy', operationId: 'getHoursPolicy', tag: 'Attendance', auth: 'organizer',
    responses: { 200: 'HoursPolicy' }, errors: sorted(ANY) },
  { method: 'POST', path: '/v1/organizer/hours-policy', operationId: 'updateHoursPolicy', tag: 'Attendance', auth: 'organizer', idempotent: true,
    body: 'HoursPolicyRules', responses: { 201: 'HoursPolicy' }, errors: sorted(ANY, WRITE) },
  { method: 'GET', path: '/v1/organizer/disputes', operationId: 'listOrganizerDisputes', tag: 'Disputes', auth: 'organizer',
    query: S.OrganizerDisputesQuery, responses: { 200: 'DisputePage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/organizer/disputes/{id}/resolve', operationId: 'resolveDispute', tag: 'Disputes', auth: 'organizer', idempotent: true,
    pathParams: { id: S.DisputeId }, body: 'ResolveDisputeBody', responses: { 200: 'Dispute' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/signups', operationId: 'listSignups', tag: 'Signups', auth: 'secret',
    query: S.ListSignupsQuery, responses: { 200: 'SignupExportPage' }, errors: sorted(ANY, QUERY) },
  { method: 'PATCH', path: '/v1/signups/{id}', operationId: 'updateSignup', tag: 'Signups', auth: 'secret', idempotent: true,
    pathParams: { id: S.SignupId }, body: 'UpdateSignupBody', responses: { 200: 'Signup' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/service-records', operationId: 'createServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    body: 'CreateServiceRecordBody', responses: { 201: 'ServiceRecord' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'POST', path: '/v1/service-records/{id}/approve', operationId: 'approveServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    pathParams: { id: S.ServiceRecordId }, body: 'ReviewServiceRecordBody', responses: { 200: 'ServiceRecord' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/service-records/{id}/reject', operationId: 'rejectServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    pathParams: { id: S.ServiceRecordId }, body: 'ReviewServiceRecordBody', responses: { 200: 'ServiceRecord' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/service-menu', operationId: 'getServiceMenu', tag: 'Needs', auth: 'publishable', publicRead: true,
    responses: { 200: 'ServiceMenu' }, errors: sorted(ANY) },
  { method: 'GET', path: '/v1/needs', operationId: 'listNeeds', tag: 'Needs', auth: 'publishable', publicRead: true,
    query: S.ListNeedsQuery, responses: { 200: 'NeedPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/needs/{id}', operationId: 'getNeed', tag: 'Needs', auth: 'publishable', publicRead: true,
    pathParams: { id: S.NeedId }, responses: { 200: 'Need' }, errors: sorted(ANY, BY_ID) },
  { method: 'POST', path: '/v1/needs', operationId: 'createNeed', tag: 'Needs', auth: 'publishableOrOrganizer', idempotent: true,
    body: 'CreateNeedBody', responses: { 201: 'Need' }, errors: sorted(ANY, WRITE) },
  { method: 'POST', path: '/v1/needs/{id}/claim', operationId: 'claimNeed', tag: 'Needs', auth: 'session', idempotent: true,
    pathParams: { id: S.NeedId }, responses: { 200: 'Claim' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/needs/{id}/release', operationId: 'releaseNeed', tag: 'Needs', auth: 'session', idempotent: true,
    pathParams: { id: S.NeedId }, responses: { 200: 'Need' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/needs/{id}/fulfil', operationId: 'fulfilNeed', tag: 'Needs', auth: 'session', idempotent: true,
    pathParams: { id: S.NeedId }, body: 'FulfilNeedBody', responses: { 200: 'Claim' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/needs/{id}/confirm', operationId: 'confirmNeed', tag: 'Needs', auth: 'publishableOrOrganizer', idempotent: true,
    pathParams: { id: S.NeedId }, body: 'ConfirmNeedBody', responses: { 200: 'Need' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/needs/{id}/rate', operationId: 'rateNeed', tag: 'Needs', auth: 'organizer', idempotent: true,
    pathParams: { id: S.NeedId }, body: 'RateNeedBody', responses: { 200: 'Need' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/me/claims', operationId: 'listMyClaims', tag: 'Needs', auth: 'session',
    query: S.ListClaimsQuery, responses: { 200: 'ClaimPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/me/claims/{id}', operationId: 'getMyClaim', tag: 'Needs', auth: 'session',
    pathParams: { id: S.NeedId }, responses: { 200: 'Claim' }, errors: sorted(ANY, BY_ID) },
  { method: 'GET', path: '/v1/organizer/needs', operationId: 'listOrganizerNeeds', tag: 'Needs', auth: 'organizer',
    query: S.OrganizerNeedsQuery, responses: { 200: 'NeedPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/organizer/needs/{id}/moderate', operationId: 'moderateNeed', tag: 'Needs', auth: 'organizer', idempotent: true,
    pathParams: { id: S.NeedId }, body: 'ModerateNeedBody', responses: { 200: 'Need' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/organizer/needs/{id}/cancel', operationId: 'cancelNeed', tag: 'Needs', auth: 'organizer', idempotent: true,
    pathParams: { id: S.NeedId }, body: 'CancelNeedBody', responses: { 200: 'Need' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/webhook-endpoints', operationId: 'createWebhookEndpoint', tag: 'Webhooks', auth: 'secret', idempotent: true,
    body: 'CreateWebhookEndpointBody', responses: { 201: 'WebhookEndpointWithSecret' }, errors: sorted(ANY, WRITE) },
  { method: 'GET', path: '/v1/webhook-endpoints', operationId: 'listWebhookEndpoints', tag: 'Webhooks', auth: 'secret',
    query: S.ListWebhookEndpointsQuery, responses: { 200: 'WebhookEndpointPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/webhook-endpoints/{id}', operationId: 'getWebhookEndpoint', tag: 'Webhooks', auth: 'secret',
    pathParams: { id: S.WebhookEndpointId }, responses: { 200: 'WebhookEndpoint' }, errors: sorted(ANY, BY_ID) },
  { method: 'PATCH', path: '/v1/webhook-endpoints/{id}', operationId: 'updateWebhookEndpoint', tag: 'Webhooks', auth: 'secret', idempotent: true,
    pathParams: { id: S.WebhookEndpointId }, body: 'UpdateWebhookEndpointBody', responses: { 200: 'WebhookEndpoint' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/webhook-endpoints/{id}/rotate-secret', operationId: 'rotateWebhookSecret', tag: 'Webhooks', auth: 'secret', idempotent: true,
    pathParams: { id: S.WebhookEndpointId }, responses: { 200: 'WebhookEndpointWithSecret' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'DELETE', path: '/v1/webhook-endpoints/{id}', operationId: 'deleteWebhookEndpoint', tag: 'Webhooks', auth: 'secret', idempotent: true,
    pathParams: { id: S.WebhookEndpointId }, responses: { 200: 'WebhookEndpoint' }, errors: sorted(ANY, [409, 422], BY_ID) },
  { method: 'GET', path: '/v1/webhook-endpoints/{id}/deliveries', operationId: 'listWebhookDeliveries', tag: 'Webhooks', auth: 'secret',
    pathParams: { id: S.WebhookEndpointId }, query: S.ListWebhookDeliveriesQuery, responses: { 200: 'WebhookDeliveryPage' }, errors: sorted(ANY, BY_ID, QUERY) },
  { method: 'POST', path: '/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', operationId: 'replayWebhookDelivery', tag: 'Webhooks', auth: 'secret', idempotent: true,
    pathParams: { id: S.WebhookEndpointId, deliveryId: S.WebhookDeliveryId }, responses: { 200: 'WebhookDelivery' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/events', operationId: 'listEvents', tag: 'Webhooks', auth: 'secret',
    query: S.EventFeedQuery, responses: { 200: 'EventFeedPage' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/me/points', operationId: 'getMyPoints', tag: 'Recognition', auth: 'session',
    query: S.ListPointsQuery, responses: { 200: 'PointsStatement' }, errors: sorted(ANY, QUERY) },
  { method: 'GET', path: '/v1/points/reconciliation', operationId: 'reconcilePoints', tag: 'Recognition', auth: 'secret',
    responses: { 200: 'PointsReconciliation' }, errors: sorted(ANY) },
  { method: 'GET', path: '/v1/rewards', operationId: 'listRewards', tag: 'Recognition', auth: 'publishable', publicRead: true,
    query: S.ListRewardsQuery, responses: { 200: 'RewardPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/me/redemptions', operationId: 'createMyRedemption', tag: 'Recognition', auth: 'session', idempotent: true,
    body: 'CreateRedemptionBody', responses: { 201: 'Redemption' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'GET', path: '/v1/me/redemptions', operationId: 'listMyRedemptions', tag: 'Recognition', auth: 'session',
    query: S.ListRedemptionsQuery, responses: { 200: 'RedemptionPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/me/redemptions/{id}/undo', operationId: 'undoMyRedemption', tag: 'Recognition', auth: 'session', idempotent: true,
    pathParams: { id: S.RedemptionId }, responses: { 200: 'Redemption' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'POST', path: '/v1/organizer/redemptions/capture', operationId: 'captureRedemption', tag: 'Recognition', auth: 'organizer', idempotent: true,
    body: 'CaptureRedemptionBody', responses: { 200: 'Redemption' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'POST', path: '/v1/redemptions/capture', operationId: 'captureRedemptionWithKey', tag: 'Recognition', auth: 'secret', idempotent: true,
    body: 'PartnerCaptureRedemptionBody', responses: { 200: 'Redemption' }, errors: sorted(ANY, WRITE, [404]) },
  { method: 'POST', path: '/v1/me/certificates', operationId: 'createMyCertificate', tag: 'Recognition', auth: 'session', idempotent: true,
    body: 'CreateCertificateBody', responses: { 201: 'Certificate' }, errors: sorted(ANY, WRITE) },
  { method: 'POST', path: '/v1/certificates/{id}/revoke', operationId: 'revokeCertificate', tag: 'Recognition', auth: 'secret', idempotent: true,
    pathParams: { id: S.CertificateId }, body: 'RevokeCertificateBody', responses: { 200: 'Certificate' }, errors: sorted(ANY, WRITE, BY_ID) },
  { method: 'GET', path: '/v1/me/recommendations', operationId: 'listMyRecommendations', tag: 'Me', auth: 'session',
    query: S.ListRecommendationsQuery, responses: { 200: 'RecommendationPage' }, errors: sorted(ANY, QUERY) },
  { method: 'POST', path: '/v1/me/recommendations/{opportunityId}/dismiss', operationId: 'dismissMyRecommendation', tag: 'Me', auth: 'session', idempotent: true,
    pathParams: { opportunityId: S.OpportunityId }, responses: { 200: 'RecommendationDismissal' }, errors: sorted(ANY, WRITE, BY_ID) },
];

/** Query parameters of the transport, read on every operation besides its own: the publishable key and the language of messages. */
export const TRANSPORT_QUERY_PARAMS = ['key', 'locale'] as const;

/** `Idempotency-Key`: 1–255 visible ASCII characters (the server answers anything else with 422). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
