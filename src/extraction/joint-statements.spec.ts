import { describe, it } from '@jest/globals';
import { expectMinutes } from '../../test/fixtures/minutes/minutes-case.js';

const year = (value: string, timeZone: string, phrase: string) => ({ precision: 'YEAR' as const, value, timeZone, phrase });

describe('joint statements', () => {
  it('Kazakhstan and Uzbekistan, 15 March 2021: "by the end of the year", "in September", "next month", a span of days', () => {
    const tz = 'Asia/Almaty';
    expectMinutes({
      file: 'kazakhstan-uzbekistan-joint-statement.txt',
      context: {
        meetingDate: '2021-03-15',
        timeZone: tz,
        parties: [
          { id: 'kz', name: 'Kazakhstan' },
          { id: 'uz', name: 'Uzbekistan' },
        ],
      },
      expected: [
        {
          title: 'Sign an agreement on the demarcation of the state border',
          kind: 'AGREEMENT',
          partyIds: ['kz', 'uz'],
          deadline: year('2021', tz, 'by the end of the year'),
        },
        {
          title: 'Host the next meeting of the intergovernmental commission in Astana',
          kind: 'MEETING',
          partyIds: ['kz'],
          deadline: { precision: 'MONTH', value: '2021-09', timeZone: tz, phrase: 'in September' },
        },
        {
          title: 'Direct flights between Almaty and Samarkand to resume',
          kind: 'OTHER',
          partyIds: [],
          deadline: { precision: 'MONTH', value: '2021-04', timeZone: tz, phrase: 'next month' },
        },
        {
          title: 'Pay a state visit to Kazakhstan',
          kind: 'VISIT',
          partyIds: ['uz', 'kz'],
          deadline: { precision: 'DAY', value: '2021-05-12/2021-05-13', timeZone: tz, phrase: 'from 12 to 13 May' },
        },
      ],
      background: [
        'held talks in a warm and constructive atmosphere',
        'bilateral trade grew by 12 percent',
        'expressed the hope that the new border crossing',
        'have been holding regular consultations',
        'expressed readiness to expand cooperation',
      ],
    });
  });

  it('EU-Japan summit, 10 June 2023: a quarter of a named year, "next year", a bare year, a commitment beside a hope', () => {
    const tz = 'Europe/Brussels';
    expectMinutes({
      file: 'eu-japan-summit-statement.txt',
      context: {
        meetingDate: '2023-06-10',
        timeZone: tz,
        parties: [
          { id: 'eu', name: 'European Union', aliases: ['European Commission'] },
          { id: 'jp', name: 'Japan' },
        ],
      },
      expected: [
        { title: 'Launch a joint task force on critical minerals', kind: 'ACTION', partyIds: ['eu', 'jp'], deadline: null },
        {
          title: 'Sign the Digital Partnership agreement',
          kind: 'AGREEMENT',
          partyIds: ['eu', 'jp'],
          deadline: { precision: 'QUARTER', value: '2024-Q3', timeZone: tz, phrase: 'by the third quarter of 2024' },
        },
        { title: 'Host the next summit in Tokyo', kind: 'MEETING', partyIds: ['jp'], deadline: year('2024', tz, 'next year') },
        {
          title: 'Present a proposal on the mutual recognition of professional qualifications',
          kind: 'ACTION',
          partyIds: ['eu'],
          deadline: year('2025', tz, 'in 2025'),
        },
      ],
      background: ['met in Brussels today', 'We welcome the progress', 'We are convinced that our partnership will grow stronger', 'In 2019, the leaders said'],
    });
  });

  it('India-Japan maritime dialogue, 3 December 2018: "at the next round", "next year" in December, "the political will"', () => {
    const tz = 'Asia/Kolkata';
    expectMinutes({
      file: 'india-japan-maritime-dialogue.txt',
      context: {
        meetingDate: '2018-12-03',
        timeZone: tz,
        parties: [
          { id: 'in', name: 'India' },
          { id: 'jp', name: 'Japan' },
        ],
      },
      expected: [
        { title: 'Hold the next round of the dialogue in Tokyo', kind: 'MEETING', partyIds: ['in', 'jp'], deadline: year('2019', tz, 'next year') },
        {
          title: 'Brief the Indian side on the new maritime domain awareness centre',
          kind: 'ACTION',
          partyIds: ['jp', 'in'],
          deadline: { precision: 'MEETING', nextRound: true, phrase: 'at the next round' },
        },
        { title: 'Conduct the JIMEX exercise', kind: 'ACTION', partyIds: ['in', 'jp'], deadline: year('2019', tz, 'by the end of next year') },
      ],
      background: [
        'was held in New Delhi on 3 December 2018',
        'The Indian delegation was led by',
        'the political will to deepen cooperation',
        'In October, Prime Minister Abe told reporters',
        'underlined the importance of a free and open Indo-Pacific',
      ],
    });
  });
});
