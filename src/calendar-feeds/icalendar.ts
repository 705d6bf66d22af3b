import { DateTime } from 'luxon';
import type { CommitmentJson } from '../commitments/commitment.schemas.js';

const MAX_LINE_OCTETS = 75;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character
 * (RFC 5545 3.1).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
/** The local date of a zoned ISO instant as it was written (the deadline's own time zone). */
const localDate = (zonedIso: string, plusDays = 0) => DateTime.fromISO(zonedIso.slice(0, 10), { zone: 'UTC' }).plus({ days: plusDays }).toFormat('yyyyMMdd');

export interface FeedEventContext {
  link: (commitmentId: string) => string;
}

/**
 * One deadline as an event: all-day for DAY, all-day across the window for MONTH, QUARTER and YEAR
 * (the alarm a week before the window closes), timed for DATETIME and for a meeting's dates.
 */
export function eventLines(c: CommitmentJson, context: FeedEventContext): string[] {
  const deadline = c.deadline!;
  const start = deadline.start!;
  const end = deadline.end!;
  const timing: string[] = [];
  let trigger = 'TRIGGER:-P1D';
  if (deadline.precision === 'DATETIME' || deadline.precision === 'MEETING') {
    timing.push(`DTSTART:${utc(start)}`);
    if (end !== start) timing.push(`DTEND:${utc(end)}`);
  } else {
    timing.push(`DTSTART;VALUE=DATE:${localDate(start)}`, `DTEND;VALUE=DATE:${localDate(end, 1)}`);
    if (deadline.precision !== 'DAY') trigger = 'TRIGGER;RELATED=END:-P7D';
  }
  const link = context.link(c.id);
  const state = c.overdue ? `${c.status} (overdue)` : c.status;
  const description = [`Status: ${state}`, `Deadline: ${deadline.label}`, c.sourceQuote ? `“${c.sourceQuote}”` : null, link]
    .filter((l) => l !== null)
    .join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:commitment-${c.id}@followthrough`,
    `DTSTAMP:${utc(c.updatedAt)}`,
    `LAST-MODIFIED:${utc(c.updatedAt)}`,
    `SEQUENCE:${c.version}`,
    ...timing,
    `SUMMARY:${escapeText(c.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${c.status === 'CANCELLED' ? 'CANCELLED' : c.status === 'PROPOSED' ? 'TENTATIVE' : 'CONFIRMED'}`,
    `CATEGORIES:${c.status}`,
    `URL:${link}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(`Due: ${c.title}`)}`,
    trigger,
    'END:VALARM',
    'END:VEVENT',
  ];
}

export function calendar(name: string, events: string[][]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Followthrough//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
