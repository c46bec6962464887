/**
 * The platform's everyday formatting done without `Intl`: plural categories of the three locales,
 * plain numbers, and zh-CN date ranges in Asia/Shanghai.
 *
 * Why: the first `Intl.DateTimeFormat` or `Intl.NumberFormat` a page builds costs 100–300 ms of
 * main thread on a phone-class CPU (ICU setting up its formatting, once per renderer; a plural
 * rule costs a few milliseconds), and that one task kept the list's first item far behind a plain
 * page (docs/spec/budgets.md, docs/architecture.md "Dates without ICU on the list's first render").
 * China has kept UTC+8 all year since 1991, so a Shanghai wall clock is arithmetic. Whatever falls
 * outside these cases — another zone, locale or formatting option — returns `undefined` and the
 * caller uses `Intl` as before.
 *
 * @module
 */
import type { VkLocale } from './locale.js';

/**
 * CLDR's plural category of `count` in our three locales: Chinese has only `other`; English has
 * `one` for the number 1 (and −1) written without decimals, `other` for everything else.
 */
export function pluralCategory(locale: VkLocale, count: number): 'one' | 'other' {
  return locale === 'en' && Math.abs(count) === 1 ? 'one' : 'other';
}

/**
 * `value` as `Intl.NumberFormat` writes it with default options in zh-CN, zh-TW and en alike, for
 * the counts and hours a list shows: below 1,000 (no group separator) with at most three decimals
 * (none rounded), where it is what `String()` writes. `undefined` for anything else, −0 and NaN.
 */
export function plainNumber(value: number): string | undefined {
  return Math.abs(value) < 1000 && Math.round(value * 1000) / 1000 === value && !Object.is(value, -0) ? String(value) : undefined;
}

/** China's last daylight-saving time ended in September 1991; from 1992 on it is UTC+8 all year. */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const SHANGHAI_OFFSET_MINUTES = 480;

/** The year, the day (`11月28日周六`) and the time (`09:00`) a Shanghai clock reads at `instant`. */
function shanghaiClock(instant: Date): [year: string, day: string, time: string] {
  const wall = new Date(instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return [`${wall.getUTCFullYear()}年`, `${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日周${'日一二三四五六'[wall.getUTCDay()]}`, wall.toISOString().slice(11, 16)];
}

/**
 * A zh-CN range in Asia/Shanghai, as the list and the form show it: `11月28日周六 09:00–11:30`
 * within a day, `11月28日周六 21:00 – 11月29日周日 01:30` across days (with the years,
 * `2026年12月31日周四 …`, across a new year), `GMT+8` before the first time when the reader's
 * own clock reads otherwise. `undefined` for any other locale or zone, a date before 1992, or an
 * end before the start.
 */
export function zhCnShanghaiRange(locale: VkLocale, start: Date, end: Date, timeZone: string): string | undefined {
  if (locale !== 'zh-CN' || timeZone !== 'Asia/Shanghai' || start.getTime() < FIXED_OFFSET_SINCE || end < start) return undefined;
  // The reader's offset at the start, as the Intl path compares it (a reader in Asia/Chongqing
  // or Asia/Hong_Kong keeps Shanghai's time and is not shown the zone).
  const zone = -start.getTimezoneOffset() === SHANGHAI_OFFSET_MINUTES ? '' : 'GMT+8 ';
  const [fromYear, fromDay, fromTime] = shanghaiClock(start);
  const [toYear, toDay, toTime] = shanghaiClock(end);
  if (fromYear + fromDay === toYear + toDay) return `${fromDay} ${zone}${fromTime}${toTime === fromTime ? '' : `–${toTime}`}`;
  const years = fromYear !== toYear;
  return `${years ? fromYear : ''}${fromDay} ${zone}${fromTime} – ${years ? toYear : ''}${toDay} ${toTime}`;
}
