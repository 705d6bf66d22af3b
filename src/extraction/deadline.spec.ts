import { describe, expect, it } from '@jest/globals';
import { findDeadlines, pickDeadline, referenceFor } from './deadline.js';

const at = (meetingDate: string, timeZone = 'Asia/Karachi') => referenceFor(meetingDate, timeZone);
const only = (sentence: string, meetingDate: string, timeZone?: string) => {
  const found = findDeadlines(sentence, at(meetingDate, timeZone));
  expect(found).toHaveLength(1);
  const [match] = found;
  expect(sentence.slice(match.start, match.end)).toBe(match.deadline.phrase);
  return match.deadline;
};

describe('deadline phrases, resolved from the meeting date', () => {
  it.each([
    ['A third round will be held next year in Pakistan.', '2019-08-20', 'YEAR', '2020', 'next year'],
    ['They will sign it by the end of the year.', '2019-08-20', 'YEAR', '2019', 'by the end of the year'],
    ['They will sign it by the end of next year.', '2018-12-03', 'YEAR', '2019', 'by the end of next year'],
    ['They will sign it later this year.', '2019-08-20', 'YEAR', '2019', 'later this year'],
    ['The commission will present a proposal in 2025.', '2023-06-10', 'YEAR', '2025', 'in 2025'],
    ['The PM will attend a conference in September.', '2019-08-20', 'MONTH', '2019-09', 'in September'],
    ['The PM will attend a conference in September.', '2019-09-30', 'MONTH', '2019-09', 'in September'],
    ['The leaders will convene again in September.', '2020-10-05', 'MONTH', '2021-09', 'in September'],
    ['The leaders will convene again in September 2022.', '2020-10-05', 'MONTH', '2022-09', 'in September 2022'],
    ['The report will be ready by the end of March.', '2021-01-10', 'MONTH', '2021-03', 'by the end of March'],
    ['Flights will resume next month.', '2019-12-15', 'MONTH', '2020-01', 'next month'],
    ['The visit will take place in the first quarter.', '2019-10-01', 'QUARTER', '2020-Q1', 'in the first quarter'],
    ['The visit will take place in the third quarter.', '2019-08-20', 'QUARTER', '2019-Q3', 'in the third quarter'],
    ['The accord will be signed by the third quarter of 2024.', '2023-06-10', 'QUARTER', '2024-Q3', 'by the third quarter of 2024'],
    ['The talks will resume in the first quarter of next year.', '2019-02-01', 'QUARTER', '2020-Q1', 'in the first quarter of next year'],
    ['The contractor will report in Q2.', '2024-02-14', 'QUARTER', '2024-Q2', 'in Q2'],
    ['The contractor will report in Q3 2021.', '2020-05-01', 'QUARTER', '2021-Q3', 'in Q3 2021'],
    ['The audit will be completed within six months.', '2019-08-20', 'DAY', '2020-02-20', 'within six months'],
    ['The audit will be completed within six months.', '2019-08-31', 'DAY', '2020-02-29', 'within six months'],
    ['The notice will be published within 14 days.', '2024-02-14', 'DAY', '2024-02-28', 'within 14 days'],
    ['The forum is scheduled to be held from Sept 05 to 06 in Vladivostok.', '2019-08-20', 'DAY', '2019-09-05/2019-09-06', 'from Sept 05 to 06'],
    ['The summit will be held on 5-6 September.', '2019-08-20', 'DAY', '2019-09-05/2019-09-06', 'on 5-6 September'],
    ['The President will visit from 12 to 13 May.', '2021-03-15', 'DAY', '2021-05-12/2021-05-13', 'from 12 to 13 May'],
    ['The President will visit between 12 and 13 May.', '2021-06-01', 'DAY', '2022-05-12/2022-05-13', 'between 12 and 13 May'],
    ['The summit will be held on September 5-6, 2020.', '2019-08-20', 'DAY', '2020-09-05/2020-09-06', 'on September 5-6, 2020'],
    ['The schedule will be submitted by 15 November.', '2019-10-01', 'DAY', '2019-11-15', 'by 15 November'],
    ['The tables will be circulated by 9 December.', '2022-11-28', 'DAY', '2022-12-09', 'by 9 December'],
    ['The plan will be submitted by Friday 23 February.', '2024-02-14', 'DAY', '2024-02-23', 'by Friday 23 February'],
    ['The doses will be delivered before 1 December.', '2020-10-05', 'DAY', '2020-11-30', 'before 1 December'],
    ['The closure is to be extended until 31 March.', '2024-02-14', 'DAY', '2024-03-31', 'until 31 March'],
    ['The envoys will meet on 10 January.', '2019-08-20', 'DAY', '2020-01-10', 'on 10 January'],
    ['The envoys will meet next week.', '2019-08-20', 'DAY', '2019-08-26/2019-09-01', 'next week'],
  ])('%j said on %s → %s %s', (sentence, meetingDate, precision, value, phrase) => {
    expect(only(sentence, meetingDate)).toEqual({ precision, value, timeZone: 'Asia/Karachi', phrase });
  });

  it('resolves a time of day to an instant, in the zone the text names', () => {
    expect(only('A video conference will be held on 3 March 2020 at 10:00 Moscow time.', '2019-10-01', 'Asia/Karachi')).toEqual({
      precision: 'DATETIME',
      value: '2020-03-03T10:00:00.000+03:00',
      timeZone: 'Europe/Moscow',
      phrase: 'on 3 March 2020 at 10:00 Moscow time',
    });
    expect(only('The working groups will meet on October 14 at 9:00 a.m. to review progress.', '2021-09-08', 'America/New_York')).toEqual({
      precision: 'DATETIME',
      value: '2021-10-14T09:00:00.000-04:00',
      timeZone: 'America/New_York',
      phrase: 'on October 14 at 9:00 a.m.',
    });
  });

  it.each(['at the next round', 'at the next meeting', 'before the next session', 'by the next meeting'])(
    '"%s" points to the next round of the series',
    (phrase) => {
      expect(only(`The sides will review the plan ${phrase}.`, '2019-08-20')).toEqual({ precision: 'MEETING', nextRound: true, phrase });
    },
  );

  it('finds no deadline in what is not one', () => {
    for (const sentence of [
      'Russia and Pakistan have been holding joint drills since 2016.',
      'The plan was published in 2018.',
      'The third round was held in New Delhi on 3 December 2018.',
      'The two sides will continue to exchange views.',
      'The Chair opened the meeting at 09:30.',
    ]) {
      expect(findDeadlines(sentence, at('2019-08-20'))).toEqual([]);
    }
  });

  it('takes the deadline of the commitment, not an earlier date in the sentence', () => {
    const sentence = 'Following the technical talks held in June, the delegations agreed to finalize a plan in September.';
    const picked = pickDeadline(sentence, sentence.indexOf('agreed'), at('2021-09-08'));
    expect(picked?.deadline).toMatchObject({ precision: 'MONTH', value: '2021-09', phrase: 'in September' });
  });

  it('refuses a meeting date that is not a calendar date', () => {
    expect(() => referenceFor('2019-02-30', 'UTC')).toThrow(RangeError);
    expect(() => referenceFor('20 Aug 2019', 'UTC')).toThrow(RangeError);
    expect(() => referenceFor('2019-08-20', 'Mars/Olympus')).toThrow(RangeError);
  });
});
