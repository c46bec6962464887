/**
 * The formatted text of one row of `<vk-opportunity-list>` (dates, spots, hours): built once per
 * item and locale, not on each render. A list of 10,000 re-renders its visible rows on every scroll step; formatting a
 * date there (about a dozen `Intl` calls per row) is what made scrolling block on a phone.
 *
 * The view is kept in a WeakMap keyed by the item object: a page that arrives brings new objects
 * (and so new views), an item the list keeps keeps its view, and a dropped page frees both.
 *
 * @module
 */
import type { OpportunitySummary } from '@volunteerkit/sdk';
import { formatDateRange, isoDateTime, type VkLocale } from '../shared/i18n.js';
import { opportunityListMessages } from './opportunity-list.messages.js';

export interface ItemView {
  /** The next shift's date and time in the activity's zone; empty when no shift is ahead. */
  readonly time: string;
  /** The same instant for `<time datetime>`. */
  readonly timeIso: string;
  /** "· 2 more shifts", or empty. */
  readonly moreShifts: string;
  readonly spots: string;
  readonly hours: string;
}

/**
 * How many views and row templates were built: a seam for tests that check a row is formatted
 * once and not rebuilt when nothing it shows changed.
 */
export const listRenderCounts = { views: 0, rows: 0 };

const views = new WeakMap<OpportunitySummary, { locale: VkLocale; view: ItemView }>();

/** The row text of `opportunity` in `locale`, built on first use and kept with the item. */
export function itemView(opportunity: OpportunitySummary, locale: VkLocale): ItemView {
  const kept = views.get(opportunity);
  if (kept?.locale === locale) return kept.view;
  const view = buildView(opportunity, locale);
  views.set(opportunity, { locale, view });
  return view;
}

function buildView(opportunity: OpportunitySummary, locale: VkLocale): ItemView {
  listRenderCounts.views++;
  const messages = opportunityListMessages(locale);
  const next = opportunity.nextShift;
  const open = opportunity.openSpots;
  return {
    time: next ? formatDateRange(locale, next.start, next.end, opportunity.timezone) : '',
    timeIso: next ? isoDateTime(next.start) : '',
    moreShifts: opportunity.shiftCount > 1 ? ` · ${messages.moreShifts({ count: opportunity.shiftCount - 1 })}` : '',
    spots: open ? messages.spotsLeft({ count: open }) : messages.noSpots,
    hours: messages.hoursCredited({ hours: opportunity.hoursPerShift }),
  };
}

/**
 * Stand-in data for preparing the row's template before the first answer
 * (`prepareRowTemplate` in opportunity-list.ts): only the fields the row reads, set so that it takes every
 * optional branch (a time, more shifts, spots left, so a sign-up button). Rendered only into a
 * detached fragment, never shown.
 */
export const SAMPLE_ROW = {
  opportunity: { id: 'opp_', status: 'recruiting', location: {}, openSpots: 1 } as unknown as OpportunitySummary,
  view: { time: '-', moreShifts: '-' } as ItemView,
};
