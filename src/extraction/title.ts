import { baseOfGerund, baseOfParticiple, isBaseVerb } from './verbs.js';

export interface Title {
  text: string;
  /** Imperative ("Hold the third round ...") or, when the thing happens rather than is done, an event ("Flights to resume"). */
  form: 'imperative' | 'event';
  /** The head verb, in its base form. */
  verb: string | undefined;
}

export interface TitleOptions {
  /** Where the deadline phrase sits in the sentence: it goes in the deadline, not the title. */
  deadline?: { start: number; end: number } | null;
  series?: { name: string; shortName?: string | null };
}

const LABEL = /^(?:[-–•*]\s+)?(?:(?:action(?:\s+point)?|decision|agreed|follow-up)\s*:\s*)?/i;
const OPINION_TAIL = /,?\s+(?:and|while|but)\s+(?:also\s+)?(?:expressed|voiced|noted|welcomed|reaffirmed|stressed|underlined|emphasi[sz]ed|hoped)\b.*$/is;
const COMPLEMENT = /\b(?:agreed|agree|decided|resolved)\s+that\s+/i;
const MARKERS: RegExp[] = [
  /\b(?:agreed|agrees?|decided|decides?|resolved|pledged|pledges?|committed|commits?|undertook|undertakes?|promised|vowed|consented|plans?|intends?|(?:is|are)\s+(?:scheduled|set|due|slated|planned|going|expected|likely))\s+to\s+/i,
  /\baccepted\s+(?:[\p{L}’'-]+\s+){0,3}invitation\s+to\s+/iu,
  /\b(?:tasked|instructed|requested|asked|directed|mandated)\s+(?:[\p{L}’'.-]+\s+){0,6}?(?:to|with)\s+/iu,
  /\b(?:will|shall|would|should)\s+(?!of\b)/i,
  /\b(?:is|are)\s+to\s+/i,
];
const ACTION_ITEM = /^((?:the\s+)?[\p{Lu}][\p{L}.&’'-]*(?:\s+[\p{L}.&’'-]+){0,3}?)\s+to\s+(?=([a-z]+)\b)/u;
const WILL_AS_NOUN = /\b(?:political|good|the|their|its|our|his|her|free|own|strong)\s+$/i;
const EVENT_VERBS = new Set(['resume', 'begin', 'start', 'commence', 'meet', 'expire', 'remain', 'continue']);
const EVERYONE = /^(?:they|we|it|he|she|both\b|the\s+(?:two\s+)?(?:sides|parties|leaders|ministers|delegations|countries|governments))/i;
const MEETING_NOUN = /\b(?:meeting|round|session|summit|dialogue|conference|consultations|talks|forum|visit)\b/i;
const SCHEDULING =
  /\s*,?\s*(?:(?:which|that)\s+(?:will|is\s+to)\s+(?:be\s+held|take\s+place)|(?:(?:scheduled|set|slated|due|planned)\s+)?to\s+(?:be\s+held|take\s+place))\b/gi;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const definite = (np: string) => np.trim().replace(/^(?:a|an|the)\s+/i, 'the ');
const bare = (np: string) => capitalise(np.trim().replace(/^(?:a|an|the)\s+/i, ''));

/** A short title for the commitment a sentence makes, built from the sentence's own words. */
export function titleFor(sentence: string, options: TitleOptions = {}): Title {
  let s = sentence;
  if (options.deadline) s = `${s.slice(0, options.deadline.start)} ${s.slice(options.deadline.end)}`;
  s = s.replace(LABEL, '').replace(OPINION_TAIL, '');
  const complement = COMPLEMENT.exec(s);
  if (complement) s = s.slice(complement.index + complement[0].length);
  const title = phrase(s);
  return { ...title, text: tidy(title.text, options.series) };
}

function phrase(s: string): Title {
  const marker = leftmostMarker(s);
  if (!marker) return { text: capitalise(s.trim()), form: 'event', verb: undefined };
  const subject = s.slice(0, marker.index).trim();
  let predicate = s
    .slice(marker.end)
    .trim()
    .replace(/^(?:also|jointly|further)\s+/i, '');
  if (/\bwith\s+$/i.test(marker.text)) {
    const gerund = /^(\w+)/.exec(predicate)?.[1] ?? '';
    const verb = baseOfGerund(gerund);
    if (verb) predicate = verb + predicate.slice(gerund.length);
  }

  const passive = /^(?:be|have\s+been)\s+(\w+)\b\s*(?:(up|out|off|forward)\b)?/i.exec(predicate);
  if (passive) {
    const verb = baseOfParticiple(passive[1]);
    const rest = predicate.slice(passive[0].length);
    if (!verb) return { text: `${bare(subject)} to ${predicate}`, form: 'event', verb: undefined };
    const head = passive[2] ? `${verb} ${passive[2]}` : verb;
    return { text: `${capitalise(head)} ${definite(subject)} ${rest}`, form: 'imperative', verb };
  }
  if (/^take\s+place\b/i.test(predicate) && MEETING_NOUN.test(subject)) {
    return { text: `Hold ${definite(subject)} ${predicate.slice(10)}`, form: 'imperative', verb: 'hold' };
  }
  const first = (/^[a-z]+/i.exec(predicate)?.[0] ?? '').toLowerCase();
  if (EVENT_VERBS.has(first) && subject && !EVERYONE.test(subject) && marker.kind === 'modal') {
    return { text: `${bare(subject)} to ${predicate}`, form: 'event', verb: first };
  }
  return { text: capitalise(predicate), form: 'imperative', verb: isBaseVerb(first) ? first : undefined };
}

function leftmostMarker(s: string): { index: number; end: number; text: string; kind: 'modal' | 'other' } | undefined {
  let best: { index: number; end: number; text: string; kind: 'modal' | 'other' } | undefined;
  for (const pattern of MARKERS) {
    const m = pattern.exec(s);
    if (!m || (best && best.index <= m.index)) continue;
    const modal = /^(?:will|shall|would|should)\b/i.test(m[0]);
    if (modal && WILL_AS_NOUN.test(s.slice(0, m.index))) continue;
    best = { index: m.index, end: m.index + m[0].length, text: m[0], kind: modal ? 'modal' : 'other' };
  }
  const item = ACTION_ITEM.exec(s);
  if (item && isBaseVerb(item[2]) && (!best || best.index > item[1].length)) {
    best = { index: item[1].length, end: item[0].length, text: item[0].slice(item[1].length), kind: 'other' };
  }
  return best;
}

function tidy(title: string, series?: TitleOptions['series']): string {
  let t = title
    .replace(SCHEDULING, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:])/g, '$1')
    .replace(/(?:[\s,.;:!?]|\b(?:by|on|in|from|until|till|before|at|during|within|and))+$/i, '')
    .trim();
  if (series?.shortName) t = abbreviateSeries(t, series.name, series.shortName);
  if (t.length > 100) t = `${t.slice(0, 99).replace(/\s+\S*$/, '')}…`;
  return capitalise(t);
}

/** "the consultative committee" or its full name → "the JMCC", when the meeting's series has a short name. */
function abbreviateSeries(title: string, name: string, shortName: string): string {
  const words = name.split(/\s+/);
  for (let k = words.length; k >= 1; k--) {
    const tail = words
      .slice(-k)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
      .join('\\s+');
    const pattern = new RegExp(`\\bthe\\s+${tail}\\b`, 'i');
    if (pattern.test(title)) return title.replace(pattern, `the ${shortName}`);
  }
  return title;
}
