/**
 * Certificates of service (志愿服务证明): a volunteer's approved hours in a period, signed by the
 * platform as a compact JWS (Ed25519) that anyone can check offline against the published keys.
 * See docs/spec/domain.md, "Recognition". @module
 */
import * as z from 'zod/mini';
import { Timestamp } from './common.js';

/** `cer_…`: a certificate's id, also its JWS `jti`. */
export const CertificateId = z.string().check(
  z.regex(/^cer_[A-Za-z0-9]{4,40}$/, 'must be an id that starts with cer_'),
) as z.ZodMiniType<`cer_${string}`, string>;
export type CertificateId = z.infer<typeof CertificateId>;

/** A calendar day, `2026-06-30`. */
export const CalendarDate = z.iso.date();

/** Body of `POST /v1/me/certificates`: the period, both days included (China Standard Time). */
export const CreateCertificateBody = z.object({
  from: CalendarDate,
  to: CalendarDate,
});
export type CreateCertificateBody = z.infer<typeof CreateCertificateBody>;

/**
 * What a certificate's JWS says (its payload), and nothing else: no phone, no ID number, no
 * volunteer id. `digest` is the SHA-256 of the counted records' ids (sorted, one per line), so
 * the platform can show later which records a certificate was made from.
 */
export const CertificateClaims = z.object({
  /** The issuing platform. */
  iss: z.string().check(z.minLength(1)),
  /** The certificate's id. */
  jti: CertificateId,
  /** Issued at, seconds since 1970. */
  iat: z.int().check(z.nonnegative()),
  /** The certificate number people quote: `VK-2026-000123`. */
  number: z.string().check(z.regex(/^VK-\d{4}-\d{6,}$/)),
  /** The volunteer's name, masked (`张*明`). */
  name: z.string(),
  /** Approved hours in the period. */
  hours: z.number().check(z.minimum(0)),
  /** How many approved service records the hours come from. */
  records: z.int().check(z.minimum(1)),
  from: CalendarDate,
  to: CalendarDate,
  /** `sha-256:` and the base64url digest of the records' ids. */
  digest: z.string().check(z.regex(/^sha-256:[A-Za-z0-9_-]{43}$/)),
});
export type CertificateClaims = z.infer<typeof CertificateClaims>;

export const CertificateStatus = z.enum(['valid', 'revoked']);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const Certificate = z.object({
  id: CertificateId,
  number: z.string(),
  status: CertificateStatus,
  /** The signed claims, readable without checking them (check `jws` for proof). */
  claims: CertificateClaims,
  /** The compact JWS (`header.payload.signature`, `alg: EdDSA`), what a QR code carries. */
  jws: z.string(),
  /** The signing key's RFC 7638 thumbprint, as in `/.well-known/jwks.json`. */
  kid: z.string(),
  issuedAt: Timestamp,
  revokedAt: z.nullable(Timestamp),
});
export type Certificate = z.infer<typeof Certificate>;

/** Body of `POST /v1/certificates/{id}/revoke` (secret key). */
export const RevokeCertificateBody = z.object({
  reason: z.enum(['issued_in_error', 'records_corrected', 'superseded', 'other']),
  /** Who at the partner decided, for the audit log. */
  revokedBy: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type RevokeCertificateBody = z.infer<typeof RevokeCertificateBody>;

/**
 * One published public key (RFC 7517, an Ed25519 `OKP` key), with the window in which it signed:
 * `validUntil` is `null` for the key in use. A certificate verifies only against a key that was
 * valid when the certificate was issued.
 */
export const CertificateKey = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
  validFrom: Timestamp,
  validUntil: z.nullable(Timestamp),
});
export type CertificateKey = z.infer<typeof CertificateKey>;

/** `GET /.well-known/jwks.json`. */
export const CertificateKeySet = z.object({ keys: z.array(CertificateKey) });
export type CertificateKeySet = z.infer<typeof CertificateKeySet>;

export const RevokedCertificate = z.object({
  id: CertificateId,
  number: z.string(),
  revokedAt: Timestamp,
});
export type RevokedCertificate = z.infer<typeof RevokedCertificate>;

/** `GET /.well-known/certificate-revocations.json`: every revoked certificate, newest first. */
export const CertificateRevocationList = z.object({
  issuer: z.string(),
  /** When the newest revocation happened; `null` while nothing is revoked. */
  updatedAt: z.nullable(Timestamp),
  revoked: z.array(RevokedCertificate),
});
export type CertificateRevocationList = z.infer<typeof CertificateRevocationList>;
