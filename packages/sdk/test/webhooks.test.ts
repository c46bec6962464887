/** `verifyWebhook`: Standard Webhooks signatures checked with the reference library, for Node back ends. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook, WebhookVerificationError } from '../src/webhooks.js';

const secret = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
const otherSecret = `whsec_${Buffer.alloc(24, 2).toString('base64')}`;
const body = JSON.stringify({ type: 'signup.created', timestamp: '2026-12-01T08:00:00.000Z', data: { id: 'sgn_abcd1234', channelId: 'chn_newsdemo', version: 1 } });

function signed(payload = body, at = new Date(), secrets = [secret]) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'webhook-id': 'evt_7Qm2Zp4Lx9Kd3Vb8Nc1R',
    'webhook-timestamp': timestamp,
    'webhook-signature': secrets.map((s) => new Webhook(s).sign('evt_7Qm2Zp4Lx9Kd3Vb8Nc1R', new Date(Number(timestamp) * 1000), payload)).join(' '),
  };
}

describe('verifyWebhook', () => {
  it('returns the event with its webhook-id, from a string, bytes, Node headers or fetch Headers', () => {
    const headers = signed();
    const expected = { ...JSON.parse(body), id: 'evt_7Qm2Zp4Lx9Kd3Vb8Nc1R' };
    assert.deepEqual(verifyWebhook(body, headers, secret), expected);
    assert.deepEqual(verifyWebhook(Buffer.from(body), headers, secret), expected);
    assert.deepEqual(verifyWebhook(body, new Headers(headers), secret), expected);
    assert.deepEqual(verifyWebhook(body, { ...headers, 'webhook-signature': [headers['webhook-signature']] }, secret), expected);
  });

  it('refuses a tampered body, an old timestamp, a wrong secret and missing headers', () => {
    const headers = signed();
    assert.throws(() => verifyWebhook(body.replace('"version":1', '"version":9'), headers, secret), WebhookVerificationError);
    assert.throws(() => verifyWebhook(body, signed(body, new Date(Date.now() - 10 * 60_000)), secret), /too old/);
    assert.throws(() => verifyWebhook(body, signed(body, new Date(Date.now() + 10 * 60_000)), secret), /too new/);
    assert.throws(() => verifyWebhook(body, headers, otherSecret), WebhookVerificationError);
    assert.throws(() => verifyWebhook(body, { 'webhook-id': headers['webhook-id'] }, secret), WebhookVerificationError);
    assert.throws(() => verifyWebhook(body, headers, []), WebhookVerificationError);
  });

  it('during a rotation: two signatures, either secret verifies; a receiver may hold both', () => {
    const headers = signed(body, new Date(), [otherSecret, secret]);
    assert.equal(verifyWebhook(body, headers, secret).id, headers['webhook-id']);
    assert.equal(verifyWebhook(body, headers, otherSecret).id, headers['webhook-id']);
    assert.equal(verifyWebhook(body, signed(), [otherSecret, secret]).id, headers['webhook-id']);
  });
});
