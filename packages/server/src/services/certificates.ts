/**
 * Certificates of service (志愿服务证明): issued to the signed-in volunteer for a period, from
 * approved records only, signed as a compact JWS; revoked by the partner's secret key. Each change
 * is one transaction with its outbox event (and its audit row, for a revocation).
 */
import { SignJWT } from 'jose';
import { maskName, type Certificate, type CertificateClaims, type CertificateRevocationList, type CreateCertificateBody, type RevokeCertificateBody } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as k from '../db/certificate-queries.js';
import * as q from '../db/queries.js';
import type { ChannelRow, CertificateRow } from '../db/rows.js';
import { iso, isoOrNull } from '../db/rows.js';
import { certificateNumber, chinaDay, periodErrors, recordsDigest } from '../domain/certificates.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { CERTIFICATE_ALG, ensureSigningKey, privateKeyOf } from './certificate-keys.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordEvent } from './outbox.js';

/** The media type in each certificate's JWS header, so a certificate is not mistaken for another token. */
export const CERTIFICATE_TYP = 'vk-certificate+jwt';

/** The `iss` of certificates: the operator's name for the platform (`VK_CERTIFICATE_ISSUER`). */
export function certificateIssuer(): string {
  return process.env['VK_CERTIFICATE_ISSUER'] || 'VolunteerKit';
}

export function toCertificate(row: CertificateRow): Certificate {
  return {
    id: row.id as Certificate['id'], number: row.number, status: row.revoked_at === null ? 'valid' : 'revoked',
    claims: row.claims, jws: row.jws, kid: row.kid, issuedAt: iso(row.issued_at), revokedAt: isoOrNull(row.revoked_at),
  };
}

export async function issueCertificate(
  tx: Queryable,
  input: { channel: ChannelRow; volunteerId: string; body: CreateCertificateBody; sealSecret: string; now: Date },
): Promise<Certificate> {
  const { channel, volunteerId, body, now } = input;
  const errors = periodErrors(body.from, body.to, chinaDay(now));
  if (errors.length > 0) throw invalid(errors, 'The period is not valid.');
  const volunteer = await q.getVolunteer(tx, volunteerId);
  if (!volunteer || volunteer.channel_id !== channel.id) throw new DomainError('unauthorized', 'The session names an unknown volunteer.');
  const approved = await k.approvedRecordsInPeriod(tx, volunteerId, body.from, body.to);
  if (approved.record_ids.length === 0)
    throw invalid([{ path: 'from', message: 'the period holds no approved service hours', code: 'no_approved_hours' }], 'There are no approved hours in this period to certify.');
  await ensureSigningKey(tx, input.sealSecret, now);
  // Shared lock: a rotation waits until this certificate is signed with the key it retires.
  const keyRow = (await k.keyInUse(tx, { share: true }))!;
  const seq = await k.nextCertificateSeq(tx);
  const id = newId('cer');
  const claims: CertificateClaims = {
    iss: certificateIssuer(), jti: id as CertificateClaims['jti'], iat: Math.floor(now.getTime() / 1000),
    number: certificateNumber(seq, now), name: maskName(volunteer.name),
    hours: Math.round(approved.hours * 100) / 100, records: approved.record_ids.length,
    from: body.from, to: body.to, digest: recordsDigest(approved.record_ids),
  };
  const jws = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: CERTIFICATE_ALG, kid: keyRow.kid, typ: CERTIFICATE_TYP })
    .sign(await privateKeyOf(keyRow, input.sealSecret));
  await k.insertCertificate(tx, {
    id, seq, number: claims.number, channelId: channel.id, volunteerId, kid: keyRow.kid, from: body.from, to: body.to,
    hours: claims.hours, recordCount: claims.records, claims, jws, at: now,
  });
  await recordEvent(tx, { channelId: channel.id, type: 'certificate.issued', subjectId: id }, now);
  return toCertificate((await k.getCertificate(tx, id))!);
}

/** Revokes one of the channel's certificates: it stays on record and is published as revoked. */
export async function revokeCertificate(tx: Queryable, id: string, body: RevokeCertificateBody, ctx: ActionContext): Promise<Certificate> {
  const row = await k.lockCertificate(tx, id);
  if (!row || row.channel_id !== ctx.channel.id) throw notFound('Certificate');
  if (row.revoked_at !== null) throw new DomainError('conflict', `Certificate ${row.number} was already revoked on ${iso(row.revoked_at)}.`);
  await k.markRevoked(tx, id, body.reason, ctx.now);
  await audit(tx, ctx, 'certificate.revoked', { type: 'certificate', id }, { reason: body.reason, number: row.number });
  await recordEvent(tx, { channelId: ctx.channel.id, type: 'certificate.revoked', subjectId: id, version: 2 }, ctx.now);
  return toCertificate((await k.getCertificate(tx, id))!);
}

/** `GET /.well-known/certificate-revocations.json`. */
export async function revocationList(db: Queryable): Promise<CertificateRevocationList> {
  const rows = await k.revokedCertificates(db);
  return {
    issuer: certificateIssuer(),
    updatedAt: rows[0] ? iso(rows[0].revoked_at) : null,
    revoked: rows.map((r) => ({ id: r.id as CertificateRevocationList['revoked'][number]['id'], number: r.number, revokedAt: iso(r.revoked_at) })),
  };
}
