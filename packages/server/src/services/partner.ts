/** What partner back ends do with their secret key: mint sessions, record and review service hours. @module */
import type { GuestVolunteer, ServiceRecord, Session, SignupExport, SignupStatus } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as q from '../db/queries.js';
import type { ChannelRow, SignupExportRow } from '../db/rows.js';
import { iso, toServiceRecord, toSignup } from '../db/rows.js';
import { unseal } from '../domain/sealing.js';
import { signSessionToken } from '../domain/session-token.js';
import { guestIdentityKey } from '../domain/signup-rules.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordChange } from './events.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';
import { volunteerFields } from './volunteers.js';

const DEFAULT_SESSION_TTL_SECONDS = 3600;

export async function mintSession(
  tx: Queryable,
  channel: ChannelRow,
  body: { externalId: string; volunteer: GuestVolunteer; ttlSeconds?: number | undefined },
  secrets: { session: string; seal: string },
  now: Date,
): Promise<Session> {
  const volunteer = await q.upsertSessionVolunteer(tx, newId('vol'), channel.id, body.externalId,
    guestIdentityKey(channel.identity_fields, body.volunteer), volunteerFields(body.volunteer, secrets.seal));
  const expiresAt = new Date(now.getTime() + (body.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS) * 1000);
  return {
    token: signSessionToken({ volunteerId: volunteer.id, channelId: channel.id, expiresAt }, secrets.session),
    volunteerId: volunteer.id as Session['volunteerId'],
    channelId: channel.id as Session['channelId'],
    expiresAt: iso(expiresAt),
  };
}

/**
 * Records served hours as `pending`; they count nowhere until approved. The volunteer must belong
 * to the partner's channel and the shift to the opportunity. Hours default to check-out − check-in.
 */
export async function recordService(
  tx: Queryable,
  channel: ChannelRow,
  body: { volunteerId: string; opportunityId: string; shiftId: string; checkIn: string; checkOut: string; hours?: number | undefined; recordedBy: string },
  ctx: ActionContext,
): Promise<ServiceRecord> {
  const volunteer = await q.getVolunteer(tx, body.volunteerId);
  if (!volunteer || volunteer.channel_id !== channel.id) throw notFound('Volunteer');
  const shift = await q.shiftOfOpportunity(tx, body.shiftId, body.opportunityId);
  if (!shift) throw invalid([{ path: 'shiftId', message: 'is not a shift of this opportunity', code: 'unknown_shift' }]);
  const checkIn = new Date(body.checkIn);
  const checkOut = new Date(body.checkOut);
  const served = (checkOut.getTime() - checkIn.getTime()) / 3_600_000;
  if (served <= 0) throw invalid([{ path: 'checkOut', message: 'must be after checkIn', code: 'too_small' }]);
  if (served > 24) throw invalid([{ path: 'checkOut', message: 'must be within 24 hours of checkIn', code: 'too_big' }]);
  const hours = body.hours ?? Math.round(served * 100) / 100;
  if (hours > served + 1e-9) throw invalid([{ path: 'hours', message: 'must not exceed the time between checkIn and checkOut', code: 'too_big' }]);
  const id = newId('rec');
  await audit(tx, ctx, 'service_record.created', { type: 'service_record', id }, { hours });
  await q.insertServiceRecord(tx, { id, volunteerId: volunteer.id, opportunityId: body.opportunityId, shiftId: shift.id, checkIn, checkOut, hours, recordedBy: body.recordedBy });
  await recordChange(tx, channel.id, 'service_record.created', id, ctx.now);
  return toServiceRecord((await q.getServiceRecord(tx, id))!);
}

export async function reviewService(
  tx: Queryable,
  channel: ChannelRow,
  id: string,
  decision: 'approved' | 'rejected',
  body: { reviewedBy: string; note?: string | undefined },
  ctx: ActionContext,
): Promise<ServiceRecord> {
  const record = await q.getServiceRecord(tx, id);
  if (!record || record.channel_id !== channel.id) throw notFound('Service record');
  if (record.status !== decision) {
    const changed = await q.reviewServiceRecord(tx, id, decision, body.reviewedBy, body.note ?? null, ctx.now);
    if (!changed) throw new DomainError('conflict', `This service record was already ${record.status}.`);
    await audit(tx, ctx, `service_record.${decision}`, { type: 'service_record', id }, {}, record.org_id);
    await recordChange(tx, channel.id, `service_record.${decision}`, id, ctx.now);
  }
  return toServiceRecord((await q.getServiceRecord(tx, id))!);
}

/**
 * The channel's sign-ups with the contact it collected, in the order they were made. ID numbers
 * are masked unless `revealIdNumbers`, which unseals them with `sealSecret`.
 */
export function exportSignups(
  db: Queryable,
  channel: ChannelRow,
  query: PageQuery & { opportunityId?: string | undefined; status?: SignupStatus | undefined; revealIdNumbers: boolean },
  sealSecret: string,
): Promise<Page<SignupExport>> {
  const idNumberOf = (row: SignupExportRow): string | null => {
    if (!query.revealIdNumbers || !row.id_number_sealed) return row.id_number_masked;
    return unseal(row.id_number_sealed, sealSecret) ?? row.id_number_masked;
  };
  return keysetPage(query, 'seq',
    (after, limit) => q.listSignupsOfChannel(db, channel.id, { opportunityId: query.opportunityId, status: query.status, afterSeq: after?.key ?? null, limit }),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map((row) => ({
      ...toSignup(row),
      contact: { name: row.name, mobile: row.mobile, email: row.email, studentId: row.student_id, employeeId: row.employee_id, idNumber: idNumberOf(row) },
    })));
}
