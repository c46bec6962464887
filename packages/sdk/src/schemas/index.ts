/**
 * The VolunteerKit API contract: every entity, request body, query and error shape, as
 * `zod/mini` schemas. The server validates with them, the SDK's types are inferred from them, and
 * `docs/openapi.json` is generated from them.
 *
 * @module
 */
export * from './common.js';
export * from './validators.js';
export * from './organization.js';
export * from './opportunity.js';
export * from './volunteer.js';
export * from './channel.js';
export * from './signup.js';
export * from './service-record.js';
export * from './honor.js';
export * from './stats.js';
export * from './session.js';
export * from './need.js';
export * from './attendance.js';
export * from './webhooks.js';
export * from './recognition.js';
export * from './certificate.js';
export * from './recommendation.js';
