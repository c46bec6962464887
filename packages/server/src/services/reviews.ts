/**
 * Approval on time: organizers list their organization's pending and overdue records and decide
 * in bulk; records from attendance still pending at their deadline are approved by the scheduler.
 */
import type { ServiceRecord } from '@volunteerkit/sdk/schemas';
import type { Database, Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import { toServiceRecord } from '../db/rows.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid } from './errors.js';
import { recordChange } from './events.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';
import { startPeriodic, type Periodic } from './periodic.js';

/** The organization's records, soonest deadline first. */
export function listOrgServiceRecords(
  db: Queryable, orgId: string, query: PageQuery & { status?: ServiceRecord['status'] | undefined; overdue?: boolean | undefined }, now: Date,
): Promise<Page<ServiceRecord>> {
  return keysetPage(query, 'dueAt',
    (after, limit) => h.listOrgRecords(db, orgId, { status: query.status, overdueAt: query.overdue ? now : null, after, limit }),
    (row) => ({ key: row.sort_key, id: row.id }),
    (rows) => rows.map(toServiceRecord));
}

/**
 * One decision for several records of the organization, all or none: an id that is not the
 * organization's is a 422 naming it; a record already decided otherwise (or superseded) is a 409.
 * A record that already has this decision is left as it is.
 */
export async function reviewRecords(
  tx: Queryable, ctx: ActionContext, orgId: string, body: { ids: readonly string[]; decision: 'approved' | 'rejected'; note?: string | undefined },
): Promise<ServiceRecord[]> {
  const ids = [...new Set(body.ids)];
  const locked = new Map((await h.lockOrgRecords(tx, orgId, ids)).map((r) => [r.id, r]));
  const unknown = body.ids.flatMap((id, index) => (locked.has(id) ? [] : [{ path: `ids.${index}`, code: 'unknown_record', message: 'is not a service record of this organization' }]));
  if (unknown.length) throw invalid(unknown);
  const decided = ids.filter((id) => !['pending', body.decision].includes(locked.get(id)!.status));
  if (decided.length) throw new DomainError('conflict', `Already decided otherwise: ${decided.join(', ')}.`);
  const pending = ids.filter((id) => locked.get(id)!.status === 'pending');
  await h.decideRecords(tx, pending, body.decision, ctx.actor.name ?? 'organizer', body.note ?? null, ctx.now);
  // Each channel's log holds what its own credentials did: the organizer's channel acted.
  for (const id of pending) {
    await audit(tx, ctx, `service_record.${body.decision}`, { type: 'service_record', id });
    // The event goes to the volunteer's channel, whose partner keeps the record.
    await recordChange(tx, locked.get(id)!.channel_id, `service_record.${body.decision}`, id, ctx.now);
  }
  const records: ServiceRecord[] = [];
  for (const id of ids) records.push(toServiceRecord((await h.getRecord(tx, id))!));
  return records;
}

export interface AutoApprovalOptions {
  /** Records per transaction. Default 200. */
  batchSize?: number;
  /** Runs inside each batch's transaction before it commits (tests use it to fail midway). */
  beforeCommit?: (approvedIds: readonly string[]) => Promise<void> | void;
}

/**
 * Approves every overdue attendance record, batch by batch, each batch one transaction with its
 * audit rows. Safe to run on any number of instances at once and again after a crash: a batch
 * either commits whole or leaves its records pending for the next run; rows another instance
 * holds are skipped, and a record no longer pending is never selected again.
 */
export async function runAutoApproval(db: Database, now: Date, options: AutoApprovalOptions = {}): Promise<string[]> {
  const batchSize = options.batchSize ?? 200;
  const approved: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const ids = await h.autoApproveDue(tx, now, batchSize);
      await options.beforeCommit?.(ids);
      return ids;
    });
    approved.push(...batch);
    if (batch.length < batchSize) return approved;
  }
}

/** Runs `runAutoApproval` every `intervalMs` with the app's clock until stopped (services/periodic.ts). */
export function startAutoApproval(db: Database, now: () => Date, intervalMs = 60_000): Periodic {
  return startPeriodic('auto-approval', db, now, (d, at) => runAutoApproval(d, at), intervalMs);
}
