/**
 * The contract's schemas by name, as types only: nothing here imports schema code, so the client
 * stays free of zod unless a caller opts in to response validation (`@volunteerkit/sdk/validation`).
 *
 * @internal
 * @module
 */
import type * as z from 'zod/mini';

type Contract = typeof import('../schemas/index.js');

/** The response schemas resources refer to, by their name in the contract. */
export type SchemaName =
  | 'Opportunity'
  | 'OpportunityPage'
  | 'Organization'
  | 'OrganizationPage'
  | 'Channel'
  | 'Signup'
  | 'SignupPage'
  | 'SignupExport'
  | 'SignupExportPage'
  | 'HonorBoard'
  | 'ImpactStats'
  | 'VolunteerProfile'
  | 'ServiceRecord'
  | 'ServiceRecordPage'
  | 'Session'
  | 'OrganizerSession'
  | 'CreatedSession'
  | 'AuditEntryPage'
  | 'Attendance'
  | 'CheckinCode'
  | 'RosterPage'
  | 'RosterEntry'
  | 'RosterEntryList'
  | 'ServiceRecordList'
  | 'Dispute'
  | 'DisputePage'
  | 'HoursPolicy'
  | 'ServiceMenu'
  | 'Need'
  | 'NeedPage'
  | 'Claim'
  | 'ClaimPage'
  | 'WebhookEndpoint'
  | 'WebhookEndpointWithSecret'
  | 'WebhookEndpointPage'
  | 'WebhookDelivery'
  | 'WebhookDeliveryPage'
  | 'EventFeedPage'
  | 'PointsStatement'
  | 'PointsReconciliation'
  | 'RewardPage'
  | 'Redemption'
  | 'RedemptionPage'
  | 'Certificate'
  | 'RecommendationPage'
  | 'RecommendationDismissal';

/** The TypeScript type a schema validates to. */
export type Output<N extends SchemaName> = z.output<Contract[N]>;

/**
 * What `createClient({ validate })` takes: checks a parsed answer against the contract schema
 * `schema` and returns it as the contract shapes it (unknown keys dropped), or throws a
 * `ResponseValidationError` naming `what`. `responseValidator` from `@volunteerkit/sdk/validation`
 * is the one this package ships.
 */
export type ResponseValidator = (value: unknown, schema: SchemaName, what: string) => unknown;
