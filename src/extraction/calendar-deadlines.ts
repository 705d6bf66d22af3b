import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { DeadlineMatch } from './candidate.js';
import type { Reference } from './relative-deadlines.js';

/** Time zones people name after a time ("10:00 Moscow time"). */
const NAMED_ZONES: Record<string, string> = {
  moscow: 'Europe/Moscow',
  pakistan: 'Asia/Karachi',
  islamabad: 'Asia/Karachi',
  beijing: 'Asia/Shanghai',
  delhi: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  tokyo: 'Asia/Tokyo',
  brussels: 'Europe/Brussels',
  paris: 'Europe/Paris',
  berlin: 'Europe/Berlin',
  london: 'Europe/London',
  washington: 'America/New_York',
  eastern: 'America/New_York',
  geneva: 'Europe/Zurich',
  utc: 'UTC',
  gmt: 'UTC',
};
const ZONE_AFTER = /^\s*(?:\(?\s*(\p{L}+)\s+time\b\)?|\(?(UTC|GMT)\b\)?)/iu;
const PREPOSITION_BEFORE = /\b(from|on|by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+$/i;

/**
 * Calendar dates and times ("from Sept 05 to 06", "by 15 November", "on 3 March 2020 at 10:00 Moscow time").
 * A date without a year is the next one on or after the meeting; dates before the meeting are not deadlines.
 */
export function findCalendarDeadlines(sentence: string, ref: Reference): DeadlineMatch[] {
  const instant = ref.date.set({ hour: 12 }).toJSDate();
  const found: DeadlineMatch[] = [];
  for (const result of chrono.parse(sentence, { instant, timezone: ref.date.offset }, { forwardDate: true })) {
    const { start, end } = result;
    if (!start.isCertain('day') || !start.isCertain('month')) continue;
    let phraseStart = result.index;
    let phraseEnd = result.index + result.text.length;
    const preposition = PREPOSITION_BEFORE.exec(sentence.slice(0, phraseStart));
    if (preposition) phraseStart = preposition.index;
    const word = (preposition?.[1] ?? /^\w+/.exec(result.text)?.[0] ?? '').toLowerCase();

    let zone = ref.timeZone;
    const named = ZONE_AFTER.exec(sentence.slice(phraseEnd));
    const namedZone = named && NAMED_ZONES[(named[1] ?? named[2]).toLowerCase()];
    if (start.isCertain('hour') && namedZone) {
      zone = namedZone;
      phraseEnd += named[0].length;
    }
    const local = (c: chrono.ParsedComponents) =>
      DateTime.fromObject({ year: c.get('year') ?? ref.date.year, month: c.get('month') ?? 1, day: c.get('day') ?? 1 }, { zone });
    let first = local(start);
    if (first < ref.date.setZone(zone, { keepLocalTime: true })) continue;
    const phrase = sentence.slice(phraseStart, phraseEnd);

    if (start.isCertain('hour')) {
      const at = first.set({ hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 });
      found.push({ deadline: { precision: 'DATETIME', value: at.toISO() ?? '', timeZone: zone, phrase }, start: phraseStart, end: phraseEnd });
      continue;
    }
    const last = end?.isCertain('day') ? local(end) : undefined;
    if (!last && word === 'before') first = first.minus({ days: 1 });
    const value = last && +last !== +first ? `${first.toISODate()}/${last.toISODate()}` : (first.toISODate() ?? '');
    found.push({ deadline: { precision: 'DAY', value, timeZone: zone, phrase }, start: phraseStart, end: phraseEnd });
  }
  return found;
}
