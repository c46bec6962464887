/**
 * Real signed certificates for the widget tests: an Ed25519 key made in the browser with jose (the
 * library the server signs with), its published key set, and certificates signed by it — so
 * `<vk-verify>` checks genuine signatures, not stubs.
 */
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { CertificateClaims, CertificateKeySet } from '@volunteerkit/sdk';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwks: CertificateKeySet;
}

export async function makeSigningKey(validFrom = '2026-01-01T00:00:00.000Z'): Promise<SigningKey> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateKey: pair.privateKey,
    jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x!, kid, alg: 'EdDSA', use: 'sig', validFrom, validUntil: null }] },
  };
}

export function makeClaims(overrides: Partial<CertificateClaims> = {}): CertificateClaims {
  return {
    iss: 'VolunteerKit', jti: 'cer_7Hq2Lm9Xc4Vb8Nt3Rk6W', iat: Date.parse('2026-07-01T04:00:00Z') / 1000, number: 'VK-2026-000042',
    name: '林*雨', hours: 12.5, records: 4, from: '2026-01-01', to: '2026-06-30',
    digest: 'sha-256:LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE', ...overrides,
  };
}

export function sign(key: SigningKey, claims: CertificateClaims = makeClaims()): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vk-certificate+jwt' }).sign(key.privateKey);
}

/** `jws` with one byte of its claims changed ("hours":12.5 → 13.5), re-encoded so it still looks well-formed. */
export function alterOneClaimByte(jws: string): string {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  const altered = json.replace('"hours":12.5', '"hours":13.5');
  if (altered === json) throw new Error('no hours claim to alter');
  const bytes = new TextEncoder().encode(altered);
  const encoded = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${header}.${encoded}.${signature}`;
}
