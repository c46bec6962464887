/**
 * The audit log: every privileged action (organizer actions, partner decisions, automatic
 * approvals) writes one row in the same transaction as the change, so an action and its trace
 * exist together or not at all. A partner reads its own channel's rows with its secret key.
 */
import type { AuditEntry } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import type { ChannelRow } from '../db/rows.js';
import { toAuditEntry } from '../db/rows.js';
import type { Caller } from './callers.js';
import { newId } from '../ids.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';

export interface AuditActor {
  kind: AuditEntry['actor']['kind'];
  id: string | null;
  name: string | null;
  orgId: string | null;
}

/** Who acts, for whom, in which request, when: what every audited service call is given. */
export interface ActionContext {
  channel: ChannelRow;
  actor: AuditActor;
  requestId: string | null;
  now: Date;
}

/** The audit actor of a caller. A secret key is named by the person the partner says acted (`actedBy`), if any. */
export function actorOf(caller: Caller, actedBy: string | null = null): AuditActor {
  switch (caller.kind) {
    case 'organizer':
      return { kind: 'organizer', id: caller.staffId, name: caller.staffName, orgId: caller.organizationId };
    case 'session':
      return { kind: 'volunteer', id: caller.volunteerId, name: null, orgId: null };
    default:
      return { kind: 'secret_key', id: null, name: actedBy, orgId: null };
  }
}

export async function audit(
  tx: Queryable,
  ctx: ActionContext,
  action: string,
  subject: { type: string; id: string },
  details: Record<string, unknown> = {},
  orgId: string | null = ctx.actor.orgId,
): Promise<void> {
  await h.insertAudit(tx, {
    id: newId('aud'), channelId: ctx.channel.id, actorKind: ctx.actor.kind, actorId: ctx.actor.id, actorName: ctx.actor.name,
    orgId, action, subjectType: subject.type, subjectId: subject.id, requestId: ctx.requestId, details, at: ctx.now,
  });
}

/** The channel's own audit log, newest first. */
export function listAuditLog(db: Queryable, channel: ChannelRow, query: PageQuery): Promise<Page<AuditEntry>> {
  return keysetPage(query, 'seq',
    (after, limit) => h.listAudit(db, channel.id, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map(toAuditEntry));
}
