import { describe, expect, it } from '@jest/globals';
import { expectMinutes, readMinutes } from '../../test/fixtures/minutes/minutes-case.js';
import { extractCommitments } from './extract-commitments.js';

const nairobi = {
  meetingDate: '2022-11-28',
  timeZone: 'Africa/Nairobi',
  parties: [
    { id: 'mof', name: 'Ministry of Finance', aliases: ['MoF'] },
    { id: 'wb', name: 'World Bank', aliases: ['the Bank'] },
  ],
};

describe('committee minutes', () => {
  it('steering committee, 28 November 2022: decisions, action items, "within six months", "at the next meeting"', () => {
    const tz = nairobi.timeZone;
    expectMinutes({
      file: 'steering-committee-minutes.txt',
      context: nairobi,
      expected: [
        {
          title: 'Complete the audit of the regional roads programme',
          kind: 'ACTION',
          partyIds: ['mof'],
          deadline: { precision: 'DAY', value: '2023-05-28', timeZone: tz, phrase: 'within six months' },
        },
        {
          title: 'Review the draft resettlement framework',
          kind: 'ACTION',
          partyIds: ['wb'],
          deadline: { precision: 'MEETING', nextRound: true, phrase: 'at the next meeting' },
        },
        {
          title: 'Circulate the revised budget tables',
          kind: 'ACTION',
          partyIds: ['mof'],
          deadline: { precision: 'DAY', value: '2022-12-09', timeZone: tz, phrase: 'by 9 December' },
        },
        {
          title: 'Update the risk register',
          kind: 'ACTION',
          partyIds: [],
          deadline: { precision: 'YEAR', value: '2022', timeZone: tz, phrase: 'by the end of the year' },
        },
        {
          title: 'Hold the next meeting',
          kind: 'MEETING',
          partyIds: [],
          deadline: { precision: 'QUARTER', value: '2023-Q1', timeZone: tz, phrase: 'in the first quarter of 2023' },
        },
      ],
      background: [
        'The Chair opened the meeting',
        'had agreed to publish the procurement plan',
        'did not agree to extend the grace period',
        "expressed appreciation for the Bank's support",
      ],
    });
  });

  it('project board, 14 February 2024: hard-wrapped lines, bullet items, "within 14 days", "in Q2"', () => {
    const tz = 'Europe/London';
    expectMinutes({
      file: 'harbour-bridge-project-board.txt',
      context: {
        meetingDate: '2024-02-14',
        timeZone: tz,
        parties: [
          { id: 'nw', name: 'Northwind Water', aliases: ['Northwind'] },
          { id: 'cc', name: 'City Council', aliases: ['the Council'] },
        ],
      },
      expected: [
        {
          title: 'Extend the closure of the northern footpath',
          kind: 'ACTION',
          partyIds: [],
          deadline: { precision: 'DAY', value: '2024-03-31', timeZone: tz, phrase: 'until 31 March' },
        },
        {
          title: 'Submit the revised traffic management plan to the Council',
          kind: 'ACTION',
          partyIds: ['nw', 'cc'],
          deadline: { precision: 'DAY', value: '2024-02-23', timeZone: tz, phrase: 'by Friday 23 February' },
        },
        {
          title: 'Publish the public notice',
          kind: 'ACTION',
          partyIds: ['cc'],
          deadline: { precision: 'DAY', value: '2024-02-28', timeZone: tz, phrase: 'within 14 days' },
        },
        {
          title: 'Report on the bearing replacement',
          kind: 'ACTION',
          partyIds: [],
          deadline: { precision: 'QUARTER', value: '2024-Q2', timeZone: tz, phrase: 'in Q2' },
        },
      ],
      background: [
        'Present: representatives',
        'the main water line was diverted in January',
        'expressed concern about the cost overrun',
        'had committed to completing the deck survey',
      ],
    });
  });

  it('keeps the list marker out of the quote but the label in it', () => {
    const text = readMinutes('steering-committee-minutes.txt');
    const item = extractCommitments(text, nairobi).find((c) => c.title === 'Circulate the revised budget tables');
    expect(item?.quote).toBe('Action: MoF to circulate the revised budget tables by 9 December.');
    expect(text.slice((item?.quoteStart ?? 0) - 2, item?.quoteStart)).toBe('- ');
  });
});
