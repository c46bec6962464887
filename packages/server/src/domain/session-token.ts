/**
 * Volunteer session tokens: `vst_<payload>.<signature>`, the payload base64url JSON
 * `{ v: volunteerId, c: channelId, exp: unix seconds }`, the signature HMAC-SHA256 over it. Stateless,
 * so any instance holding the same secret verifies it without a database read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  volunteerId: string;
  channelId: string;
  expiresAt: Date;
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`vst.${payload}`).digest('base64url');
}

export function signSessionToken(claims: SessionClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ v: claims.volunteerId, c: claims.channelId, exp: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `vst_${payload}.${sign(payload, secret)}`;
}

export type VerifyResult = { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifySessionToken(token: string, secret: string, now: Date): VerifyResult {
  const match = /^vst_([A-Za-z0-9_-]{10,600})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let body: { v?: unknown; c?: unknown; exp?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof body.v !== 'string' || typeof body.c !== 'string' || typeof body.exp !== 'number') return { ok: false, reason: 'malformed' };
  if (body.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { volunteerId: body.v, channelId: body.c, expiresAt: new Date(body.exp * 1000) } };
}

/**
 * Organizer sessions: `ost_<payload>.<signature>`, the payload `{ c: channelId, o: organizationId,
 * s: staffId, n: name, exp }`, signed like volunteer sessions but under another label, so neither
 * kind of token can ever pass for the other.
 */
export interface OrganizerClaims {
  channelId: string;
  organizationId: string;
  staffId: string;
  name: string;
  expiresAt: Date;
}

function signOrganizer(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`ost.${payload}`).digest('base64url');
}

export function signOrganizerToken(claims: OrganizerClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify({
    c: claims.channelId, o: claims.organizationId, s: claims.staffId, n: claims.name, exp: Math.floor(claims.expiresAt.getTime() / 1000),
  })).toString('base64url');
  return `ost_${payload}.${signOrganizer(payload, secret)}`;
}

export type VerifyOrganizerResult = { ok: true; claims: OrganizerClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyOrganizerToken(token: string, secret: string, now: Date): VerifyOrganizerResult {
  const match = /^ost_([A-Za-z0-9_-]{10,1200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(signOrganizer(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let body: { c?: unknown; o?: unknown; s?: unknown; n?: unknown; exp?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof body.c !== 'string' || typeof body.o !== 'string' || typeof body.s !== 'string' || typeof body.n !== 'string' || typeof body.exp !== 'number')
    return { ok: false, reason: 'malformed' };
  if (body.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { channelId: body.c, organizationId: body.o, staffId: body.s, name: body.n, expiresAt: new Date(body.exp * 1000) } };
}
