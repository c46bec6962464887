/**
 * Disputes (申诉): a volunteer contests a record within 30 days of it — wrong hours, or "I was
 * never there". An organizer accepts (a correcting record is created and the disputed one is
 * superseded: its hours, times and explanation stay as they were) or rejects with a reason.
 */
import type { Dispute } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import { toDispute } from '../db/rows.js';
import { disputeClosesAt, disputeWindowOpen, DISPUTE_WINDOW_DAYS } from '../domain/hours-policy.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordChange } from './events.js';
import { channelOfVolunteer } from '../db/webhook-queries.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';

export async function openDispute(
  tx: Queryable,
  volunteerId: string,
  recordId: string,
  body: { kind: 'wrong_hours' | 'never_there'; claimedHours?: number | undefined; reason: string },
  now: Date,
): Promise<Dispute> {
  const record = await h.getRecord(tx, recordId);
  if (!record || record.volunteer_id !== volunteerId) throw notFound('Service record');
  if (body.kind === 'wrong_hours' && body.claimedHours === undefined)
    throw invalid([{ path: 'claimedHours', code: 'required', message: 'say how many hours are right' }]);
  if (body.kind === 'wrong_hours' && body.claimedHours === record.hours)
    throw invalid([{ path: 'claimedHours', code: 'unchanged', message: 'is what the record already says' }]);
  if (record.status === 'superseded' || record.status === 'rejected')
    throw new DomainError('conflict', `This record is ${record.status}; its hours do not count.`);
  if (!disputeWindowOpen(new Date(record.created_at), now))
    throw new DomainError('conflict', `Records can be disputed for ${DISPUTE_WINDOW_DAYS} days; this one closed on ${disputeClosesAt(new Date(record.created_at)).toISOString()}.`);
  if (record.dispute_id) throw new DomainError('conflict', 'This record was already disputed.');
  const id = newId('dsp');
  await h.insertDispute(tx, {
    id, recordId, volunteerId, orgId: record.org_id, kind: body.kind,
    claimedHours: body.kind === 'wrong_hours' ? body.claimedHours! : null, reason: body.reason, at: now,
  });
  await recordChange(tx, await channelOfVolunteer(tx, volunteerId), 'dispute.opened', id, now);
  return toDispute((await h.getDispute(tx, id))!);
}

export function listOrgDisputes(db: Queryable, orgId: string, query: PageQuery & { status?: Dispute['status'] | undefined }): Promise<Page<Dispute>> {
  return keysetPage(query, 'seq',
    (after, limit) => h.listOrgDisputes(db, orgId, { status: query.status, afterSeq: after?.key ?? null, limit }),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map(toDispute));
}

/**
 * Accepting creates the correcting record, approved (the organizer has settled the hours): the
 * claimed or given hours for wrong hours, none for "never there". Audited.
 */
export async function resolveDispute(
  tx: Queryable, ctx: ActionContext, orgId: string, id: string,
  body: { decision: 'accept' | 'reject'; hours?: number | undefined; note: string },
): Promise<Dispute> {
  const dispute = await h.getDispute(tx, id, true);
  if (!dispute || dispute.org_id !== orgId) throw notFound('Dispute');
  const status = body.decision === 'accept' ? 'accepted' : 'rejected';
  if (dispute.status === status) return toDispute(dispute);
  if (dispute.status !== 'open') throw new DomainError('conflict', `This dispute was already ${dispute.status}.`);
  let correctionId: string | null = null;
  const channelId = await channelOfVolunteer(tx, dispute.volunteer_id);
  if (status === 'accepted') {
    const record = (await h.getRecord(tx, dispute.record_id))!;
    const hours = dispute.kind === 'never_there' ? 0 : body.hours ?? dispute.claimed_hours!;
    if (!(await h.supersedeRecord(tx, record.id, ctx.now))) throw new DomainError('conflict', 'The disputed record was already superseded.');
    await recordChange(tx, channelId, 'service_record.superseded', record.id, ctx.now);
    correctionId = newId('rec');
    await h.insertRecord(tx, {
      id: correctionId, volunteerId: record.volunteer_id, opportunityId: record.opportunity_id, shiftId: record.shift_id, signupId: null,
      checkIn: new Date(record.check_in), checkOut: new Date(record.check_out), hours, status: 'approved', recordedBy: ctx.actor.name ?? 'organizer',
      source: 'correction', policyVersion: record.policy_version, dueAt: null,
      explanation: dispute.kind === 'never_there'
        ? [{ code: 'dispute_never_there', params: { disputeId: dispute.id } }]
        : [{ code: 'dispute_corrected', params: { disputeId: dispute.id, previousHours: record.hours, hours } }],
      correctsId: record.id, reviewedBy: ctx.actor.name ?? 'organizer', at: ctx.now,
    });
    await recordChange(tx, channelId, 'service_record.created', correctionId, ctx.now);
  }
  await h.resolveDispute(tx, dispute.id, status, body.note, ctx.actor.name ?? 'organizer', correctionId, ctx.now);
  await audit(tx, ctx, `dispute.${status}`, { type: 'dispute', id: dispute.id }, correctionId ? { correctionId } : {});
  await recordChange(tx, channelId, 'dispute.resolved', dispute.id, ctx.now);
  return toDispute((await h.getDispute(tx, dispute.id))!);
}
