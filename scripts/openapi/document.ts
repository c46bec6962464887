// Builds the OpenAPI 3.1 document from the contract schemas. Nothing here is written by hand
// except the list of endpoints (method, path, auth, which schema goes where) and their prose.
import * as z from 'zod/mini';
import * as S from '../../packages/sdk/src/schemas/index.js';

type AnySchema = z.ZodMiniType;
type Auth = 'publishable' | 'secret' | 'session' | 'publishableOrSession' | 'none';

interface Endpoint {
  method: 'get' | 'post' | 'patch';
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  /** Public, cacheable, CORS-simple GET: key in the query string, ETag/304. */
  publicRead?: boolean;
  query?: AnySchema;
  body?: string;
  idempotent?: boolean;
  /** status → component schema name */
  responses: Record<number, string>;
  errors: number[];
}

/** Every schema that appears in the document, by its component name. */
export const components: Record<string, AnySchema> = {
  Organization: S.Organization, OrganizationPage: S.OrganizationPage,
  Opportunity: S.Opportunity, OpportunityPage: S.OpportunityPage, Shift: S.Shift, Question: S.Question,
  Location: S.Location, Requirements: S.Requirements, Category: S.Category,
  Volunteer: S.Volunteer, VolunteerProfile: S.VolunteerProfile, GuestVolunteer: S.GuestVolunteer,
  Channel: S.Channel,
  Signup: S.Signup, SignupPage: S.SignupPage, SignupExport: S.SignupExport, SignupExportPage: S.SignupExportPage,
  CreateSignupBody: S.CreateSignupBody, UpdateSignupBody: S.UpdateSignupBody,
  ServiceRecord: S.ServiceRecord, ServiceRecordPage: S.ServiceRecordPage,
  CreateServiceRecordBody: S.CreateServiceRecordBody, ReviewServiceRecordBody: S.ReviewServiceRecordBody,
  Honor: S.Honor, HonorBoard: S.HonorBoard, HonorBoardEntry: S.HonorBoardEntry,
  ImpactStats: S.ImpactStats,
  CreateSessionBody: S.CreateSessionBody, Session: S.Session,
  Need: S.Need,
  FieldError: S.FieldError, ProblemDetails: S.ProblemDetails,
};

const read = [400, 401, 403, 429];
export const endpoints: Endpoint[] = [
  { method: 'get', path: '/v1/opportunities', operationId: 'listOpportunities', tag: 'Opportunities', auth: 'publishable', publicRead: true,
    summary: 'List opportunities', description: 'Filter, search (Chinese text included) and page through opportunities visible to the key\'s channel.',
    query: S.ListOpportunitiesQuery, responses: { 200: 'OpportunityPage' }, errors: [...read] },
  { method: 'get', path: '/v1/opportunities/{id}', operationId: 'getOpportunity', tag: 'Opportunities', auth: 'publishable', publicRead: true,
    summary: 'Get one opportunity with its shifts and questions', responses: { 200: 'Opportunity' }, errors: [...read, 404] },
  { method: 'get', path: '/v1/organizations', operationId: 'listOrganizations', tag: 'Organizations', auth: 'publishable', publicRead: true,
    summary: 'List organizations', query: S.ListOrganizationsQuery, responses: { 200: 'OrganizationPage' }, errors: [...read] },
  { method: 'get', path: '/v1/organizations/{id}', operationId: 'getOrganization', tag: 'Organizations', auth: 'publishable', publicRead: true,
    summary: 'Get one organization', responses: { 200: 'Organization' }, errors: [...read, 404] },
  { method: 'get', path: '/v1/channel', operationId: 'getChannel', tag: 'Channel', auth: 'publishable', publicRead: true,
    summary: 'The public configuration of the key\'s channel', description: 'Identity fields a sign-up must carry, the privacy policy consented to, default locale and theme.',
    responses: { 200: 'Channel' }, errors: [...read] },
  { method: 'post', path: '/v1/signups', operationId: 'createSignup', tag: 'Signups', auth: 'publishableOrSession', idempotent: true,
    summary: 'Sign up for a shift', description: 'A guest (publishable key) or a signed-in volunteer (session token). A full shift waitlists; a second live sign-up for the same shift answers 409 with the first. With a session, `volunteer` is ignored except `volunteer.birthDate`, read only while the profile has no birth date on file (`birthDateOnFile`): it is checked against the activity\'s age limit and kept.',
    body: 'CreateSignupBody', responses: { 201: 'Signup' }, errors: [400, 401, 403, 404, 409, 413, 415, 422, 429] },
  { method: 'get', path: '/v1/honor-board', operationId: 'getHonorBoard', tag: 'Recognition', auth: 'publishable', publicRead: true,
    summary: 'Ranked volunteers or teams and featured honors', description: 'Only approved hours count; ties share a rank; names are masked unless the volunteer opted in.',
    query: S.HonorBoardQuery, responses: { 200: 'HonorBoard' }, errors: [...read] },
  { method: 'get', path: '/v1/stats', operationId: 'getStats', tag: 'Recognition', auth: 'publishable', publicRead: true,
    summary: 'Impact statistics for a scope', query: S.StatsQuery, responses: { 200: 'ImpactStats' }, errors: [...read] },
  { method: 'get', path: '/v1/me', operationId: 'getMe', tag: 'Me', auth: 'session',
    summary: 'The signed-in volunteer\'s profile', responses: { 200: 'VolunteerProfile' }, errors: [401, 403, 429] },
  { method: 'get', path: '/v1/me/signups', operationId: 'listMySignups', tag: 'Me', auth: 'session',
    summary: 'The signed-in volunteer\'s sign-ups', query: S.ListSignupsQuery, responses: { 200: 'SignupPage' }, errors: [400, 401, 403, 429] },
  { method: 'post', path: '/v1/me/signups/{id}/cancel', operationId: 'cancelMySignup', tag: 'Me', auth: 'session', idempotent: true,
    summary: 'Cancel one of my sign-ups', description: 'Frees the spot; the first waitlisted volunteer is promoted.',
    responses: { 200: 'Signup' }, errors: [401, 403, 404, 409, 429] },
  { method: 'get', path: '/v1/me/service-records', operationId: 'listMyServiceRecords', tag: 'Me', auth: 'session',
    summary: 'The signed-in volunteer\'s service records', query: S.ListServiceRecordsQuery, responses: { 200: 'ServiceRecordPage' }, errors: [400, 401, 403, 429] },
  { method: 'post', path: '/v1/sessions', operationId: 'createSession', tag: 'Sessions', auth: 'secret', idempotent: true,
    summary: 'Mint a volunteer session for a person the partner authenticated', body: 'CreateSessionBody', responses: { 201: 'Session' },
    errors: [400, 401, 403, 413, 415, 422, 429] },
  { method: 'get', path: '/v1/signups', operationId: 'listSignups', tag: 'Signups', auth: 'secret',
    summary: 'Export sign-ups with contact data', description: 'ID numbers stay masked unless `reveal=idNumber`.',
    query: S.ListSignupsQuery, responses: { 200: 'SignupExportPage' }, errors: [400, 401, 403, 429] },
  { method: 'patch', path: '/v1/signups/{id}', operationId: 'updateSignup', tag: 'Signups', auth: 'secret', idempotent: true,
    summary: 'Approve, reject or record attendance for a sign-up', body: 'UpdateSignupBody', responses: { 200: 'SignupExport' },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 429] },
  { method: 'post', path: '/v1/service-records', operationId: 'createServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    summary: 'Record served hours (pending until approved)', body: 'CreateServiceRecordBody', responses: { 201: 'ServiceRecord' },
    errors: [400, 401, 403, 404, 413, 415, 422, 429] },
  { method: 'post', path: '/v1/service-records/{id}/approve', operationId: 'approveServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    summary: 'Approve a service record: its hours now count', body: 'ReviewServiceRecordBody', responses: { 200: 'ServiceRecord' },
    errors: [400, 401, 403, 404, 409, 422, 429] },
  { method: 'post', path: '/v1/service-records/{id}/reject', operationId: 'rejectServiceRecord', tag: 'Service records', auth: 'secret', idempotent: true,
    summary: 'Reject a service record', body: 'ReviewServiceRecordBody', responses: { 200: 'ServiceRecord' },
    errors: [400, 401, 403, 404, 409, 422, 429] },
];

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request (bad JSON, bad query value)',
  401: 'Missing, unknown, expired or tampered credentials',
  403: 'Origin not allowed for this key, or the key may not do this',
  404: 'No such resource visible to this key',
  409: 'Conflict; for a duplicate sign-up, `existing` holds the first one',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Validation failed; `errors` lists each field by path, or an Idempotency-Key was reused with a different body',
  429: 'Rate limited; retry after `Retry-After` seconds',
};

const securityFor: Record<Auth, Array<Record<string, string[]>>> = {
  publishable: [{ publishableKey: [] }, { bearerPublishableKey: [] }],
  secret: [{ secretKey: [] }],
  session: [{ sessionToken: [] }],
  publishableOrSession: [{ bearerPublishableKey: [] }, { sessionToken: [] }],
  none: [],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function jsonSchemas() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12', io: 'input', unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
    dropFormatPatterns(schema);
  }
  return schemas;
}

/**
 * zod writes both `format: date-time` and the long regex it checks with; the format alone says
 * it to every OpenAPI tool, and the document stays readable.
 */
function dropFormatPatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropFormatPatterns);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.format === 'string' && typeof record.pattern === 'string') delete record.pattern;
  Object.values(record).forEach(dropFormatPatterns);
}

function queryParameters(schema: AnySchema) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>; required?: string[];
  };
  dropFormatPatterns(json);
  return Object.entries(json.properties).map(([name, property]) => ({
    name, in: 'query', required: json.required?.includes(name) ?? false, schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const parameters: unknown[] = [];
    for (const match of e.path.matchAll(/\{(\w+)\}/g))
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    if (e.query) parameters.push(...queryParameters(e.query));
    if (e.publicRead) {
      parameters.push({ name: 'locale', in: 'query', required: false, schema: { type: 'string', enum: ['zh-CN', 'zh-TW', 'en'] },
        description: 'Language of human-readable text (also read from Accept-Language).' });
      parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } });
    }
    if (e.idempotent)
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: e.operationId === 'createSignup', schema: { type: 'string', maxLength: 255 },
        description: 'The same key with the same body returns the first result; with a different body, 422.' });
    const responses: Record<string, unknown> = {};
    for (const [status, schemaName] of Object.entries(e.responses)) {
      responses[status] = {
        description: Number(status) === 201 ? 'Created' : 'OK',
        headers: { 'X-Request-Id': { schema: { type: 'string' } }, ...(e.publicRead ? { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } } : {}) },
        content: { 'application/json': { schema: ref(schemaName) } },
      };
    }
    if (e.publicRead) responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
    for (const status of e.errors)
      responses[String(status)] = {
        description: errorDescriptions[status],
        ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
        content: { 'application/problem+json': { schema: ref('ProblemDetails') } },
      };
    responses.default = { description: 'Unexpected error', content: { 'application/problem+json': { schema: ref('ProblemDetails') } } };
    (paths[e.path] ??= {})[e.method] = {
      operationId: e.operationId, tags: [e.tag], summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      security: securityFor[e.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(e.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'VolunteerKit platform API', version,
      description: 'The volunteer-service platform API served by @volunteerkit/server and wrapped by @volunteerkit/sdk. Generated from the zod schemas in @volunteerkit/sdk/schemas by `npm run openapi`; do not edit by hand.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://localhost:8787', description: 'Reference server (`npm start`)' }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: jsonSchemas(),
      securitySchemes: {
        publishableKey: { type: 'apiKey', in: 'query', name: 'key', description: '`pk_test_…`/`pk_live_…`: public reads and guest sign-ups, from the channel\'s allowed origins only. In the query string so that public GETs stay CORS-simple (no preflight).' },
        bearerPublishableKey: { type: 'http', scheme: 'bearer', description: 'A publishable key as a bearer token (writes from a browser).' },
        secretKey: { type: 'http', scheme: 'bearer', description: '`sk_…`: partner back ends only; refused from browsers.' },
        sessionToken: { type: 'http', scheme: 'bearer', description: '`vst_…`: a short-lived volunteer session minted by POST /v1/sessions.' },
      },
    },
  };
}
