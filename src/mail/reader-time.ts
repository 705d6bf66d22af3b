import { DateTime } from 'luxon';
import type { DeadlinePrecision } from '../generated/prisma/enums.js';

/** A deadline that names a time of day: its instant and the zone it was given in. */
export interface DeadlineTime {
  at: Date;
  timeZone: string;
}

/** Only DATETIME deadlines name a time of day; the others are dates and read the same anywhere. */
export function deadlineTimeOf(precision: DeadlinePrecision | null, end: Date | null, timeZone: string | null): DeadlineTime | null {
  return precision === 'DATETIME' && end ? { at: end, timeZone: timeZone ?? 'UTC' } : null;
}

/**
 * The deadline's time on the reader's clock ("19:08 your time (Asia/Karachi)", with the date when it
 * falls on another day there), or null when the reader's clock shows what the deadline's zone shows.
 */
export function readerTime(deadline: DeadlineTime | null, readerZone: string): string | null {
  if (!deadline) return null;
  const there = DateTime.fromJSDate(deadline.at, { zone: deadline.timeZone });
  const here = DateTime.fromJSDate(deadline.at, { zone: readerZone }).setLocale('en-GB');
  if (!here.isValid || here.offset === there.offset) return null;
  const format = here.toISODate() === there.toISODate() ? 'HH:mm' : 'd LLLL yyyy, HH:mm';
  return `${here.toFormat(format)} your time (${readerZone})`;
}
