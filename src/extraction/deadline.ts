import { DateTime } from 'luxon';
import type { DeadlineMatch } from './candidate.js';
import { findCalendarDeadlines } from './calendar-deadlines.js';
import { findRelativeDeadlines, type Reference } from './relative-deadlines.js';

export type { Reference };

/** The meeting's date as the point every phrase is resolved from. */
export function referenceFor(meetingDate: string, timeZone: string): Reference {
  const date = DateTime.fromISO(meetingDate, { zone: timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meetingDate) || !date.isValid) {
    throw new RangeError(`Invalid meeting date "${meetingDate}" or time zone "${timeZone}"`);
  }
  return { date: date.startOf('day'), timeZone };
}

/** Every deadline phrase in the sentence, in reading order; relative phrases win where both readings overlap. */
export function findDeadlines(sentence: string, ref: Reference): DeadlineMatch[] {
  const relative = findRelativeDeadlines(sentence, ref);
  const calendar = findCalendarDeadlines(sentence, ref).filter((c) => !relative.some((r) => c.start < r.end && r.start < c.end));
  const all = [...relative, ...calendar];
  // A month name inside a longer calendar date ("by Friday 23 February") belongs to the date.
  return all
    .filter((a) => !all.some((b) => b !== a && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start))
    .sort((a, b) => a.start - b.start);
}

/**
 * The deadline of the commitment: the first phrase after the words that make the commitment
 * ("following the talks held in June, they agreed to finish it in September" → September), else the first one.
 */
export function pickDeadline(sentence: string, cueIndex: number, ref: Reference): DeadlineMatch | null {
  const all = findDeadlines(sentence, ref);
  return all.find((d) => d.start >= cueIndex) ?? all[0] ?? null;
}
