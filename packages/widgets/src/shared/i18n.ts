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
import { plainNumber, pluralCategory, zhCnShanghaiRange } from './plain-format.js';

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
// Intl, cached: constructing a formatter costs far more than using it (the page's first date or
// number format 100–300 ms on a phone-class CPU), so each is built once per page, in a
// module-level map every widget shares; and the platform's everyday case (zh-CN in Asia/Shanghai,
// plain numbers, plurals) builds none at all (plain-format.ts).

/**
 * How many `Intl` formatters were built: a seam for tests that check they are built once per
 * locale and time zone, not per item or per render.
 */
export const intlConstructions = { count: 0 };

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    intlConstructions.count++;
    value = make();
    cache.set(key, value);
  }
  return value;
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Chooses the plural form for `count` by the locale's rules and replaces `#` with the formatted
 * number. Chinese has only `other`; English has `one` and `other`.
 */
export function plural(locale: VkLocale, count: number, forms: PluralForms): string {
  return (forms[pluralCategory(locale, count)] ?? forms.other).replace(/#/g, formatNumber(locale, count));
}

export function formatNumber(locale: VkLocale, value: number, options: Intl.NumberFormatOptions = {}): string {
  const plain = Object.keys(options).length === 0 ? plainNumber(value) : undefined;
  return plain ?? cached(`number:${locale}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)).format(value);
}

/**
 * Whether the reader's clock reads differently from the activity's at `instant`. Offsets, not
 * zone names, are compared: a reader in Asia/Chongqing or Asia/Hong_Kong keeps the same time as an
 * activity in Asia/Shanghai and must not be shown "GMT+8".
 */
function clocksDiffer(timeZone: string, instant: Date): boolean {
  const parts = dateTimeFormat('en', timeZone, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  const activityOffsetMinutes = Math.round((wallClockAsUtc - instant.getTime()) / 60_000);
  return activityOffsetMinutes !== -instant.getTimezoneOffset();
}

function dateTimeFormat(locale: VkLocale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `date:${locale}:${timeZone}:${JSON.stringify(options)}`;
  return cached(key, () => {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // An unknown zone from the API must not break the widget: fall back to the platform's
      // default zone (the whole platform is in China).
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Asia/Shanghai' });
    }
  });
}

/**
 * A date-time range in the activity's time zone, e.g. "Sat, Nov 28, 9:00 – 11:30 AM" or
 * "11月28日周六 09:00–11:30". The zone is named only when the reader's clock reads otherwise.
 */
export function formatDateRange(locale: VkLocale, start: string | Date, end: string | Date, timeZone: string): string {
  const startDate = new Date(start);
  const endDate = new Date(end);
  if (Number.isNaN(startDate.getTime()) || Number.isNaN(endDate.getTime())) return '';
  const withoutIntl = zhCnShanghaiRange(locale, startDate, endDate, timeZone);
  if (withoutIntl !== undefined) return withoutIntl;
  const zone = clocksDiffer(timeZone, startDate) ? ({ timeZoneName: 'short' } as const) : {};
  // 'long' in Chinese gives "11月28日"; 'short' would give "11/28".
  const day = dateTimeFormat(locale, timeZone, { weekday: 'short', month: locale === 'en' ? 'short' : 'long', day: 'numeric' });
  if (day.format(startDate) === day.format(endDate)) {
    // Same day: the date once, then the time range. (formatRange over a combined date-time
    // pattern falls back to numeric dates in Chinese: "11/28周六".)
    const time = dateTimeFormat(locale, timeZone, { hour: 'numeric', minute: '2-digit', ...zone });
    return `${day.format(startDate)} ${time.formatRange(startDate, endDate)}`;
  }
  const full = dateTimeFormat(locale, timeZone, { month: locale === 'en' ? 'short' : 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', ...zone });
  return full.formatRange(startDate, endDate);
}

/**
 * Builds the formatters a list of activities in `timeZone` needs in `locale` ahead of time (by
 * formatting a range and a count once): a widget calls this while its request is in flight, so the cost
 * overlaps the network wait instead of delaying the first item. Builds nothing for zh-CN in
 * Asia/Shanghai, which needs no formatter.
 */
export function warmDateFormatters(locale: VkLocale, timeZone = 'Asia/Shanghai'): void {
  const now = new Date();
  formatDateRange(locale, now, now, timeZone);
  plural(locale, 2, { other: '#' }); // the plural rules and number format of counts ("剩余 8 个名额")
}

/** A date (no time) in `timeZone`, e.g. "Nov 28, 2026" / "2026年11月28日". */
export function formatDate(locale: VkLocale, value: string | Date, timeZone: string, options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat(locale, timeZone, options).format(date);
}

/** A `<time datetime>` value for machines next to the human text. */
export function isoDateTime(value: string | Date): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
