/**
 * Certificates of service: issued to the signed-in volunteer, revoked by the partner's secret key,
 * and the public documents anyone verifies them with (`/.well-known/…`, no credential: a school
 * or employer opening a QR code has none). @module
 */
import { CreateCertificateBody, RevokeCertificateBody } from '@volunteerkit/sdk/schemas';
import { Hono, type Context } from 'hono';
import { etagOf, matchesEtag } from '../http/cache.js';
import type { AppEnv } from '../http/context.js';
import { sendWrite } from '../http/write.js';
import { parseBody, pathId } from '../http/validate.js';
import { publishedKeySet } from '../services/certificate-keys.js';
import { issueCertificate, revocationList, revokeCertificate } from '../services/certificates.js';
import { actionContext, secretCaller, sessionCaller } from './guards.js';

export const certificateRoutes = new Hono<AppEnv>();

certificateRoutes.post('/v1/me/certificates', async (c) => {
  const caller = sessionCaller(c);
  const body = parseBody(c, CreateCertificateBody);
  const { now, secrets } = c.get('services');
  const sealSecret = (await secrets()).seal;
  return sendWrite(c, 201, (tx) => issueCertificate(tx, { channel: caller.channel, volunteerId: caller.volunteerId, body, sealSecret, now: now() }));
});

certificateRoutes.post('/v1/certificates/:id/revoke', async (c) => {
  const caller = secretCaller(c);
  const id = pathId(c, 'id', 'cer', 'Certificate');
  const body = parseBody(c, RevokeCertificateBody);
  return sendWrite(c, 200, (tx) => revokeCertificate(tx, id, body, actionContext(c, caller, body.revokedBy ?? null)));
});

/**
 * A public verification document: any origin may read it (a verify page on a school's site),
 * caches may keep it briefly, and a revalidation costs a hash.
 */
function sendPublicDocument(c: Context<AppEnv>, payload: unknown, maxAgeSeconds: number): Response {
  const body = JSON.stringify(payload);
  const etag = etagOf(body);
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  c.header('ETag', etag);
  if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

// Keys change only on rotation, and a verifier holding an old copy still verifies old certificates.
certificateRoutes.get('/.well-known/jwks.json', async (c) => sendPublicDocument(c, await publishedKeySet(c.get('services').db), 3600));

// Short-lived: a revocation should reach verifiers within a minute.
certificateRoutes.get('/.well-known/certificate-revocations.json', async (c) => {
  return sendPublicDocument(c, await revocationList(c.get('services').db), 60);
});
