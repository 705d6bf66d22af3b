export interface Sentence {
  /** Exactly `source.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
}

/** Words that end in a period without ending a sentence ("U.S. delegation", "Sept. 5", "Dr. Khan"). */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof gen lt col maj capt sgt adm st no nos art sec para fig jan feb mar apr jun jul aug sep sept oct nov dec
  e.g i.e vs approx gov sen rep amb h.e u.s u.k u.n u.a.e inc ltd co corp dept min pp a.m p.m d.c jr sr messrs`.split(/\s+/),
);

const BULLET = /^(?:[-–•*▪]|\d{1,2}[.)]|\(?[a-z0-9]{1,3}\))\s+/i;
const LINE_END = /[.!?:;]["'”’)\]]*$/;

/**
 * Splits minutes or a press release into sentences with their exact offsets. Paragraph and line breaks end a
 * sentence unless the text plainly runs on (the next line starts in lower case, as in hard-wrapped prose);
 * list markers are left out of the sentence.
 */
export function splitSentences(source: string): Sentence[] {
  return [...sentencesOf(source)];
}

/** The sentences one at a time, so a reader of a long text can pause between them. */
export function* sentencesOf(source: string): Generator<Sentence> {
  for (const block of blocks(source)) {
    let start = block.start;
    const body = source.slice(block.start, block.end);
    const bullet = BULLET.exec(body);
    if (bullet) start += bullet[0].length;
    const boundary = /[.!?]["'”’)\]]*(?=\s+["'“‘(]?[\p{Lu}\d])/gu;
    let match: RegExpExecArray | null;
    boundary.lastIndex = start - block.start;
    while ((match = boundary.exec(body))) {
      const end = block.start + match.index + match[0].length;
      if (endsWithAbbreviation(source, start, block.start + match.index)) continue;
      const sentence = trimmed(source, start, end);
      if (sentence) yield sentence;
      start = end;
    }
    const last = trimmed(source, start, block.end);
    if (last) yield last;
  }
}

/** Line-level pieces: paragraphs, list items, headings, each with hard-wrapped lines joined. */
function* blocks(source: string): Generator<{ start: number; end: number }> {
  let current: { start: number; end: number } | null = null;
  let blankSince = false;
  // Only the block's last line decides whether the next one runs on: looking at the whole block
  // each time would cost the square of a long run of joined lines.
  let previousLine = '';
  for (let lineStart = 0; lineStart < source.length;) {
    const newline = source.indexOf('\n', lineStart);
    const next = newline === -1 ? source.length : newline + 1;
    const lineEnd = newline === -1 ? source.length : newline > lineStart && source[newline - 1] === '\r' ? newline - 1 : newline;
    const text = source.slice(lineStart, lineEnd);
    lineStart = next;
    if (!text.trim()) {
      blankSince = true;
      continue;
    }
    if (current && !startsNewBlock(previousLine, text.trim(), blankSince)) {
      current.end = lineEnd;
    } else {
      if (current) yield current;
      current = { start: lineEnd - text.length, end: lineEnd };
    }
    previousLine = text;
    blankSince = false;
  }
  if (current) yield current;
}

function startsNewBlock(previousLine: string, next: string, afterBlank: boolean): boolean {
  if (/^\p{Ll}/u.test(next)) return false;
  const lastLine = previousLine.trim();
  if (afterBlank || BULLET.test(next) || LINE_END.test(lastLine)) return true;
  return lastLine.length < 60;
}

/** Longer than any abbreviation: a word this long before a period ends a sentence. */
const LONGEST_ABBREVIATION = 12;
const WORD_CHAR = /[\p{L}.]/u;

/**
 * Reads the word before the period backwards, a few characters at most, so the cost does not grow
 * with the sentence (a run of initials like "A. A. A." never ends one, and re-reading it from the
 * sentence's start at every period was quadratic).
 */
function endsWithAbbreviation(source: string, sentenceStart: number, periodAt: number): boolean {
  if (source[periodAt] !== '.') return false;
  let from = periodAt;
  while (from > sentenceStart && periodAt - from <= LONGEST_ABBREVIATION && isWordChar(source, from - 1)) from--;
  if (periodAt - from > LONGEST_ABBREVIATION) return false;
  const word = source.slice(from, periodAt);
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase().replace(/\.$/, ''));
}

/** Letters outside the basic plane are two UTF-16 units; either half counts as part of a word. */
function isWordChar(source: string, at: number): boolean {
  const code = source.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return WORD_CHAR.test(source[at]);
}

/** The sentence between `start` and `end` without its surrounding white space, or null if nothing is left. */
function trimmed(source: string, start: number, end: number): Sentence | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s])) s++;
  while (e > s && /\s/.test(source[e - 1])) e--;
  return e > s ? { text: source.slice(s, e), start: s, end: e } : null;
}
