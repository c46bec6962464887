/** Organizer sessions and the organization's hours policy. @module */
import type { HoursPolicy as HoursPolicyView, HoursPolicyRules, OrganizerSession } from '@volunteerkit/sdk/schemas';
import type { Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import type { ChannelRow } from '../db/rows.js';
import { iso } from '../db/rows.js';
import { DEFAULT_HOURS_POLICY, type HoursPolicy } from '../domain/hours-policy.js';
import { signOrganizerToken } from '../domain/session-token.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError } from './errors.js';

const DEFAULT_ORGANIZER_TTL_SECONDS = 3600;

/**
 * Mints an organizer session for a staff member the partner authenticated, for an organization
 * the channel is authorized for (else 404: the channel may not know it exists). Audited.
 */
export async function mintOrganizerSession(
  tx: Queryable,
  ctx: ActionContext,
  body: { organizer: { organizationId: string; staffId: string; name: string }; ttlSeconds?: number | undefined },
  sessionSecret: string,
): Promise<OrganizerSession> {
  const { organizationId, staffId, name } = body.organizer;
  if (!(await h.channelAuthorizedFor(tx, ctx.channel.id, organizationId)))
    throw new DomainError('not_found', 'Organization was not found among those this channel is authorized for.');
  const expiresAt = new Date(ctx.now.getTime() + (body.ttlSeconds ?? DEFAULT_ORGANIZER_TTL_SECONDS) * 1000);
  await audit(tx, ctx, 'organizer_session.created', { type: 'organizer', id: staffId }, { expiresAt: iso(expiresAt) }, organizationId);
  return {
    token: signOrganizerToken({ channelId: ctx.channel.id, organizationId, staffId, name, expiresAt }, sessionSecret),
    organizationId: organizationId as OrganizerSession['organizationId'],
    staffId,
    channelId: ctx.channel.id as OrganizerSession['channelId'],
    expiresAt: iso(expiresAt),
  };
}

/** The organization's current hours policy: its newest version, else the default. */
export async function hoursPolicyOf(db: Queryable, orgId: string): Promise<HoursPolicy> {
  const row = await h.latestHoursPolicy(db, orgId);
  if (!row) return DEFAULT_HOURS_POLICY;
  return {
    version: row.version, skewMinutes: row.skew_minutes, minPresentPercent: row.min_present_percent,
    roundDownMinutes: row.round_down_minutes, approvalSlaHours: row.approval_sla_hours, autoApprove: row.auto_approve,
  };
}


/** The organization's current policy as the API shows it. */
export async function currentHoursPolicy(db: Queryable, orgId: string): Promise<HoursPolicyView> {
  const row = await h.latestHoursPolicy(db, orgId);
  const policy = await hoursPolicyOf(db, orgId);
  return {
    organizationId: orgId as HoursPolicyView['organizationId'], version: policy.version, skewMinutes: policy.skewMinutes,
    minPresentPercent: policy.minPresentPercent, roundDownMinutes: policy.roundDownMinutes, approvalSlaHours: policy.approvalSlaHours,
    autoApprove: policy.autoApprove, createdAt: row ? iso(row.created_at) : null,
  };
}

/**
 * New rules as the next version (versions are never edited: every record names the one that
 * made it). The organization's row lock keeps two concurrent changes from taking one number.
 */
export async function setHoursPolicy(tx: Queryable, ctx: ActionContext, orgId: string, rules: Required<HoursPolicyRules>): Promise<HoursPolicyView> {
  await h.lockOrganization(tx, orgId);
  const version = (await hoursPolicyOf(tx, orgId)).version + 1;
  await h.insertHoursPolicy(tx, orgId, {
    version, skew_minutes: rules.skewMinutes, min_present_percent: rules.minPresentPercent, round_down_minutes: rules.roundDownMinutes,
    approval_sla_hours: rules.approvalSlaHours, auto_approve: rules.autoApprove,
  }, ctx.now);
  await audit(tx, ctx, 'hours_policy.updated', { type: 'organization', id: orgId }, { version, ...rules });
  return currentHoursPolicy(tx, orgId);
}
