/**
 * The `heading-level` attribute as an `aria-level`: the one rule every widget uses, with the floor
 * and default each kind of widget needs.
 *
 * - A list or a board (`SECTION_HEADINGS`) sits inside a page section: level 2–6, never the page's
 *   h1, and 3 when the attribute is not a number (under the page's own h2).
 * - The sign-up form (`FORM_HEADINGS`) is often the page's main content (a sign-up page of its
 *   own), so it may be given level 1, and defaults to 2. Its error summary and other subheadings
 *   sit one level below (`offset`), never deeper than 6.
 *
 * @module
 */

export interface HeadingRule {
  /** The lowest level the widget may claim. */
  min: 1 | 2;
  /** The level used when the attribute is not a number. */
  fallback: number;
  /** A fractional level: rounded, or treated as not a number. */
  fraction: 'round' | 'fallback';
}

/** Lists and boards: 2–6, default 3. */
export const SECTION_HEADINGS: HeadingRule = { min: 2, fallback: 3, fraction: 'round' };

/** The sign-up form: 1–6, default 2; a level that is not a whole number counts as unset. */
export const FORM_HEADINGS: HeadingRule = { min: 1, fallback: 2, fraction: 'fallback' };

/** The level for a heading `offset` levels below `value` (a `heading-level` property), kept within `rule.min`–6. */
export function headingLevel(value: unknown, rule: HeadingRule, offset = 0): number {
  const level = rule.fraction === 'round' ? Math.round(Number(value)) : Number(value);
  const base = Number.isInteger(level) ? level : rule.fallback;
  return Math.min(6, Math.max(rule.min, base + offset));
}

/** A list's or a board's own section heading level: {@link headingLevel} with {@link SECTION_HEADINGS}. */
export function sectionHeadingLevel(value: unknown): number {
  return headingLevel(value, SECTION_HEADINGS);
}
