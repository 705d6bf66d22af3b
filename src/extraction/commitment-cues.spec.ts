import { describe, expect, it } from '@jest/globals';
import { classifySentence } from './commitment-cues.js';

const verdict = (sentence: string) => {
  const v = classifySentence(sentence);
  return v.commitment ? v.cue.strength : v.reason;
};

describe('classifySentence', () => {
  it.each([
    ['They agreed to ensure effective follow-up and implementation of the decisions taken during the meeting.', 'agreement'],
    ['The two sides agreed that the next round would be held in Tokyo next year.', 'agreement'],
    ['The prime minister is learnt to have accepted Putin’s invitation to attend the forum.', 'agreement'],
    ['The Committee requested the Secretariat to circulate the draft.', 'agreement'],
    ['Action: MoF to circulate the revised budget tables by 9 December.', 'agreement'],
    ['The sides agreed not to deploy new systems along the border.', 'agreement'],
    ['A third round of the consultative committee will be held next year in Pakistan.', 'future'],
    ['The closure of the footpath is to be extended until 31 March.', 'future'],
    ['The summit is scheduled to take place in Beijing.', 'plan'],
    ['Northwind to submit the revised traffic management plan to the Council.', 'plan'],
    ['The minister is expected to visit Kabul.', 'expectation'],
  ])('proposes %j (%s)', (sentence, strength) => {
    expect(verdict(sentence)).toBe(strength);
  });

  it.each([
    ['Russia and Pakistan have been holding joint military drills — Dhruzba — since 2016.', 'no-commitment'],
    ['Prime Minister Imran Khan had held an informal meeting with President Putin.', 'no-commitment'],
    ['It may be noted that President Vladimir Putin has invited Prime Minister Imran Khan to a key economic conference in September.', 'no-commitment'],
    ['In May, a Russian diplomat in Islamabad said that Pakistan is an important partner for Russia.', 'past-speech'],
    ['In June, the premier said Islamabad is hopeful of increasing military ties with Moscow.', 'past-speech'],
    ['Last year, the minister said that the first unit would be completed in 2026.', 'past-speech'],
    ['Earlier this year, the two sides agreed to hold talks on water.', 'past-speech'],
    ['The two sides expressed the hope that the committee would play a vital role in enhancing defense cooperation.', 'opinion'],
    ['We are convinced that our partnership will grow stronger in the years ahead.', 'opinion'],
    ['The sides expressed readiness to expand cooperation in energy.', 'opinion'],
    ['The invitation shows that Islamabad and Moscow have buried the bitter past.', 'opinion'],
    ['The Committee did not agree to extend the grace period.', 'negated'],
    ['Russia will not supply the helicopters.', 'negated'],
    ['At its 13th meeting the Committee had agreed to publish the procurement plan.', 'past-event'],
    ['Since 2016 the navies have been training together and will continue to do so.', 'past-event'],
    ['Both sides reviewed the political will to deepen cooperation.', 'no-commitment'],
  ])('does not propose %j (%s)', (sentence, reason) => {
    expect(verdict(sentence)).toBe(reason);
  });

  it('keeps a commitment made before a hope in the same sentence', () => {
    expect(verdict('We agreed to launch a joint task force and expressed the hope that it would deliver results quickly.')).toBe('agreement');
  });

  it('does not read a month at the start as the past when the sentence looks ahead', () => {
    expect(verdict('In September, the two sides will sign the protocol.')).toBe('future');
  });
});
