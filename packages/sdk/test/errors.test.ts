// Problem-details answers become the right error class, with what a caller needs, and no secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { http, HttpResponse } from 'msw';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
  VolunteerKitError,
  isVolunteerKitError,
} from '../src/index.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, PK, SESSION, SK, client, mockServer, rejection } from './helpers.js';

const server = mockServer();

function answerOnce(status: number, body: object, headers: Record<string, string> = {}) {
  server.use(http.get(`${BASE}/v1/opportunities/:id`, () => HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json', ...headers } })));
}

describe('error classes from problem details', () => {
  const cases: Array<[number, string, { is(e: unknown): boolean }, string]> = [
    [400, 'bad_request', BadRequestError, 'BadRequestError'],
    [401, 'unauthorized', AuthenticationError, 'AuthenticationError'],
    [403, 'origin_not_allowed', PermissionDeniedError, 'PermissionDeniedError'],
    [404, 'not_found', NotFoundError, 'NotFoundError'],
    [409, 'conflict', ConflictError, 'ConflictError'],
    [413, 'payload_too_large', BadRequestError, 'BadRequestError'],
    [422, 'idempotency_key_reused', BadRequestError, 'BadRequestError'],
    [429, 'rate_limited', RateLimitError, 'RateLimitError'],
    [500, 'internal_error', InternalServerError, 'InternalServerError'],
  ];
  for (const [status, code, errorClass, name] of cases) {
    it(`${status} ${code} → ${name}`, async () => {
      answerOnce(status, fixtures.problem(status, code), { 'retry-after': '120' });
      const error = await rejection(client({ maxRetries: 0 }).opportunities.get('opp_test0001'));
      assert.ok(errorClass.is(error), `${error}`);
      assert.equal(error.name, name);
      assert.ok(error instanceof APIError && error instanceof VolunteerKitError);
      assert.equal(error.status, status);
      assert.equal(error.code, code);
      assert.equal(error.requestId, 'req_test123');
      assert.equal(error.problem.status, status);
      assert.ok(error.headers instanceof Headers);
      assert.match(error.message, new RegExp(`^${status} ${code}: `));
    });
  }

  it('422 validation_failed → ValidationError with fieldErrors keyed by path', async () => {
    answerOnce(422, fixtures.problem(422, 'validation_failed', {
      errors: [
        { path: 'volunteer.mobile', message: 'must be an 11-digit mainland mobile number starting with 1', code: 'invalid_mobile' },
        { path: 'volunteer.mobile', message: 'is required by this channel', code: 'required' },
        { path: 'answers.q_1', message: 'is required', code: 'required' },
      ],
    }));
    const error = await rejection(client().opportunities.get('opp_test0001'));
    assert.ok(ValidationError.is(error));
    assert.equal(BadRequestError.is(error as unknown), false);
    assert.deepEqual(error.fieldErrors, {
      'volunteer.mobile': ['must be an 11-digit mainland mobile number starting with 1', 'is required by this channel'],
      'answers.q_1': ['is required'],
    });
    assert.equal(error.errors.length, 3);
  });

  it('RateLimitError.retryAfter reads seconds and HTTP dates, null when absent', async () => {
    answerOnce(429, fixtures.problem(429, 'rate_limited'), { 'retry-after': '90' });
    assert.equal((await rejection(client().opportunities.get('opp_test0001'))).retryAfter, 90);
    answerOnce(429, fixtures.problem(429, 'rate_limited'), { 'retry-after': new Date(Date.now() + 120_000).toUTCString() });
    const fromDate = (await rejection(client().opportunities.get('opp_test0001'))).retryAfter;
    assert.ok(fromDate > 100 && fromDate <= 120, `${fromDate}`);
    answerOnce(429, fixtures.problem(429, 'rate_limited'));
    server.use(http.get(`${BASE}/v1/opportunities/:id`, () => HttpResponse.json(fixtures.problem(429, 'rate_limited'), { status: 429 })));
    assert.equal((await rejection(client({ maxRetries: 0 }).opportunities.get('opp_test0001'))).retryAfter, null);
  });

  it('takes requestId from X-Request-Id when the body has none', async () => {
    answerOnce(404, fixtures.problem(404, 'not_found', { requestId: undefined }), { 'x-request-id': 'req_from_header' });
    const error = await rejection(client().opportunities.get('opp_test0001'));
    assert.equal(error.requestId, 'req_from_header');
    assert.match(error.message, /req_from_header/);
  });

  it('a non-JSON error page (a proxy 502) still becomes a typed error', async () => {
    server.use(http.get(`${BASE}/v1/opportunities/:id`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } })));
    const error = await rejection(client({ maxRetries: 0 }).opportunities.get('opp_test0001'));
    assert.ok(InternalServerError.is(error));
    assert.equal(error.code, 'internal_error');
    assert.equal(error.problem.title, 'Bad Gateway');
  });

  it('a connection failure is a ConnectionError whose message holds no credentials', async () => {
    server.use(http.get(`${BASE}/v1/opportunities`, () => HttpResponse.error()), http.post(`${BASE}/v1/signups`, () => HttpResponse.error()));
    const error = await rejection(client({ maxRetries: 0 }).opportunities.list());
    assert.ok(ConnectionError.is(error) && !TimeoutError.is(error));
    const session = await rejection(client({ maxRetries: 0 }).withSession(SESSION).signups.create(fixtures.validSignupBody));
    for (const e of [error, session]) {
      const text = `${e.message} ${e.stack}`;
      for (const secret of [PK, SK, SESSION]) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
  });

  it('error messages never contain the keys, even when the server echoes them', async () => {
    answerOnce(401, fixtures.problem(401, 'unauthorized', { detail: `key ${PK} is not valid for origin https://evil.example`, instance: `/v1/opportunities?key=${PK}` }));
    const error = await rejection(client().opportunities.get('opp_test0001'));
    assert.ok(AuthenticationError.is(error));
    assert.ok(!error.message.includes(PK), error.message);
  });
});

describe('guards', () => {
  it('work on errors from another realm or another copy of the package (by name)', () => {
    const foreign = runInNewContext('const e = new Error("x"); e.name = "RateLimitError"; e');
    assert.ok(!(foreign instanceof RateLimitError));
    assert.ok(RateLimitError.is(foreign));
    assert.ok(APIError.is(foreign), 'a RateLimitError is an APIError');
    assert.ok(VolunteerKitError.is(foreign) && isVolunteerKitError(foreign));
    assert.ok(!NotFoundError.is(foreign));
    assert.ok(!ConnectionError.is(foreign));
    const timeout = { name: 'TimeoutError', message: 'late' };
    assert.ok(ConnectionError.is(timeout) && TimeoutError.is(timeout) && !APIError.is(timeout));
  });

  it('reject what is not ours', () => {
    for (const value of [null, undefined, 'RateLimitError', new Error('x'), new TypeError('x'), { name: 'Unknown' }, { name: 'constructor' }, { name: '__proto__' }, Object.assign(new Error('x'), { name: 'AbortError' })]) {
      assert.equal(isVolunteerKitError(value), false, String(value));
      assert.equal(APIError.is(value), false);
    }
  });

  it('ResponseValidationError is its own branch', async () => {
    server.use(http.get(`${BASE}/v1/channel`, () => HttpResponse.json({ ...fixtures.channel(), kind: 'tv' })));
    const error = await rejection(client().channel.get());
    assert.ok(ResponseValidationError.is(error) && !APIError.is(error) && VolunteerKitError.is(error));
    assert.equal(error.path, 'kind');
  });
});
