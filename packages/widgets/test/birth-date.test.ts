// How a typed birth date is read (signup-form/birth-date.ts): the forms elderly readers write,
// each with its own problem when it is not a date of birth. The clock is injected.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBirthDate } from '../src/signup-form/birth-date.js';

const today = new Date(2026, 11, 1, 12, 0); // 1 December 2026, the reader's local day

describe('parseBirthDate', () => {
  it('reads each form people type into ISO YYYY-MM-DD', () => {
    const forms = [
      '1956-03-08', '1956-3-8', '1956/3/8', '1956.3.8', '19560308', '1956年3月8日', '1956年03月08日',
      '1956年3月8号', '1956年3月8', ' 1956 年 3 月 8 日 ', '1956 - 3 - 8', '１９５６．３．８', '１９５６年３月８日', '1956。3。8',
    ];
    for (const text of forms) assert.deepEqual(parseBirthDate(text, today), { iso: '1956-03-08' }, text);
  });

  it('says a date that does not exist is not real', () => {
    for (const text of ['1956-02-30', '1956-13-01', '1956年2月30日', '19560230', '1957-2-29', '1956-00-10']) {
      assert.deepEqual(parseBirthDate(text, today), { problem: 'birth_date_not_real' }, text);
    }
    assert.deepEqual(parseBirthDate('1956-02-29', today), { iso: '1956-02-29' }, 'a leap day is real');
  });

  it('says a date after today is in the future, by the reader\'s calendar', () => {
    assert.deepEqual(parseBirthDate('2026-12-02', today), { problem: 'birth_date_future' });
    assert.deepEqual(parseBirthDate('2030年1月1日', today), { problem: 'birth_date_future' });
    assert.deepEqual(parseBirthDate('2026-12-01', today), { iso: '2026-12-01' }, 'today is not the future');
  });

  it('says text in no accepted form is unreadable', () => {
    for (const text of ['', '3月8日', '8/3/1956', '56-3-8', '1956-3/8', '1956年3月', 'March 8 1956', '1956308', '1956-03-08x']) {
      assert.deepEqual(parseBirthDate(text, today), { problem: 'birth_date_unreadable' }, text);
    }
  });
});
