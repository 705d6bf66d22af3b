import { describe, expect, it } from '@jest/globals';
import { titleFor } from './title.js';

const without = (sentence: string, phrase: string) => {
  const start = sentence.indexOf(phrase);
  return { deadline: { start, end: start + phrase.length } };
};

describe('titleFor', () => {
  it.each([
    ['They agreed to ensure effective follow-up of the decisions.', 'Ensure effective follow-up of the decisions', 'ensure'],
    ['The Committee decided that the Ministry of Finance will complete the audit.', 'Complete the audit', 'complete'],
    ['The Committee requested the Secretariat to circulate the draft minutes.', 'Circulate the draft minutes', 'circulate'],
    ['The Secretariat was tasked with preparing the annual report.', 'Prepare the annual report', 'prepare'],
    ['Action: MoF to circulate the revised budget tables.', 'Circulate the revised budget tables', 'circulate'],
    ['- Northwind to submit the plan to the Council.', 'Submit the plan to the Council', 'submit'],
    ['Decision: the closure of the northern footpath is to be extended.', 'Extend the closure of the northern footpath', 'extend'],
    ['A working group will be set up to draft the charter.', 'Set up the working group to draft the charter', 'set'],
    ['The next meeting will take place in Nairobi.', 'Hold the next meeting in Nairobi', 'hold'],
    ['The Egyptian minister accepted an invitation to visit the Novovoronezh plant.', 'Visit the Novovoronezh plant', 'visit'],
    ['We agreed to launch a task force and expressed the hope that it would deliver results quickly.', 'Launch a task force', 'launch'],
  ])('%j → %j', (sentence, title, verb) => {
    expect(titleFor(sentence)).toEqual({ text: title, form: 'imperative', verb });
  });

  it('leaves the deadline phrase and the scheduling words out of the title', () => {
    const sentence =
      'The prime minister is learnt to have accepted Putin’s invitation to attend the Eastern Economic Forum scheduled to be held from Sept 05 to 06 in Vladivostok';
    expect(titleFor(sentence, without(sentence, 'from Sept 05 to 06')).text).toBe('Attend the Eastern Economic Forum in Vladivostok');
  });

  it('names the series by its short name when the sentence refers to it', () => {
    const sentence = 'A third round of the consultative committee will be held next year in Pakistan.';
    const series = { name: 'Pakistan-Russia Joint Military Consultative Committee', shortName: 'JMCC' };
    expect(titleFor(sentence, { ...without(sentence, 'next year'), series }).text).toBe('Hold the third round of the JMCC in Pakistan');
    expect(titleFor(sentence, without(sentence, 'next year')).text).toBe('Hold the third round of the consultative committee in Pakistan');
  });

  it('titles what happens rather than what someone does as an event', () => {
    expect(titleFor('Direct flights between Almaty and Samarkand will resume.')).toEqual({
      text: 'Direct flights between Almaty and Samarkand to resume',
      form: 'event',
      verb: 'resume',
    });
    expect(titleFor('The working groups will meet to review progress.').text).toBe('Working groups to meet to review progress');
    expect(titleFor('They will meet again in Beijing.')).toMatchObject({ text: 'Meet again in Beijing', form: 'imperative' });
  });

  it('shortens a long title at a word', () => {
    const title = titleFor(`They agreed to ${'review the long list of projects '.repeat(6)}.`).text;
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title).toMatch(/^Review the long list .* \S+…$/);
  });
});
