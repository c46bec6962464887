import { expect } from '@open-wc/testing';
import { DraftStore, draftKey } from './draft-store.js';

/** A Storage whose every method throws, like sessionStorage in some sandboxed iframes. */
const throwingStorage = {
  getItem() { throw new DOMException('denied', 'SecurityError'); },
  setItem() { throw new DOMException('full', 'QuotaExceededError'); },
  removeItem() { throw new DOMException('denied', 'SecurityError'); },
} as unknown as Storage;

describe('DraftStore', () => {
  afterEach(() => sessionStorage.clear());

  it('round-trips a draft through sessionStorage, keyed by opportunity', () => {
    new DraftStore('opp_one1').save({ shiftId: 'shf_a111', volunteer: { name: '王小明', mobile: '13812345678' }, answers: { q_1: 'hi', q_2: ['a', 'b'] } });
    expect(sessionStorage.getItem(draftKey('opp_one1'))).to.be.a('string');
    // a new store instance stands for the reloaded page
    expect(new DraftStore('opp_one1').load()).to.deep.equal({
      shiftId: 'shf_a111', volunteer: { name: '王小明', mobile: '13812345678' }, answers: { q_1: 'hi', q_2: ['a', 'b'] },
    });
    expect(new DraftStore('opp_two2').load()).to.equal(null);
  });

  it('never writes the resident ID number, and drops it from a stored draft', () => {
    const store = new DraftStore('opp_one1');
    store.save({ volunteer: { name: 'A', idNumber: '11010519491231002X' }, answers: {} });
    const raw = sessionStorage.getItem(draftKey('opp_one1'))!;
    expect(raw).not.to.include('11010519491231002X');
    expect(raw).not.to.include('idNumber');
    sessionStorage.setItem(draftKey('opp_one1'), JSON.stringify({ volunteer: { idNumber: '11010519491231002X' }, answers: {} }));
    expect(store.load()!.volunteer).to.deep.equal({});
  });

  it('has no place for consent: it is not written even if passed', () => {
    const store = new DraftStore('opp_one1');
    store.save({ volunteer: { name: 'A' }, answers: {}, consent: true } as never);
    expect(sessionStorage.getItem(draftKey('opp_one1'))).not.to.include('consent');
  });

  it('removes the entry when the draft is empty and when cleared', () => {
    const store = new DraftStore('opp_one1');
    store.save({ volunteer: { name: 'A' }, answers: {} });
    store.save({ volunteer: { name: '' }, answers: { q_1: [] } });
    expect(sessionStorage.getItem(draftKey('opp_one1'))).to.equal(null);
    store.save({ volunteer: { name: 'A' }, answers: {} });
    store.clear();
    expect(store.load()).to.equal(null);
  });

  it('discards a corrupt or foreign draft instead of failing', () => {
    sessionStorage.setItem(draftKey('opp_one1'), '{not json');
    expect(new DraftStore('opp_one1').load()).to.equal(null);
    expect(sessionStorage.getItem(draftKey('opp_one1'))).to.equal(null);
    sessionStorage.setItem(draftKey('opp_one1'), JSON.stringify({ volunteer: { name: 5 }, answers: {} }));
    expect(new DraftStore('opp_one1').load()).to.equal(null);
  });

  it('keeps working when storage throws or is missing', () => {
    for (const storage of [throwingStorage, null]) {
      const store = new DraftStore('opp_one1', storage);
      expect(() => store.save({ volunteer: { name: 'A' }, answers: {} })).not.to.throw();
      expect(store.load()).to.equal(null);
      expect(() => store.clear()).not.to.throw();
    }
  });
});
