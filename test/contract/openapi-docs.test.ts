// docs/openapi.json is something a partner can build on: every operation, parameter, schema and
// property is described, every schema and operation has an example, and every example is valid
// against its own schema as an independent JSON Schema 2020-12 validator (Ajv) reads it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ErrorCode } from '@volunteerkit/sdk/schemas';

type Json = Record<string, any>;

const root = new URL('../../', import.meta.url);
const doc: Json = JSON.parse(readFileSync(new URL('docs/openapi.json', root), 'utf8'));
const DOC_ID = 'https://volunteerkit.dev/openapi.json';

/** Ajv with the whole document loaded, so `#/components/schemas/…` references resolve. */
function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  return (schema: Json, value: unknown, where: string) => {
    const check = ajv.compile({ $id: `${DOC_ID}/check/${encodeURIComponent(where)}`, ...rebase(schema) });
    assert.ok(check(value), `${where}: example does not match its schema: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value)}`);
  };
}

/** Local `#/components/…` references, rewritten to point into the loaded document. */
function rebase(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v)]));
}

const operations = Object.entries(doc.paths as Json).flatMap(([path, byMethod]) =>
  Object.entries(byMethod as Json).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, operation: operation as Json })));

function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  const found = node.$ref.slice(2).split('/').reduce((at: Json, key: string) => at[key], doc);
  return resolve(found);
}

/** Every property (with its dotted path) of a schema's inline objects, not following `$ref`s. */
function propertiesOf(schema: Json, prefix = ''): Array<[string, Json]> {
  return Object.entries((schema.properties ?? {}) as Json).flatMap(([name, property]) => {
    const nested = [property, ...(property.anyOf ?? [])].filter((s: Json) => s.properties);
    return [[`${prefix}${name}`, property] as [string, Json], ...nested.flatMap((s: Json) => propertiesOf(s, `${prefix}${name}.`))];
  });
}

/** The text of every TypeScript file below `dir`. */
const sources = (dir: URL): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts')).map((file) => readFileSync(new URL(file, dir), 'utf8'));

describe('docs/openapi.json for partners', () => {
  it('describes every schema and every property of it, and has an example of each schema', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
      if (!schema.description) missing.push(`${name}: description`);
      if (!Array.isArray(schema.examples) || schema.examples.length === 0) missing.push(`${name}: example`);
      for (const [path, property] of propertiesOf(schema)) if (!property.description) missing.push(`${name}.${path}`);
    }
    assert.deepEqual(missing, []);
  });

  it('describes every operation, parameter, request body and response, with examples', () => {
    const missing: string[] = [];
    for (const { where, operation } of operations) {
      if (!operation.summary || !operation.description) missing.push(`${where}: summary or description`);
      for (const parameter of (operation.parameters ?? []).map(resolve)) {
        if (!parameter.description) missing.push(`${where} ${parameter.name}: description`);
        if (parameter.example === undefined) missing.push(`${where} ${parameter.name}: example`);
      }
      const body = operation.requestBody?.content?.['application/json'];
      if (body && body.example === undefined) missing.push(`${where}: request example`);
      for (const [status, response] of Object.entries(operation.responses as Json).map(([s, r]) => [s, resolve(r as Json)] as const)) {
        if (!response.description) missing.push(`${where} ${status}: description`);
        for (const media of Object.values((response.content ?? {}) as Json)) if (media.example === undefined) missing.push(`${where} ${status}: example`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has examples that are valid against their own schemas', () => {
    const check = validator();
    for (const [name, schema] of Object.entries(doc.components.schemas as Json))
      for (const example of schema.examples) check({ $ref: `#/components/schemas/${name}` }, example, `components.schemas.${name}`);
    for (const [name, response] of Object.entries((doc.components.responses ?? {}) as Json))
      for (const media of Object.values((response.content ?? {}) as Json)) check(media.schema, media.example, `components.responses.${name}`);
    for (const { where, operation } of operations) {
      for (const parameter of (operation.parameters ?? []).map(resolve)) check(parameter.schema, parameter.example, `${where} ${parameter.name}`);
      const body = operation.requestBody?.content?.['application/json'];
      if (body) check(body.schema, body.example, `${where} request`);
      for (const [status, response] of Object.entries(operation.responses as Json))
        for (const media of Object.values((resolve(response).content ?? {}) as Json)) check(media.schema, media.example, `${where} ${status}`);
    }
  });

  it('tells the five kinds of credentials apart by prefix and place', () => {
    const schemes = doc.components.securitySchemes as Json;
    assert.deepEqual(Object.keys(schemes).sort(), ['bearerPublishableKey', 'organizerSessionToken', 'publishableKey', 'secretKey', 'sessionToken']);
    assert.deepEqual([schemes.bearerPublishableKey, schemes.secretKey, schemes.sessionToken, schemes.organizerSessionToken].map((s) => s.bearerFormat), ['pk_…', 'sk_…', 'vst_…', 'ost_…']);
    for (const [name, scheme] of Object.entries(schemes)) assert.ok(scheme.description.length > 80, `${name} is described`);
  });

  it('lists every error code the server may send as an enum on ProblemDetails.code', () => {
    assert.deepEqual(resolve(doc.components.schemas.ProblemDetails.properties.code).enum, ErrorCode.options);
  });

  it('gives each error code the status the server sends it with', () => {
    const table = new Map([...(resolve(doc.components.schemas.ErrorCode).description as string).matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)]
      .map((row) => [row[1]!, Number(row[2])]));
    assert.deepEqual([...table.keys()].sort(), [...ErrorCode.options].sort(), 'one row per code');
    const sent: Array<[number, string]> = [];
    for (const text of sources(new URL('packages/server/src/', root)))
      for (const match of text.matchAll(/new ApiError\((\d{3}), '([a-z_]+)'/g)) sent.push([Number(match[1]), match[2]!]);
    assert.ok(sent.length >= 20, `found ${sent.length}`);
    assert.deepEqual(sent.filter(([status, code]) => table.get(code) !== status), []);
  });

  it('names every field-error code the server and the contract produce in FieldError.code', () => {
    // Field errors are built in the server (`{ path, message, code: '…' }`) and in the contract
    // (`params: { code: '…' }`); a partner must find each one in the document.
    const codes = new Set<string>();
    for (const text of [...sources(new URL('packages/server/src/', root)), ...sources(new URL('packages/sdk/src/schemas/', root))])
      for (const match of text.matchAll(/(?:path[,:][^\n]*?message: [^\n]*?|params: \{ )code: '([a-z_]+)'/g)) codes.add(match[1]!);
    assert.ok(codes.size >= 10, `found ${[...codes]}`);
    const documented = doc.components.schemas.FieldError.properties.code.description as string;
    assert.deepEqual([...codes].filter((code) => !documented.includes(`\`${code}\``)), []);
  });

  it('declares X-Request-Id on every response, Retry-After on 429 (never on 409: a retried key waits for its first answer), and 422 on every operation that reads input', () => {
    for (const { where, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        const headers = resolve(response).headers ?? {};
        assert.ok(headers['X-Request-Id'], `${where} ${status}: X-Request-Id`);
        if (status === '429') assert.ok(headers['Retry-After'], `${where} ${status}: Retry-After`);
        if (status === '409') assert.equal(headers['Retry-After'], undefined, `${where} ${status}: no Retry-After`);
      }
      if (where.startsWith('OPTIONS')) continue; // the CORS preflight reads no input it could refuse
      const readsInput = operation.requestBody || (operation.parameters ?? []).map(resolve).some((p: Json) => p.in === 'query' && p.name !== 'locale');
      if (readsInput) assert.ok(operation.responses['422'], `${where}: 422`);
      assert.equal(operation.responses['400'] !== undefined, operation.requestBody !== undefined || where.startsWith('POST') || where.startsWith('PATCH'), `${where}: 400 only for bodies`);
    }
  });

  it('describes the 405 with Allow that any path answers to a method it does not list', () => {
    assert.ok(doc.components.responses.MethodNotAllowed.headers.Allow);
    assert.match(doc.info.description, /405 with `Allow`/);
  });

  it('has a getting-started text and a server beyond localhost', () => {
    for (const topic of ['## Keys', 'curl', '## Paging', '## Errors', '## Idempotency', '## Rate limits', '## Caching'])
      assert.ok(doc.info.description.includes(topic), topic);
    assert.ok(doc.servers.some((server: Json) => !server.url.includes('localhost') && server.description));
  });
});
