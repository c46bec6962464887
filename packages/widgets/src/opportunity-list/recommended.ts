/**
 * What `<vk-opportunity-list source="recommended">` adds to the list, in a chunk of its own: the
 * signed-in volunteer's recommendations as the list's pages, "为什么推荐" on each card, and a
 * "not interested" button that dismisses one. The list keeps its item view, paging and sign-up
 * dialog; it asks this module for pages and for the extra parts of a card, empty and sign-in
 * states. A page without `source="recommended"` never downloads it.
 *
 * The rule it keeps: a card leaves the list only once the server has recorded the dismissal, and
 * focus then goes to the card that took its place (else the one before, else the empty state), so
 * a keyboard user carries on where they were; the live region says what happened.
 *
 * @module
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { MyRecommendations, type BaseClient, type ListOpportunitiesParams, type OpportunitySummary, type Recommendation, type RecommendationReason } from '@volunteerkit/sdk';
import type { VkOpportunityList } from './opportunity-list.js';
import { describeError } from '../shared/errors.js';
import { VkRecommendationDismissEvent } from '../shared/events.js';
import type { VkLocale } from '../shared/locale.js';
import { NoSessionError, signedIn } from '../shared/signed-in.js';
import { opportunityListMessages } from './opportunity-list.messages.js';
import { recommendedMessages, skillLabels } from './recommended.messages.js';


export interface RecommendationsPage {
  data: OpportunitySummary[];
  nextCursor: string | null;
}

/** The card's extra parts; added to the list's shadow root when the chunk arrives (the list's own styles are fixed). */
const styles = css`
  .why {
    display: grid;
    gap: 0.25em;
    margin-block-start: 0.5em;
    font-size: 0.9375em;
  }
  .why-title {
    margin: 0;
    font-weight: 600;
  }
  .reasons {
    margin: 0;
    padding-inline-start: 1.25em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .dismiss-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .dismiss-error {
    margin: 0;
    color: var(--_danger);
  }
`;

/** The sentences of an item's reasons, strongest first (as the server sorted them). */
export function reasonLines(locale: VkLocale, reasons: readonly RecommendationReason[]): string[] {
  const messages = recommendedMessages(locale);
  return reasons.map((reason) => {
    const p = reason.params;
    switch (reason.code) {
      case 'skill_match': {
        const labels = skillLabels(locale) as Record<string, string>;
        const skills = (Array.isArray(p['skills']) ? p['skills'] : []).map((skill) => labels[skill] ?? skill.replaceAll('_', ' '));
        return messages.skillMatch({ skills: new Intl.ListFormat(locale, { type: 'conjunction' }).format(skills) });
      }
      case 'you_liked_category': {
        const category = String(p['category']);
        return messages.likedCategory({ category: (opportunityListMessages(locale).categories as Record<string, string>)[category] ?? category });
      }
      case 'near_you':
        return p['level'] === 'city' ? messages.nearCity : messages.nearDistrict;
      case 'fits_your_time': {
        // 2023-01-01 was a Sunday (weekday 0), so the 1st + n is weekday n; named in UTC to stay on that day.
        const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + Number(p['weekday'])));
        const partOfDay = p['partOfDay'] === 'afternoon' || p['partOfDay'] === 'evening' ? p['partOfDay'] : 'morning';
        return messages.fitsTime({ weekday, partOfDay });
      }
      case 'short_of_people':
        return messages.shortOfPeople({ spotsLeft: Number(p['spotsLeft']), startsInHours: Number(p['startsInHours']) });
      default:
        return '';
    }
  }).filter(Boolean);
}

/**
 * The list's side of a recommendations list. It reaches into the list (its items, live region,
 * configuration and error event) by bracket access rather than through callbacks the list would
 * have to build: every byte on the list's side is in the CDN entry, which every page loads.
 */
export class RecommendedSource {
  /** Changes whenever a card's own state does (a dismissal under way or failed): the list's rows are guarded on it. */
  revision = 0;
  readonly #list: VkOpportunityList;
  readonly #pending = new Set<string>();
  readonly #failed = new Map<string, unknown>();
  /** The last page was asked for without a volunteer session: the empty list says to sign in. */
  #signedOut = false;

  constructor(list: VkOpportunityList) {
    this.#list = list;
    // The list's static styles were applied when it first rendered: these join its shadow root now.
    const root = list.renderRoot;
    if (root instanceof ShadowRoot && styles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
  }

  get #config() {
    return this.#list['config'];
  }

  get #messages() {
    return recommendedMessages(this.#config.locale);
  }

  #announce(text: string): void {
    this.#list['announce'](text);
  }

  /** A page of recommendations: the list's page size and cursor, and its region when it is a district code. */
  async list(client: BaseClient, params: ListOpportunitiesParams, signal: AbortSignal): Promise<RecommendationsPage> {
    const config = this.#config;
    let signed: BaseClient;
    let session: string;
    try {
      [signed, session] = await signedIn(config, client, config.value.session, signal);
    } catch (error) {
      if (!(error instanceof NoSessionError)) throw error;
      // Shown as the list's empty state (its one hook for this module's states), reading nothing.
      this.#signedOut = true;
      return { data: [], nextCursor: null };
    }
    this.#signedOut = false;
    const { limit, cursor, regionCode } = params;
    const query = { limit, ...(cursor ? { cursor } : {}), ...(regionCode && /^\d{6}$/.test(regionCode) ? { regionCode } : {}) };
    return new MyRecommendations(signed.withSession(session)).list(query, { signal });
  }

  /** "为什么推荐" and the dismiss button, inside a card after its facts. */
  card(opportunity: OpportunitySummary, titleId: string): TemplateResult {
    const messages = this.#messages;
    const locale = this.#config.locale;
    const whyId = `why-${opportunity.id}`;
    const lines = reasonLines(locale, (opportunity as Partial<Recommendation>).reasons ?? []);
    const pending = this.#pending.has(opportunity.id);
    const failed = this.#failed.get(opportunity.id);
    return html`<div part="why" class="why">
      <p class="why-title" id=${whyId}>${messages.why}</p>
      <ul part="reasons" class="reasons" aria-labelledby=${whyId}>
        ${(lines.length ? lines : [messages.onlyFilters]).map((line) => html`<li part="reason">${line}</li>`)}
      </ul>
      <div class="dismiss-row">
        <button part="dismiss-button" class="button button--secondary" type="button" data-dismiss-for=${opportunity.id}
          aria-describedby=${titleId} aria-disabled=${pending ? 'true' : 'false'} @click=${() => this.dismiss(opportunity)}>${pending ? messages.dismissing : messages.dismiss}</button>
        ${failed === undefined ? nothing : html`<p part="dismiss-error" class="dismiss-error">${messages.dismissFailed({ reason: describeError(locale, failed) })}</p>`}
      </div>
    </div>`;
  }

  /** The empty state, or without a volunteer session the sign-in state. */
  empty(): TemplateResult {
    const messages = this.#messages;
    if (this.#signedOut) return html`<div part="sign-in" class="state"><p class="state__title">${messages.needSession}</p></div>`;
    return html`<div part="empty" class="state state--empty">
      <p class="state__title" tabindex="-1" data-empty-focus>${messages.emptyTitle}</p>
      <p>${messages.emptyText}</p>
    </div>`;
  }

  /** Dismisses on the server, then takes the card out and moves focus to its neighbour. */
  async dismiss(opportunity: OpportunitySummary): Promise<void> {
    const id = opportunity.id;
    const config = this.#config;
    const list = this.#list;
    if (this.#pending.has(id)) return;
    this.#pending.add(id);
    this.#failed.delete(id);
    this.#changed();
    try {
      const session = config.value.session;
      if (!config.client || !session) throw new NoSessionError('No volunteer session');
      const dismissal = await new MyRecommendations(config.client.withSession(session)).dismiss(id);
      const index = list['items'].findIndex((item) => item.id === id);
      list['items'] = list['items'].filter((item) => item.id !== id);
      this.#announce(this.#messages.dismissed({ title: opportunity.title }));
      list.dispatchEvent(new VkRecommendationDismissEvent({ opportunityId: id, dismissedAt: dismissal.dismissedAt }));
      await list.updateComplete;
      const root = list.renderRoot;
      const target = root.querySelector<HTMLElement>(`[data-index="${index}"] [data-focus-target]`)
        ?? root.querySelector<HTMLElement>(`[data-index="${index - 1}"] [data-focus-target]`)
        ?? root.querySelector<HTMLElement>('[data-empty-focus]');
      target?.focus();
    } catch (error) {
      this.#failed.set(id, error);
      this.#announce(this.#messages.dismissFailed({ reason: describeError(config.locale, error) }));
      list['dispatchError'](error);
    } finally {
      this.#pending.delete(id);
      this.#changed();
    }
  }

  #changed(): void {
    this.revision += 1;
    this.#list.requestUpdate();
  }
}
