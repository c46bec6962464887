// The formatting done without Intl (shared/plain-format.ts) checked against Intl itself: the same
// numbers and plural categories as ICU for every value it accepts, and the same zh-CN range as
// ICU within a day, for readers in and out of China. Across days it reads differently by design
// (ICU falls back to numeric dates, "11/28 21:00 – 11/29 01:30").
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { plainNumber, pluralCategory, zhCnShanghaiRange } from '../src/shared/plain-format.js';
import { formatDateRange, formatNumber, plural } from '../src/shared/i18n.js';

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
const readerZone = process.env.TZ;
afterEach(() => {
  if (readerZone === undefined) delete process.env.TZ;
  else process.env.TZ = readerZone;
});

describe('numbers and plurals without Intl', () => {
  it('writes every number it accepts as Intl.NumberFormat does, in each locale', () => {
    const values = fc.oneof(
      fc.integer({ min: -2000, max: 2000 }),
      fc.double({ min: -2000, max: 2000, noNaN: true }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
      fc.integer({ min: 0, max: 2000 }).map((n) => n / 4),
    );
    let accepted = 0;
    fc.assert(fc.property(values, (value) => {
      const plain = plainNumber(value);
      if (plain === undefined) return;
      accepted++;
      for (const locale of LOCALES) assert.equal(plain, new Intl.NumberFormat(locale).format(value), `${value} in ${locale}`);
    }), { seed: 20261203, numRuns: 3000 });
    assert.ok(accepted > 1500, `only ${accepted} of 3,000 values were written without Intl`);
  });

  it('leaves to Intl what its defaults would round, and −0, infinities and NaN', () => {
    for (const value of [1.0005, 2 / 3, -0, Infinity, -Infinity, Number.NaN, 1000, -1000, 1e-7]) assert.equal(plainNumber(value), undefined, String(value));
    assert.equal(formatNumber('en', 2 / 3), '0.667');
    assert.equal(formatNumber('zh-CN', 12345), '12,345');
    assert.equal(formatNumber('zh-CN', 12.5, { style: 'percent' }), '1,250%');
  });

  it('chooses the plural category Intl.PluralRules chooses', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100)), (count) => {
      for (const locale of LOCALES) assert.equal(pluralCategory(locale, count), new Intl.PluralRules(locale).select(count), `${count} in ${locale}`);
    }), { seed: 20261203, numRuns: 500 });
    assert.equal(plural('en', 1, { one: '# spot', other: '# spots' }), '1 spot');
    assert.equal(plural('en', 1234, { one: '# spot', other: '# spots' }), '1,234 spots');
  });
});

describe('zh-CN ranges in Asia/Shanghai without Intl', () => {
  const sameDay = fc
    .record({ day: fc.integer({ min: Date.UTC(1992, 0, 1) / 86_400_000, max: Date.UTC(2060, 0, 1) / 86_400_000 }), from: fc.integer({ min: 0, max: 1438 }), length: fc.integer({ min: 1, max: 1439 }) })
    .map(({ day, from, length }) => {
      const midnightInShanghai = day * 86_400_000 - 8 * 3_600_000;
      return [new Date(midnightInShanghai + from * 60_000), new Date(midnightInShanghai + Math.min(1439, from + length) * 60_000)] as const;
    });
  const intlRange = (start: Date, end: Date) => {
    const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'short', month: 'long', day: 'numeric' }).format(start);
    const zone = process.env.TZ === 'Asia/Shanghai' ? {} : ({ timeZoneName: 'short' } as const);
    return `${day} ${new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: 'numeric', minute: '2-digit', ...zone }).formatRange(start, end)}`;
  };

  for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York']) {
    it(`matches ICU within a day for a reader in ${zone}`, () => {
      process.env.TZ = zone;
      fc.assert(fc.property(sameDay, ([start, end]) => {
        assert.equal(zhCnShanghaiRange('zh-CN', start, end, 'Asia/Shanghai'), intlRange(start, end));
      }), { seed: 20261203, numRuns: 400 });
    });
  }

  it('writes days, years and one time in the same words, where ICU falls back to numbers', () => {
    process.env.TZ = 'Asia/Shanghai';
    assert.equal(formatDateRange('zh-CN', '2026-11-28T21:00:00+08:00', '2026-11-29T01:30:00+08:00', 'Asia/Shanghai'), '11月28日周六 21:00 – 11月29日周日 01:30');
    assert.equal(formatDateRange('zh-CN', '2026-12-31T09:00:00+08:00', '2027-01-02T11:30:00+08:00', 'Asia/Shanghai'), '2026年12月31日周四 09:00 – 2027年1月2日周六 11:30');
    assert.equal(formatDateRange('zh-CN', '2026-11-28T09:00:00+08:00', '2026-11-28T09:00:00+08:00', 'Asia/Shanghai'), '11月28日周六 09:00');
    process.env.TZ = 'Europe/Berlin';
    assert.equal(formatDateRange('zh-CN', '2026-11-28T21:00:00+08:00', '2026-11-29T01:30:00+08:00', 'Asia/Shanghai'), '11月28日周六 GMT+8 21:00 – 11月29日周日 01:30');
  });

  it('leaves other locales, zones, dates before 1992 and reversed ranges to Intl', () => {
    const start = new Date('2026-11-28T09:00:00+08:00');
    const end = new Date('2026-11-28T11:30:00+08:00');
    assert.equal(zhCnShanghaiRange('zh-TW', start, end, 'Asia/Shanghai'), undefined);
    assert.equal(zhCnShanghaiRange('en', start, end, 'Asia/Shanghai'), undefined);
    assert.equal(zhCnShanghaiRange('zh-CN', start, end, 'Asia/Tokyo'), undefined);
    assert.equal(zhCnShanghaiRange('zh-CN', new Date('1991-07-01T09:00:00+08:00'), new Date('1991-07-01T10:00:00+08:00'), 'Asia/Shanghai'), undefined);
    assert.equal(zhCnShanghaiRange('zh-CN', end, start, 'Asia/Shanghai'), undefined);
    process.env.TZ = 'Asia/Shanghai';
    assert.match(formatDateRange('zh-CN', start, end, 'Asia/Tokyo'), /GMT\+9/, 'an activity in Tokyo is written by Intl, with its zone');
  });
});
