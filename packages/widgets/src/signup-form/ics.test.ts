import { expect } from '@open-wc/testing';
import { createIcs, createIcsObjectUrl, escapeText, foldLine, formatUtcDateTime, signupEventUid } from './ics.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

/** Undoes RFC 5545 folding: a CRLF followed by one space joins two physical lines. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('ics', () => {
  it('escapes backslashes, semicolons, commas and every kind of newline in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).to.equal('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('writes date-times in UTC with a Z, converting from the activity offset', () => {
    expect(formatUtcDateTime('2026-12-05T09:30:00+08:00')).to.equal('20261205T013000Z');
    expect(formatUtcDateTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).to.equal('20260102T030405Z');
    expect(() => formatUtcDateTime('not a date')).to.throw(RangeError);
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'社区敬老志愿服务'.repeat(10)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).to.be.greaterThan(1);
    for (const [i, part] of physical.entries()) {
      expect(octets(part), `line ${i}`).to.be.at.most(75);
      if (i > 0) expect(part.startsWith(' ')).to.equal(true);
      expect(part).not.to.include('\uFFFD');
    }
    expect(unfold(folded)).to.equal(line);
    expect(foldLine('SHORT:line')).to.equal('SHORT:line');
  });

  it('builds a calendar with CRLF lines, UID from the sign-up id and UTC start and end', () => {
    const ics = createIcs({
      uid: signupEventUid('sgn_abc123'),
      start: '2026-12-05T09:00:00+08:00',
      end: '2026-12-05T12:00:00+08:00',
      summary: 'Reading, to elders; <b>bold</b>',
      location: '西湖区 文三路 1 号',
      description: 'Line one\nLine two',
      url: 'https://example.org/o/1',
      stamp: new Date(Date.UTC(2026, 10, 22, 8, 0, 0)),
    });
    expect(ics.endsWith('\r\n')).to.equal(true);
    expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/); // no bare CR or LF anywhere
    const lines = unfold(ics).split('\r\n');
    expect(lines[0]).to.equal('BEGIN:VCALENDAR');
    expect(lines).to.include('VERSION:2.0');
    expect(lines).to.include('UID:sgn_abc123@volunteerkit');
    expect(lines).to.include('DTSTAMP:20261122T080000Z');
    expect(lines).to.include('DTSTART:20261205T010000Z');
    expect(lines).to.include('DTEND:20261205T040000Z');
    expect(lines).to.include('SUMMARY:Reading\\, to elders\\; <b>bold</b>');
    expect(lines).to.include('LOCATION:西湖区 文三路 1 号');
    expect(lines).to.include('DESCRIPTION:Line one\\nLine two');
    expect(lines).to.include('URL:https://example.org/o/1');
    expect(lines.indexOf('BEGIN:VEVENT')).to.be.lessThan(lines.indexOf('END:VEVENT'));
    expect(lines.at(-2)).to.equal('END:VCALENDAR');
    for (const line of ics.split('\r\n')) expect(octets(line)).to.be.at.most(75);
  });

  it('serves the file through a Blob URL with the calendar media type', async () => {
    const url = createIcsObjectUrl('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    try {
      expect(url.startsWith('blob:')).to.equal(true);
      const response = await fetch(url);
      expect(response.headers.get('content-type')).to.match(/^text\/calendar/);
      expect(await response.text()).to.equal('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    } finally {
      URL.revokeObjectURL(url);
    }
  });
});
