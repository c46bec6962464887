/**
 * Real signed certificates for the widget tests: fixed Ed25519 keys imported in the browser with
 * jose (the library the server signs with), their published key set, and certificates signed by
 * them — so `<vk-verify>` checks genuine signatures, not stubs.
 *
 * The keys are fixed, not generated per run: WebKitGTK's `generateKey` refuses about 0.8 % of
 * Ed25519 draws (a key component whose first byte is 0 loses it on the way out of libgcrypt,
 * WebKit bug 307095), which failed a CI run. A fixed key makes every signature deterministic too.
 * None of these keys' `d` or `x` begins with a zero byte, for the same reason. Test keys only.
 */
import { SignJWT, calculateJwkThumbprint, importJWK } from 'jose';
import type { CertificateClaims, CertificateKeySet } from '@volunteerkit/sdk';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwks: CertificateKeySet;
}

/** Made once with Node's `generateKeyPairSync('ed25519')`: the platform's key, a key nobody published, and the next key after a rotation. */
const TEST_KEYS = {
  issuer: { d: 'uLJujjysgz0qhb1CnM2bLJMRAwQHJSFuLrKkADgWeC0', x: 'VrlMfFDYCilkP8l_J85f6p0sBnTJrC-9l3Hy0e6vyJ8' },
  stranger: { d: 'snS7t2um5muUWz5CXCta4urlou6W6lUspbU6NyHBfGs', x: 'c8RQ-jZWXRQ5PhlbtY0HTrtfo9IA520CJGVFnrGPCLw' },
  successor: { d: 'VHhAeFJUPwKu_6ZfNCyGrntsIDSlVGHNz5wJo9LeTGY', x: 'aMs5-i5toxyUhusvuRnBXBhTGJOd4SWH32ceiSbse7Y' },
} as const;

export async function makeSigningKey(name: keyof typeof TEST_KEYS = 'issuer', validFrom = '2026-01-01T00:00:00.000Z'): Promise<SigningKey> {
  const { d, x } = TEST_KEYS[name];
  const privateKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', d, x }, 'EdDSA') as CryptoKey;
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
  return {
    kid,
    privateKey,
    jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig', validFrom, validUntil: null }] },
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
