/** The rules of webhook delivery as plain functions: schedule, addresses, URLs, signing secrets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressRefusal, endpointUrlProblem, nextAttemptAt, RETRY_DELAYS_MS, signingSecrets } from '../src/domain/webhooks.js';

describe('webhook rules', () => {
  it('retries 5 s, 5 min, 30 min, 2 h, 5 h and 10 h after each failure, then gives up', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5, 6].map((attempt) => nextAttemptAt(attempt, at)!.getTime() - at.getTime());
    assert.deepEqual(waits, [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
    assert.deepEqual(waits, [...RETRY_DELAYS_MS]);
    assert.equal(nextAttemptAt(7, at), null);
  });

  it('only public unicast addresses receive webhooks; loopback too in sandbox mode', () => {
    const cases: Array<[string, ReturnType<typeof addressRefusal>, ReturnType<typeof addressRefusal>]> = [
      ['203.0.113.9', 'reserved', 'reserved'], // documentation range
      ['93.184.216.34', null, null],
      ['2606:4700::1111', null, null],
      ['127.0.0.1', 'loopback', null],
      ['127.8.9.10', 'loopback', null],
      ['::1', 'loopback', null],
      ['10.0.0.1', 'private', 'private'],
      ['172.16.5.4', 'private', 'private'],
      ['192.168.1.1', 'private', 'private'],
      ['100.64.0.1', 'private', 'private'],
      ['fd00::1', 'private', 'private'],
      ['::ffff:192.168.1.1', 'private', 'private'],
      ['169.254.169.254', 'link_local', 'link_local'],
      ['fe80::1', 'link_local', 'link_local'],
      ['0.0.0.0', 'reserved', 'reserved'],
      ['224.0.0.1', 'reserved', 'reserved'],
      ['255.255.255.255', 'reserved', 'reserved'],
      ['not an address', 'reserved', 'reserved'],
    ];
    for (const [address, live, sandbox] of cases) {
      assert.equal(addressRefusal(address, false), live, `${address} with a live key`);
      assert.equal(addressRefusal(address, true), sandbox, `${address} in sandbox mode`);
    }
  });

  it('URLs: https; http only to loopback in sandbox mode; no credentials', () => {
    const code = (url: string, sandbox = false) => endpointUrlProblem(url, sandbox)?.code ?? null;
    assert.equal(code('https://partner.example/hooks'), null);
    assert.equal(code('http://partner.example/hooks'), 'https_required');
    assert.equal(code('http://partner.example/hooks', true), 'https_required');
    assert.equal(code('http://localhost:3000/hooks', true), null);
    assert.equal(code('http://127.0.0.1:3000/hooks', true), null);
    assert.equal(code('http://[::1]:3000/hooks', true), null);
    assert.equal(code('http://localhost:3000/hooks'), 'https_required');
    assert.equal(code('https://localhost/hooks'), 'loopback');
    assert.equal(code('ftp://partner.example/'), 'https_required');
    assert.equal(code('https://a:b@partner.example/'), 'credentials_in_url');
    assert.equal(code('/relative'), 'invalid_url');
    assert.equal(code('https://169.254.169.254/latest'), 'link_local');
  });

  it('the previous secret signs only until its overlap ends', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const endpoint = (expires: string | null) => ({ secret: 'whsec_new', previous_secret: expires ? 'whsec_old' : null, previous_secret_expires_at: expires });
    assert.deepEqual(signingSecrets(endpoint('2026-12-01T00:00:01Z'), now), ['whsec_new', 'whsec_old']);
    assert.deepEqual(signingSecrets(endpoint('2026-12-01T00:00:00Z'), now), ['whsec_new']);
    assert.deepEqual(signingSecrets(endpoint(null), now), ['whsec_new']);
  });
});
