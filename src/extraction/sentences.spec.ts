import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { sentencesOf, splitSentences } from './sentences.js';

const texts = (source: string) => splitSentences(source).map((s) => s.text);

describe('splitSentences', () => {
  it('gives offsets that slice exactly the sentence out of the source', () => {
    const source = readFileSync('prisma/seed/jmcc-2019-08-20.txt', 'utf8');
    const sentences = splitSentences(source);
    expect(sentences.length).toBe(14);
    for (const s of sentences) expect(source.slice(s.start, s.end)).toBe(s.text);
  });

  it('ends a paragraph without a full stop at the blank line, and joins a paragraph that runs on in lower case', () => {
    const source = readFileSync('prisma/seed/jmcc-2019-08-20.txt', 'utf8');
    const all = texts(source);
    expect(all).toContain(
      'The prime minister is learnt to have accepted Putin’s invitation to attend the Eastern Economic Forum scheduled to be held from Sept 05 to 06 in Vladivostok',
    );
    expect(all.find((t) => t.startsWith('Prime Minister Imran Khan had held an'))).toMatch(/an\n\ninformal meeting with Russian President .*\(SCO\)\.$/s);
  });

  it('does not end a sentence at abbreviations and initials', () => {
    expect(texts('The U.S. delegation met Dr. Khan and Alexander V. Fomin in Washington, D.C. on Monday. Talks will resume.')).toEqual([
      'The U.S. delegation met Dr. Khan and Alexander V. Fomin in Washington, D.C. on Monday.',
      'Talks will resume.',
    ]);
  });

  it('splits list items and headings, leaving the list markers out', () => {
    const source = '3. Decisions\nThe Committee decided to act.\n- Action: MoF to circulate the tables.\n(b) The Bank to review it.\n';
    const sentences = splitSentences(source);
    expect(sentences.map((s) => s.text)).toEqual([
      'Decisions',
      'The Committee decided to act.',
      'Action: MoF to circulate the tables.',
      'The Bank to review it.',
    ]);
    expect(sentences[2].start).toBe(source.indexOf('Action:'));
  });

  it('joins hard-wrapped lines of one sentence', () => {
    const source = 'The board reviewed progress on the utility diversions. Northwind reported that\nthe main water line was diverted in January.';
    expect(texts(source)).toEqual([
      'The board reviewed progress on the utility diversions.',
      'Northwind reported that\nthe main water line was diverted in January.',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n \t')).toEqual([]);
  });

  describe('on large inputs', () => {
    /**
     * The best of five runs, in milliseconds: the least disturbed by whatever else the machine does. The
     * sentences are read one at a time and dropped, as the extractor reads them, so that keeping them all
     * (and the garbage collector's work on that) is not what is measured.
     */
    const best = (source: string) =>
      Math.min(
        ...[0, 1, 2, 3, 4].map(() => {
          const started = performance.now();
          for (const sentence of sentencesOf(source)) if (sentence.end < sentence.start) throw new Error('impossible');
          return performance.now() - started;
        }),
      );

    // Quadratic splitting took 32 s on 66,000 initials: eight times the text took sixty-four times as long
    // (or worse). Linear splitting takes about eight times as long; the bound leaves room for a noisy machine.
    it.each([
      ['initials that never end a sentence', 'A. '],
      ['hard-wrapped lines that run on', 'a\n'],
      ['short lines that each end one', 'Ab\n'],
      ['numbered items', '1. '],
      ['a word that is nearly an abbreviation', 'Abbreviationx. '],
    ])('takes time in proportion to the text: %s', (_name, unit) => {
      best(unit.repeat(20_000)); // compiled before it is timed
      const eighth = best(unit.repeat(8_250));
      const whole = best(unit.repeat(66_000));
      expect(whole / Math.max(eighth, 1)).toBeLessThan(24);
    });

    it('keeps initials and abbreviations inside a very long sentence', () => {
      const source = `${'A. '.repeat(66_000)}Done.`;
      expect(splitSentences(source)).toEqual([{ text: source, start: 0, end: source.length }]);
    });
  });
});
