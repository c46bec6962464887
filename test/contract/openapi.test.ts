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

  it('lists every endpoint of DESIGN §4', () => {
    const promised = [
      'get /v1/opportunities', 'get /v1/opportunities/{id}', 'get /v1/organizations', 'get /v1/organizations/{id}',
      'post /v1/signups', 'get /v1/honor-board', 'get /v1/stats', 'get /v1/me', 'get /v1/me/signups',
      'post /v1/me/signups/{id}/cancel', 'get /v1/me/service-records', 'post /v1/sessions', 'get /v1/signups',
      'patch /v1/signups/{id}', 'post /v1/service-records', 'post /v1/service-records/{id}/approve',
    ];
    const listed = Object.entries(committed.paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    assert.deepEqual(promised.filter((endpoint) => !listed.includes(endpoint)), []);
  });

  it('declares the three kinds of credentials and problem details for errors', () => {
    assert.deepEqual(Object.keys(committed.components.securitySchemes).sort(),
      ['bearerPublishableKey', 'publishableKey', 'secretKey', 'sessionToken']);
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
