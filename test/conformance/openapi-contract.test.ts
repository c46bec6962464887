/**
 * The checker every conformance test relies on (openapi-contract.ts), on a small document of its
 * own: a conforming answer passes, and each kind of mismatch is reported — so a green conformance
 * run means the server conforms, not that the checker looked away. Also: docs/openapi.json itself
 * compiles under strict Ajv (an unknown keyword or format there would be an error, not a pass).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenApiContract, summarize, type OpenApiDocument } from './openapi-contract.js';

const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };
const document = {
  paths: {
    '/v1/things': {
      get: {
        operationId: 'listThings',
        responses: {
          200: { headers: { 'X-Request-Id': { required: true, schema: { type: 'string' } } }, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } },
          304: {},
          429: { ...problem, headers: { 'Retry-After': { schema: { type: 'integer' } } } },
          default: problem,
        },
      },
      post: { operationId: 'createThing', responses: { '4XX': problem, 201: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
    },
    '/v1/things/mine': { get: { operationId: 'listMyThings', responses: { 200: { content: { 'application/json': { schema: { type: 'array' } } } } } } },
    '/v1/things/{id}': { get: { operationId: 'getThing', responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } },
  },
  components: {
    schemas: {
      Thing: { type: 'object', properties: { id: { type: 'string', pattern: '^thg_' }, at: { type: 'string', format: 'date-time' } }, required: ['id'], 'x-internal': true },
      ProblemDetails: { type: 'object', properties: { status: { type: 'integer' }, code: { type: 'string' } }, required: ['status', 'code'] },
    },
    securitySchemes: {},
  },
} as unknown as OpenApiDocument;

const contract = new OpenApiContract(document);
const json = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req_1' };
const problemJson = { 'content-type': 'application/problem+json' };
const check = (method: string, url: string, status: number, headers: Record<string, string>, body: unknown) =>
  contract.check({ method, url, status, headers: new Headers(headers), body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body) });
const kinds = (violations: ReturnType<typeof check>) => violations.map((v) => `${v.kind}: ${v.detail}`);

describe('the OpenAPI conformance checker', () => {
  it('passes answers the document allows', () => {
    assert.deepEqual(check('GET', '/v1/things?limit=2', 200, json, [{ id: 'thg_1', at: '2026-12-01T08:00:00.000Z' }]), []);
    assert.deepEqual(check('GET', '/v1/things', 304, {}, undefined), []);
    assert.deepEqual(check('GET', '/v1/things', 429, { ...problemJson, 'retry-after': '30' }, { status: 429, code: 'rate_limited' }), []);
    assert.deepEqual(check('GET', '/v1/things', 503, problemJson, { status: 503, code: 'unavailable' }), [], 'default covers 5xx');
    assert.deepEqual(check('POST', '/v1/things', 422, problemJson, { status: 422, code: 'validation_failed' }), [], '4XX covers 422');
    assert.deepEqual(check('GET', '/v1/things/mine', 200, json, []), [], 'a concrete path wins over a template');
    assert.deepEqual(check('GET', '/v1/nothing', 404, problemJson, { status: 404, code: 'not_found' }), []);
    assert.deepEqual(check('DELETE', '/v1/things', 405, { allow: 'GET, POST' }, undefined), []);
    assert.deepEqual(check('OPTIONS', '/v1/things', 204, {}, undefined), [], 'CORS preflights are HTTP’s business');
  });

  it('reports a status the operation does not declare; default does not cover 4xx', () => {
    assert.deepEqual(kinds(check('GET', '/v1/things', 422, problemJson, { status: 422, code: 'validation_failed' })),
      ['undeclared-status: status 422 is not declared (declared: 200, 304, 429, default)']);
    assert.equal(check('GET', '/v1/things/thg_1', 404, problemJson, { status: 404, code: 'not_found' })[0]?.kind, 'undeclared-status');
  });

  it('reports a body that breaks its schema, by path and keyword', () => {
    assert.deepEqual(kinds(check('GET', '/v1/things/thg_1', 200, json, { id: 'nope', at: 'yesterday' })),
      ['body-schema: /id pattern (must match pattern "^thg_"); /at format (must match format "date-time")']);
    assert.deepEqual(kinds(check('GET', '/v1/things', 200, json, [{ at: '2026-12-01T08:00:00Z' }, {}])), ['body-schema: /* required id']);
    assert.equal(check('GET', '/v1/things/thg_1', 200, json, '{"id":')[0]?.kind, 'body-not-json');
  });

  it('reports a wrong content type, a body where none is declared, and bad or missing headers', () => {
    assert.equal(check('GET', '/v1/things/thg_1', 200, { 'content-type': 'text/html' }, '<p>')[0]?.kind, 'content-type');
    assert.equal(check('GET', '/v1/things', 304, json, { id: 'thg_1' })[0]?.kind, 'unexpected-body');
    assert.deepEqual(kinds(check('GET', '/v1/things', 200, { 'content-type': 'application/json' }, [])), ['header: required header X-Request-Id is missing']);
    assert.deepEqual(kinds(check('GET', '/v1/things', 429, { ...problemJson, 'retry-after': 'soon' }, { status: 429, code: 'rate_limited' })),
      ['header: header Retry-After: / type (must be integer)']);
  });

  it('reports answers outside the document: a served unknown path, a wrong method without 405 + Allow', () => {
    assert.equal(check('GET', '/health', 200, json, { ok: true })[0]?.kind, 'undocumented-endpoint');
    assert.equal(check('GET', '/v1/nothing', 404, { 'content-type': 'text/plain' }, 'Not Found')[0]?.kind, 'unknown-path-answer');
    assert.deepEqual(kinds(check('DELETE', '/v1/things', 404, problemJson, { status: 404, code: 'not_found' })), ['wrong-method-answer: an undocumented method answered 404, not 405']);
    assert.deepEqual(kinds(check('PUT', '/v1/things', 405, { allow: 'GET' }, undefined)), ['wrong-method-answer: 405 Allow "GET" does not list GET, POST']);
  });

  it('groups equal violations with a count and one sample request', () => {
    const violations = ['a', 'b'].flatMap((id) => check('GET', `/v1/things/${id}`, 200, json, { id }));
    assert.equal(summarize(violations), '  2 × getThing GET /v1/things/{id} → 200 [body-schema] /id pattern (must match pattern "^thg_")\n      e.g. GET /v1/things/a');
  });

  it('compiles every schema of docs/openapi.json under strict Ajv', () => {
    const published = OpenApiContract.load();
    for (const name of Object.keys(published.document.components.schemas)) assert.equal(typeof published.validatorAt('components', 'schemas', name), 'function', name);
    for (const { template, method, operation } of published.operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const mediaType of Object.keys((response as { content?: object }).content ?? {})) {
          assert.equal(typeof published.validatorAt('paths', template, method.toLowerCase(), 'responses', status, 'content', mediaType, 'schema'), 'function');
        }
      }
    }
  });
});
