import { isBaseVerb } from './verbs.js';

/** How firmly a sentence commits: an agreement or decision, a plain future, a schedule or plan, an expectation. */
export type CueStrength = 'agreement' | 'future' | 'plan' | 'expectation';

export interface Cue {
  strength: CueStrength;
  /** Where the cue starts and ends in the sentence. */
  index: number;
  end: number;
}

export type BackgroundReason = 'no-commitment' | 'past-speech' | 'past-event' | 'opinion' | 'negated';

export type Verdict = { commitment: true; cue: Cue } | { commitment: false; reason: BackgroundReason };

const CUES: { strength: CueStrength; pattern: RegExp }[] = [
  { strength: 'agreement', pattern: /^(?:action(?: point)?|decision|agreed|follow-up)\s*:/i },
  {
    strength: 'agreement',
    pattern:
      /\b(?:agreed|agrees?|decided|decides?|resolved|pledged|pledges?|committed|commits?|undertook|undertakes?|promised|vowed|consented)\s+(?:not\s+)?to\b/i,
  },
  { strength: 'agreement', pattern: /\b(?:agreed|agree|decided|resolved)\s+that\b/i },
  { strength: 'agreement', pattern: /\baccepted\s+(?:[\p{L}’'-]+\s+){0,3}invitation\s+to\b/iu },
  {
    strength: 'agreement',
    pattern: /\b(?:tasked|instructed|requested|asked|directed|mandated)\s+(?:[\p{L}’'.-]+\s+){0,6}?(?:to\s+[a-z]+|with\s+[a-z]+ing)\b/iu,
  },
  { strength: 'future', pattern: /\b(?:will|shall)\b(?!\s+of\b)/i },
  { strength: 'future', pattern: /\b(?:is|are)\s+to\s+[a-z]+/i },
  { strength: 'plan', pattern: /\b(?:is|are)\s+(?:scheduled|set|due|slated|planned|going)\s+to\b/i },
  { strength: 'plan', pattern: /\b(?:plans?|intends?)\s+to\b/i },
  { strength: 'expectation', pattern: /\b(?:is|are)\s+(?:expected|likely)\s+to\b/i },
];

/** "political will", "the will of the people": the noun, not the modal. */
const WILL_AS_NOUN = /\b(?:political|good|the|their|its|our|his|her|free|own|strong)\s+$/i;

/** Minutes shorthand for an action item: "MoF to circulate the tables", "the Secretariat to update the register". */
const ACTION_ITEM = /^(?:(?:action(?: point)?|decision)\s*:\s*)?((?:the\s+)?[\p{Lu}][\p{L}.&’'-]*(?:\s+[\p{L}.&’'-]+){0,3}?)\s+to\s+([a-z]+)\b/u;

const PAST_MARKER =
  /^(?:(?:in|on|during)\s+(?:(?:early|mid-?|late)\s*)?(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d{2}|the past)\b|last\s+(?:week|month|year)\b|earlier\b|previously\b|yesterday\b|recently\b|\w+\s+(?:days|weeks|months|years)\s+ago\b)/i;
const SPEECH_OR_PAST_ACT =
  /\b(?:said|stated|told|announced|remarked|noted|declared|added|claimed|reported|indicated|mentioned|wrote|argued|suggested|agreed|decided|signed|held|met)\b/i;

const OPINION =
  /\b(?:(?:expressed|voiced)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?(?:hope|confidence|satisfaction|appreciation|concern|gratitude|readiness|willingness|desire|wish|interest)|hoped?|hopes|hopeful|(?:are|is|was|were)\s+convinced|believes?|believed|shows?\s+that|demonstrates?|reflects?|welcomed?|welcomes|appreciated?|praised?|noted\s+with|(?:underlined|stressed|emphasi[sz]ed|underscored|highlighted)\s+the\s+(?:importance|need|significance)|described\b.*\bas|argued?|have\s+long\s+argued)\b/i;

const NEGATION_BEFORE = /\b(?:not|never|no|n[’']t|failed\s+to|refused\s+to)\s+(?:\w+\s+){0,1}$/i;
const PAST_PERFECT_BEFORE = /\bhad\s+(?:\w+\s+)?$/i;
const ONGOING_SINCE = /\b(?:has|have)\s+been\b.*\bsince\b|\bsince\s+(?:19|20)\d{2}\b.*\b(?:has|have)\s+been\b/i;

/** Decides whether a sentence proposes something to be done, or only tells what happened, was said, or is hoped. */
export function classifySentence(sentence: string): Verdict {
  if (PAST_MARKER.test(sentence) && SPEECH_OR_PAST_ACT.test(sentence)) return { commitment: false, reason: 'past-speech' };
  const cue = findCue(sentence);
  const opinion = OPINION.exec(sentence);
  if (!cue) return { commitment: false, reason: opinion ? 'opinion' : 'no-commitment' };
  if (opinion && opinion.index < cue.index) return { commitment: false, reason: 'opinion' };
  const before = sentence.slice(0, cue.index);
  if (NEGATION_BEFORE.test(before)) return { commitment: false, reason: 'negated' };
  if (/^will\s+not\b/i.test(sentence.slice(cue.index))) return { commitment: false, reason: 'negated' };
  if (PAST_PERFECT_BEFORE.test(before) || ONGOING_SINCE.test(sentence)) return { commitment: false, reason: 'past-event' };
  return { commitment: true, cue };
}

/** The earliest commitment cue in the sentence, if any. */
export function findCue(sentence: string): Cue | undefined {
  let best: Cue | undefined;
  for (const { strength, pattern } of CUES) {
    const m = pattern.exec(sentence);
    if (!m) continue;
    if (/^(?:will|shall)$/i.test(m[0]) && WILL_AS_NOUN.test(sentence.slice(0, m.index))) continue;
    if (/^(?:is|are)\s+to\b/i.test(m[0]) && !/\s(?:be|have)$/i.test(m[0]) && !isBaseVerb(m[0].split(/\s+/).pop() ?? '')) continue;
    if (!best || m.index < best.index) best = { strength, index: m.index, end: m.index + m[0].length };
  }
  if (best) return best;
  const item = ACTION_ITEM.exec(sentence);
  return item && isBaseVerb(item[2]) ? { strength: 'plan', index: item[0].length - item[2].length - 3, end: item[0].length } : undefined;
}
