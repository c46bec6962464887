/** The one heading-level helper, under the section rule (lists, boards) and the form's rule. */
import { expect } from '@open-wc/testing';
import { FORM_HEADINGS, headingLevel, sectionHeadingLevel } from './heading-level.js';

describe('heading-level', () => {
  it('keeps a list or board heading within 2–6, 3 when unset, rounding a fraction', () => {
    expect([1, 2, 4, 6, 9, 2.6, Number.NaN, undefined, 'x'].map(sectionHeadingLevel)).to.deep.equal([2, 2, 4, 6, 6, 3, 3, 3, 3]);
  });

  it('lets the form take level 1, 2 when unset or fractional, its subheadings one below and never past 6', () => {
    expect([1, 2, 3, 6, 2.5, Number.NaN, undefined].map((value) => headingLevel(value, FORM_HEADINGS))).to.deep.equal([1, 2, 3, 6, 2, 2, 2]);
    expect([1, 3, 6].map((value) => headingLevel(value, FORM_HEADINGS, 1))).to.deep.equal([2, 4, 6]);
  });
});
