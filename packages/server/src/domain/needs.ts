/**
 * The needs board's rules as plain functions: which step each actor may take from each status,
 * the deadline of each status, the weekly cap and the built-in service menu. Services apply them
 * to rows they hold locked; nothing here touches the database or the clock.
 */

export const NEED_STATUSES = ['submitted', 'open', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'cancelled', 'expired'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** The steps: moderation, the claim's life, closing the loop, and the scheduler's two. */
export type NeedAction = 'open' | 'reject' | 'cancel' | 'claim' | 'release' | 'fulfil' | 'confirm' | 'rate' | 'release_overdue' | 'expire';

/** Who takes a step: an organizer (moderator or helper), a volunteer session, the resident (publishable key with the code), or the scheduler. */
export type NeedActor = { kind: 'organizer' } | { kind: 'volunteer'; volunteerId: string } | { kind: 'resident' } | { kind: 'system' };

export interface NeedState {
  status: NeedStatus;
  claimedBy: string | null;
  rated: boolean;
}

/** Why a step is refused, for the problem's message and for tests. */
export type NeedRefusal = 'not_allowed' | 'wrong_status' | 'already_claimed' | 'not_claimer' | 'already_rated';

export type NeedStep = { ok: true; status: NeedStatus } | { ok: false; refusal: NeedRefusal; message: string };

interface Rule {
  from: readonly NeedStatus[];
  to: NeedStatus;
  actors: ReadonlyArray<NeedActor['kind']>;
  /** Only the volunteer holding the claim. */
  claimerOnly?: boolean;
}

const RULES: Record<NeedAction, Rule> = {
  open: { from: ['submitted'], to: 'open', actors: ['organizer'] },
  reject: { from: ['submitted'], to: 'rejected', actors: ['organizer'] },
  cancel: { from: ['submitted', 'open', 'claimed'], to: 'cancelled', actors: ['organizer'] },
  claim: { from: ['open'], to: 'claimed', actors: ['volunteer'] },
  release: { from: ['claimed'], to: 'open', actors: ['volunteer'], claimerOnly: true },
  fulfil: { from: ['claimed'], to: 'fulfilled', actors: ['volunteer'], claimerOnly: true },
  confirm: { from: ['fulfilled'], to: 'confirmed', actors: ['resident', 'organizer'] },
  rate: { from: ['confirmed'], to: 'confirmed', actors: ['resident', 'organizer'] },
  release_overdue: { from: ['claimed'], to: 'open', actors: ['system'] },
  expire: { from: ['submitted', 'open'], to: 'expired', actors: ['system'] },
};

/** Every action, for tests that walk the whole table. */
export const NEED_ACTIONS = Object.keys(RULES) as NeedAction[];

/** The status `action` by `actor` leads to from `state`, or why it is refused. */
export function needStep(state: NeedState, action: NeedAction, actor: NeedActor): NeedStep {
  const rule = RULES[action];
  if (!rule.actors.includes(actor.kind)) return { ok: false, refusal: 'not_allowed', message: `A${actor.kind === 'organizer' ? 'n' : ''} ${actor.kind} cannot ${action.replace('_', ' ')} a need.` };
  if (action === 'claim' && state.status === 'claimed')
    return { ok: false, refusal: 'already_claimed', message: 'Another volunteer has already claimed this need.' };
  if (!rule.from.includes(state.status))
    return { ok: false, refusal: 'wrong_status', message: `A ${state.status} need cannot be ${PAST[action]}; only a ${rule.from.join(' or ')} one can.` };
  if (rule.claimerOnly && (actor.kind !== 'volunteer' || state.claimedBy !== actor.volunteerId))
    return { ok: false, refusal: 'not_claimer', message: 'Only the volunteer who claimed this need can do that.' };
  if (action === 'rate' && state.rated) return { ok: false, refusal: 'already_rated', message: 'This need has already been rated.' };
  return { ok: true, status: rule.to };
}

const PAST: Record<NeedAction, string> = {
  open: 'opened', reject: 'rejected', cancel: 'cancelled', claim: 'claimed', release: 'released', fulfil: 'fulfilled',
  confirm: 'confirmed', rate: 'rated', release_overdue: 'released', expire: 'expired',
};

/** The deadlines: moderation, an open need's life, a claim's life, the resident's confirmation. */
export const NEED_DEADLINES = {
  /** A submitted need is moderated within this (it is listed as overdue after; it also expires with the open period). */
  moderationHours: 72,
  /** An open need nobody claims expires after this, counted from filing. */
  openDays: 14,
  /** A claim not fulfilled in this time is released automatically. */
  claimHours: 48,
  /** The resident confirms within this; after it the record waits for the organizer's review like any other. */
  confirmDays: 7,
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When an unclaimed need expires. */
export function expiresAtFor(filedAt: Date): Date {
  return new Date(filedAt.getTime() + NEED_DEADLINES.openDays * DAY);
}

/** When a claim made at `claimedAt` is released if still unfulfilled. */
export function claimDueAtFor(claimedAt: Date): Date {
  return new Date(claimedAt.getTime() + NEED_DEADLINES.claimHours * HOUR);
}

/** The deadline of the need's current step, as the API shows it (`dueAt`), or `null` for a closed need. */
export function dueAtOf(need: { status: NeedStatus; createdAt: Date; expiresAt: Date; claimDueAt: Date | null; fulfilledAt: Date | null }): Date | null {
  switch (need.status) {
    case 'submitted':
      return new Date(Math.min(need.createdAt.getTime() + NEED_DEADLINES.moderationHours * HOUR, need.expiresAt.getTime()));
    case 'open':
      return need.expiresAt;
    case 'claimed':
      return need.claimDueAt;
    case 'fulfilled':
      return need.fulfilledAt && new Date(need.fulfilledAt.getTime() + NEED_DEADLINES.confirmDays * DAY);
    default:
      return null;
  }
}

/** The window a cap counts in: the 7 days up to now. */
export const CAP_WINDOW_DAYS = 7;

export function capWindowStart(now: Date): Date {
  return new Date(now.getTime() - CAP_WINDOW_DAYS * DAY);
}

/** Whether one more need fits a resident's cap, given the needs that count in the window (not rejected, cancelled or expired). */
export function withinCap(countedInWindow: number, weeklyCap: number): boolean {
  return countedInWindow < weeklyCap;
}

/** Statuses that do not count against a cap: nobody was served, or nobody will be. */
export const UNCOUNTED_STATUSES: readonly NeedStatus[] = ['rejected', 'cancelled', 'expired'];

/** Hours a fulfilled need records: the minutes served, to the hundredth of an hour. */
export function hoursForMinutes(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

export interface MenuItem {
  code: string;
  names: { 'zh-CN': string; 'zh-TW': string; en: string };
  typicalMinutes: number;
  weeklyCap: number;
}

/** The menu a channel has until it stores its own: the services community stations commonly offer. */
export const DEFAULT_SERVICE_MENU: readonly MenuItem[] = [
  { code: 'companionship', names: { 'zh-CN': '陪伴聊天', 'zh-TW': '陪伴聊天', en: 'Company and a chat' }, typicalMinutes: 60, weeklyCap: 3 },
  { code: 'errand', names: { 'zh-CN': '代购跑腿', 'zh-TW': '代購跑腿', en: 'Shopping and errands' }, typicalMinutes: 45, weeklyCap: 3 },
  { code: 'tech_help', names: { 'zh-CN': '手机电脑教学', 'zh-TW': '手機電腦教學', en: 'Help with phones and computers' }, typicalMinutes: 45, weeklyCap: 2 },
  { code: 'haircut', names: { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' }, typicalMinutes: 30, weeklyCap: 1 },
  { code: 'cleaning', names: { 'zh-CN': '打扫卫生', 'zh-TW': '打掃衛生', en: 'Cleaning' }, typicalMinutes: 90, weeklyCap: 1 },
  { code: 'repair', names: { 'zh-CN': '小家电维修', 'zh-TW': '小家電維修', en: 'Small repairs' }, typicalMinutes: 60, weeklyCap: 2 },
  { code: 'escort', names: { 'zh-CN': '陪同就医', 'zh-TW': '陪同就醫', en: 'Company to the doctor' }, typicalMinutes: 120, weeklyCap: 2 },
];
