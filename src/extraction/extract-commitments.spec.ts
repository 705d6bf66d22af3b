import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ExtractionContext } from './candidate.js';
import { extractCommitments, LONGEST_QUOTE } from './extract-commitments.js';

const text = readFileSync('prisma/seed/jmcc-2019-08-20.txt', 'utf8');
const context: ExtractionContext = {
  meetingDate: '2019-08-20',
  timeZone: 'Asia/Karachi',
  parties: [
    { id: 'pakistan', name: 'Pakistan' },
    { id: 'russia', name: 'Russia' },
  ],
  series: { name: 'Pakistan-Russia Joint Military Consultative Committee', shortName: 'JMCC' },
};

describe('extractCommitments on the JMCC press release of 2019-08-20', () => {
  const candidates = extractCommitments(text, context);

  it('proposes exactly the three commitments, with deadlines resolved from the meeting date', () => {
    expect(candidates.map(({ title, kind, partyIds, deadline, confidence }) => ({ title, kind, partyIds, deadline, confidence }))).toEqual([
      {
        title: 'Ensure effective follow-up and implementation of the decisions taken during the meeting',
        kind: 'ACTION',
        partyIds: ['pakistan', 'russia'],
        deadline: null,
        confidence: 0.9,
      },
      {
        title: 'Hold the third round of the JMCC in Pakistan',
        kind: 'MEETING',
        partyIds: ['pakistan'],
        deadline: { precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi', phrase: 'next year' },
        confidence: 0.9,
      },
      {
        title: 'Attend the Eastern Economic Forum in Vladivostok',
        kind: 'VISIT',
        partyIds: [],
        deadline: { precision: 'DAY', value: '2019-09-05/2019-09-06', timeZone: 'Asia/Karachi', phrase: 'from Sept 05 to 06' },
        confidence: 0.7,
      },
    ]);
  });

  it('names no single owner where the two sides owe it together or a country is only the place', () => {
    expect(candidates.map((c) => [c.ownerPartyId, c.counterpartyId])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('quotes each source sentence exactly, with its offsets', () => {
    expect(candidates.map((c) => c.quote)).toEqual([
      'They agreed to ensure effective follow-up and implementation of the decisions taken during the meeting.',
      'A third round of the consultative committee will be held next year in Pakistan.',
      'The prime minister is learnt to have accepted Putin’s invitation to attend the Eastern Economic Forum scheduled to be held from Sept 05 to 06 in Vladivostok',
    ]);
    for (const c of candidates) {
      expect(text.slice(c.quoteStart, c.quoteEnd)).toBe(c.quote);
      expect(c.quote).toContain(c.deadline?.phrase ?? '');
    }
  });

  it('proposes none of the background: past events, past statements, hopes and opinions', () => {
    const quotes = candidates.map((c) => c.quote).join('\n');
    for (const background of [
      'discussed defense cooperation',
      'The Pakistani delegation was led by',
      'exchanged views on regional security',
      'expressed the hope',
      'has invited Prime Minister Imran Khan',
      'shows that Islamabad and Moscow have buried the bitter past',
      'In June, the premier said',
      'have been holding joint military drills',
      'had held an',
      'In May, a Russian diplomat',
    ]) {
      expect(quotes).not.toContain(background);
    }
  });

  it('gives the same candidates, with the same keys, on every run', () => {
    const again = extractCommitments(text, context);
    expect(again).toEqual(candidates);
    expect(new Set(candidates.map((c) => c.key)).size).toBe(3);
  });

  it('keys candidates by their words, so the same sentence in a reformatted copy keeps its key', () => {
    const reformatted = `Press release\n\n${text.replace(/\n\n/g, '\n\n\n').replace('They agreed', 'They  agreed')}`;
    expect(extractCommitments(reformatted, context).map((c) => c.key)).toEqual(candidates.map((c) => c.key));
  });

  it('proposes a sentence said twice only once', () => {
    const sentence = 'A third round of the consultative committee will be held next year in Pakistan.';
    expect(extractCommitments(`${sentence} ${sentence}`, context)).toHaveLength(1);
  });

  it('resolves "next year" from the meeting, not from today', () => {
    const later = extractCommitments(text, { ...context, meetingDate: '2023-01-05' });
    expect(later[1].deadline).toMatchObject({ precision: 'YEAR', value: '2024' });
    expect(later[2].deadline).toMatchObject({ precision: 'DAY', value: '2023-09-05/2023-09-06' });
  });

  it('works without parties or a series', () => {
    const bare = extractCommitments(text, { meetingDate: '2019-08-20', timeZone: 'UTC', parties: [] });
    expect(bare.map((c) => c.partyIds)).toEqual([[], [], []]);
    expect(bare[1].title).toBe('Hold the third round of the consultative committee in Pakistan');
  });
});

describe('extractCommitments on runs of text no sentence ends', () => {
  const committing = (length: number) => `Pakistan will host the next round in September${' and more'.repeat(length)}.`;

  it('proposes a long sentence up to the length of a source quote', () => {
    const sentence = committing(Math.floor((LONGEST_QUOTE - 60) / 9));
    expect(sentence.length).toBeLessThanOrEqual(LONGEST_QUOTE);
    expect(extractCommitments(sentence, context).map((c) => c.quote)).toEqual([sentence]);
  });

  it('proposes nothing from a run longer than a source quote, and still reads the sentences after it', () => {
    const run = committing(Math.ceil(LONGEST_QUOTE / 9));
    const after = 'Russia will send the draft by 15 November.';
    expect(extractCommitments(`${run} ${after}`, context).map((c) => c.quote)).toEqual([after]);
  });
});
