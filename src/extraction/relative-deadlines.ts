import { DateTime } from 'luxon';
import type { CandidateDeadline, DeadlineMatch } from './candidate.js';

/** The meeting's local date: every relative phrase counts from it. */
export interface Reference {
  date: DateTime;
  timeZone: string;
}

type Resolve = (m: RegExpExecArray, ref: Reference) => CandidateDeadline | null;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};
const BY = String.raw`(?:(by|before|until|till|in|during|within|from|no\s+later\s+than)\s+)?`;
const END_OF = String.raw`(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?`;

const year = (y: number, ref: Reference): CandidateDeadline => ({ precision: 'YEAR', value: String(y), timeZone: ref.timeZone, phrase: '' });
const month = (d: DateTime, ref: Reference): CandidateDeadline => ({ precision: 'MONTH', value: d.toFormat('yyyy-MM'), timeZone: ref.timeZone, phrase: '' });
const quarter = (y: number, q: number, ref: Reference): CandidateDeadline => ({
  precision: 'QUARTER',
  value: `${y}-Q${q}`,
  timeZone: ref.timeZone,
  phrase: '',
});
const day = (d: DateTime, ref: Reference, to?: DateTime): CandidateDeadline => ({
  precision: 'DAY',
  value: to ? `${d.toISODate()}/${to.toISODate()}` : (d.toISODate() ?? ''),
  timeZone: ref.timeZone,
  phrase: '',
});

/** Unqualified quarters and months mean the next one to come, counting the meeting's own. */
function nextQuarter(q: number, ref: Reference): [number, number] {
  return [q >= ref.date.quarter ? ref.date.year : ref.date.year + 1, q];
}

function explicitOrRelativeYear(word: string | undefined, ref: Reference): number | undefined {
  if (!word) return undefined;
  if (/next/i.test(word)) return ref.date.year + 1;
  if (/this/i.test(word)) return ref.date.year;
  return Number(word);
}

const DAY_RANGE = String.raw`(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR_AFTER = String.raw`(?:,?\s+((?:19|20)\d{2}))?`;

/** Two days of one month ("from 12 to 13 May"); without a year, the next such days on or after the meeting. */
function daySpan(monthName: string, from: string, to: string, yearWord: string | undefined, ref: Reference): CandidateDeadline | null {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const at = (y: number, d: string) => DateTime.fromObject({ year: y, month, day: Number(d) }, { zone: ref.timeZone });
  let y = yearWord ? Number(yearWord) : ref.date.year;
  if (!yearWord && at(y, from) < ref.date) y += 1;
  const first = at(y, from);
  const last = at(y, to);
  return first.isValid && last.isValid && last > first ? day(first, ref, last) : null;
}

/** In priority order: a later, overlapping match never replaces an earlier one. */
const RULES: { pattern: RegExp; resolve: Resolve }[] = [
  {
    pattern: new RegExp(String.raw`\b(?:(?:from|between|on)\s+)?${DAY_RANGE}\s+(?:of\s+)?${MONTH_NAME}${YEAR_AFTER}\b`, 'gi'),
    resolve: (m, ref) => daySpan(m[3], m[1], m[2], m[4], ref),
  },
  {
    pattern: new RegExp(String.raw`\b(?:(?:from|between|on)\s+)?${MONTH_NAME}\s+${DAY_RANGE}${YEAR_AFTER}\b`, 'gi'),
    resolve: (m, ref) => daySpan(m[1], m[2], m[3], m[4], ref),
  },
  {
    pattern: /\b(?:at|during|before|by|until|for|ahead\s+of)\s+(?:the|its|their)\s+next\s+(?:round|meeting|session|sitting|summit|dialogue|consultations?)\b/gi,
    resolve: () => ({ precision: 'MEETING', nextRound: true, phrase: '' }),
  },
  {
    pattern: new RegExp(
      String.raw`\b${BY}${END_OF}(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter(?:\s+of\s+(next\s+year|this\s+year|(?:19|20)\d{2}))?\b`,
      'gi',
    ),
    resolve: (m, ref) => {
      const q = ORDINALS[m[2].toLowerCase()];
      const y = explicitOrRelativeYear(m[3], ref);
      return y ? quarter(y, q, ref) : quarter(...nextQuarter(q, ref), ref);
    },
  },
  {
    pattern: new RegExp(String.raw`\b${BY}Q([1-4])(?:\s+((?:19|20)\d{2}))?\b`, 'g'),
    resolve: (m, ref) => (m[3] ? quarter(Number(m[3]), Number(m[2]), ref) : quarter(...nextQuarter(Number(m[2]), ref), ref)),
  },
  {
    pattern: /\b(?:(?:by|before|until|in|during)\s+)?(?:the\s+end\s+of\s+)?(next|this|the)\s+quarter\b/gi,
    resolve: (m, ref) => {
      const d = /next/i.test(m[1]) ? ref.date.plus({ quarters: 1 }) : ref.date;
      return quarter(d.year, d.quarter, ref);
    },
  },
  {
    pattern:
      /\b(?:(?:by|before|until|towards?)\s+)?(?:the\s+)?end\s+of\s+(next|this|the)\s+year\b|\bby\s+year[- ]end\b|\blater\s+this\s+year\b|\bthis\s+year\b/gi,
    resolve: (m, ref) => year(/next/i.test(m[1] ?? '') ? ref.date.year + 1 : ref.date.year, ref),
  },
  { pattern: /\bnext\s+year\b/gi, resolve: (_m, ref) => year(ref.date.year + 1, ref) },
  {
    pattern: /\b(?:(?:by|before|until|in)\s+)?(?:the\s+end\s+of\s+)?(next|this|the)\s+month\b/gi,
    resolve: (m, ref) => month(/next/i.test(m[1]) ? ref.date.plus({ months: 1 }) : ref.date, ref),
  },
  {
    pattern: new RegExp(String.raw`(?<!\d\s*)\b${BY}${END_OF}(?:(?:early|mid-?|late)\s*)?${MONTH_NAME}(?:,?\s+((?:19|20)\d{2}))?\b(?!\s*\d)`, 'g'),
    resolve: (m, ref) => {
      const index = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
      const y = m[3] ? Number(m[3]) : index >= ref.date.month ? ref.date.year : ref.date.year + 1;
      const d = DateTime.fromObject({ year: y, month: index, day: 1 }, { zone: ref.timeZone });
      return month(m[1]?.toLowerCase() === 'before' ? d.minus({ months: 1 }) : d, ref);
    },
  },
  {
    pattern: /\b(?:(by|before|until|in|during|within)\s+)((?:19|20)\d{2})\b(?!\s*[-/]\d)/gi,
    resolve: (m, ref) => {
      const y = Number(m[2]) - (m[1].toLowerCase() === 'before' ? 1 : 0);
      return y >= ref.date.year ? year(y, ref) : null;
    },
  },
  {
    pattern:
      /\b(?:within|in)\s+(?:the\s+next\s+)?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|thirty|sixty|ninety|\d{1,3})\s+(day|week|month|year)s?(?:['’]\s*time)?\b/gi,
    resolve: (m, ref) => {
      const n = NUMBERS[m[1].toLowerCase()] ?? Number(m[1]);
      return day(ref.date.plus({ [`${m[2].toLowerCase()}s`]: n }), ref);
    },
  },
  {
    pattern: /\bnext\s+week\b/gi,
    resolve: (_m, ref) => {
      const monday = ref.date.startOf('week').plus({ weeks: 1 });
      return day(monday, ref, monday.plus({ days: 6 }));
    },
  },
  { pattern: /\btomorrow\b/gi, resolve: (_m, ref) => day(ref.date.plus({ days: 1 }), ref) },
];

/** Deadlines said relative to the meeting ("next year", "within six months", "at the next round"). */
export function findRelativeDeadlines(sentence: string, ref: Reference): DeadlineMatch[] {
  const found: DeadlineMatch[] = [];
  for (const { pattern, resolve } of RULES) {
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(sentence))) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      const deadline = resolve(m, ref);
      if (deadline) found.push({ deadline: { ...deadline, phrase: m[0] }, start, end });
    }
  }
  return found;
}
