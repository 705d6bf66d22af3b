import { z } from 'zod';

/**
 * The span of time the API accepts. Postgres and JavaScript both reach further, but a year 0000 or
 * 99999 is a typo, and years before 1000 or beyond 9999 do not even print as four digits.
 */
export const EARLIEST_INSTANT = new Date(Date.UTC(1000, 0, 1));
export const LATEST_INSTANT = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
export const INSTANT_SPAN_MESSAGE = 'Must lie between the years 1000 and 9999';

export function withinInstantSpan(ms: number): boolean {
  return ms >= EARLIEST_INSTANT.getTime() && ms <= LATEST_INSTANT.getTime();
}

/** An ISO-8601 instant with offset, within the accepted span. */
export const instantInput = z.iso.datetime({ offset: true }).refine((s) => withinInstantSpan(Date.parse(s)), { message: INSTANT_SPAN_MESSAGE });

/** An ISO-8601 calendar day, within the accepted span. */
export const dayInput = z.iso.date().refine((s) => withinInstantSpan(Date.parse(`${s}T00:00:00Z`)), { message: INSTANT_SPAN_MESSAGE });
