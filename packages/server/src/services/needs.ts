/**
 * The needs board: filing (by the resident, or by a helper with the resident's recorded consent),
 * moderation, claims, fulfilment into a pending service record, confirmation that approves it, and
 * the scheduler that releases stale claims and expires needs nobody took. The exact address and
 * contact are sealed; only the claiming volunteer reads them, while the claim lasts, each read
 * audited. Outbox events (`need.*`) carry ids only.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { Claim, ClaimPage, CreateNeedBody, ListNeedsQuery, Need, ServiceMenu, ServiceMenuItem } from '@volunteerkit/sdk/schemas';
import { maskName } from '@volunteerkit/sdk/schemas';
import type { Database, Queryable } from '../db/database.js';
import * as h from '../db/hours-queries.js';
import * as n from '../db/needs-queries.js';
import { iso, isoOrNull, type NeedRow, type ServiceMenuRow } from '../db/rows.js';
import {
  DEFAULT_SERVICE_MENU, UNCOUNTED_STATUSES, capWindowStart, claimDueAtFor, dueAtOf, expiresAtFor, hoursForMinutes, needStep, withinCap,
  type MenuItem, type NeedAction, type NeedActor, type NeedRefusal, type NeedStatus,
} from '../domain/needs.js';
import { seal, unseal } from '../domain/sealing.js';
import { newId } from '../ids.js';
import { audit, type ActionContext } from './audit.js';
import { DomainError, invalid, notFound } from './errors.js';
import { recordEvent } from './outbox.js';
import { keysetPage, type Page, type PageQuery } from './paging.js';
import { startPeriodic, type Periodic } from './periodic.js';

/** Wrong codes in a row after which only a helper (organizer session) can confirm. */
export const MAX_CONFIRM_FAILURES = 5;

// ---------------------------------------------------------------------------------------------
// Views

function menuItemOf(row: ServiceMenuRow): MenuItem {
  return { code: row.code, names: { 'zh-CN': row.name_zh_cn, 'zh-TW': row.name_zh_tw, en: row.name_en }, typicalMinutes: row.typical_minutes, weeklyCap: row.weekly_cap };
}

/** The channel's menu: its own rows, else the built-in one. */
export async function menuOf(db: Queryable, channelId: string): Promise<MenuItem[]> {
  const rows = await n.serviceMenu(db, channelId);
  return rows.length ? rows.map(menuItemOf) : [...DEFAULT_SERVICE_MENU];
}

export async function serviceMenu(db: Queryable, channelId: string): Promise<ServiceMenu> {
  return { data: (await menuOf(db, channelId)).map((item) => ({ ...item }) as ServiceMenuItem) };
}

/** The public view: nothing sealed, the requester masked. */
export function toNeed(row: NeedRow): Need {
  return {
    id: row.id as Need['id'],
    serviceCode: row.service_code,
    title: row.title,
    details: row.details,
    regionCode: row.region_code,
    organizationId: row.org_id as Need['organizationId'],
    requester: row.requester_masked,
    filedOnBehalf: row.filed_by === 'helper',
    preferredTimes: row.preferred_times,
    status: row.status,
    statusReason: row.status_reason,
    waitingSince: isoOrNull(row.opened_at),
    dueAt: isoOrNull(dueAtOf({ status: row.status, createdAt: row.created_at, expiresAt: row.expires_at, claimDueAt: row.claim_due_at, fulfilledAt: row.fulfilled_at })),
    claimedAt: isoOrNull(row.claimed_at),
    fulfilledAt: isoOrNull(row.fulfilled_at),
    confirmedAt: isoOrNull(row.confirmed_at),
    serviceRecordId: row.record_id as Need['serviceRecordId'],
    rating: row.rating,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The claimer's view: `reveal` unseals the address and contact (the caller audits it). */
function toClaim(row: NeedRow, sealSecret: string, reveal: boolean): Claim {
  const contact = reveal ? (JSON.parse(unseal(row.contact_sealed, sealSecret) ?? 'null') as Claim['contact']) : null;
  const code = row.status === 'fulfilled' && row.confirm_code_sealed ? unseal(row.confirm_code_sealed, sealSecret) : null;
  return { need: toNeed(row), address: reveal ? unseal(row.address_sealed, sealSecret) : null, contact, confirmationCode: code };
}

// ---------------------------------------------------------------------------------------------
// Steps

/** Who acts and for what organization: a resident (publishable key), a helper/moderator (organizer session), a volunteer. */
export type NeedCaller =
  | { kind: 'resident' }
  | { kind: 'organizer'; organizationId: string; staffId: string; staffName: string }
  | { kind: 'volunteer'; volunteerId: string };

const REFUSAL_KIND: Record<NeedRefusal, 'forbidden' | 'conflict'> = {
  not_allowed: 'forbidden', not_claimer: 'forbidden', wrong_status: 'conflict', already_claimed: 'conflict', already_rated: 'conflict',
};

function actorOfCaller(caller: NeedCaller): NeedActor {
  return caller.kind === 'volunteer' ? { kind: 'volunteer', volunteerId: caller.volunteerId } : { kind: caller.kind };
}

/** The need locked for a change, if the caller may know it: the caller's channel, and for an organizer its organization. */
async function lockVisibleNeed(tx: Queryable, channelId: string, caller: NeedCaller, id: string): Promise<NeedRow> {
  const row = await n.getNeed(tx, id, true);
  if (!row || row.channel_id !== channelId || (caller.kind === 'organizer' && row.org_id !== caller.organizationId)) throw notFound('Need');
  return row;
}

/** Applies the state machine; a refusal is thrown in the domain's words. */
function step(row: NeedRow, action: NeedAction, caller: NeedCaller): NeedStatus {
  const result = needStep({ status: row.status, claimedBy: row.claimed_by, rated: row.rating !== null }, action, actorOfCaller(caller));
  if (!result.ok) throw new DomainError(REFUSAL_KIND[result.refusal], result.message);
  return result.status;
}

async function announce(tx: Queryable, row: NeedRow, verb: string, at: Date): Promise<void> {
  await recordEvent(tx, { channelId: row.channel_id, type: `need.${verb}`, subjectId: row.id, version: row.version }, at);
}

/** A keyed hash of the resident's mobile: the same person is one resident for the caps, and the hash reveals nothing. */
function residentKeyOf(channelId: string, mobile: string, sealSecret: string): string {
  return createHmac('sha256', sealSecret).update(`need-resident:${channelId}:${mobile}`).digest('base64url');
}

/** Consent as the caller must give it, or the field errors saying what is missing. */
function consentRecord(caller: NeedCaller, consent: CreateNeedBody['consent'], channelPolicy: string, now: Date): Record<string, unknown> {
  if (caller.kind === 'organizer') {
    const missing = (['method', 'evidenceRef', 'obtainedAt'] as const).filter((field) => consent[field] === undefined);
    if (missing.length)
      throw invalid(missing.map((field) => ({ path: `consent.${field}`, code: 'required', message: 'is required when a helper files on a resident\'s behalf' })));
    if (Date.parse(consent.obtainedAt!) > now.getTime())
      throw invalid([{ path: 'consent.obtainedAt', code: 'in_future', message: 'must not be in the future' }]);
    return { method: consent.method, evidenceRef: consent.evidenceRef, obtainedAt: consent.obtainedAt, recordedBy: caller.staffId, recordedAt: iso(now) };
  }
  const errors = [];
  if (consent.accepted !== true) errors.push({ path: 'consent.accepted', code: 'required', message: 'must be given to file a need' });
  if (consent.policyVersion === undefined) errors.push({ path: 'consent.policyVersion', code: 'required', message: 'is required' });
  else if (consent.policyVersion !== channelPolicy)
    errors.push({ path: 'consent.policyVersion', code: 'outdated_policy', message: `must be the current privacy policy version (${channelPolicy})` });
  if (errors.length) throw invalid(errors);
  return { method: 'self', policyVersion: consent.policyVersion, at: iso(now) };
}

async function organizationFor(tx: Queryable, channelId: string, caller: NeedCaller, requested: string | undefined): Promise<string> {
  if (caller.kind === 'organizer') {
    if (requested !== undefined && requested !== caller.organizationId)
      throw invalid([{ path: 'organizationId', code: 'other_organization', message: 'must be the organization of the organizer session (or left out)' }]);
    if ((await n.organizationKind(tx, caller.organizationId)) !== 'community')
      throw new DomainError('forbidden', 'Only staff of a community organization file needs on a resident\'s behalf.');
    return caller.organizationId;
  }
  if (requested !== undefined) {
    if (!(await h.channelAuthorizedFor(tx, channelId, requested)) || (await n.organizationKind(tx, requested)) !== 'community')
      throw invalid([{ path: 'organizationId', code: 'unknown_organization', message: 'is not a community organization this channel works with' }]);
    return requested;
  }
  const communities = await n.channelCommunityOrgs(tx, channelId);
  if (communities.length !== 1)
    throw invalid([{ path: 'organizationId', code: 'required', message: 'is required: this channel works with more than one community organization (or none)' }]);
  return communities[0]!;
}

/**
 * Files a need. A resident's waits for moderation (`submitted`); a helper's — staff of the
 * moderating organization — opens at once. The resident's row is locked first, so needs filed at
 * the same moment are counted against the weekly cap one after the other.
 */
export async function createNeed(tx: Queryable, ctx: ActionContext, caller: NeedCaller, body: CreateNeedBody, sealSecret: string): Promise<Need> {
  const channel = ctx.channel;
  const item = (await menuOf(tx, channel.id)).find((entry) => entry.code === body.serviceCode);
  if (!item) throw invalid([{ path: 'serviceCode', code: 'unknown_service', message: 'is not on this channel\'s service menu' }]);
  const consent = consentRecord(caller, body.consent, channel.privacy_policy_version, ctx.now);
  const orgId = await organizationFor(tx, channel.id, caller, body.organizationId);
  const residentKey = residentKeyOf(channel.id, body.resident.mobile, sealSecret);

  await n.lockResident(tx, channel.id, residentKey);
  const counted = await n.countResidentNeeds(tx, channel.id, residentKey, item.code, capWindowStart(ctx.now), UNCOUNTED_STATUSES);
  if (!withinCap(counted, item.weeklyCap)) {
    throw invalid([{
      path: 'serviceCode', code: 'weekly_cap_reached',
      message: `this resident already has ${counted} need(s) for "${item.names.en}" in the last 7 days; the limit is ${item.weeklyCap}, so that help reaches others too`,
    }], `Weekly limit reached: at most ${item.weeklyCap} need(s) for this service per resident in any 7 days.`);
  }
  await n.markResidentFiled(tx, channel.id, residentKey);

  const byHelper = caller.kind === 'organizer';
  const row: Omit<NeedRow, 'seq' | 'version' | 'confirm_failures'> = {
    id: newId('ned'), channel_id: channel.id, org_id: orgId, service_code: item.code, title: body.title, details: body.details ?? '',
    region_code: body.regionCode, preferred_times: body.preferredTimes ?? '', requester_masked: maskName(body.resident.name),
    resident_key: residentKey, address_sealed: seal(body.resident.address, sealSecret),
    contact_sealed: seal(JSON.stringify({ name: body.resident.name, mobile: body.resident.mobile }), sealSecret),
    filed_by: byHelper ? 'helper' : 'resident', helper_id: byHelper ? caller.staffId : null, helper_name: byHelper ? caller.staffName : null,
    consent, status: byHelper ? 'open' : 'submitted', status_reason: null, expires_at: expiresAtFor(ctx.now), claim_due_at: null,
    opened_at: byHelper ? ctx.now : null, claimed_by: null, claimed_at: null, fulfilled_at: null, record_id: null, confirm_code_sealed: null,
    confirmed_at: null, confirmed_by: null, rating: null, rating_comment: null, created_at: ctx.now, updated_at: ctx.now,
  };
  await n.insertNeed(tx, row);
  const saved = (await n.getNeed(tx, row.id))!;
  if (byHelper) await audit(tx, ctx, 'need.filed_on_behalf', { type: 'need', id: saved.id }, { consentMethod: body.consent.method, evidenceRef: body.consent.evidenceRef });
  await announce(tx, saved, 'created', ctx.now);
  return toNeed(saved);
}

/** Moderation: open the need to volunteers, or reject it with a reason the requester reads. Audited. */
export async function moderateNeed(
  tx: Queryable, ctx: ActionContext, caller: Extract<NeedCaller, { kind: 'organizer' }>, id: string, body: { decision: 'open' | 'reject'; reason?: string | undefined },
): Promise<Need> {
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  if (body.decision === 'reject' && body.reason === undefined)
    throw invalid([{ path: 'reason', code: 'required', message: 'is required to reject: the requester reads it' }]);
  // The same decision again changes nothing (a retried click).
  if (row.status === (body.decision === 'open' ? 'open' : 'rejected')) return toNeed(row);
  const status = step(row, body.decision, caller);
  const saved = await n.updateNeed(tx, id, body.decision === 'open' ? { status, opened_at: ctx.now } : { status, status_reason: body.reason! }, ctx.now);
  await audit(tx, ctx, `need.${body.decision === 'open' ? 'opened' : 'rejected'}`, { type: 'need', id });
  await announce(tx, saved, body.decision === 'open' ? 'opened' : 'rejected', ctx.now);
  return toNeed(saved);
}

/** An organizer withdraws a need (the resident no longer needs it); a claim on it ends. Audited. */
export async function cancelNeed(tx: Queryable, ctx: ActionContext, caller: Extract<NeedCaller, { kind: 'organizer' }>, id: string, reason: string): Promise<Need> {
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  if (row.status === 'cancelled') return toNeed(row);
  const status = step(row, 'cancel', caller);
  const saved = await n.updateNeed(tx, id, { status, status_reason: reason, claim_due_at: null }, ctx.now);
  await audit(tx, ctx, 'need.cancelled', { type: 'need', id });
  await announce(tx, saved, 'cancelled', ctx.now);
  return toNeed(saved);
}

/**
 * A volunteer claims an open need. The row lock makes concurrent claims take turns: the first
 * wins, the next finds it claimed (409). The answer carries no address or contact: a write's
 * answer is kept with its Idempotency-Key, so they are read with `getClaim` (audited) instead.
 */
export async function claimNeed(tx: Queryable, ctx: ActionContext, volunteerId: string, id: string, sealSecret: string): Promise<Claim> {
  const caller: NeedCaller = { kind: 'volunteer', volunteerId };
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  if (row.status === 'claimed' && row.claimed_by === volunteerId) return toClaim(row, sealSecret, false);
  const status = step(row, 'claim', caller);
  const saved = await n.updateNeed(tx, id, { status, claimed_by: volunteerId, claimed_at: ctx.now, claim_due_at: claimDueAtFor(ctx.now) }, ctx.now);
  await announce(tx, saved, 'claimed', ctx.now);
  return toClaim(saved, sealSecret, false);
}

async function revealClaim(tx: Queryable, ctx: ActionContext, row: NeedRow, sealSecret: string): Promise<Claim> {
  await audit(tx, ctx, 'need.contact_revealed', { type: 'need', id: row.id }, {}, row.org_id);
  return toClaim(row, sealSecret, true);
}

/** The claimer gives the need back; it waits on the board again, its waiting time unchanged. */
export async function releaseNeed(tx: Queryable, ctx: ActionContext, volunteerId: string, id: string): Promise<Need> {
  const caller: NeedCaller = { kind: 'volunteer', volunteerId };
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  const status = step(row, 'release', caller);
  const saved = await n.updateNeed(tx, id, { status, claimed_by: null, claimed_at: null, claim_due_at: null }, ctx.now);
  await announce(tx, saved, 'released', ctx.now);
  return toNeed(saved);
}

/**
 * The claimer has helped: a pending service record (`source: need`) of the minutes served, on the
 * organization's standing needs opportunity, and a one-time code for the resident to confirm it.
 */
export async function fulfilNeed(tx: Queryable, ctx: ActionContext, volunteerId: string, id: string, minutes: number, sealSecret: string): Promise<Claim> {
  const caller: NeedCaller = { kind: 'volunteer', volunteerId };
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  const status = step(row, 'fulfil', caller);
  const served = minutes;
  const host = await needHostOf(tx, row.org_id, ctx.now);
  const recordId = newId('rec');
  await h.insertRecord(tx, {
    id: recordId, volunteerId, opportunityId: host.opportunity_id, shiftId: host.shift_id, signupId: null,
    checkIn: new Date(ctx.now.getTime() - served * 60_000), checkOut: ctx.now, hours: hoursForMinutes(served), status: 'pending',
    recordedBy: `need:${row.id}`, source: 'need', policyVersion: null, dueAt: null, explanation: [], correctsId: null, reviewedBy: null, at: ctx.now,
  });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const saved = await n.updateNeed(tx, id, { status, fulfilled_at: ctx.now, record_id: recordId, claim_due_at: null, confirm_code_sealed: seal(code, sealSecret) }, ctx.now);
  await announce(tx, saved, 'fulfilled', ctx.now);
  return toClaim(saved, sealSecret, false);
}

async function needHostOf(tx: Queryable, orgId: string, at: Date): Promise<{ opportunity_id: string; shift_id: string }> {
  const found = await n.needHost(tx, orgId);
  if (found) return found;
  await h.lockOrganization(tx, orgId);
  const again = await n.needHost(tx, orgId);
  if (again) return again;
  const ids = { opportunityId: newId('opp'), shiftId: newId('shf') };
  await n.insertNeedHost(tx, orgId, ids, at);
  return { opportunity_id: ids.opportunityId, shift_id: ids.shiftId };
}

/** A wrong confirmation code: refused, and counted outside the refused transaction. */
export class WrongNeedCodeError extends DomainError {
  constructor(readonly needId: string) {
    super('invalid', 'That is not the code the volunteer shows.', { errors: [{ path: 'code', code: 'wrong_code', message: 'is not the code the volunteer shows' }] });
  }
}

/**
 * The resident (with the volunteer's code) or a helper confirms the help was given: the record is
 * approved the way every review approves one, so it counts for hours, stars and points.
 */
export async function confirmNeed(
  tx: Queryable, ctx: ActionContext, caller: Extract<NeedCaller, { kind: 'resident' | 'organizer' }>, id: string,
  body: { method: 'code' | 'helper'; code?: string | undefined; rating?: number | undefined }, sealSecret: string,
): Promise<Need> {
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  if (body.method === 'helper' && caller.kind !== 'organizer')
    throw invalid([{ path: 'method', code: 'helper_only', message: 'helper confirmation needs an organizer session; a resident confirms with the code' }]);
  const status = step(row, 'confirm', caller);
  if (body.method === 'code') {
    if (row.confirm_failures >= MAX_CONFIRM_FAILURES)
      throw new DomainError('conflict', 'Too many wrong codes: the community\'s helper can confirm this need instead.');
    if (body.code === undefined) throw invalid([{ path: 'code', code: 'required', message: 'is required: the 6 digits the volunteer shows' }]);
    if (unseal(row.confirm_code_sealed ?? '', sealSecret) !== body.code) throw new WrongNeedCodeError(id);
  }
  const record = (await h.getRecord(tx, row.record_id!))!;
  if (record.status === 'rejected' || record.status === 'superseded')
    throw new DomainError('conflict', `The service record of this need was ${record.status} by the organization; it can no longer be confirmed.`);
  const confirmedBy = caller.kind === 'organizer' ? caller.staffName : 'resident';
  await h.decideRecords(tx, [record.id], 'approved', caller.kind === 'organizer' ? caller.staffName : 'need confirmation', null, ctx.now);
  const saved = await n.updateNeed(tx, id, {
    status, confirmed_at: ctx.now, confirmed_by: confirmedBy, confirm_code_sealed: null, ...(body.rating !== undefined ? { rating: body.rating } : {}),
  }, ctx.now);
  const actx: ActionContext = caller.kind === 'organizer' ? ctx : { ...ctx, actor: { kind: 'system', id: null, name: 'resident confirmation code', orgId: null } };
  if (record.status === 'pending') await audit(tx, actx, 'service_record.approved', { type: 'service_record', id: record.id }, { need: id }, row.org_id);
  await audit(tx, actx, 'need.confirmed', { type: 'need', id }, {}, row.org_id);
  await announce(tx, saved, 'confirmed', ctx.now);
  return toNeed(saved);
}

/** A helper records the resident's rating (1–5) of a confirmed need, once. */
export async function rateNeed(
  tx: Queryable, ctx: ActionContext, caller: Extract<NeedCaller, { kind: 'organizer' }>, id: string, body: { rating: number; comment?: string | undefined },
): Promise<Need> {
  const row = await lockVisibleNeed(tx, ctx.channel.id, caller, id);
  if (row.rating === body.rating && row.status === 'confirmed') return toNeed(row);
  const status = step(row, 'rate', caller);
  const saved = await n.updateNeed(tx, id, { status, rating: body.rating, rating_comment: body.comment ?? null }, ctx.now);
  await audit(tx, ctx, 'need.rated', { type: 'need', id }, { rating: body.rating });
  await announce(tx, saved, 'rated', ctx.now);
  return toNeed(saved);
}

// ---------------------------------------------------------------------------------------------
// Reads

/** The public board, longest waiting first unless `sort=newest`. */
export function listBoard(db: Queryable, channelId: string, query: ListNeedsQuery): Promise<Page<Need>> {
  const newest = query.sort === 'newest';
  return keysetPage(query as PageQuery, newest ? 'needs:newest' : 'needs:waiting',
    (after, limit) => n.listBoard(db, channelId, { serviceCode: query.serviceCode, regionPrefix: query.regionCode, status: query.status ?? 'open', newest, after, limit }),
    (row) => ({ key: row.sort_key, id: row.id }),
    (rows) => rows.map(toNeed));
}

/**
 * One need by id. A need not (yet or any more) on the board — submitted, rejected, cancelled,
 * expired — is still readable by whoever holds its id (the requester), so they see the reason.
 */
export async function getPublicNeed(db: Queryable, channelId: string, id: string): Promise<Need> {
  const row = await n.getNeed(db, id);
  if (!row || row.channel_id !== channelId) throw notFound('Need');
  return toNeed(row);
}

export function listOrgNeeds(db: Queryable, orgId: string, query: PageQuery & { status?: NeedStatus | undefined }): Promise<Page<Need>> {
  return keysetPage(query, 'needs:org',
    (after, limit) => n.listOrgNeeds(db, orgId, { status: query.status, afterSeq: after?.key ?? null, limit }),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map(toNeed));
}

/** The volunteer's claims, newest first, without address or contact (read one claim for those). */
export function listClaims(db: Queryable, volunteerId: string, query: PageQuery, sealSecret: string): Promise<ClaimPage> {
  return keysetPage(query, 'claims',
    (after, limit) => n.listClaims(db, volunteerId, after?.key ?? null, limit),
    (row) => ({ key: row.seq, id: row.id }),
    (rows) => rows.map((row) => toClaim(row, sealSecret, false)));
}

/**
 * One of the volunteer's claims. While it lasts (`claimed`), with the address and contact, the
 * reading audited in the same transaction; after fulfilment, with the code for the resident.
 */
export async function getClaim(db: Database, ctx: ActionContext, volunteerId: string, id: string, sealSecret: string): Promise<Claim> {
  return db.transaction(async (tx) => {
    const row = await n.getNeed(tx, id);
    if (!row || row.channel_id !== ctx.channel.id || row.claimed_by !== volunteerId) throw notFound('Claim');
    if (row.status !== 'claimed') return toClaim(row, sealSecret, false);
    return revealClaim(tx, ctx, row, sealSecret);
  });
}

// ---------------------------------------------------------------------------------------------
// Deadlines

export interface NeedDeadlineOptions {
  /** Needs per transaction. Default 200. */
  batchSize?: number;
  /** Runs inside each batch's transaction before it commits (tests use it to hold a batch open). */
  beforeCommit?: (ids: readonly string[]) => Promise<void> | void;
}

/**
 * Releases claims past their deadline and expires needs nobody took, batch by batch, each batch
 * one transaction with its audit rows and events. Safe on any number of instances at once and
 * again after a crash: rows another instance holds are skipped, and a need no longer in the
 * status is never selected again.
 */
export async function runNeedDeadlines(db: Database, now: Date, options: NeedDeadlineOptions = {}): Promise<{ released: string[]; expired: string[] }> {
  const batchSize = options.batchSize ?? 200;
  const done = { released: [] as string[], expired: [] as string[] };
  for (const kind of ['released', 'expired'] as const) {
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const rows = kind === 'released' ? await n.lockOverdueClaims(tx, now, batchSize) : await n.lockExpiredNeeds(tx, now, batchSize);
        for (const row of rows) {
          const result = needStep({ status: row.status, claimedBy: row.claimed_by, rated: row.rating !== null }, kind === 'released' ? 'release_overdue' : 'expire', { kind: 'system' });
          if (!result.ok) continue;
          const saved = await n.updateNeed(tx, row.id, kind === 'released'
            ? { status: result.status, claimed_by: null, claimed_at: null, claim_due_at: null }
            : { status: result.status }, now);
          await h.insertAudit(tx, {
            id: newId('aud'), channelId: row.channel_id, actorKind: 'system', actorId: null, actorName: 'need deadlines', orgId: row.org_id,
            action: `need.${kind}`, subjectType: 'need', subjectId: row.id, requestId: null,
            details: kind === 'released' ? { volunteerId: row.claimed_by } : {}, at: now,
          });
          await announce(tx, saved, kind, now);
        }
        const ids = rows.map((row) => row.id);
        await options.beforeCommit?.(ids);
        return ids;
      });
      done[kind].push(...batch);
      if (batch.length < batchSize) break;
    }
  }
  return done;
}

/** Runs `runNeedDeadlines` every `intervalMs` with the app's clock until stopped. */
export function startNeedDeadlines(db: Database, now: () => Date, intervalMs = 60_000): Periodic {
  return startPeriodic('need deadlines', db, now, (d, at) => runNeedDeadlines(d, at), intervalMs);
}
