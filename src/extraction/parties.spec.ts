import { describe, expect, it } from '@jest/globals';
import { detectParties, ownerAndCounterparty } from './parties.js';

const parties = [
  { id: 'pk', name: 'Pakistan' },
  { id: 'ru', name: 'Russia', aliases: ['Rosatom'] },
  { id: 'cc', name: 'City Council', aliases: ['the Council'] },
];

describe('detectParties', () => {
  it.each([
    ['A third round of the consultative committee will be held next year in Pakistan.', ['pk']],
    ['The Pakistani delegation was led by the Defence Secretary while the Russian side by the Deputy Minister.', ['pk', 'ru']],
    ['Islamabad and Moscow have buried the bitter past.', ['pk', 'ru']],
    ['Rosatom will submit the schedule to Pakistan’s ministry.', ['ru', 'pk']],
    ['The Council will publish the notice.', ['cc']],
    ['The working group will meet at 10:00 Moscow time.', []],
    ['The prime minister will attend the forum in Vladivostok.', []],
    ['The Russianist school will not be mentioned.', []],
  ])('%j → %j', (sentence, ids) => {
    expect(detectParties(sentence, parties)).toEqual(ids);
  });

  it('reads "the two sides" and a leading "they" as every party at the table, in the order given', () => {
    const two = parties.slice(0, 2);
    expect(detectParties('They agreed to ensure effective follow-up.', two)).toEqual(['pk', 'ru']);
    expect(detectParties('The two sides agreed that the next round would be held in Moscow.', two)).toEqual(['pk', 'ru']);
    expect(detectParties('The delegation said they would come.', two)).toEqual([]);
    expect(detectParties('They agreed to meet.', [parties[0]])).toEqual([]);
  });

  it.each([
    ['Rosatom will submit the schedule to the Pakistani side by 15 November.', 'will', 'ru', 'pk'],
    ['The Pakistani minister accepted an invitation to visit Moscow.', 'accepted', 'pk', 'ru'],
    ['The Committee decided that Pakistan will brief Russia on the exercise.', 'decided', 'pk', 'ru'],
    ['Northwind to submit the plan to the Council.', 'to submit', null, 'cc'],
    ['A third round of the committee will be held next year in Pakistan.', 'will', null, null],
    ['Russia will host the next round in Moscow.', 'will', 'ru', null],
    ['The two sides agreed that Russia would supply the parts to Pakistan.', 'agreed', 'ru', 'pk'],
    ['They agreed to ensure effective follow-up.', 'agreed', null, null],
    ['Pakistan and Russia will sign the protocol.', 'will', null, null],
  ])('%j is owed by %s to %s', (sentence, cue, owner, counterparty) => {
    expect(ownerAndCounterparty(sentence, parties, sentence.indexOf(cue))).toEqual({ ownerPartyId: owner, counterpartyId: counterparty });
  });
});
