/**
 * Webhooks end to end over real HTTP: endpoints registered with the secret key, deliveries signed
 * and verified with the Standard Webhooks library, the retry schedule on the app's clock, a
 * dispatcher that dies after claiming, giving up and disabling, replay, secret rotation, filters,
 * and the addresses an endpoint may not have (as written and after DNS resolution).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { verifyWebhook, WebhookVerificationError } from '@volunteerkit/sdk/webhooks';
import { WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointWithSecret } from '@volunteerkit/sdk/schemas';
import { Webhook } from 'standardwebhooks';
import { RETRY_DELAYS_MS } from '../src/domain/webhooks.js';
import { hashKey } from '../src/services/callers.js';
import { dispatchDue, postDelivery } from '../src/services/webhook-dispatch.js';
import { checkEndpointUrl } from '../src/services/webhooks.js';
import { addOpportunity, assertProblem, assertShape, call, CONSENT, guest, SEED_KEYS, useTestApp } from './helpers.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

const news = SEED_KEYS.news;
const env = useTestApp();
let receiver: Receiver;

before(async () => {
  await env.ready;
  receiver = await startReceiver();
});
after(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.failNext = 0;
});

const dispatch = (options: Parameters<typeof dispatchDue>[2] = {}) => dispatchDue(env.db, () => env.now, options);

async function registerEndpoint(body: Record<string, unknown> = {}): Promise<WebhookEndpointWithSecret> {
  const res = await call(env.app, 'POST', '/v1/webhook-endpoints', { bearer: news.secretKey, body: { url: receiver.url, ...body } });
  assert.equal(res.status, 201, res.text);
  assertShape(WebhookEndpointWithSecret, res.body);
  receiver.secrets = [res.body.secret];
  return res.body;
}

async function signUp(opportunityId: string, shiftId: string) {
  const res = await call(env.app, 'POST', '/v1/signups', { key: news.publishableKey, body: { opportunityId, shiftId, volunteer: guest({ name: '王小明' }), consent: CONSENT } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; status: string };
}

const later = (ms: number) => {
  env.now = new Date(env.now.getTime() + ms);
};

async function deliveriesOf(endpointId: string) {
  const res = await call(env.app, 'GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { bearer: news.secretKey });
  assert.equal(res.status, 200, res.text);
  assertShape(WebhookDeliveryPage, res.body);
  return res.body.data as WebhookDeliveryPage['data'];
}

describe('webhook delivery', () => {
  it('a sign-up is delivered at once, thin, signed, and verified by a Standard Webhooks receiver and by verifyWebhook', async () => {
    const endpoint = await registerEndpoint();
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    const signup = await signUp(opportunityId, shiftIds[0]!);
    assert.equal(await dispatch(), 1);
    const [delivery] = receiver.accepted();
    assert.ok(delivery, `one delivery accepted; got ${JSON.stringify(receiver.requests.map((r) => r.answered))}`);
    assert.match(delivery.id, /^evt_/);
    const body = JSON.parse(delivery.body);
    assert.deepEqual(body, { type: 'signup.created', timestamp: env.now.toISOString(), data: { id: signup.id, channelId: news.channelId, version: 1 } });
    assert.ok(!delivery.body.includes('王') && !/1[3-9]\d{9}/.test(delivery.body), 'no personal data in the payload');
    const verified = verifyWebhook(delivery.body, delivery.headers, endpoint.secret);
    assert.equal(verified.id, delivery.id);
    assert.equal(verified.data.id, signup.id);

    const [logged] = await deliveriesOf(endpoint.id);
    assert.equal(logged!.status, 'succeeded');
    assert.equal(logged!.event.id, delivery.id);
    assert.deepEqual(logged!.attempts.map((a) => [a.attempt, a.statusCode, a.succeeded]), [[1, 204, true]]);
  });

  it('the receiver refuses a tampered body, an old timestamp and a wrong secret', async () => {
    const endpoint = await registerEndpoint();
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    await signUp(opportunityId, shiftIds[0]!);
    await dispatch();
    const [delivery] = receiver.accepted();
    assert.ok(delivery);
    const lib = new Webhook(endpoint.secret);
    assert.doesNotThrow(() => lib.verify(delivery.body, delivery.headers));
    const tampered = delivery.body.replace('"version":1', '"version":2');
    assert.notEqual(tampered, delivery.body);
    assert.throws(() => lib.verify(tampered, delivery.headers), /No matching signature found/);
    assert.throws(() => verifyWebhook(tampered, delivery.headers, endpoint.secret), WebhookVerificationError);
    // A capture re-sent ten minutes later, signed then: too old.
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const oldSignature = lib.sign(delivery.id, new Date(Number(old) * 1000), delivery.body);
    assert.throws(() => lib.verify(delivery.body, { ...delivery.headers, 'webhook-timestamp': old, 'webhook-signature': oldSignature }), /too old/);
    // The timestamp changed without re-signing: the signature no longer matches.
    assert.throws(() => lib.verify(delivery.body, { ...delivery.headers, 'webhook-timestamp': old }), WebhookVerificationError);
    const otherSecret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    assert.throws(() => new Webhook(otherSecret).verify(delivery.body, delivery.headers), /No matching signature found/);
    assert.throws(() => verifyWebhook(delivery.body, delivery.headers, otherSecret), WebhookVerificationError);
    // The receiver itself answers 401 when it holds another secret.
    receiver.secrets = [otherSecret];
    await signUp(opportunityId, shiftIds[0]!);
    await dispatch();
    assert.equal(receiver.requests.at(-1)!.answered, 401);
  });

  it('a receiver failing 3 times then recovering gets each event exactly once after dedupe, on the 5 s / 5 min / 30 min schedule', async () => {
    const endpoint = await registerEndpoint();
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 1 });
    const first = await signUp(opportunityId, shiftIds[0]!);
    const second = await signUp(opportunityId, shiftIds[0]!);
    assert.equal(second.status, 'waitlisted');
    receiver.failNext = 6; // both events fail three times each
    await dispatch();
    assert.equal(receiver.requests.length, 2);
    await dispatch(); // nothing is due before 5 s
    assert.equal(receiver.requests.length, 2);
    for (const delay of RETRY_DELAYS_MS.slice(0, 3)) {
      later(delay - 1);
      await dispatch();
      later(1);
      await dispatch();
    }
    assert.equal(receiver.requests.length, 8, 'four attempts of each, none early');
    const ids = new Set(receiver.accepted().map((d) => d.id));
    assert.equal(ids.size, 2);
    assert.deepEqual(receiver.accepted().map((d) => JSON.parse(d.body).data.id).sort(), [first.id, second.id].sort());
    const log = await deliveriesOf(endpoint.id);
    assert.deepEqual(log.map((d) => [d.status, d.attempts.map((a) => a.statusCode)]), [
      ['succeeded', [500, 500, 500, 204]], ['succeeded', [500, 500, 500, 204]],
    ]);
    later(RETRY_DELAYS_MS[3]!);
    await dispatch();
    assert.equal(receiver.requests.length, 8, 'nothing more once delivered');
  });

  it('a dispatcher killed after claiming loses nothing: the lease runs out and another delivers', async () => {
    await registerEndpoint();
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    for (let i = 0; i < 3; i++) await signUp(opportunityId, shiftIds[0]!);
    await assert.rejects(dispatch({ afterClaim: (claimed) => {
      assert.equal(claimed.length, 3);
      throw new Error('killed after the claim committed');
    } }), /killed/);
    assert.equal(receiver.requests.length, 0);
    assert.equal(await dispatch(), 0, 'the claim holds while its lease lasts');
    later(60_000);
    assert.equal(await dispatch(), 3);
    assert.equal(new Set(receiver.accepted().map((d) => d.id)).size, 3);
  });

  it('gives up after seven attempts, disables the endpoint, and replays once enabled again', async () => {
    const endpoint = await registerEndpoint();
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    await signUp(opportunityId, shiftIds[0]!);
    receiver.failNext = 100;
    await dispatch();
    for (const delay of RETRY_DELAYS_MS) {
      later(delay);
      await dispatch();
    }
    assert.equal(receiver.requests.length, 7);
    const [failed] = await deliveriesOf(endpoint.id);
    assert.equal(failed!.status, 'failed');
    assert.equal(failed!.nextAttemptAt, null);
    const disabled = await call(env.app, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { bearer: news.secretKey });
    assertShape(WebhookEndpoint, disabled.body);
    assert.deepEqual([disabled.body.status, disabled.body.disabledReason], ['disabled', 'failing']);
    // While disabled, new events are not queued for it.
    await signUp(opportunityId, shiftIds[0]!);
    assert.equal((await deliveriesOf(endpoint.id)).length, 1);

    assertProblem(await call(env.app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/deliveries/${failed!.id}/replay`, { bearer: news.secretKey }), 409, 'conflict');
    receiver.failNext = 0;
    const enabled = await call(env.app, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { bearer: news.secretKey, body: { status: 'enabled' } });
    assert.equal(enabled.status, 200, enabled.text);
    assert.equal(enabled.body.disabledReason, null);
    const replay = await call(env.app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/deliveries/${failed!.id}/replay`, { bearer: news.secretKey });
    assert.equal(replay.status, 200, replay.text);
    assert.equal(replay.body.status, 'pending');
    await dispatch();
    assert.equal(receiver.accepted().length, 1);
    assert.equal(receiver.accepted()[0]!.id, failed!.event.id, 'the same webhook-id on a replay');
  });

  it('a rotated secret signs beside the previous one for 24 hours, then alone', async () => {
    const endpoint = await registerEndpoint();
    const rotated = await call(env.app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { bearer: news.secretKey });
    assert.equal(rotated.status, 200, rotated.text);
    assertShape(WebhookEndpointWithSecret, rotated.body);
    assert.notEqual(rotated.body.secret, endpoint.secret);
    assert.equal(rotated.body.previousSecretExpiresAt, new Date(env.now.getTime() + 86_400_000).toISOString());
    const { opportunityId, shiftIds } = await addOpportunity(env.db);
    await signUp(opportunityId, shiftIds[0]!);
    await dispatch();
    const during = receiver.accepted()[0]!;
    assert.equal(during.headers['webhook-signature'].split(' ').length, 2);
    assert.doesNotThrow(() => new Webhook(endpoint.secret).verify(during.body, during.headers));
    assert.doesNotThrow(() => new Webhook(rotated.body.secret).verify(during.body, during.headers));
    later(86_400_001);
    receiver.secrets = [endpoint.secret, rotated.body.secret];
    await signUp(opportunityId, shiftIds[0]!);
    await dispatch();
    const afterOverlap = receiver.accepted()[1]!;
    assert.equal(afterOverlap.headers['webhook-signature'].split(' ').length, 1);
    assert.throws(() => new Webhook(endpoint.secret).verify(afterOverlap.body, afterOverlap.headers), WebhookVerificationError);
    assert.doesNotThrow(() => verifyWebhook(afterOverlap.body, afterOverlap.headers, [endpoint.secret, rotated.body.secret]));
  });

  it('an event filter takes only its types and families; sign-up changes carry growing versions', async () => {
    await registerEndpoint({ eventTypes: ['signup.cancelled', 'signup.promoted'] });
    const { opportunityId, shiftIds } = await addOpportunity(env.db, { capacity: 1 });
    const first = await signUp(opportunityId, shiftIds[0]!);
    const second = await signUp(opportunityId, shiftIds[0]!);
    const session = await call(env.app, 'PATCH', `/v1/signups/${first.id}`, { bearer: news.secretKey, body: { status: 'cancelled' } });
    assert.equal(session.status, 200, session.text);
    await dispatch();
    const bodies = receiver.accepted().map((d) => JSON.parse(d.body));
    assert.deepEqual(bodies.map((b) => [b.type, b.data.id, b.data.version]).sort(), [
      ['signup.cancelled', first.id, 2],
      ['signup.promoted', second.id, 2],
    ].sort());
  });
});

describe('webhook endpoints: addresses', () => {
  const refused = async (url: string, code: string, key: string = news.secretKey) => {
    const res = await call(env.app, 'POST', '/v1/webhook-endpoints', { bearer: key, body: { url } });
    assertProblem(res, 422, 'validation_failed');
    assert.deepEqual(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['url', code]], res.text);
  };

  it('refuses http, private, link-local and reserved addresses; loopback only with a test key', async () => {
    await refused('http://partner.example/webhooks', 'https_required');
    await refused('https://10.1.2.3/hook', 'private');
    await refused('https://192.168.0.10/hook', 'private');
    await refused('https://169.254.169.254/latest/meta-data', 'link_local');
    await refused('https://[fe80::1]/hook', 'link_local');
    await refused('https://[::ffff:10.0.0.1]/hook', 'private');
    await refused('https://0.0.0.0/hook', 'reserved');
    await refused('https://user:pw@partner.example/hook', 'credentials_in_url');
    await refused('not a url', 'invalid_url');
    // A live key: loopback is refused as written and after resolution.
    const liveKey = 'sk_live_news_webhooks_test';
    await env.db.query(`INSERT INTO api_keys (key_hash, channel_id, kind) VALUES ($1, $2, 'secret')`, [hashKey(liveKey), news.channelId]);
    await refused('https://127.0.0.1/hook', 'loopback', liveKey);
    await refused('http://127.0.0.1:8080/hook', 'https_required', liveKey);
    await refused('https://localhost/hook', 'loopback', liveKey);
    assert.equal((await call(env.app, 'POST', '/v1/webhook-endpoints', { bearer: news.secretKey, body: { url: receiver.url } })).status, 201);
  });

  it('refuses a name that resolves to a private address, at registration and at delivery', async () => {
    const resolvesPrivate = async () => [{ address: '10.0.0.7', family: 4 }];
    await assert.rejects(checkEndpointUrl('https://intranet.partner.example/hook', false, resolvesPrivate as never),
      (error: { details?: { errors?: Array<{ code: string }> } }) => error.details?.errors?.[0]?.code === 'private');
    await assert.doesNotReject(checkEndpointUrl('https://partner.example/hook', false, (async () => [{ address: '203.0.114.5', family: 4 }]) as never));
    // At delivery, the connection's own lookup refuses: `localhost` resolves to loopback.
    const outcome = await postDelivery(receiver.url.replace('127.0.0.1', 'localhost').replace('http:', 'https:'), false, {}, '{}');
    assert.equal(outcome.error, 'address_refused');
    assert.equal(receiver.requests.length, 0);
    const sandboxed = await postDelivery(receiver.url.replace('127.0.0.1', 'localhost'), true, {}, '{}');
    assert.equal(sandboxed.statusCode, 401, 'a sandbox endpoint reaches localhost (unsigned: the receiver refuses it)');
  });

  it('a receiver that does not finish its answer in time is a timeout, even while it trickles bytes', async () => {
    const { createServer } = await import('node:http');
    const slow = createServer((_request, response) => {
      response.writeHead(200);
      response.write(' '); // starts answering, never ends
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/hooks`;
      const outcome = await postDelivery(url, true, {}, '{}', 300);
      assert.deepEqual([outcome.statusCode, outcome.error], [null, 'timeout']);
      assert.ok(outcome.durationMs >= 250 && outcome.durationMs < 5000, `${outcome.durationMs} ms`);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('answers 404 for another channel\'s endpoint and needs the secret key', async () => {
    const endpoint = await registerEndpoint();
    assertProblem(await call(env.app, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { bearer: SEED_KEYS.campus.secretKey }), 404, 'not_found');
    assertProblem(await call(env.app, 'GET', '/v1/webhook-endpoints', { bearer: news.publishableKey }), 403, 'secret_key_required');
    const listed = await call(env.app, 'GET', '/v1/webhook-endpoints', { bearer: news.secretKey });
    assert.deepEqual(listed.body.data.map((e: { id: string }) => e.id), [endpoint.id]);
    assert.ok(!listed.text.includes('whsec_'), 'secrets are shown only on creation and rotation');
    const deleted = await call(env.app, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { bearer: news.secretKey });
    assert.equal(deleted.status, 200, deleted.text);
    assertProblem(await call(env.app, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { bearer: news.secretKey }), 404, 'not_found');
  });
});
