/**
 * The platform's certificate signing keys (Ed25519, through `jose`). One key is in use; rotation
 * retires it and puts a new one in use in one transaction, and retired keys stay published with
 * their validity window, so every certificate ever issued keeps verifying. Private keys are kept
 * in the database sealed under the seal secret (domain/sealing.ts), so every instance over one
 * database signs with the same key, and they never appear in an answer or a log line.
 * See docs/architecture.md, "Signed certificates".
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { CertificateKey, CertificateKeySet } from '@volunteerkit/sdk/schemas';
import type { Database, Queryable } from '../db/database.js';
import * as k from '../db/certificate-queries.js';
import type { CertificateKeyRow } from '../db/rows.js';
import { iso, isoOrNull } from '../db/rows.js';
import { seal, unseal } from '../domain/sealing.js';

export const CERTIFICATE_ALG = 'EdDSA';

/** A new key pair: the public JWK with its RFC 7638 thumbprint as `kid`, the private JWK sealed. */
async function newKey(sealSecret: string): Promise<{ kid: string; publicJwk: JWK; privateJwkSealed: string }> {
  const pair = await generateKeyPair(CERTIFICATE_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { kid, publicJwk, privateJwkSealed: seal(JSON.stringify(await exportJWK(pair.privateKey)), sealSecret) };
}

/**
 * The key in use, made on first need. Two instances starting together both try to insert; the
 * unique index lets one win and the other reads the winner.
 */
export async function ensureSigningKey(db: Queryable, sealSecret: string, now: Date): Promise<CertificateKeyRow> {
  const existing = await k.keyInUse(db);
  if (existing) return existing;
  const key = await newKey(sealSecret);
  await k.insertKeyIfNoneInUse(db, { ...key, at: now });
  return (await k.keyInUse(db))!;
}

/**
 * Retires the key in use (its window closes at `now`) and puts a new one in use, in one
 * transaction. Returns the new key's kid. Certificates signed by the old key stay valid.
 */
export async function rotateSigningKey(db: Database, sealSecret: string, now: Date): Promise<{ retired: string | null; inUse: string }> {
  const key = await newKey(sealSecret);
  return db.transaction(async (tx) => {
    const retired = await k.retireKeyInUse(tx, now);
    if (!(await k.insertKeyIfNoneInUse(tx, { ...key, at: now }))) throw new Error('another key was put in use during the rotation');
    return { retired, inUse: key.kid };
  });
}

/** Imported private keys by kid: unsealing and importing once per process, not per certificate. */
const privateKeys = new Map<string, Promise<CryptoKey>>();

export function privateKeyOf(row: CertificateKeyRow, sealSecret: string): Promise<CryptoKey> {
  let key = privateKeys.get(row.kid);
  if (!key) {
    const jwk = unseal(row.private_jwk_sealed, sealSecret);
    // Says which key, never anything of it.
    if (jwk === null) throw new Error(`certificate key ${row.kid} cannot be unsealed: the seal secret (VK_SEAL_SECRET) is not the one it was sealed with`);
    key = importJWK(JSON.parse(jwk) as JWK, CERTIFICATE_ALG) as Promise<CryptoKey>;
    key.catch(() => privateKeys.delete(row.kid));
    privateKeys.set(row.kid, key);
  }
  return key;
}

export function toCertificateKey(row: CertificateKeyRow): CertificateKey {
  const jwk = row.public_jwk;
  return {
    kty: 'OKP', crv: 'Ed25519', x: jwk['x']!, kid: row.kid, alg: CERTIFICATE_ALG, use: 'sig',
    validFrom: iso(row.created_at), validUntil: isoOrNull(row.retired_at),
  };
}

/** `GET /.well-known/jwks.json`: every key, in use first, with its validity window. */
export async function publishedKeySet(db: Queryable): Promise<CertificateKeySet> {
  return { keys: (await k.allKeys(db)).map(toCertificateKey) };
}
