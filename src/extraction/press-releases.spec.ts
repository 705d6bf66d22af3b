import { describe, expect, it } from '@jest/globals';
import { expectMinutes, readMinutes } from '../../test/fixtures/minutes/minutes-case.js';
import { extractCommitments } from './extract-commitments.js';

describe('press releases', () => {
  it('Egypt and Russia, 1 October 2019: "in the first quarter" of the next year, a day, a time in a named zone', () => {
    const tz = 'Europe/Moscow';
    expectMinutes({
      file: 'egypt-russia-press-release.txt',
      context: {
        meetingDate: '2019-10-01',
        timeZone: tz,
        parties: [
          { id: 'eg', name: 'Egypt' },
          { id: 'ru', name: 'Russia', aliases: ['Rosatom'] },
        ],
      },
      expected: [
        {
          title: 'Visit the Novovoronezh nuclear power plant',
          kind: 'VISIT',
          partyIds: ['eg'],
          deadline: { precision: 'QUARTER', value: '2020-Q1', timeZone: tz, phrase: 'in the first quarter' },
        },
        {
          title: 'Submit the updated construction schedule for the El Dabaa plant to the Egyptian side',
          kind: 'ACTION',
          partyIds: ['ru', 'eg'],
          deadline: { precision: 'DAY', value: '2019-11-15', timeZone: tz, phrase: 'by 15 November' },
        },
        {
          title: 'Hold the video conference of the working group',
          kind: 'MEETING',
          partyIds: [],
          deadline: { precision: 'DATETIME', value: '2020-03-03T10:00:00.000+03:00', timeZone: tz, phrase: 'on 3 March 2020 at 10:00 Moscow time' },
        },
      ],
      background: ['met the Russian Minister of Energy', 'Last year, the Egyptian minister said', 'The ministers believe the project shows'],
    });
  });

  it('Indonesia and Australia, 5 October 2020: "next month", "before" a day, "in September" of the next year', () => {
    const tz = 'Asia/Jakarta';
    expectMinutes({
      file: 'indonesia-australia-press-release.txt',
      context: {
        meetingDate: '2020-10-05',
        timeZone: tz,
        parties: [
          { id: 'id', name: 'Indonesia' },
          { id: 'au', name: 'Australia' },
        ],
      },
      expected: [
        {
          title: "Travel to Canberra for the foreign and defence ministers' 2+2 dialogue",
          kind: 'VISIT',
          partyIds: ['au'],
          deadline: { precision: 'MONTH', value: '2020-11', timeZone: tz, phrase: 'next month' },
        },
        {
          title: 'Provide 500,000 vaccine doses to Indonesia',
          kind: 'ACTION',
          partyIds: ['au', 'id'],
          deadline: { precision: 'DAY', value: '2020-11-30', timeZone: tz, phrase: 'before 1 December' },
        },
        {
          title: "Convene the next Annual Leaders' Meeting",
          kind: 'MEETING',
          partyIds: ['id', 'au'],
          deadline: { precision: 'MONTH', value: '2021-09', timeZone: tz, phrase: 'in September' },
        },
      ],
      background: [
        "held the sixth Annual Leaders' Meeting",
        'have been cooperating on maritime security since 2015',
        'described the talks as productive',
        'Earlier this year, the Indonesian ambassador said',
      ],
    });
  });

  it('United States and Mexico, 8 September 2021: the deadline after the decision, a time of day, abbreviations', () => {
    const tz = 'America/New_York';
    expectMinutes({
      file: 'us-mexico-economic-dialogue.txt',
      context: {
        meetingDate: '2021-09-08',
        timeZone: tz,
        parties: [
          { id: 'us', name: 'United States' },
          { id: 'mx', name: 'Mexico' },
        ],
      },
      expected: [
        {
          title: 'Finalize a joint action plan on supply chains',
          kind: 'ACTION',
          partyIds: ['us', 'mx'],
          deadline: { precision: 'MONTH', value: '2021-09', timeZone: tz, phrase: 'in September' },
        },
        {
          title: 'Working groups to meet to review progress',
          kind: 'MEETING',
          partyIds: [],
          deadline: { precision: 'DATETIME', value: '2021-10-14T09:00:00.000-04:00', timeZone: tz, phrase: 'on October 14 at 9:00 a.m.' },
        },
        {
          title: 'Host the next dialogue in Mexico City',
          kind: 'MEETING',
          partyIds: ['mx'],
          deadline: { precision: 'QUARTER', value: '2022-Q1', timeZone: tz, phrase: 'in the first quarter' },
        },
      ],
      background: ['delegations met at the Department of State', 'expressed the hope that Mexico would ratify', 'have long argued that near-shoring'],
    });
  });

  it('says who owes it and to whom where the subject is one party', () => {
    const text = readMinutes('indonesia-australia-press-release.txt');
    const parties = [
      { id: 'id', name: 'Indonesia' },
      { id: 'au', name: 'Australia' },
    ];
    const roles = extractCommitments(text, { meetingDate: '2020-10-05', timeZone: 'Asia/Jakarta', parties }).map((c) => [c.ownerPartyId, c.counterpartyId]);
    expect(roles).toEqual([
      [null, 'au'],
      ['au', 'id'],
      [null, null],
    ]);
  });
});
