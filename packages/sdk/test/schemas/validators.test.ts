import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageOn, isEmail, isIsoDate, isMainlandMobile, isResidentId, maskMobile, maskName, maskResidentId,
  residentIdCheckChar, starLevelFor, spotsLeft, NATIONAL_STAR_RULE,
} from '../../src/schemas/index.js';

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting with 1[3-9]', () => {
    for (const n of ['13812345678', '19900000000', '15012345678']) assert.equal(isMainlandMobile(n), true, n);
  });
  it('rejects 10 or 12 digits, a wrong prefix, and non-digits', () => {
    for (const n of ['1381234567', '138123456789', '12812345678', '23812345678', '1381234567a', '+8613812345678', ''])
      assert.equal(isMainlandMobile(n), false, n);
  });
});

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check character', () => {
    assert.equal(residentIdCheckChar('11010519491231002'), 'X');
    assert.equal(residentIdCheckChar('44052418800101001'), '4');
  });
  it('accepts valid numbers, with X in either case', () => {
    assert.equal(isResidentId('11010519491231002X'), true);
    assert.equal(isResidentId('11010519491231002x'), true);
    assert.equal(isResidentId('440524188001010014'), true);
  });
  it('rejects a wrong check digit', () => {
    assert.equal(isResidentId('110105194912310021'), false);
    assert.equal(isResidentId('440524188001010015'), false);
  });
  it('rejects an impossible birth date, a wrong length, and letters', () => {
    assert.equal(isResidentId(`11010519490231${'002'}${residentIdCheckChar('11010519490231002')}`), false, 'Feb 31');
    assert.equal(isResidentId('11010519491231002'), false);
    assert.equal(isResidentId('1101051949123100AX'), false);
  });
  it('masks all but region and last four', () => {
    assert.equal(maskResidentId('11010519491231002X'), '110105********002X');
  });
});

describe('email', () => {
  it('accepts ordinary addresses', () => {
    for (const e of ['li.hua@example.com', 'a+b@mail.zju.edu.cn']) assert.equal(isEmail(e), true, e);
  });
  it('rejects addresses without @, without a domain dot, or with spaces', () => {
    for (const e of ['li.hua', 'li@localhost', 'li @example.com', '@example.com', 'li@.com']) assert.equal(isEmail(e), false, e);
  });
});

describe('dates and ages', () => {
  const today = new Date('2026-11-22T12:00:00Z');
  it('validates calendar dates', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('2026-13-01'), false);
  });
  it('computes whole years, counting the birthday itself', () => {
    assert.equal(ageOn('2008-11-22', today), 18);
    assert.equal(ageOn('2008-11-23', today), 17);
    assert.equal(ageOn('1949-10-01', today), 77);
  });
  it('rejects a future birth date and a malformed one', () => {
    assert.equal(ageOn('2026-11-23', today), null);
    assert.equal(ageOn('2030-01-01', today), null);
    assert.equal(ageOn('22/11/2008', today), null);
  });
});

describe('display masking', () => {
  it('masks Chinese names keeping first and last characters', () => {
    assert.equal(maskName('张晓明'), '张*明');
    assert.equal(maskName('李华'), '李*');
    assert.equal(maskName('欧阳娜娜'), '欧**娜');
  });
  it('masks Latin names to an initial-based form', () => {
    assert.equal(maskName('Wang Fang'), 'W*** F.');
  });
  it('masks mobiles', () => assert.equal(maskMobile('13812345678'), '138****5678'));
});

describe('star levels and spots', () => {
  it('follows the national rule at each threshold', () => {
    const cases: Array<[number, number]> = [[0, 0], [99.5, 0], [100, 1], [299, 1], [300, 2], [600, 3], [999, 3], [1000, 4], [1500, 5], [9000, 5]];
    for (const [hours, level] of cases) assert.equal(starLevelFor(hours, NATIONAL_STAR_RULE), level, `${hours} h`);
  });
  it('honours a custom rule', () => assert.equal(starLevelFor(50, { thresholds: [10, 20, 30, 40, 50] }), 5));
  it('never reports negative spots', () => {
    assert.equal(spotsLeft({ capacity: 10, signedUp: 4 }), 6);
    assert.equal(spotsLeft({ capacity: 10, signedUp: 12 }), 0);
  });
});
