/**
 * Certificates of service over HTTP: issued from approved records only, verified by jose and by
 * Node's own crypto against the served key set, refused when altered, forged or revoked, and
 * still valid after the signing key is rotated.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { Certificate, CertificateKeySet, CertificateRevocationList } from '@volunteerkit/sdk/schemas';
import { verifyCertificate } from '@volunteerkit/sdk/verify';
import { createApp } from '../src/app.js';
import { recordsDigest } from '../src/domain/certificates.js';
import { rotateCertificateKey } from '../src/index.js';
import { SEED_KEYS, addOpportunity, assertProblem, assertShape, call, nextMobile, useTestApp } from './helpers.js';

const t = useTestApp();
const { news, campus } = SEED_KEYS;
/** Service days in spring 2026 (Beijing time 09:00); "today" is 1 July 2026. */
const day = (isoDay: string) => new Date(`${isoDay}T01:00:00Z`);
const TODAY = new Date('2026-07-01T04:00:00Z');

interface World { token: string; volunteerId: string; approved: string[]; other: string[] }

/** A volunteer with two approved records (2 h + 3 h), one pending, one rejected and one approved outside the period. */
async function world(): Promise<World> {
  t.now = TODAY;
  const minted = await call(t.app, 'POST', '/v1/sessions', { bearer: news.secretKey, body: { externalId: `ext-${nextMobile()}`, volunteer: { name: '林晓雨', mobile: nextMobile() }, ttlSeconds: 86400 } });
  assert.equal(minted.status, 201, minted.text);
  const { token, volunteerId } = minted.body as { token: string; volunteerId: string };
  const days = ['2026-03-01', '2026-04-01', '2026-05-01', '2026-05-20', '2025-12-01'];
  const o = await addOpportunity(t.db, { shiftStarts: days.map(day), hours: 3 });
  const ids: string[] = [];
  for (const [i, d] of days.entries()) {
    const hours = i === 0 ? 2 : 3;
    const made = await call(t.app, 'POST', '/v1/service-records', { bearer: news.secretKey, body: {
      volunteerId, opportunityId: o.opportunityId, shiftId: o.shiftIds[i], checkIn: day(d).toISOString(),
      checkOut: new Date(day(d).getTime() + hours * 3_600_000).toISOString(), recordedBy: '测试', hours,
    } });
    assert.equal(made.status, 201, made.text);
    ids.push(made.body.id);
  }
  for (const id of [ids[0], ids[1], ids[4]]) assert.equal((await call(t.app, 'POST', `/v1/service-records/${id}/approve`, { bearer: news.secretKey, body: { reviewedBy: '李主任' } })).status, 200);
  assert.equal((await call(t.app, 'POST', `/v1/service-records/${ids[3]}/reject`, { bearer: news.secretKey, body: { reviewedBy: '李主任' } })).status, 200);
  return { token, volunteerId, approved: [ids[0]!, ids[1]!], other: [ids[2]!, ids[3]!, ids[4]!] };
}

async function issue(w: World, body: unknown = { from: '2026-01-01', to: '2026-06-30' }, headers: Record<string, string> = {}) {
  return call(t.app, 'POST', '/v1/me/certificates', { bearer: w.token, body, headers });
}

async function servedKeys() {
  const answer = await call(t.app, 'GET', '/.well-known/jwks.json');
  assert.equal(answer.status, 200, answer.text);
  assertShape(CertificateKeySet, answer.body);
  return answer.body as CertificateKeySet;
}

async function servedRevocations() {
  const answer = await call(t.app, 'GET', '/.well-known/certificate-revocations.json');
  assert.equal(answer.status, 200, answer.text);
  assertShape(CertificateRevocationList, answer.body);
  return answer.body as CertificateRevocationList;
}

/** Node's own Ed25519 (OpenSSL), no jose: an independent check of a compact JWS against a JWK. */
function nodeVerifies(jws: string, jwk: JWK): boolean {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as import('node:crypto').JsonWebKey, format: 'jwk' });
  return verifySignature(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
}

/** The JWS with one byte of its claims changed (re-encoded, so it still looks well-formed). */
function withClaimByteChanged(jws: string): string {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const claims = Buffer.from(payload, 'base64url').toString('utf8').replace('"hours":5', '"hours":6');
  assert.ok(claims.includes('"hours":6'));
  return `${header}.${Buffer.from(claims).toString('base64url')}.${signature}`;
}

describe('certificates', () => {
  it('certifies approved hours only, with a masked name and no contact data, verifiable by jose and by Node crypto against the served keys', async () => {
    const w = await world();
    const answer = await issue(w);
    assert.equal(answer.status, 201, answer.text);
    assertShape(Certificate, answer.body);
    const certificate = answer.body as Certificate;
    assert.match(certificate.id, /^cer_/);
    assert.match(certificate.number, /^VK-2026-\d{6}$/);
    assert.equal(certificate.status, 'valid');
    assert.deepEqual({ hours: certificate.claims.hours, records: certificate.claims.records, name: certificate.claims.name },
      { hours: 5, records: 2, name: '林*雨' });
    assert.equal(certificate.claims.digest, recordsDigest(w.approved));
    const payloadText = Buffer.from(certificate.jws.split('.')[1]!, 'base64url').toString('utf8');
    assert.doesNotMatch(payloadText, /1[3-9]\d{9}|vol_|mobile|idNumber/, 'no phone, ID number or volunteer id');

    const keys = await servedKeys();
    const served = keys.keys.find((key) => key.kid === certificate.kid)!;
    assert.equal(served.kid, await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: served.x }), 'kid is the RFC 7638 thumbprint');
    const { payload, protectedHeader } = await jwtVerify(certificate.jws, createLocalJWKSet(keys as never), { algorithms: ['EdDSA'], typ: 'vk-certificate+jwt' });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(payload.jti, certificate.id);
    assert.ok(nodeVerifies(certificate.jws, served));
    assert.deepEqual(await verifyCertificate(certificate.jws, { jwks: keys, revocations: await servedRevocations() }),
      { valid: true, claims: certificate.claims, key: served, revocationsChecked: true });
    assert.equal((await verifyCertificate(`https://demo.example/verify#${certificate.jws}`, { jwks: keys })).valid, true, 'from a verification URL');

    const events = await t.db.query<{ type: string }>('SELECT type FROM outbox_events WHERE subject_id = $1', [certificate.id]);
    assert.deepEqual(events.map((e) => e.type), ['certificate.issued']);
  });

  it('is refused when one claim byte changes, when signed by an unknown key, and when not a certificate', async () => {
    const w = await world();
    const certificate = (await issue(w)).body as Certificate;
    const keys = await servedKeys();
    const served = keys.keys.find((key) => key.kid === certificate.kid)!;

    const altered = withClaimByteChanged(certificate.jws);
    await assert.rejects(jwtVerify(altered, createLocalJWKSet(keys as never)), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    assert.equal(nodeVerifies(altered, served), false);
    assert.equal((await verifyCertificate(altered, { jwks: keys })).valid === false && (await verifyCertificate(altered, { jwks: keys }) as { reason: string }).reason, 'altered');

    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const strangerKid = await calculateJwkThumbprint(await exportJWK(stranger.publicKey));
    const forged = await new SignJWT({ ...certificate.claims }).setProtectedHeader({ alg: 'EdDSA', kid: strangerKid, typ: 'vk-certificate+jwt' }).sign(stranger.privateKey);
    await assert.rejects(jwtVerify(forged, createLocalJWKSet(keys as never)), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
    assert.deepEqual(pick(await verifyCertificate(forged, { jwks: keys })), { valid: false, reason: 'unknown_key' });
    const impostor = await new SignJWT({ ...certificate.claims }).setProtectedHeader({ alg: 'EdDSA', kid: certificate.kid, typ: 'vk-certificate+jwt' }).sign(stranger.privateKey);
    assert.equal(nodeVerifies(impostor, served), false);
    assert.deepEqual(pick(await verifyCertificate(impostor, { jwks: keys })), { valid: false, reason: 'altered' });

    const [header, payload] = certificate.jws.split('.');
    assert.deepEqual(pick(await verifyCertificate(`${header}.${payload}.${'A'.repeat(20)}`, { jwks: keys })), { valid: false, reason: 'bad_signature' });
    assert.deepEqual(pick(await verifyCertificate('hello', { jwks: keys })), { valid: false, reason: 'malformed' });
    const session = `${Buffer.from('{"alg":"EdDSA","typ":"JWT"}').toString('base64url')}.${payload}.${certificate.jws.split('.')[2]}`;
    assert.deepEqual(pick(await verifyCertificate(session, { jwks: keys })), { valid: false, reason: 'malformed' });
  });

  it('revocation by the secret key: audited, announced, published, and refused by verifiers', async () => {
    const w = await world();
    const certificate = (await issue(w)).body as Certificate;
    assertProblem(await call(t.app, 'POST', `/v1/certificates/${certificate.id}/revoke`, { bearer: w.token, body: { reason: 'other' } }), 403, 'secret_key_required');
    assertProblem(await call(t.app, 'POST', `/v1/certificates/${certificate.id}/revoke`, { bearer: campus.secretKey, body: { reason: 'other' } }), 404, 'not_found');
    assert.deepEqual((await servedRevocations()).revoked, []);

    t.now = new Date(TODAY.getTime() + 86_400_000);
    const revoked = await call(t.app, 'POST', `/v1/certificates/${certificate.id}/revoke`, { bearer: news.secretKey, body: { reason: 'records_corrected', revokedBy: '李主任' } });
    assert.equal(revoked.status, 200, revoked.text);
    assertShape(Certificate, revoked.body);
    assert.equal(revoked.body.status, 'revoked');
    assert.equal(revoked.body.revokedAt, t.now.toISOString());
    assertProblem(await call(t.app, 'POST', `/v1/certificates/${certificate.id}/revoke`, { bearer: news.secretKey, body: { reason: 'other' } }), 409, 'conflict');

    const list = await servedRevocations();
    assert.deepEqual(list.revoked, [{ id: certificate.id, number: certificate.number, revokedAt: t.now.toISOString() }]);
    const result = await verifyCertificate(certificate.jws, { jwks: await servedKeys(), revocations: list });
    assert.deepEqual(pick(result), { valid: false, reason: 'revoked' });
    assert.equal(result.valid === false && result.revokedAt, t.now.toISOString());

    const audit = await t.db.query<{ action: string; actor_name: string }>('SELECT action, actor_name FROM audit_log WHERE subject_id = $1', [certificate.id]);
    assert.deepEqual(audit, [{ action: 'certificate.revoked', actor_name: '李主任' }]);
    const events = await t.db.query<{ type: string }>('SELECT type FROM outbox_events WHERE subject_id = $1 ORDER BY seq', [certificate.id]);
    assert.deepEqual(events.map((e) => e.type), ['certificate.issued', 'certificate.revoked']);
  });

  it('after a key rotation, old certificates still verify against the key set, and new ones use the new key', async () => {
    const w = await world();
    const before = (await issue(w)).body as Certificate;
    const rotatedAt = new Date(TODAY.getTime() + 60_000);
    const { retired, inUse } = await rotateCertificateKey(t.db, rotatedAt);
    assert.equal(retired, before.kid);
    t.now = new Date(TODAY.getTime() + 120_000);
    const after = (await issue(w, { from: '2026-03-01', to: '2026-03-31' })).body as Certificate;
    assert.equal(after.kid, inUse);
    assert.notEqual(after.kid, before.kid);

    const keys = await servedKeys();
    assert.equal(keys.keys[0]!.kid, inUse, 'the key in use first');
    assert.equal(keys.keys[0]!.validUntil, null);
    assert.equal(keys.keys.find((key) => key.kid === before.kid)!.validUntil, rotatedAt.toISOString());
    for (const certificate of [before, after]) {
      await jwtVerify(certificate.jws, createLocalJWKSet(keys as never), { algorithms: ['EdDSA'] });
      assert.equal((await verifyCertificate(certificate.jws, { jwks: keys })).valid, true);
    }
    // A retired key cannot vouch for a certificate dated after its retirement.
    const retiredKey = keys.keys.find((key) => key.kid === before.kid)!;
    assert.deepEqual(pick(await verifyCertificate(before.jws, { jwks: { keys: [{ ...retiredKey, validUntil: new Date(before.claims.iat * 1000 - 1000).toISOString() }] } })),
      { valid: false, reason: 'key_not_valid' });
    const keyAnswer = await call(t.app, 'GET', '/.well-known/jwks.json');
    assert.doesNotMatch(keyAnswer.text, /"d"\s*:/, 'no private key material');
    assert.equal(keyAnswer.headers.get('access-control-allow-origin'), '*');
    assert.equal((await call(t.app, 'GET', '/.well-known/jwks.json', { headers: { 'If-None-Match': keyAnswer.headers.get('etag')! } })).status, 304);
  });

  it('a rotation whose clock was read before a signing it waited for still covers that certificate', async () => {
    await t.db.query('DELETE FROM certificate_keys'); // keys outlive the reset between tests; start with none
    const w = await world();
    t.now = new Date(TODAY.getTime() - 120_000);
    await issue(w); // the key comes into use two minutes before
    t.now = TODAY;
    const signed = (await issue(w)).body as Certificate;
    await rotateCertificateKey(t.db, new Date(TODAY.getTime() - 60_000));
    const keys = await servedKeys();
    assert.equal(keys.keys.find((key) => key.kid === signed.kid)!.validUntil, signed.issuedAt);
    assert.equal((await verifyCertificate(signed.jws, { jwks: keys })).valid, true);
  });

  it('refuses a period that is reversed, in the future, or without approved hours, with the field named', async () => {
    const w = await world();
    const reversed = await issue(w, { from: '2026-06-30', to: '2026-01-01' });
    assertProblem(reversed, 422, 'validation_failed');
    assert.equal(reversed.body.errors[0].path, 'from');
    const future = await issue(w, { from: '2026-06-01', to: '2026-07-02' });
    assertProblem(future, 422, 'validation_failed');
    assert.equal(future.body.errors[0].path, 'to');
    const empty = await issue(w, { from: '2026-06-01', to: '2026-06-30' });
    assertProblem(empty, 422, 'validation_failed');
    assert.equal(empty.body.errors[0].code, 'no_approved_hours');
    const badDay = await issue(w, { from: '2026-02-30x', to: '2026-06-30' });
    assertProblem(badDay, 422, 'validation_failed');
    assert.equal(badDay.body.errors[0].path, 'from');
    assertProblem(await call(t.app, 'POST', '/v1/me/certificates', { key: news.publishableKey, body: { from: '2026-01-01', to: '2026-06-30' } }), 401, 'unauthorized');
  });

  it('one certificate per Idempotency-Key, and one key in use when two instances issue at once on a fresh database', async () => {
    const w = await world();
    const first = await issue(w, undefined, { 'Idempotency-Key': 'cert-1' });
    const again = await issue(w, undefined, { 'Idempotency-Key': 'cert-1' });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.body.id);

    await t.db.query('TRUNCATE certificates');
    await t.db.query('DELETE FROM certificate_keys');
    const second = createApp(t.db, { readCacheMs: 0, rateLimit: false, now: () => t.now });
    const answers = await Promise.all([
      call(t.app, 'POST', '/v1/me/certificates', { bearer: w.token, body: { from: '2026-01-01', to: '2026-06-30' } }),
      call(second, 'POST', '/v1/me/certificates', { bearer: w.token, body: { from: '2026-01-01', to: '2026-06-30' } }),
    ]);
    assert.deepEqual(answers.map((a) => a.status), [201, 201], answers.map((a) => a.text).join('\n'));
    const keys = await t.db.query<{ kid: string }>('SELECT kid FROM certificate_keys');
    assert.equal(keys.length, 1);
    assert.deepEqual(answers.map((a) => a.body.kid), [keys[0]!.kid, keys[0]!.kid]);
    assert.notEqual(answers[0]!.body.number, answers[1]!.body.number);
  });
});

describe('volunteerkit-server --rotate-certificate-key', () => {
  it('rotates and exits, printing key ids only', () => {
    const cli = new URL('../src/cli.ts', import.meta.url).pathname;
    const env = { ...process.env };
    delete env['DATABASE_URL'];
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--data', 'memory', '--rotate-certificate-key'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Certificate signing key rotated: \(none\) retired, [A-Za-z0-9_-]{43} in use\.$/m);
    assert.doesNotMatch(run.stdout + run.stderr, /"d"|"x"/, 'no key material printed');
  });
});

function pick(result: { valid: boolean; reason?: string }) {
  return { valid: result.valid, reason: result.reason };
}

