import { describe, expect, it } from '@jest/globals';
import { confidenceOf } from './confidence.js';

describe('confidenceOf', () => {
  it('ranks firm agreements above plain futures, plans and expectations', () => {
    const firm = confidenceOf('They agreed to act.', 'agreement', false, false);
    const future = confidenceOf('They will act.', 'future', false, false);
    const plan = confidenceOf('They plan to act.', 'plan', false, false);
    const expected = confidenceOf('They are expected to act.', 'expectation', false, false);
    expect([firm, future, plan, expected]).toEqual([0.85, 0.8, 0.75, 0.6]);
  });

  it('lowers hedged and second-hand commitments and raises those with a deadline and a party', () => {
    expect(confidenceOf('The prime minister is learnt to have accepted the invitation.', 'agreement', true, false)).toBe(0.7);
    expect(confidenceOf('The minister said Russia will supply the parts.', 'future', false, true)).toBe(0.75);
    expect(confidenceOf('Russia will supply the parts by May.', 'future', true, true)).toBe(0.9);
  });

  it('stays within 0..1', () => {
    const low = confidenceOf('It is said to be likely that they may possibly act.', 'expectation', false, false);
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(0.5);
  });
});
