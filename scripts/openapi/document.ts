// Builds the OpenAPI 3.1 document from the contract: the endpoint table and the zod schemas of
// @volunteerkit/sdk (packages/sdk/src/schemas/endpoints.ts), and the prose and examples of
// ./descriptions.ts. Nothing in the document is written by hand anywhere else.
import * as z from 'zod/mini';
import {
  components,
  endpoints,
  IDEMPOTENCY_KEY_PATTERN,
  type ComponentName,
  type Endpoint,
  type EndpointAuth,
} from '../../packages/sdk/src/schemas/endpoints.js';
import {
  errorDescriptions,
  gettingStarted,
  operationDocs,
  parameterDoc,
  schemaDocs,
  securitySchemes,
  servers,
  tags,
  type JsonSchema,
} from './descriptions.js';

const securityFor: Record<EndpointAuth, Array<Record<string, string[]>>> = {
  publishable: [{ publishableKey: [] }, { bearerPublishableKey: [] }],
  publishableOrSession: [{ bearerPublishableKey: [] }, { publishableKey: [] }, { sessionToken: [] }],
  session: [{ sessionToken: [] }],
  secret: [{ secretKey: [] }],
  organizer: [{ organizerSessionToken: [] }],
  publishableOrOrganizer: [{ bearerPublishableKey: [] }, { publishableKey: [] }, { organizerSessionToken: [] }],
};

const schemaRef = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * Every component as JSON Schema 2020-12, with its description, example and the descriptions
 * (and documented formats) of each property, walked by dotted path (`source.channelId`).
 */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12', io: 'input', unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  for (const [name, schema] of Object.entries(schemas)) {
    delete schema.$schema;
    delete schema.$id;
    dropFormatPatterns(schema);
    const docs = schemaDocs[name as ComponentName];
    schema.description = docs.description;
    schema.examples = [docs.example];
    Object.assign(schema, docs.schema);
    describeProperties(name, schema, '', docs.properties ?? {});
  }
  return schemas;
}

/** Sets each property's description (and documented format) from `docs`, keyed by dotted path. */
function describeProperties(component: string, schema: JsonSchema, prefix: string, docs: Record<string, { description: string; schema?: JsonSchema } | string>) {
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const path = `${prefix}${name}`;
    const doc = docs[path];
    if (doc === undefined) throw new Error(`scripts/openapi/descriptions.ts: ${component}.${path} has no description`);
    const { description, schema: extra } = typeof doc === 'string' ? { description: doc, schema: undefined } : doc;
    property.description = description;
    if (extra?.$ref) delete property.type;
    if (extra) Object.assign(property, extra);
    for (const nested of objectsWithin(property)) describeProperties(component, nested, `${path}.`, docs);
  }
}

/** Inline object schemas directly inside a property (itself, `anyOf` branches), not behind a `$ref`. */
function objectsWithin(schema: JsonSchema): JsonSchema[] {
  if (schema.properties) return [schema];
  return ((schema.anyOf ?? []) as JsonSchema[]).filter((branch) => branch.properties);
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

function asJsonSchema(schema: z.ZodMiniType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  dropFormatPatterns(json);
  return json;
}

function parameters(e: Endpoint): unknown[] {
  const list: unknown[] = [];
  for (const [name, schema] of Object.entries(e.pathParams ?? {})) {
    const doc = parameterDoc(e.operationId, name);
    list.push({ name, in: 'path', required: true, description: doc.description, schema: asJsonSchema(schema), example: doc.example });
  }
  if (e.query) {
    const json = asJsonSchema(e.query);
    for (const [name, schema] of Object.entries(json.properties as Record<string, JsonSchema>)) {
      const doc = parameterDoc(e.operationId, name);
      list.push({
        name, in: 'query', required: (json.required as string[] | undefined)?.includes(name) ?? false,
        description: doc.description, schema: { ...schema, ...doc.schema }, example: doc.example,
      });
    }
  }
  list.push({ $ref: '#/components/parameters/locale' });
  if (e.publicRead) list.push({ $ref: '#/components/parameters/ifNoneMatch' });
  if (e.idempotent) list.push({ $ref: '#/components/parameters/idempotencyKey' });
  return list;
}

function responses(e: Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const docs = operationDocs[e.operationId]!;
  for (const [status, name] of Object.entries(e.responses) as Array<[string, ComponentName]>) {
    out[status] = {
      description: docs.response,
      headers: {
        'X-Request-Id': headerRef('X-Request-Id'),
        'Cache-Control': headerRef('Cache-Control'),
        ...(e.publicRead ? { ETag: headerRef('ETag') } : {}),
        ...(e.idempotent ? { 'Idempotent-Replayed': headerRef('Idempotent-Replayed') } : {}),
      },
      content: { 'application/json': { schema: schemaRef(name), example: schemaDocs[name].example } },
    };
  }
  // Inlined rather than `$ref`ed to components.responses: simpler for every tool that walks the document.
  const shared = sharedResponses();
  if (e.publicRead) out['304'] = shared.NotModified;
  for (const status of e.errors) out[String(status)] = shared[`Error${status}`];
  out.default = shared.UnexpectedError;
  return out;
}

function problemResponse(status: number, description: string, example: unknown, extraHeaders: Record<string, unknown> = {}) {
  return {
    description,
    headers: { 'X-Request-Id': headerRef('X-Request-Id'), 'Content-Language': headerRef('Content-Language'), ...extraHeaders },
    content: { 'application/problem+json': { schema: schemaRef('ProblemDetails'), example } },
  };
}

function sharedResponses() {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [status, doc] of Object.entries(errorDescriptions)) {
    const headers: Record<string, unknown> = {};
    if (status === '429') headers['Retry-After'] = headerRef('Retry-After');
    if (status === '405') headers['Allow'] = headerRef('Allow');
    const name = status === 'default' ? 'UnexpectedError' : status === '405' ? 'MethodNotAllowed' : `Error${status}`;
    out[name] = problemResponse(Number(status), doc.description, doc.example, headers);
  }
  out.NotModified = {
    description: 'Not modified: `If-None-Match` named the current `ETag`. No body; reuse the copy you hold.',
    headers: { 'X-Request-Id': headerRef('X-Request-Id'), ETag: headerRef('ETag'), 'Cache-Control': headerRef('Cache-Control') },
  };
  return out;
}

const headers = {
  'X-Request-Id': { description: 'The id of this request, on every response (errors and 304 included); quote it to support. Send your own (8–64 of `A-Z a-z 0-9 . _ -`) to have it echoed.', schema: { type: 'string', examples: ['req_4f9c2a7e1b8d4e0f9a3c6b2d1e7f8a90'] } },
  'Cache-Control': { description: 'Public reads with `?key=`: `public, max-age=30, stale-while-revalidate=300`; with the key as a bearer: `private, …`; everything else: `private, no-store`.', schema: { type: 'string', examples: ['public, max-age=30, stale-while-revalidate=300'] } },
  ETag: { description: 'A strong validator of the body; send it back as `If-None-Match` to get a 304.', schema: { type: 'string', examples: ['"kQ3v9yJ2cX8rT1mN5bH7wZ4pL6sD0fGa"'] } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
  'Retry-After': { description: 'Seconds to wait before retrying (until the rate-limit window ends).', schema: { type: 'integer', minimum: 1, examples: [12] } },
  'Content-Language': { description: 'The language of `title` in the problem details: `zh-CN`, `zh-TW` or `en` (see the `locale` parameter).', schema: { type: 'string', enum: ['zh-CN', 'zh-TW', 'en'] } },
  Allow: { description: 'The methods the path does accept, e.g. `GET` or `POST`.', schema: { type: 'string', examples: ['GET'] } },
};

const sharedParameters = {
  locale: {
    name: 'locale', in: 'query', required: false,
    description: 'Language of human-readable text in errors (`title`). Any BCP 47 tag: the server picks the best match among `zh-CN`, `zh-TW` (also for `zh-HK`, `zh-Hant…`) and `en`; a tag it cannot match is ignored, then `Accept-Language` is read, and the fallback is `zh-CN`. `Content-Language` on an error names the one used. Never a reason for a 422.',
    schema: { type: 'string' }, example: 'zh-CN',
  },
  ifNoneMatch: {
    name: 'If-None-Match', in: 'header', required: false,
    description: 'The `ETag` of a copy you hold; when it is still current the answer is 304 with no body.',
    schema: { type: 'string' }, example: '"kQ3v9yJ2cX8rT1mN5bH7wZ4pL6sD0fGa"',
  },
  idempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false,
    description: 'Makes the write safe to retry: the same key with the same request (method, path, body) returns the first answer (with `Idempotent-Replayed: true`) for 24 hours without doing the work again; the same key with a different request is a 422 (`idempotency_key_reused`); a retry that arrives while the first request is still running waits for it and gets the same answer. 1–255 visible ASCII characters (a UUID is ideal); anything else is a 422 naming `Idempotency-Key`. Optional on the wire, but send one on every write you may retry: the SDK always does for `signups.create`.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, minLength: 1, maxLength: 255 },
    example: '6f1c2b8e-3d4a-4c5b-9e7f-1a2b3c4d5e6f',
  },
};

/**
 * The CORS preflight a browser sends before a write or a bearer-authorized read. The server
 * answers it for every path before any route (http/middleware.ts, callerAndCors), without
 * credentials; it is documented so that every request a browser makes is in the document.
 */
function preflight(path: string, pathParameters: unknown[]) {
  const name = path.split('/').filter((part) => part && part !== 'v1')
    .map((part) => (part.startsWith('{') ? 'ById' : part.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()))).join('');
  return {
    operationId: `preflight${name}`, tags: ['CORS'], summary: 'CORS preflight',
    description: 'Sent by browsers, not by you: answered 204 with the CORS headers when `Origin` is allowed for the channel named by `?key=` (or, with the key in a header, for any channel: the real request is checked again), 403 `origin_not_allowed` otherwise. No credentials, no rate limit.',
    security: [],
    parameters: [
      ...pathParameters,
      { name: 'Origin', in: 'header', required: false, description: 'The page\'s origin.', schema: { type: 'string' }, example: 'https://news.example.com' },
      { name: 'Access-Control-Request-Method', in: 'header', required: false, description: 'The method of the request to come.', schema: { type: 'string' }, example: 'POST' },
      { name: 'Access-Control-Request-Headers', in: 'header', required: false, description: 'The headers of the request to come.', schema: { type: 'string' }, example: 'authorization, content-type, idempotency-key' },
      { name: 'key', in: 'query', required: false, description: 'A publishable key, when the request to come carries it in the query: the channel whose origins are checked.', schema: { type: 'string' }, example: 'pk_test_news_demo' },
    ],
    responses: {
      204: {
        description: 'Allowed (or no `Origin`: nothing to allow). No body.',
        headers: {
          'X-Request-Id': headerRef('X-Request-Id'),
          'Access-Control-Allow-Origin': { description: 'The allowed origin, echoed.', schema: { type: 'string', examples: ['https://news.example.com'] } },
          'Access-Control-Allow-Methods': { description: '`GET, POST, PATCH, OPTIONS`.', schema: { type: 'string', examples: ['GET, POST, PATCH, OPTIONS'] } },
          'Access-Control-Allow-Headers': { description: 'The request headers a page may send.', schema: { type: 'string', examples: ['Authorization, Content-Type, Idempotency-Key, Accept-Language, X-Request-Id, If-None-Match'] } },
          'Access-Control-Max-Age': { description: 'Seconds the browser may reuse this answer.', schema: { type: 'string', examples: ['600'] } },
        },
      },
      403: sharedResponses().Error403,
      default: sharedResponses().UnexpectedError,
    },
  };
}

/**
 * `GET /health`, for load balancers and uptime checks. It is outside `/v1` and outside the
 * endpoint table (no credential, no SDK method), but it is served, so it is documented.
 */
function health() {
  return {
    get: {
      operationId: 'getHealth', tags: ['Operations'], summary: 'Liveness and database check',
      description: 'Answers 200 while the server runs and its database answers (asked at most once a second, so polling is cheap). No credentials, never cached. Any other answer, or none, means take the instance out of rotation.',
      security: [],
      responses: {
        200: {
          description: 'The server and its database are up.',
          headers: { 'X-Request-Id': headerRef('X-Request-Id') },
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['status', 'database'], additionalProperties: false,
                properties: {
                  status: { const: 'ok', description: 'Always `ok` in a 200.' },
                  database: { enum: ['pglite', 'postgres'], description: 'Which database the instance runs on.' },
                },
              },
              example: { status: 'ok', database: 'postgres' },
            },
          },
        },
        default: sharedResponses().UnexpectedError,
      },
    },
  };
}

/**
 * The public documents certificates are verified with. Outside `/v1` and the endpoint table (no
 * credential: whoever holds a certificate may check it), but served, so documented.
 */
function certificateDocument(operationId: string, summary: string, description: string, schema: ComponentName, maxAge: number) {
  return {
    get: {
      operationId, tags: ['Recognition'], summary, description, security: [],
      responses: {
        200: {
          description: `The document; \`Cache-Control: public, max-age=${maxAge}\`, an \`ETag\`, and \`Access-Control-Allow-Origin: *\`.`,
          headers: { 'X-Request-Id': headerRef('X-Request-Id') },
          content: { 'application/json': { schema: schemaRef(schema), example: schemaDocs[schema].example } },
        },
        304: { description: 'Unchanged since the `ETag` sent in `If-None-Match`.', headers: { 'X-Request-Id': headerRef('X-Request-Id') } },
        default: sharedResponses().UnexpectedError,
      },
    },
  };
}

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const docs = operationDocs[e.operationId];
    if (!docs) throw new Error(`scripts/openapi/descriptions.ts: operation ${e.operationId} has no docs`);
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      operationId: e.operationId, tags: [e.tag], summary: docs.summary, description: docs.description,
      security: securityFor[e.auth],
      parameters: parameters(e),
      ...(e.body
        ? { requestBody: { required: true, description: docs.requestBody, content: { 'application/json': { schema: schemaRef(e.body), example: schemaDocs[e.body].example } } } }
        : {}),
      responses: responses(e),
    };
  }
  for (const [path, operations] of Object.entries(paths)) {
    const pathParameters = (Object.values(operations)[0] as { parameters: Array<{ in?: string }> }).parameters.filter((p) => p.in === 'path');
    operations.options = preflight(path, pathParameters);
  }
  paths['/health'] = health();
  paths['/.well-known/jwks.json'] = certificateDocument('getCertificateKeys', 'Certificate signing keys',
    'The public Ed25519 keys (JWK set) that sign certificates, the one in use first. Keys retired by a rotation stay listed with `validUntil`: a certificate verifies against the key named by its `kid` if it was issued inside that key\'s window.',
    'CertificateKeySet', 3600);
  paths['/.well-known/certificate-revocations.json'] = certificateDocument('getCertificateRevocations', 'Revoked certificates',
    'Every certificate the platform revoked, newest first. Verifiers fetch it beside the keys; a listed certificate is refused even though its signature holds.',
    'CertificateRevocationList', 60);
  return {
    openapi: '3.1.0',
    info: {
      title: 'VolunteerKit platform API', version,
      summary: 'Volunteer opportunities, sign-ups, service hours and recognition, for partner sites and apps.',
      description: gettingStarted,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers,
    tags,
    paths,
    components: {
      schemas: componentSchemas(),
      parameters: sharedParameters,
      headers,
      // A 405 can answer any path with a method it does not list, which OpenAPI cannot say per
      // operation: the response is described here and in info.description.
      responses: { MethodNotAllowed: sharedResponses().MethodNotAllowed },
      securitySchemes,
    },
  };
}
