/**
 * `verifyCertificate()`: checks a certificate of service (a compact JWS, or a verification URL
 * whose fragment holds one) against the platform's published keys, with no network call — the
 * caller passes the key set (and, to catch revocations, the revocation list) it fetched or cached.
 * Runs in browsers and Node ≥ 20 (WebCrypto Ed25519, through `jose`).
 *
 * Published as `@volunteerkit/sdk/verify`, apart from the client: only a page that verifies pays
 * for the signature code.
 *
 * ```ts
 * import { verifyCertificate } from '@volunteerkit/sdk/verify';
 * const jwks = await (await fetch('https://api.example.org/.well-known/jwks.json')).json();
 * const result = await verifyCertificate(location.href, { jwks });
 * if (result.valid) console.log(result.claims.hours);
 * else console.log(result.reason); // 'altered', 'unknown_key', 'revoked', …
 * ```
 *
 * @module
 */
import { compactVerify, decodeProtectedHeader, errors, importJWK } from 'jose';
import { CertificateClaims, type CertificateKey, type CertificateRevocationList } from './schemas/certificate.js';

export type { CertificateClaims, CertificateKey, CertificateKeySet, CertificateRevocationList } from './schemas/certificate.js';

/** The JWS header `typ` of every certificate. */
export const CERTIFICATE_TYP = 'vk-certificate+jwt';

/**
 * Why a certificate is refused:
 * - `malformed`: not a certificate at all (not a compact JWS, not our `typ`, claims missing);
 * - `bad_signature`: the signature is not an Ed25519 (`EdDSA`) signature;
 * - `unknown_key`: no published key has its `kid` (forged, or from another platform);
 * - `key_not_valid`: the key exists but was not in use when the certificate says it was issued;
 * - `altered`: the content (or the signature) changed after signing: they no longer match;
 * - `revoked`: authentic, but the platform has withdrawn it.
 */
export type CertificateRefusal = 'malformed' | 'bad_signature' | 'unknown_key' | 'key_not_valid' | 'altered' | 'revoked';

export type CertificateVerification =
  | {
      valid: true;
      /** What the platform signed: the number, masked name, approved hours, records, period, issuer. */
      claims: CertificateClaims;
      /** The key that signed it. */
      key: CertificateKey;
      /** Whether a revocation list was consulted (without one, "not revoked" is not proven). */
      revocationsChecked: boolean;
    }
  | {
      valid: false;
      reason: CertificateRefusal;
      /** An English sentence for logs; widgets word the `reason` in the reader's language. */
      message: string;
      /** Only when `reason` is `revoked`: the signature holds, so these claims are authentic. */
      claims?: CertificateClaims;
      revokedAt?: string;
    };

export interface VerifyCertificateOptions {
  /** The platform's key set, as served at `/.well-known/jwks.json` (fetched or cached). */
  jwks: { keys: ReadonlyArray<CertificateKey | (Record<string, unknown> & { kid?: string })> };
  /** The revocation list, as served at `/.well-known/certificate-revocations.json`. */
  revocations?: Pick<CertificateRevocationList, 'revoked'>;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The JWS in `input`: itself, or the fragment of a verification URL (`…/verify#eyJ…`). `null`
 * when there is none.
 */
export function certificateJwsOf(input: string): string | null {
  let candidate = input.trim();
  const hash = candidate.indexOf('#');
  if (hash >= 0) candidate = candidate.slice(hash + 1);
  try {
    candidate = decodeURIComponent(candidate);
  } catch {
    return null;
  }
  candidate = candidate.replace(/^(?:jws|cert)=/, '').trim();
  return COMPACT_JWS.test(candidate) ? candidate : null;
}

const refuse = (reason: CertificateRefusal, message: string): CertificateVerification => ({ valid: false, reason, message });

function base64urlLength(part: string): number {
  return Math.floor((part.length * 3) / 4);
}

export async function verifyCertificate(jwsOrUrl: string, options: VerifyCertificateOptions): Promise<CertificateVerification> {
  const jws = certificateJwsOf(jwsOrUrl);
  if (jws === null) return refuse('malformed', 'This is not a certificate: no compact JWS found.');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return refuse('malformed', 'The certificate\'s header cannot be read.');
  }
  if (header.typ !== CERTIFICATE_TYP) return refuse('malformed', `This token is not a certificate (typ ${String(header.typ)}).`);
  const signature = jws.slice(jws.lastIndexOf('.') + 1);
  if (header.alg !== 'EdDSA' || base64urlLength(signature) !== 64)
    return refuse('bad_signature', `The signature is not an Ed25519 (EdDSA) signature (alg ${String(header.alg)}).`);
  const key = options.jwks.keys.find((candidate) => typeof header.kid === 'string' && candidate.kid === header.kid) as CertificateKey | undefined;
  if (!key) return refuse('unknown_key', `No published key has the id ${String(header.kid)}.`);
  let payload: Uint8Array;
  try {
    const verified = await compactVerify(jws, await importJWK({ kty: key.kty, crv: key.crv, x: key.x }, 'EdDSA'), { algorithms: ['EdDSA'] });
    payload = verified.payload;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('altered', 'The signature does not match the content: the certificate was changed after it was signed.');
    return refuse('malformed', `The certificate cannot be checked: ${(error as Error).message}`);
  }
  let claims: CertificateClaims;
  try {
    const parsed = CertificateClaims.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    if (!parsed.success) return refuse('malformed', 'The certificate is signed but lacks the claims of a certificate.');
    claims = parsed.data;
  } catch {
    return refuse('malformed', 'The certificate\'s content is not JSON.');
  }
  const issuedAt = claims.iat * 1000;
  const from = Math.floor(Date.parse(key.validFrom) / 1000) * 1000;
  if (!(issuedAt >= from) || (key.validUntil !== null && key.validUntil !== undefined && issuedAt > Date.parse(key.validUntil)))
    return refuse('key_not_valid', `Key ${key.kid} was not in use when this certificate says it was issued.`);
  const revocation = options.revocations?.revoked.find((entry) => entry.id === claims.jti);
  if (revocation) return { valid: false, reason: 'revoked', message: `Certificate ${claims.number} was revoked on ${revocation.revokedAt}.`, claims, revokedAt: revocation.revokedAt };
  return { valid: true, claims, key, revocationsChecked: options.revocations !== undefined };
}
