/**
 * A birth date as people write it, read into the contract's ISO `YYYY-MM-DD` (`GuestVolunteer` in
 * `@volunteerkit/sdk/schemas` and the server take nothing else). Pure and DOM-free: the form keeps
 * what was typed (and its draft keeps it too), and reads it through {@link parseBirthDate} when it
 * validates and when it builds the request body.
 *
 * Accepted, year first (the order of every form below, and of dates in China), with any spaces:
 * `1956-03-08`, `1956-3-8`, `1956/3/8`, `1956.3.8`, `19560308`, `1956年3月8日` (日, 号 or none
 * after the day). Full-width digits and separators (`１９５６．３．８`, which a Chinese input method
 * may produce) count as their ASCII twins.
 *
 * @module
 */

/** Why a text is not a birth date; each picks its own message in `signup-form.messages.ts`. */
export type BirthDateProblem = 'birth_date_unreadable' | 'birth_date_not_real' | 'birth_date_future';

export type BirthDateReading = { iso: string } | { problem: BirthDateProblem };

/** Year, separator, month, the same separator, day; or the Chinese 年月日; or eight digits. */
const SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号號]?$/;
const EIGHT_DIGITS = /^(\d{4})(\d{2})(\d{2})$/;

/** Full-width digits and punctuation (U+FF01–FF5E) to ASCII, and the ideographic full stop to a dot. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/。/g, '.');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Reads `text` as a birth date. `today` (the reader's calendar day; a clock is injected in tests)
 * decides what is in the future: the person's own date, not the server's UTC one.
 */
export function parseBirthDate(text: string, today: Date = new Date()): BirthDateReading {
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  const match = SEPARATED.exec(compact) ?? CHINESE.exec(compact) ?? EIGHT_DIGITS.exec(compact);
  if (!match) return { problem: 'birth_date_unreadable' };
  const numbers = match.slice(1).filter((part) => /^\d+$/.test(part)).map(Number);
  const [year, month, day] = numbers as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: 'birth_date_not_real' };
  }
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const todayIso = `${pad(today.getFullYear(), 4)}-${pad(today.getMonth() + 1, 2)}-${pad(today.getDate(), 2)}`;
  return iso > todayIso ? { problem: 'birth_date_future' } : { iso };
}
