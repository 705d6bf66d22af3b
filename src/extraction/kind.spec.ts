import { describe, expect, it } from '@jest/globals';
import { kindOf } from './kind.js';
import { titleFor } from './title.js';

describe('kindOf', () => {
  it.each([
    ['A third round of the committee will be held in Pakistan.', 'MEETING'],
    ['Japan will host the next summit in Tokyo.', 'MEETING'],
    ['The leaders decided to convene the next Annual Leaders’ Meeting.', 'MEETING'],
    ['The working groups will meet to review progress.', 'MEETING'],
    ['The minister accepted an invitation to attend the Eastern Economic Forum.', 'VISIT'],
    ['The minister will travel to Canberra.', 'VISIT'],
    ['The President will pay a state visit to Kazakhstan.', 'VISIT'],
    ['The ministry will pay the contractors.', 'ACTION'],
    ['The ministers agreed to sign an agreement on the border.', 'AGREEMENT'],
    ['The sides will finalise the memorandum of understanding.', 'AGREEMENT'],
    ['The delegations agreed to finalize a joint action plan.', 'ACTION'],
    ['They agreed to ensure effective follow-up and implementation of the decisions.', 'ACTION'],
    ['Direct flights will resume.', 'OTHER'],
    ['The sides will endeavour to deepen ties.', 'OTHER'],
  ])('%j → %s', (sentence, kind) => {
    expect(kindOf(titleFor(sentence))).toBe(kind);
  });
});
