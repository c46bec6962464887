/**
 * Strings, plurals, numbers and dates for the three locales.
 *
 * Each component owns its strings in its own folder (`opportunity-list.messages.ts`), written with
 * `defineMessages`: the English catalog fixes the keys and the parameter types, and TypeScript
 * rejects a Chinese catalog that misses a key or takes other parameters. A message is a string or
 * a function of typed parameters (use `plural`, `formatNumber` … inside it).
 *
 * Why not @lit/localize: its locale is global to the page (one `setLocale()`), while a widget's
 * locale here is per element (attribute, provider, nearest `lang`); see docs/architecture.md.
 *
 * @module
 */
import type { VkLocale } from './locale.js';

export type { VkLocale } from './locale.js';
export { SUPPORTED_LOCALES, toSupportedLocale } from './locale.js';

/** A message: fixed text, text computed from typed parameters, or labels by key (enum values). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = string | ((params: any) => string) | Readonly<Record<string, string>>;
export type Catalog = Record<string, Message>;

/** Widens a catalog's literal types so that translations can be checked against it. */
export type CatalogShape<C extends Catalog> = { [K in keyof C]: C[K] extends string ? string : C[K] };

/**
 * Declares a component's catalogs and returns a lookup by locale:
 *
 * ```ts
 * const messages = defineMessages(
 *   { loadMore: 'Load more', loaded: (p: { count: number }) => plural('en', p.count, { one: '# more loaded', other: '# more loaded' }) },
 *   { 'zh-CN': { … }, 'zh-TW': { … } },
 * );
 * messages(this.config.locale).loadMore
 * ```
 */
export function defineMessages<C extends Catalog>(
  en: C,
  translations: Record<Exclude<VkLocale, 'en'>, CatalogShape<C>>,
): (locale: VkLocale) => CatalogShape<C> {
  const catalogs: Record<VkLocale, CatalogShape<C>> = { en: en as CatalogShape<C>, ...translations };
  return (locale) => catalogs[locale] ?? catalogs.en;
}

/**
 * `t(catalogs, locale, key, params)` for callers that prefer a function over property access.
 * Functions receive `params`; strings ignore them.
 */
export function t<C extends Catalog, K extends keyof C>(
  messages: (locale: VkLocale) => CatalogShape<C>,
  locale: VkLocale,
  key: K,
  ...params: C[K] extends (p: infer P) => string ? [P] : []
): string {
  const message = messages(locale)[key] as Message;
  if (typeof message === 'function') return message(params[0]);
  return typeof message === 'string' ? message : String(key);
}

// ---------------------------------------------------------------------------------------------
// Intl, cached: constructing a formatter costs far more than using it (on a phone-class CPU the
// first few cost tens of milliseconds each), so each is built once per page and kept in a
// module-level map for every widget to share.

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * How many `Intl` formatters this module has constructed: a seam for tests that check formatters
 * are built once per locale and time zone, not once per item or per render.
 */
export const intlConstructions = { count: 0 };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Chooses the plural form for `count` by the locale's rules and replaces `#` with the formatted
 * number. Chinese has only `other`; English has `one` and `other`.
 */
export function plural(locale: VkLocale, count: number, forms: PluralForms): string {
  const rule = cached(`plural:${locale}`, () => (intlConstructions.count++, new Intl.PluralRules(locale))).select(count);
  return (forms[rule] ?? forms.other).replace(/#/g, formatNumber(locale, count));
}

export function formatNumber(locale: VkLocale, value: number, options: Intl.NumberFormatOptions = {}): string {
  return cached(`number:${locale}:${JSON.stringify(options)}`, () => (intlConstructions.count++, new Intl.NumberFormat(locale, options))).format(value);
}

function dateTimeFormat(locale: VkLocale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  intlConstructions.count++;
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // An unknown zone from the API must not break the widget: fall back to the platform's
    // default zone (the whole platform is in China).
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Asia/Shanghai' });
  }
}

/** The formats a date range uses, by name (Chinese months 'long' give "11月28日"; 'short' would give "11/28"). */
const RANGE_FORMATS = {
  /** The activity's wall clock in numbers, to compare with the reader's. */
  clock: () => ({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }),
  day: (locale) => ({ weekday: 'short', month: locale === 'en' ? 'short' : 'long', day: 'numeric' }),
  time: () => ({ hour: 'numeric', minute: '2-digit' }),
  timeWithZone: () => ({ hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
  full: (locale) => ({ month: locale === 'en' ? 'short' : 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
  fullWithZone: (locale) => ({ month: locale === 'en' ? 'short' : 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
} satisfies Record<string, (locale: VkLocale) => Intl.DateTimeFormatOptions>;

/** One of the range formats of `locale` in `timeZone`, built on first use. */
function rangeFormat(name: keyof typeof RANGE_FORMATS, locale: VkLocale, timeZone: string): Intl.DateTimeFormat {
  // The clock is read in numbers only, so one per zone serves every locale.
  const formatLocale = name === 'clock' ? 'en' : locale;
  return cached(`${name}:${formatLocale}:${timeZone}`, () => dateTimeFormat(formatLocale, timeZone, RANGE_FORMATS[name](locale)));
}

/**
 * Builds the formatters a list of activities in `timeZone` needs in `locale` ahead of time: a
 * widget calls this while its request is in flight, so the cost overlaps the network wait instead
 * of delaying the first item.
 */
export function warmDateFormatters(locale: VkLocale, timeZone = 'Asia/Shanghai'): void {
  const named = clocksDiffer(rangeFormat('clock', locale, timeZone), new Date());
  rangeFormat('day', locale, timeZone);
  rangeFormat(named ? 'timeWithZone' : 'time', locale, timeZone);
}

/** Whether the formatters {@link warmDateFormatters} builds exist already (for tests). */
export function dateFormattersReady(locale: VkLocale, timeZone = 'Asia/Shanghai'): boolean {
  return cache.has(`day:${locale}:${timeZone}`) && (cache.has(`time:${locale}:${timeZone}`) || cache.has(`timeWithZone:${locale}:${timeZone}`));
}

/**
 * Whether the reader's clock reads differently from the activity's at `instant`. Offsets, not
 * zone names, are compared: a reader in Asia/Chongqing or Asia/Hong_Kong keeps the same time as an
 * activity in Asia/Shanghai and must not be shown "GMT+8".
 */
function clocksDiffer(clock: Intl.DateTimeFormat, instant: Date): boolean {
  const parts = clock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  const activityOffsetMinutes = Math.round((wallClockAsUtc - instant.getTime()) / 60_000);
  return activityOffsetMinutes !== -instant.getTimezoneOffset();
}

/**
 * A date-time range in the activity's time zone, e.g. "Sat, Nov 28, 9:00 – 11:30 AM" or
 * "11月28日周六 09:00–11:30". The zone is named only when the reader's clock reads otherwise.
 */
export function formatDateRange(locale: VkLocale, start: string | Date, end: string | Date, timeZone: string): string {
  const startDate = new Date(start);
  const endDate = new Date(end);
  if (Number.isNaN(startDate.getTime()) || Number.isNaN(endDate.getTime())) return '';
  const named = clocksDiffer(rangeFormat('clock', locale, timeZone), startDate);
  const day = rangeFormat('day', locale, timeZone);
  const startDay = day.format(startDate);
  if (startDay === day.format(endDate)) {
    // Same day: the date once, then the time range. (formatRange over a combined date-time
    // pattern falls back to numeric dates in Chinese: "11/28周六".)
    return `${startDay} ${rangeFormat(named ? 'timeWithZone' : 'time', locale, timeZone).formatRange(startDate, endDate)}`;
  }
  return rangeFormat(named ? 'fullWithZone' : 'full', locale, timeZone).formatRange(startDate, endDate);
}

/** A date (no time) in `timeZone`, e.g. "Nov 28, 2026" / "2026年11月28日". */
export function formatDate(locale: VkLocale, value: string | Date, timeZone: string, options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return cached(`date:${locale}:${timeZone}:${JSON.stringify(options)}`, () => dateTimeFormat(locale, timeZone, options)).format(date);
}

/** A `<time datetime>` value for machines next to the human text. */
export function isoDateTime(value: string | Date): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
