/**
 * What `<vk-my-hours>` computes without a DOM: the totals, each explanation step in words, whether
 * a record may still be disputed, and a dispute's body checked before sending. The sentences
 * themselves are in my-hours.messages.ts; this module only feeds them their numbers.
 *
 * @module
 */
import { AuthenticationError, ConflictError, Me, ValidationError, type BaseClient, type CreateDisputeBody, type ServiceRecord, type VolunteerProfile } from '@volunteerkit/sdk';
import type { ExplanationItem } from '@volunteerkit/sdk/schemas';
import type { VkLocale } from '../shared/locale.js';
import { myHoursMessages } from './my-hours.messages.js';

export interface MyHours {
  profile: VolunteerProfile;
  records: ServiceRecord[];
}

/** The profile (stars, approved hours) and every service record, newest first as the API pages them. */
export async function loadMyHours(client: BaseClient, session: string, signal?: AbortSignal): Promise<MyHours> {
  const me = new Me(client.withSession(session));
  const records: ServiceRecord[] = [];
  const [profile] = await Promise.all([
    me.get({ signal }),
    (async () => {
      for await (const record of me.serviceRecords.list({}, { signal })) records.push(record);
    })(),
  ]);
  return { profile, records };
}

/** Hours awaiting approval, summed exactly in hundredths (records carry quarter hours). */
export function pendingHours(records: readonly ServiceRecord[]): number {
  return records.filter((r) => r.status === 'pending').reduce((sum, r) => sum + Math.round(r.hours * 100), 0) / 100;
}

/** A record may be disputed while it counts or may count, has no dispute, and is within its 30 days. */
export function canDispute(record: ServiceRecord, now: Date): boolean {
  return (record.status === 'pending' || record.status === 'approved') && record.dispute === null && Date.parse(record.disputableUntil) > now.getTime();
}

const num = (params: ExplanationItem['params'], key: string) => Number(params[key] ?? 0);

/** One explanation step in plain words; times in the activity's zone as `clock` formats them. */
export function explain(locale: VkLocale, item: ExplanationItem, clock: (iso: string) => string): string {
  const m = myHoursMessages(locale);
  const p = item.params;
  switch (item.code) {
    case 'clipped_check_in': return m.clipped_check_in({ at: clock(String(p['checkIn'])), counted: clock(String(p['countedFrom'])) });
    case 'clipped_check_out': return m.clipped_check_out({ at: clock(String(p['checkOut'])), counted: clock(String(p['countedUntil'])) });
    case 'present': return m.present({ minutes: num(p, 'minutes'), shiftMinutes: num(p, 'shiftMinutes'), percent: num(p, 'percent') });
    case 'full_shift': return m.full_shift({ hours: num(p, 'hours') });
    case 'below_minimum': return m.below_minimum({ percent: num(p, 'percent'), minimumPercent: num(p, 'minimumPercent') });
    case 'rounded_down': return m.rounded_down({ minutes: num(p, 'minutes'), stepMinutes: num(p, 'stepMinutes'), hours: num(p, 'hours') });
    case 'recorded_manually': return m.recorded_manually;
    case 'dispute_corrected': return m.dispute_corrected({ previousHours: num(p, 'previousHours'), hours: num(p, 'hours') });
    case 'dispute_never_there': return m.dispute_never_there;
    default: return '';
  }
}

export type DisputeProblem = 'error_reason' | 'error_hours';

/** The body to send, or what to fix first (the field it is about). */
export function disputeBody(kind: 'wrong_hours' | 'never_there', claimedHours: string, reason: string):
  { body: CreateDisputeBody } | { problem: DisputeProblem; field: 'claimedHours' | 'reason' } {
  const hours = Number(claimedHours.trim().replace(',', '.'));
  if (kind === 'wrong_hours' && (claimedHours.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > 24)) return { problem: 'error_hours', field: 'claimedHours' };
  if (reason.trim() === '') return { problem: 'error_reason', field: 'reason' };
  return { body: kind === 'wrong_hours' ? { kind, claimedHours: hours, reason: reason.trim() } : { kind, reason: reason.trim() } };
}

/**
 * A refused dispute in the widget's terms. The server answers 409 both for "already disputed" and
 * "past its 30 days"; the record's own deadline tells which.
 */
export function disputeRefusal(error: unknown, record: ServiceRecord, now: Date): 'error_conflict' | 'error_too_late' | 'error_hours' | 'error_reason' | 'error_signed_out' | 'error_failed' {
  if (AuthenticationError.is(error)) return 'error_signed_out';
  if (ConflictError.is(error)) return Date.parse(record.disputableUntil) <= now.getTime() ? 'error_too_late' : 'error_conflict';
  if (ValidationError.is(error)) {
    const paths = error.errors.map((e) => e.path);
    if (paths.includes('claimedHours')) return 'error_hours';
    if (paths.includes('reason')) return 'error_reason';
  }
  return 'error_failed';
}
