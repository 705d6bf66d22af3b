import { DateTime, Info, type Zone } from 'luxon';
import type { DeadlinePrecision } from '../generated/prisma/enums.js';
import { INSTANT_SPAN_MESSAGE, withinInstantSpan } from '../core/http/instants.js';

/** The instants a deadline denotes: from the first to the last millisecond of its window. */
export interface DeadlineWindow {
  start: Date;
  end: Date;
}

export class DeadlineValueError extends Error {}

const formats: Record<Exclude<DeadlinePrecision, 'MEETING'>, { pattern: RegExp; hint: string }> = {
  DATETIME: {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    hint: 'an ISO instant with offset, e.g. 2019-09-05T10:00:00+03:00',
  },
  DAY: { pattern: /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/, hint: 'a day like 2019-09-05 or a span like 2019-09-05/2019-09-06' },
  MONTH: { pattern: /^\d{4}-\d{2}$/, hint: 'a month like 2019-09' },
  QUARTER: { pattern: /^\d{4}-Q[1-4]$/, hint: 'a quarter like 2021-Q3' },
  YEAR: { pattern: /^\d{4}$/, hint: 'a year like 2020' },
};

/**
 * The window a dated deadline denotes, computed in its time zone: "2020" in Asia/Karachi runs from
 * 2020-01-01T00:00+05:00 to 2020-12-31T23:59:59.999+05:00. Throws DeadlineValueError on a bad value.
 */
export function deadlineWindow(precision: Exclude<DeadlinePrecision, 'MEETING'>, value: string, timeZone: string): DeadlineWindow {
  const window = windowOf(precision, value, timeZone);
  if (!withinInstantSpan(window.start.getTime()) || !withinInstantSpan(window.end.getTime())) throw new DeadlineValueError(INSTANT_SPAN_MESSAGE);
  return window;
}

function windowOf(precision: Exclude<DeadlinePrecision, 'MEETING'>, value: string, timeZone: string): DeadlineWindow {
  const { pattern, hint } = formats[precision];
  if (!pattern.test(value)) throw new DeadlineValueError(`Expected ${hint}`);
  const local = (iso: string) => {
    const date = DateTime.fromISO(iso, { zone: timeZone });
    if (!date.isValid) throw new DeadlineValueError(`${iso} is not a real date`);
    return date;
  };
  switch (precision) {
    case 'DATETIME': {
      const instant = DateTime.fromISO(value, { setZone: true });
      if (!instant.isValid) throw new DeadlineValueError(`${value} is not a real instant`);
      return { start: instant.toJSDate(), end: instant.toJSDate() };
    }
    case 'DAY': {
      const [first, last = first] = value.split('/');
      const start = local(first).startOf('day');
      const end = local(last).endOf('day');
      if (end < start) throw new DeadlineValueError('The span ends before it starts');
      return { start: start.toJSDate(), end: end.toJSDate() };
    }
    case 'MONTH':
      return span(local(`${value}-01`), 'month');
    case 'QUARTER': {
      const [year, quarter] = value.split('-Q');
      return span(local(`${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}-01`), 'quarter');
    }
    case 'YEAR':
      return span(local(`${value}-01-01`), 'year');
  }
}

function span(first: DateTime, unit: 'month' | 'quarter' | 'year'): DeadlineWindow {
  return { start: first.startOf(unit).toJSDate(), end: first.endOf(unit).toJSDate() };
}

/** A MEETING deadline is due when the meeting ends (or, if only its start is known, at the end of that day). */
export function meetingWindow(meeting: { startsAt: Date | null; endsAt: Date | null; timeZone: string }): DeadlineWindow | null {
  if (!meeting.startsAt) return null;
  const end = meeting.endsAt ?? DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).endOf('day').toJSDate();
  return { start: meeting.startsAt, end };
}

/** Overdue is derived, never stored: the window has closed and the commitment is still open. */
export function isOverdue(deadlineEnd: Date | null, status: string, now: Date = new Date()): boolean {
  return deadlineEnd !== null && deadlineEnd.getTime() < now.getTime() && status !== 'DONE' && status !== 'CANCELLED';
}

/** An instant as ISO-8601 with the offset of the given zone, so clients see local wall-clock time. */
export function toZonedIso(date: Date, timeZone: string): string {
  // Lists format two instants per row: luxon's DateTime costs more than the whole query. Ask the
  // zone for its offset (what luxon does too) and print the shifted instant; luxon for anything unusual.
  const zone = zoneOf(timeZone);
  const ms = date.getTime();
  const offset = zone?.offset(ms);
  if (zone && offset !== undefined && Number.isInteger(offset)) {
    const local = new Date(ms + offset * 60_000).toISOString();
    if (local.length === 24) {
      if (zone.isUniversal && offset === 0 && zone.type === 'fixed') return local;
      const abs = Math.abs(offset);
      return `${local.slice(0, 23)}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    }
  }
  return DateTime.fromJSDate(date, { zone: timeZone }).toISO({ suppressMilliseconds: false }) ?? date.toISOString();
}

const zones = new Map<string, Zone | null>();
function zoneOf(name: string): Zone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    const found = Info.normalizeZone(name);
    zone = found.isValid ? found : null;
    if (zones.size < 1000) zones.set(name, zone);
  }
  return zone;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
