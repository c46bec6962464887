// Responses are held to the contract when the caller opts in (`@volunteerkit/sdk/validation`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { ConflictError, ResponseValidationError, createClient } from '../src/index.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, PK, client, mockServer, rejection } from './helpers.js';

const server = mockServer();

describe('response validation', () => {
  it('names the path of each mismatch, never the values', async () => {
    const opp = fixtures.opportunity() as Record<string, unknown>;
    opp['status'] = 'secret-status-value';
    opp['hoursPerShift'] = '3';
    server.use(http.get(`${BASE}/v1/opportunities/:id`, () => HttpResponse.json(opp)));
    const error = await rejection(client().opportunities.get('opp_test0001'));
    assert.ok(ResponseValidationError.is(error));
    assert.deepEqual(error.issues.map((i: { path: string }) => i.path).sort(), ['hoursPerShift', 'status']);
    assert.match(error.message, /opportunities\.get \(GET \/v1\/opportunities\/\{?/);
    assert.match(error.message, /and 1 more/);
    assert.ok(!error.message.includes('secret-status-value'));
  });

  it('a success body that is not JSON is a ResponseValidationError for the whole body', async () => {
    server.use(http.get(`${BASE}/v1/channel`, () => new HttpResponse('<html>captive portal</html>', { headers: { 'content-type': 'text/html' } })));
    const error = await rejection(client().channel.get());
    assert.ok(ResponseValidationError.is(error));
    assert.equal(error.path, '');
    assert.match(error.message, /not JSON/);
  });

  it('is off unless opted in: without `validate` the body passes through unchecked', async () => {
    const broken = { ...fixtures.honorBoard(), entries: 'not a list' };
    server.use(http.get(`${BASE}/v1/honor-board`, () => HttpResponse.json(broken)));
    assert.ok(ResponseValidationError.is(await rejection(client().honorBoard.get())));
    const plain = createClient({ baseUrl: BASE, publishableKey: PK });
    assert.equal((await plain.honorBoard.get()).entries, 'not a list' as never);
  });

  it('checked answers are shaped by the contract: unknown keys are dropped', async () => {
    server.use(http.get(`${BASE}/v1/channel`, () => HttpResponse.json({ ...fixtures.channel(), internalNote: 'x' })));
    assert.ok(!('internalNote' in (await client().channel.get())));
  });

  it('the existing sign-up in a 409 is checked too', async () => {
    server.use(http.post(`${BASE}/v1/signups`, () => HttpResponse.json(fixtures.problem(409, 'duplicate_signup', { existing: { id: 'sgn_test0001' } }), { status: 409 })));
    const error = await rejection(client().signups.create(fixtures.validSignupBody));
    assert.ok(ResponseValidationError.is(error), String(error));
    assert.ok(!ConflictError.is(error));
    assert.match(error.message, /409 existing/);
  });
});
