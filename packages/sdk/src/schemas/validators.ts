/**
 * Domain validators shared by the server (request validation) and the widgets (inline form
 * validation). Plain functions with no dependencies, so a form can call them on every keystroke.
 *
 * @module
 */

/** Mainland China mobile number: 11 digits starting with 1, second digit 3–9. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Whether `value` is a {@link MAINLAND_MOBILE} number. */
export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(value);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character (`0`–`9` or `X`) for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** The form of a resident ID number before its date and check character are checked. */
export const RESIDENT_ID_SHAPE = /^\d{17}[\dXx]$/;

/**
 * Whether `value` is a well-formed 18-character resident ID number (公民身份号码, GB 11643):
 * 17 digits, a valid birth date in positions 7–14, and the right check character.
 */
export function isResidentId(value: string): boolean {
  const id = value.toUpperCase();
  if (!RESIDENT_ID_SHAPE.test(id)) return false;
  const birth = id.slice(6, 14);
  if (!isIsoDate(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`)) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** Masks a resident ID for storage and display: `110105********123X` keeps region and last 4. */
export function maskResidentId(value: string): string {
  return value.length < 10 ? '*'.repeat(value.length) : value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** Masks a mobile number: `138****5678`. */
export function maskMobile(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : '*'.repeat(value.length);
}

/**
 * Masks a person's name for public display: `张*明` (first and last characters kept), `李*` for
 * two characters, `J*** S.` style for Latin names.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length === 1) return chars[0]!;
    if (chars.length === 2) return `${chars[0]}*`;
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  }
  const words = name.trim().split(/\s+/);
  const first = words[0]!;
  const last = words.length > 1 ? ` ${words[words.length - 1]![0]}.` : '';
  return `${first[0]}${'*'.repeat(Math.max(1, first.length - 1))}${last}`;
}

/** A pragmatic email form: one `@`, a dot in the domain, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Whether `value` is an {@link EMAIL} address of at most 254 characters. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Age in whole years on `on` (default now) of someone born on `birthDate` (`YYYY-MM-DD`).
 * Returns `null` for a malformed date or a birth date in the future.
 */
export function ageOn(birthDate: string, on: Date = new Date()): number | null {
  if (!isIsoDate(birthDate)) return null;
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const y = on.getUTCFullYear();
  const m = on.getUTCMonth() + 1;
  const d = on.getUTCDate();
  if (year > y || (year === y && (month > m || (month === m && day > d)))) return null;
  let age = y - year;
  if (m < month || (m === month && d < day)) age -= 1;
  return age;
}
