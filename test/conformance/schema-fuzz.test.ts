/**
 * A schema-driven fuzz of the real server (the `volunteerkit-server` CLI, seeded, in-memory PGlite):
 * fast-check generates requests from docs/openapi.json — every operation, with valid and slightly
 * invalid parameters, bodies, headers, credentials, path ids and cursors (real ones, tampered ones),
 * NUL characters, huge strings, malformed JSON, wrong content types and undocumented methods — and
 * sends them. Pass condition: 0 answers ≥ 500 (or no answer at all), and 0 answers the document does not allow for the
 * operation (status, content type, headers, body; see openapi-contract.ts). Seeded and bounded:
 * VK_FUZZ_SEED (default below) and VK_FUZZ_REQUESTS (default 2,000) reproduce a run; it also stops
 * sending after 60 s. Prints the requests sent and the statuses seen per operation.
 *
 * Each request is valid by the document but for at most one mutated part (one parameter, one body
 * field, the credentials, the method), so every mutation is seen by the code that should refuse it.
 * URLs stay under Node's 16 KB header limit (past it Node answers 431 before the app runs); bodies
 * do not (the body limit is the app's, and declared).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { OpenApiContract, summarize, type OperationObject, type Violation } from './openapi-contract.js';
import { startReferenceServer, type RunningProcess } from './real-server.js';

const SEED = Number(process.env['VK_FUZZ_SEED'] ?? 20261201);
const REQUESTS = Number(process.env['VK_FUZZ_REQUESTS'] ?? 2000);
const TIME_LIMIT_MS = 60_000;
const NEWS = { publishable: 'pk_test_news_demo', secret: 'sk_test_news_demo' };
const UNDOCUMENTED_METHODS = ['PUT', 'DELETE', 'PATCH', 'POST', 'GET'];

type Schema = Record<string, any>;

interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Real ids and credentials from the seeded server, so that fuzzed requests also reach deep code. */
interface World {
  ids: Record<string, string[]>;
  /** Real cursors by path template, from a first page of each list. */
  cursors: Record<string, string[]>;
  sessionToken: string;
  organizerToken: string;
}

let server: RunningProcess;
const contract = OpenApiContract.load();
const document = contract.document;

function resolve(schema: Schema): Schema {
  let current = schema;
  while (typeof current['$ref'] === 'string') {
    const path = (current['$ref'] as string).replace(/^#\//, '').split('/');
    current = path.reduce<any>((node, segment) => node[segment.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  }
  return current;
}

const NUL = '\u0000';
/** Strings that break naive handlers: NUL, huge, control and combining characters, SQL and JSON noise. */
const hostileString = fc.oneof(
  fc.constantFrom('', ' ', NUL, `a${NUL}b`, 'x'.repeat(2_000), '测'.repeat(500), '\u202e\u0301', "'; DROP TABLE signups; --", '{"$gt":""}', '%00', '../../etc/passwd', '-1', '1e309', 'NaN', 'null', 'true'),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
);

/** Strings matching `pattern`; for a pattern fast-check cannot generate from, arbitrary text (then mostly invalid). */
function matching(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern, 'u'));
  } catch {
    return fc.string({ maxLength: 30 });
  }
}

/** A value `schema` allows (mostly), drawing ids from the seeded world when their pattern names a kind. */
function validValue(schema: Schema, world: World, depth = 0): fc.Arbitrary<unknown> {
  const s = merged(resolve(schema));
  if (s['const'] !== undefined) return fc.constant(s['const']);
  // The document's own examples are valid values too, and realistic ones.
  const examples = [...(Array.isArray(s['examples']) ? s['examples'] as unknown[] : []), ...(s['example'] !== undefined ? [s['example']] : [])];
  if (examples.length > 0 && depth > 0) return fc.oneof(fc.constantFrom(...examples), generatedValue(s, world, depth));
  return generatedValue(s, world, depth);
}

/** `allOf` folded into one schema (properties and required lists joined). */
function merged(schema: Schema): Schema {
  if (!Array.isArray(schema['allOf'])) return schema;
  const parts = (schema['allOf'] as Schema[]).map((part) => merged(resolve(part)));
  const { allOf: _allOf, ...rest } = schema;
  return parts.reduce<Schema>((all, part) => ({ ...part, ...all,
    properties: { ...(part['properties'] ?? {}), ...(all['properties'] ?? {}) },
    required: [...(part['required'] ?? []), ...(all['required'] ?? [])] }), rest);
}

function generatedValue(s: Schema, world: World, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(s['enum'])) return fc.constantFrom(...(s['enum'] as unknown[]));
  const alternatives = (s['anyOf'] ?? s['oneOf']) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => validValue(alternative, world, depth + 1)));
  const type = Array.isArray(s['type']) ? (s['type'] as string[]).find((t) => t !== 'null') ?? 'null' : s['type'];
  switch (type) {
    case 'string': {
      const kind = /^\^([a-z]{3})_/.exec(s['pattern'] ?? '')?.[1];
      const known = kind ? world.ids[kind] ?? [] : [];
      if (s['format'] === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s['format'] === 'email') return fc.emailAddress();
      if (s['format'] === 'uri') return fc.webUrl();
      const generated = s['pattern'] ? matching(s['pattern']).filter((v) => v.length <= (s['maxLength'] ?? Infinity) && v.length >= (s['minLength'] ?? 0))
        : fc.string({ minLength: s['minLength'] ?? 0, maxLength: Math.min(s['maxLength'] ?? 30, 30), unit: 'grapheme' }).filter((v) => v.length >= (s['minLength'] ?? 0));
      return known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
    }
    case 'integer':
      return fc.integer({ min: s['minimum'] ?? -1000, max: s['maximum'] ?? 1000 });
    case 'number':
      return fc.double({ min: s['minimum'] ?? -1000, max: s['maximum'] ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(s['items'] ?? {}, world, depth + 1), { maxLength: Math.min(s['maxItems'] ?? 3, 3) });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const properties = (s['properties'] ?? {}) as Record<string, Schema>;
      const required = new Set<string>(s['required'] ?? []);
      const entries = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property, world, depth + 1)]));
      return fc.record(entries, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value slightly outside `schema`: a wrong type, out of range, hostile text. */
function invalidValue(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  return fc.oneof(
    hostileString,
    fc.constantFrom(-1, 0, 101, 1e12, 3.5, true, null, [], {}),
    s['maxLength'] ? fc.constant('y'.repeat(s['maxLength'] + 1)) : fc.constant('z'.repeat(300)),
  );
}

/** A request body: valid, valid with one field broken or missing, or not a JSON object at all. */
interface Body { body?: string; contentType?: string }
function bodyFor(operation: OperationObject, world: World): fc.Arbitrary<Body> {
  const schema = operation.requestBody?.content['application/json']?.schema;
  if (!schema) return fc.constant({});
  const valid = validValue(schema, world) as fc.Arbitrary<Record<string, unknown>>;
  // A body of alternatives (a volunteer or an organizer session) breaks the fields of each.
  const shapes = ((resolve(schema)['anyOf'] ?? [schema]) as Schema[]).map((shape) => resolve(shape));
  const properties = shapes.flatMap((shape) => Object.entries((shape['properties'] ?? {}) as Record<string, Schema>));
  const json = (value: unknown): Body => ({ body: JSON.stringify(value), contentType: 'application/json' });
  return fc.oneof<fc.WeightedArbitrary<Body>[]>(
    { arbitrary: valid.map(json), weight: 5 },
    { arbitrary: fc.tuple(valid, fc.constantFrom(...properties), fc.boolean()).chain(([value, [name, property], drop]) => invalidValue(property).map((broken) => {
      const copy: Record<string, unknown> = { ...value };
      if (drop) delete copy[name];
      else copy[name] = broken;
      return json(copy);
    })), weight: 4 },
    { arbitrary: fc.tuple(valid, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([value, name, extra]) => json({ ...value, [name]: extra })), weight: 1 },
    { arbitrary: fc.constantFrom('{"opportunityId":', '[]', 'null', '"text"', `{"a":"${NUL}"}`, '{}', `{"x":"${'9'.repeat(20_000)}"}`).map((body) => ({ body, contentType: 'application/json' })), weight: 1 },
    { arbitrary: valid.map((value) => ({ body: JSON.stringify(value), contentType: 'text/plain' })), weight: 1 },
    { arbitrary: fc.constant({ contentType: 'application/json' }), weight: 1 },
  );
}

/** Credentials the operation declares (mostly), or none, garbage, or another kind. */
function credentialsFor(operation: OperationObject, world: World): fc.Arbitrary<{ key?: string; authorization?: string }> {
  const declared = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)).map((scheme) => {
    switch (scheme) {
      case 'publishableKey': return { key: NEWS.publishable };
      case 'bearerPublishableKey': return { authorization: `Bearer ${NEWS.publishable}` };
      case 'secretKey': return { authorization: `Bearer ${NEWS.secret}` };
      case 'sessionToken': return { authorization: `Bearer ${world.sessionToken}` };
      case 'organizerSessionToken': return { authorization: `Bearer ${world.organizerToken}` };
      default: return {};
    }
  });
  const wrong = [{}, { key: 'pk_test_nobody' }, { authorization: 'Bearer sk_test_nobody' }, { authorization: `Bearer ${world.sessionToken}x` },
    { authorization: `Bearer ${world.organizerToken}` }, { authorization: `Bearer ${world.sessionToken}` },
    { authorization: 'Basic Zm9vOmJhcg==' }, { key: NEWS.secret }, { authorization: `Bearer ${NEWS.publishable}` }, { authorization: `Bearer ${NEWS.secret}` }];
  return declared.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...declared), weight: 6 }, { arbitrary: fc.constantFrom(...wrong), weight: 1 }) : fc.constantFrom(...wrong);
}

const KIND_BY_TEMPLATE: Record<string, string> = { opportunities: 'opp', organizations: 'org', signups: 'sgn', 'service-records': 'rec', shifts: 'shf', disputes: 'dsp' };

function requestFor(template: string, method: string, operation: OperationObject, world: World): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const query = parameters.filter((p) => p.in === 'query');
  const headers = parameters.filter((p) => p.in === 'header');
  const kind = KIND_BY_TEMPLATE[/\/([^/]+)\/\{[^}]+\}/.exec(template)?.[1] ?? ''] ?? '';
  const pathId = fc.oneof(
    { arbitrary: fc.constantFrom(...(world.ids[kind] ?? ['none'])), weight: 3 },
    { arbitrary: fc.stringMatching(/^[a-z]{3}_[A-Za-z0-9]{4,20}$/), weight: 1 },
    { arbitrary: hostileString.filter((v) => v.length > 0), weight: 1 },
  );
  // Cursors: this list's real ones, another list's, one with two characters swapped, forged JSON, hostile text.
  const ownCursors = world.cursors[template] ?? Object.values(world.cursors).flat();
  const cursor = fc.oneof(fc.constantFrom(...ownCursors), fc.constantFrom(...Object.values(world.cursors).flat()),
    fc.constantFrom(...ownCursors).map((c) => `${c.slice(0, -2)}${c.slice(-1)}${c.slice(-2, -1)}`),
    fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')), hostileString);
  // A few parameters at a time (as callers send them), all valid by the document.
  const optional = query.filter((p) => !p.required);
  const validQuery = fc.subarray(optional, { maxLength: Math.min(4, optional.length) }).chain((chosen) => fc.record(Object.fromEntries(
    [...query.filter((p) => p.required), ...chosen].map((p) => [p.name, p.name === 'cursor' ? fc.constantFrom(...ownCursors) : validValue(p.schema ?? {}, world)]))));
  const queryMutation = query.length === 0 ? fc.constant(null)
    : fc.option(fc.constantFrom(...query).chain((p) => (p.name === 'cursor' ? cursor : invalidValue(p.schema ?? {})).map((value) => [p.name, value] as const)), { freq: 2 });
  const queryArbitrary = fc.tuple(validQuery, queryMutation).map(([values, mutation]) => (mutation ? { ...values, [mutation[0]]: mutation[1] } : values));
  const headerArbitrary = fc.record(Object.fromEntries(headers.map((p) => [p.name, p.name === 'Idempotency-Key'
    ? fc.oneof({ arbitrary: fc.uuid(), weight: 4 }, { arbitrary: fc.constantFrom('', ' ', 'k'.repeat(300), 'key with spaces', 'ü-key'), weight: 1 })
    : fc.oneof(fc.constant('"nothing-matches"'), fc.constant('*'), fc.string({ maxLength: 20 }))])),
  { requiredKeys: headers.filter((p) => p.required).map((p) => p.name) });
  return fc.record({
    id: pathId,
    query: queryArbitrary,
    extraQuery: fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', 'key', 'cursor'), hostileString), { freq: 8 }),
    headers: headerArbitrary,
    credentials: credentialsFor(operation, world),
    body: bodyFor(operation, world),
  }).map(({ id, query: values, extraQuery, headers: headerValues, credentials, body }) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    if (extraQuery) search.append(extraQuery[0], extraQuery[1]);
    if (credentials.key) search.set('key', credentials.key);
    const requestHeaders: Record<string, string> = {};
    // fetch refuses header values outside Latin-1 and with control characters: those cannot be sent.
    for (const [name, value] of Object.entries(headerValues)) if (/^[\x20-\x7e]*$/.test(String(value))) requestHeaders[name] = String(value);
    if (credentials.authorization) requestHeaders['Authorization'] = credentials.authorization;
    if (body.contentType) requestHeaders['Content-Type'] = body.contentType;
    const path = template.replace(/\{[^}]+\}/, encodeURIComponent(id));
    return { operation: operation.operationId, method, path: `${path}${search.size > 0 ? `?${search}` : ''}`, headers: requestHeaders, ...(body.body !== undefined ? { body: body.body } : {}) };
  });
}

/** A method the document does not list for a documented path. */
function undocumentedMethod(world: World): fc.Arbitrary<FuzzRequest> {
  const candidates = Object.entries(document.paths).flatMap(([template, methods]) => UNDOCUMENTED_METHODS
    .filter((method) => !(method.toLowerCase() in methods)).map((method) => ({ template, method })));
  return fc.constantFrom(...candidates).map(({ template, method }) => ({
    operation: `${method} ${template} (undocumented)`, method,
    path: `${template.replace(/\{[^}]+\}/, world.ids['opp']![0]!)}?key=${NEWS.publishable}`, headers: { Authorization: `Bearer ${NEWS.secret}` },
  }));
}

async function discoverWorld(baseUrl: string): Promise<World> {
  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return response.json() as Promise<any>;
  };
  const opportunities = await get(`/v1/opportunities?key=${NEWS.publishable}&limit=20`);
  const organizations = await get(`/v1/organizations?key=${NEWS.publishable}&limit=10`);
  const signups = await get('/v1/signups?limit=20', NEWS.secret);
  const sessionResponse = await fetch(`${baseUrl}/v1/sessions`, { method: 'POST', headers: { Authorization: `Bearer ${NEWS.secret}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'fuzz-session-1' },
    body: JSON.stringify({ externalId: 'fuzz-user', volunteer: { name: '模糊测试', mobile: '13800003001' } }) });
  const session = await sessionResponse.json() as any;
  assert.equal(sessionResponse.status, 201, JSON.stringify(session));
  const details = await Promise.all(opportunities.data.slice(0, 5).map((o: { id: string }) => get(`/v1/opportunities/${o.id}?key=${NEWS.publishable}`)));
  const shifts = details.flatMap((o: any) => o.shifts.map((s: { id: string }) => s.id));
  const shift = details[0].shifts[0];
  const recordResponse = await fetch(`${baseUrl}/v1/service-records`, { method: 'POST', headers: { Authorization: `Bearer ${NEWS.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ volunteerId: session.volunteerId, opportunityId: details[0].id, shiftId: shift.id, checkIn: shift.start, checkOut: shift.end, recordedBy: 'fuzz' }) });
  const record = await recordResponse.json() as any;
  assert.equal(recordResponse.status, 201, JSON.stringify(record));
  const ownResponse = await fetch(`${baseUrl}/v1/signups`, { method: 'POST', headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'fuzz-signup-1' },
    body: JSON.stringify({ opportunityId: 'opp_demoOpenWestLake', shiftId: (await get(`/v1/opportunities/opp_demoOpenWestLake?key=${NEWS.publishable}`)).shifts[0].id, consent: { policyVersion: '2026-01', accepted: true } }) });
  const own = await ownResponse.json() as any;
  assert.equal(ownResponse.status, 201, JSON.stringify(own));
  // The seed authorizes the news channel for its own organization, which runs the open opportunity.
  const organizerResponse = await fetch(`${baseUrl}/v1/sessions`, { method: 'POST', headers: { Authorization: `Bearer ${NEWS.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ organizer: { organizationId: 'org_demoQianjiangNews', staffId: 'fuzz-staff', name: '模糊测试' } }) });
  const organizer = await organizerResponse.json() as any;
  assert.equal(organizerResponse.status, 201, JSON.stringify(organizer));
  return {
    organizerToken: organizer.token,
    ids: {
      opp: opportunities.data.map((o: { id: string }) => o.id), org: organizations.data.map((o: { id: string }) => o.id), shf: shifts,
      sgn: [own.id, ...signups.data.map((s: { id: string }) => s.id)], vol: [session.volunteerId, ...signups.data.map((s: { volunteerId: string }) => s.volunteerId)],
      rec: [record.id], chn: ['chn_newsdemo'],
    },
    cursors: Object.fromEntries(Object.entries({ '/v1/opportunities': opportunities, '/v1/organizations': organizations, '/v1/signups': signups })
      .filter(([, page]) => typeof page.nextCursor === 'string').map(([template, page]) => [template, [page.nextCursor as string]])),
    sessionToken: session.token,
  };
}

before(async () => {
  server = await startReferenceServer();
});
after(async () => {
  await server?.stop();
});

describe('a schema-driven fuzz of the real server', () => {
  it(`answers ${REQUESTS} generated requests (seed ${SEED}) with 0 × 5xx and only what the document declares`, async () => {
    const world = await discoverWorld(server.url);
    const operations = contract.operations().map(({ template, method, operation }) => requestFor(template, method, operation, world));
    const requests = fc.sample(fc.oneof(...operations.map((arbitrary) => ({ arbitrary, weight: 8 })), { arbitrary: undocumentedMethod(world), weight: 3 }), { seed: SEED, numRuns: REQUESTS });

    const started = performance.now();
    const violations: Violation[] = [];
    const serverErrors: string[] = [];
    const statuses = new Map<string, Map<number, number>>();
    let sent = 0;
    for (const request of requests) {
      if (performance.now() - started > TIME_LIMIT_MS) break;
      const send = () => fetch(`${server.url}${request.path}`, { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) });
      // One retry when the connection drops: a pooled keep-alive socket the server closed as idle
      // fails the first write (undici's "other side closed"); a second drop is the server's doing.
      const response = await send().catch(send).catch((error: Error) => error);
      if (response instanceof Error) {
        serverErrors.push(`${request.method} ${request.path.slice(0, 200)} → no answer: ${String((response.cause as Error | undefined)?.message ?? response.message)}`);
        continue;
      }
      const body = await response.text();
      sent += 1;
      const seen = statuses.get(request.operation) ?? new Map<number, number>();
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      statuses.set(request.operation, seen);
      if (response.status >= 500) serverErrors.push(`${request.method} ${request.path.slice(0, 200)} → ${response.status} ${body.slice(0, 200)}`);
      // The sample names what was sent besides the URL (not the credentials, which the status tells).
      const sample = `${request.method} ${request.path.slice(0, 160)} ${JSON.stringify({ ...request.headers, Authorization: undefined })} ${(request.body ?? '').slice(0, 120)}`;
      violations.push(...contract.check({ method: request.method, url: request.path, status: response.status, headers: response.headers, body })
        .map((violation) => ({ ...violation, request: sample })));
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`schema fuzz: ${sent} requests in ${seconds} s (seed ${SEED}); statuses per operation:\n${[...statuses.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, counts]) => `  ${operation}: ${[...counts.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ')}`).join('\n')}`);
    assert.ok(sent >= Math.min(REQUESTS, 200), `only ${sent} requests were sent within ${TIME_LIMIT_MS / 1000} s`);
    assert.equal(serverErrors.length + violations.length, 0,
      `${serverErrors.length} answers ≥ 500 and ${violations.length} answers outside docs/openapi.json among ${sent} requests (seed ${SEED}):\n`
      + `${serverErrors.slice(0, 20).map((line) => `  5xx: ${line}`).join('\n')}\n${summarize(violations)}`);
  });
});
