// An activity's time zone is named only when the reader's clock reads otherwise: readers in China
// whose browser says Asia/Chongqing or Asia/Hong_Kong are not shown "GMT+8" (shared/i18n.ts).
// Node re-reads TZ when it is assigned, so each case sets the reader's zone for itself.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { formatDateRange } from '../src/shared/i18n.js';

const readerZone = process.env.TZ;
afterEach(() => {
  if (readerZone === undefined) delete process.env.TZ;
  else process.env.TZ = readerZone;
});

const range = (locale: 'zh-CN' | 'en') => formatDateRange(locale, '2026-11-28T09:00:00+08:00', '2026-11-28T11:30:00+08:00', 'Asia/Shanghai');

for (const zone of ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Hong_Kong', 'Asia/Taipei']) {
  it(`names no zone for a reader in ${zone}, whose clock reads as Shanghai's`, () => {
    process.env.TZ = zone;
    assert.equal(range('zh-CN'), '11月28日周六 09:00–11:30');
    assert.doesNotMatch(range('en'), /GMT|UTC|CST/);
  });
}

for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York']) {
  it(`names the activity's zone for a reader in ${zone}`, () => {
    process.env.TZ = zone;
    assert.match(range('zh-CN'), /GMT\+8/);
    assert.match(range('en'), /GMT\+8/);
  });
}
