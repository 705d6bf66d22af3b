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
  const sentences: Sentence[] = [];
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
      push(sentences, source, start, end);
      start = end;
    }
    push(sentences, source, start, block.end);
  }
  return sentences;
}

/** Line-level pieces: paragraphs, list items, headings, each with hard-wrapped lines joined. */
function blocks(source: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  const linePattern = /[^\n]*(?:\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = linePattern.exec(source)) && m[0].length > 0) {
    const raw = m[0].replace(/\r?\n$/, '');
    lines.push({ start: m.index, end: m.index + raw.length });
  }
  const result: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | null = null;
  let blankSince = false;
  for (const line of lines) {
    const text = source.slice(line.start, line.end);
    if (!text.trim()) {
      blankSince = true;
      continue;
    }
    if (current && !startsNewBlock(source.slice(current.start, current.end), text.trim(), blankSince)) {
      current.end = line.end;
    } else {
      if (current) result.push(current);
      current = { start: line.start, end: line.end };
    }
    blankSince = false;
  }
  if (current) result.push(current);
  return result;
}

function startsNewBlock(previous: string, next: string, afterBlank: boolean): boolean {
  if (/^\p{Ll}/u.test(next)) return false;
  if (afterBlank || BULLET.test(next) || LINE_END.test(previous.trimEnd())) return true;
  const lastLine = previous.slice(previous.lastIndexOf('\n') + 1).trim();
  return lastLine.length < 60;
}

function endsWithAbbreviation(source: string, sentenceStart: number, periodAt: number): boolean {
  if (source[periodAt] !== '.') return false;
  const word = /[\p{L}.]+$/u.exec(source.slice(sentenceStart, periodAt))?.[0] ?? '';
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase().replace(/\.$/, ''));
}

function push(sentences: Sentence[], source: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s])) s++;
  while (e > s && /\s/.test(source[e - 1])) e--;
  if (e > s) sentences.push({ text: source.slice(s, e), start: s, end: e });
}
