/**
 * What the list knows of the signed-in volunteer: which activities they are signed up to
 * ("已报名", "候补中"), and fresh spots left after a sign-up or a cancel on the page. A reactive
 * controller beside the list's class, so that the class only asks it for a badge.
 *
 * - With a session (from `<vk-provider>` or `configure()`), it loads the volunteer's live
 *   sign-ups once (`GET /v1/me/signups`, every page) and marks their activities.
 * - Any form on the page, the list's own dialog included, dispatches `vk-signup-success` and
 *   `vk-signup-cancel` (shared/events.ts); they bubble out of shadow roots to `document`, where
 *   this listens (and my-signups-loader.ts, which loads this module, until it has arrived). It updates the marks from the event and reads the activity again; the SDK
 *   revalidates what the write made stale (packages/sdk/src/internal/freshness.ts), so the spots
 *   left are the server's, without a page reload.
 *
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MySignups, Opportunities, type BaseClient, type Opportunity, type OpportunitySummary, type Signup } from '@volunteerkit/sdk';
import { defineMessages } from '../shared/i18n.js';
import type { VkLocale } from '../shared/locale.js';
import { LIVE_STATUSES } from '../shared/live-signups.js';
import type { VkSignupCancelEvent, VkSignupSuccessEvent } from '../shared/events.js';

/** The badge's words; `pending_review` is signed up, waiting for the organizer. */
export const mySignupMessages = defineMessages(
  { approved: 'Signed up', pending_review: 'Signed up · awaiting review', waitlisted: 'On the waitlist' },
  {
    'zh-CN': { approved: '已报名', pending_review: '已报名 · 待审核', waitlisted: '候补中' },
    'zh-TW': { approved: '已報名', pending_review: '已報名 · 待審核', waitlisted: '候補中' },
  },
);

type LiveStatus = 'approved' | 'pending_review' | 'waitlisted';

/** When one activity has several live sign-ups (two shifts), the badge names the best place. */
const PRECEDENCE: readonly LiveStatus[] = ['approved', 'pending_review', 'waitlisted'];

export interface MySignupsOptions {
  /** The list's client (publishable key), or `null` until configured. */
  client(): BaseClient | null;
  /** The volunteer session, if the page has one. */
  session(): string | undefined;
  /** Whether the list shows this activity (only those are read again). */
  shows(opportunityId: string): boolean;
  /** The activity was read again: the list applies `fresh` to the item it shows for `opportunityId`. */
  onFresh(opportunityId: string, fresh: (shown: OpportunitySummary) => OpportunitySummary): void;
}

export class MySignupsController implements ReactiveController {
  /** Opportunity id → sign-up id → status, of the volunteer's live sign-ups. */
  #live = new Map<string, Map<string, LiveStatus>>();
  /** The session the marks were loaded for. */
  #loadedFor: string | undefined;
  #abort: AbortController | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: MySignupsOptions;

  constructor(host: ReactiveControllerHost, options: MySignupsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('vk-signup-success', this.#onSuccess);
    document.addEventListener('vk-signup-cancel', this.#onCancel);
  }

  hostDisconnected(): void {
    document.removeEventListener('vk-signup-success', this.#onSuccess);
    document.removeEventListener('vk-signup-cancel', this.#onCancel);
    this.#abort?.abort();
    this.#loadedFor = undefined;
  }

  /** A new session (or none any more): load its marks. */
  hostUpdate(): void {
    const client = this.#options.client();
    const session = client ? this.#options.session() : undefined;
    if (session === this.#loadedFor) return;
    this.#loadedFor = session;
    this.#abort?.abort();
    this.#live = new Map();
    if (client && session) void this.#load(client.withSession(session));
  }

  /** The volunteer's status for an activity, if they hold or wait for a place on it. */
  statusOf(opportunityId: string): LiveStatus | undefined {
    const statuses = new Set(this.#live.get(opportunityId)?.values());
    return PRECEDENCE.find((status) => statuses.has(status));
  }

  /** The badge for an activity's row ("已报名" / "候补中"), or nothing. */
  badge(opportunityId: string, locale: VkLocale): TemplateResult | typeof nothing {
    const status = this.statusOf(opportunityId);
    return status ? html`<span part="my-signup" class="badge my-signup">${mySignupMessages(locale)[status]}</span>` : nothing;
  }

  async #load(client: BaseClient): Promise<void> {
    const abort = (this.#abort = new AbortController());
    try {
      const live = new Map<string, Map<string, LiveStatus>>();
      for await (const signup of new MySignups(client).list({ limit: 100 }, { signal: abort.signal })) {
        if (LIVE_STATUSES.includes(signup.status)) this.#mark(live, signup);
      }
      if (abort.signal.aborted) return;
      this.#live = live;
      this.#host.requestUpdate();
    } catch {
      // The marks are a convenience: an expired session or a failed read leaves the list as it is.
    }
  }

  #mark(live: Map<string, Map<string, LiveStatus>>, signup: Signup): void {
    let mine = live.get(signup.opportunityId);
    if (!mine) live.set(signup.opportunityId, (mine = new Map()));
    if (LIVE_STATUSES.includes(signup.status)) mine.set(signup.id, signup.status as LiveStatus);
    else mine.delete(signup.id);
  }

  readonly #onSuccess = (event: VkSignupSuccessEvent): void => {
    this.#changed(event.detail.signup, !event.detail.alreadySignedUp);
  };

  readonly #onCancel = (event: VkSignupCancelEvent): void => {
    this.#changed(event.detail.signup, true);
  };

  /** A sign-up or cancel that happened while this module was on its way (my-signups-loader.ts). */
  handle(event: VkSignupSuccessEvent | VkSignupCancelEvent): void {
    if (event.type === 'vk-signup-cancel') this.#onCancel(event as VkSignupCancelEvent);
    else this.#onSuccess(event as VkSignupSuccessEvent);
  }

  /** A form on the page changed `signup`: mark it, and read its activity again if spots moved. */
  #changed(signup: Signup, spotsMoved: boolean): void {
    this.#mark(this.#live, signup);
    this.#host.requestUpdate();
    const client = this.#options.client();
    if (!spotsMoved || !client || !this.#options.shows(signup.opportunityId)) return;
    new Opportunities(client).get(signup.opportunityId).then(
      (fresh) => this.#options.onFresh(fresh.id, (shown) => withFreshSpots(shown, fresh)),
      () => {}, // the old count stays until the next load; the form has said what happened
    );
  }
}

/**
 * A list item with the spots of a freshly read opportunity: the detail has every shift, the item
 * sums them as the list endpoint does (open spots on shifts not started; the next shift's own).
 */
export function withFreshSpots(item: OpportunitySummary, fresh: Opportunity, now = Date.now()): OpportunitySummary {
  const left = (shift: Opportunity['shifts'][number]) => Math.max(shift.capacity - shift.signedUp, 0);
  const openSpots = fresh.shifts.filter((shift) => Date.parse(shift.start) > now).reduce((sum, shift) => sum + left(shift), 0);
  const next = item.nextShift && fresh.shifts.find((shift) => shift.id === item.nextShift!.id);
  return { ...item, status: fresh.status, openSpots, nextShift: next ? { ...item.nextShift!, spotsLeft: left(next) } : item.nextShift };
}
