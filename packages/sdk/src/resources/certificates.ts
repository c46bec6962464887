/**
 * Certificates of service (志愿服务证明). Not attached to the client, so a page that never issues
 * one does not carry them: construct them on a session client (issue) or a secret-key client
 * (revoke). Checking a certificate needs no client at all: `verifyCertificate` in
 * `@volunteerkit/sdk/verify`.
 *
 * ```ts
 * import { createClient, MyCertificates } from '@volunteerkit/sdk';
 * const me = createClient({ baseUrl, publishableKey }).withSession(token);
 * const certificate = await new MyCertificates(me).create({ from: '2026-01-01', to: '2026-06-30' });
 * ```
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { Certificate, CreateCertificateBody, RevokeCertificateBody } from '../schemas/certificate.js';

/** The signed-in volunteer's certificates (volunteer session). */
export class MyCertificates extends APIResource {
  /**
   * Issues a signed certificate of the volunteer's approved hours in the period (both days
   * included, China Standard Time). A period without approved hours is a 422. Pass an
   * `idempotencyKey` so a retry does not issue a second certificate.
   *
   * @example
   * ```ts
   * const certificate = await new MyCertificates(vk.withSession(token)).create({ from: '2026-01-01', to: '2026-06-30' }, { idempotencyKey: crypto.randomUUID() });
   * console.log(certificate.number, certificate.claims.hours);
   * ```
   */
  create(body: CreateCertificateBody, options?: RequestOptions): Promise<Certificate> {
    return this.client.request({ method: 'POST', path: '/v1/me/certificates', body, auth: 'session', schema: 'Certificate', options, name: 'me.certificates.create' });
  }
}

/** Revoking the channel's certificates (secret key, partner back ends). */
export class Certificates extends APIResource {
  /**
   * Revokes a certificate (audited): it is published in `/.well-known/certificate-revocations.json`
   * and verifiers refuse it from then on. Revoking twice is a 409.
   *
   * @example
   * ```ts
   * await new Certificates(vk).revoke('cer_7Hq2Lm9Xc4Vb8Nt3Rk6W', { reason: 'records_corrected', revokedBy: '李主任' });
   * ```
   */
  revoke(id: string, body: RevokeCertificateBody, options?: RequestOptions): Promise<Certificate> {
    return this.client.request({ method: 'POST', path: `/v1/certificates/${encodeURIComponent(id)}/revoke`, body, auth: 'secret', schema: 'Certificate', options, name: 'certificates.revoke' });
  }
}
