/**
 * A minimal RFC 5545 (iCalendar) writer for the "add to calendar" download of the success view.
 *
 * Only what one event needs: text escaping (§3.3.11), UTC date-times (§3.3.5, form #2 with `Z`,
 * so no VTIMEZONE block is needed and every calendar app shows the right local time), CRLF line
 * endings and folding at 75 octets (§3.1) without splitting a UTF-8 character — Chinese titles are
 * three octets per character, so folding by JavaScript string length would be wrong.
 *
 * @module
 */

/** One event to put in a calendar file. */
export interface CalendarEvent {
  /** Globally unique and stable: the same sign-up downloaded twice updates one calendar entry. */
  uid: string;
  start: Date | string;
  end: Date | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** When the file was made (`DTSTAMP`); defaults to now. */
  stamp?: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (CRLF, CR or LF become `\n`). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20261122T013000Z`: a date-time in UTC, the form that needs no time-zone definition. */
export function formatUtcDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const encoder = new TextEncoder();

/**
 * Folds one content line so no physical line exceeds 75 octets (the CRLF not counted). Each
 * continuation starts with one space, which counts towards its 75. Splits only between code points.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const physicalLines: string[] = [];
  let current = '';
  let currentOctets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > limit) {
      physicalLines.push(current);
      current = '';
      currentOctets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation line
    }
    current += char;
    currentOctets += octets;
  }
  physicalLines.push(current);
  return physicalLines.join(`${CRLF} `);
}

/** Builds a complete `.ics` file (VCALENDAR with one VEVENT), CRLF-terminated. */
export function createIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//VolunteerKit//vk-signup-form//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtcDateTime(event.stamp ?? new Date())}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // URI values are not TEXT: they are written as they are, never backslash-escaped.
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The UID of a sign-up's calendar event: stable per sign-up, unique across hosts. */
export function signupEventUid(signupId: string): string {
  return `${signupId}@volunteerkit`;
}

/**
 * A Blob URL for an `.ics` file, for the `href` of an `<a download>`. A real link (rather than a
 * scripted click) is what keyboards and screen readers expect; the caller revokes the URL when the
 * link goes away.
 */
export function createIcsObjectUrl(ics: string): string {
  return URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
}

/** The calendar event of a sign-up: the shift's time, the activity's title and place, the reference. */
export function signupCalendarEvent(
  signup: { id: string; reference: string },
  opportunity: { title: string; orgName: string; location: { name: string; address: string; online: boolean } },
  shift: { start: string; end: string },
  referenceLabel: string,
): CalendarEvent {
  const { location } = opportunity;
  return {
    uid: signupEventUid(signup.id),
    start: shift.start,
    end: shift.end,
    summary: opportunity.title,
    location: location.online ? location.name : `${location.name}, ${location.address}`,
    description: `${opportunity.orgName}\n${referenceLabel}: ${signup.reference}`,
  };
}

/**
 * An object URL of a sign-up's calendar file, or `undefined` when it cannot be made: a calendar
 * file is a convenience, and the success view must not depend on it. None for a waitlisted
 * sign-up: a calendar entry would promise a place the person does not have.
 */
export function signupCalendarUrl(
  signup: Parameters<typeof signupCalendarEvent>[0] & { status: string },
  ...rest: Parameters<typeof signupCalendarEvent> extends [unknown, ...infer R] ? R : never
): string | undefined {
  if (signup.status === 'waitlisted') return undefined;
  try {
    return createIcsObjectUrl(createIcs(signupCalendarEvent(signup, ...rest)));
  } catch (error) {
    console.warn('VolunteerKit: <vk-signup-form> could not make the calendar file.', error);
    return undefined;
  }
}
