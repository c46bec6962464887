// docs/openapi.json is generated from the schemas: it must be current, valid OpenAPI 3.1, and
// list every endpoint the design promises.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { buildOpenApiDocument } from '../../scripts/openapi/document.js';

const root = new URL('../../', import.meta.url);
const committed = JSON.parse(readFileSync(new URL('docs/openapi.json', root), 'utf8'));
const { version } = JSON.parse(readFileSync(new URL('packages/sdk/package.json', root), 'utf8'));

describe('docs/openapi.json', () => {
  it('is up to date with the schemas (run `npm run openapi` if this fails)', () => {
    assert.deepEqual(committed, JSON.parse(JSON.stringify(buildOpenApiDocument(version))));
  });

  it('is valid OpenAPI 3.1', async () => {
    const result = await validate(structuredClone(committed));
    assert.equal(result.valid, true, JSON.stringify(result));
    assert.equal(committed.openapi, '3.1.0');
  });

  it('lists every endpoint of docs/spec/api-conventions.md', () => {
    const promised = [
      'get /v1/opportunities', 'get /v1/opportunities/{id}', 'get /v1/organizations', 'get /v1/organizations/{id}',
      'post /v1/signups', 'get /v1/honor-board', 'get /v1/stats', 'get /v1/me', 'get /v1/me/signups',
      'post /v1/me/signups/{id}/cancel', 'get /v1/me/service-records', 'post /v1/sessions', 'get /v1/signups',
      'patch /v1/signups/{id}', 'post /v1/service-records', 'post /v1/service-records/{id}/approve',
      'post /v1/service-records/{id}/reject', 'get /v1/channel',
    ];
    const listed = Object.entries(committed.paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    assert.deepEqual(promised.filter((endpoint) => !listed.includes(endpoint)), []);
  });

  it('declares the kinds of credentials and problem details for errors', () => {
    assert.deepEqual(Object.keys(committed.components.securitySchemes).sort(),
      ['bearerPublishableKey', 'organizerSessionToken', 'publishableKey', 'secretKey', 'sessionToken']);
    const createSignup = committed.paths['/v1/signups'].post;
    assert.equal(createSignup.responses['422'].content['application/problem+json'].schema.$ref, '#/components/schemas/ProblemDetails');
    assert.ok(committed.components.schemas.ProblemDetails.properties.errors, 'field errors are part of problem details');
  });

  it('keeps public reads CORS-simple: the publishable key is a query parameter', () => {
    const list = committed.paths['/v1/opportunities'].get;
    assert.deepEqual(list.security[0], { publishableKey: [] });
    assert.equal(committed.components.securitySchemes.publishableKey.in, 'query');
  });
});

describe('docs/openapi.json is neither looser nor stricter than the server', () => {
  const operation = (method: string, path: string) => committed.paths[path][method];
  const parameter = (op: any, name: string) => op.parameters.map((p: any) => (p.$ref ? committed.components.parameters[p.$ref.split('/').pop()] : p)).find((p: any) => p.name === name);

  it('answers PATCH /v1/signups/{id} with a Signup, as the server does (no contact data)', () => {
    assert.equal(operation('patch', '/v1/signups/{id}').responses['200'].content['application/json'].schema.$ref, '#/components/schemas/Signup');
  });

  it('gives identity fields, the idempotency key and boolean filters the forms the server enforces', () => {
    const guest = committed.components.schemas.GuestVolunteer.properties;
    assert.ok(new RegExp(guest.mobile.pattern).test('13957112345') && !new RegExp(guest.mobile.pattern).test('12345678901'));
    assert.ok(new RegExp(guest.email.pattern, 'u').test('张三@例子.中国') && !new RegExp(guest.email.pattern, 'u').test('a b@c.d'));
    assert.equal(guest.birthDate.format, 'date');
    assert.ok(new RegExp(guest.idNumber.pattern).test('33010619980307123X'));
    const key = parameter(operation('post', '/v1/signups'), 'Idempotency-Key');
    assert.equal(key.required, false, 'the server accepts a sign-up without a key');
    assert.ok(new RegExp(key.schema.pattern).test('6f1c2b8e-3d4a') && !new RegExp(key.schema.pattern).test('has space'));
    assert.deepEqual(parameter(operation('get', '/v1/opportunities'), 'hasOpenSlots').schema.enum.sort(), ['0', '1', 'false', 'true']);
  });

  it('takes any locale tag and the publishable key in the query on a sign-up, as the server does', () => {
    assert.equal(parameter(operation('get', '/v1/opportunities'), 'locale').schema.enum, undefined);
    assert.ok(operation('post', '/v1/signups').security.some((s: object) => 'publishableKey' in s));
  });
});
