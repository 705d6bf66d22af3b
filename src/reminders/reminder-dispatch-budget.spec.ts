import { describe, expect, it } from '@jest/globals';
import { claimBudget, type BudgetInput } from './reminder-dispatch-budget.js';

const base: BudgetInput = { claimed: 0, oldestWaitingSeconds: 5, now: 100_000, leaseSeconds: 300, batch: 500, maxClaims: 50_000, history: null };

describe(claimBudget.name, () => {
  it('claims one batch on a first tick, as it cannot know the rate yet', () => {
    expect(claimBudget(base)).toBe(500);
    expect(claimBudget({ ...base, claimed: 2000 })).toBe(500);
  });

  it('claims what the measured rate sends within half a lease, less what is claimed', () => {
    // 1,000 claims drained in 1 s: 1,000/s x 150 s = 150,000, capped at the most a tick may claim.
    expect(claimBudget({ ...base, claimed: 3000, history: { at: 99_000, claimedAfter: 4000 } })).toBe(50_000);
    // 10 drained in 1 s: 10/s x 150 s = 1,500, of which 1,000 are claimed already.
    expect(claimBudget({ ...base, claimed: 1000, history: { at: 99_000, claimedAfter: 1010 } })).toBe(500);
    expect(claimBudget({ ...base, claimed: 1490, history: { at: 99_000, claimedAfter: 1500 } })).toBe(10);
  });

  it('claims nothing while claims are not draining', () => {
    expect(claimBudget({ ...base, claimed: 800, history: { at: 99_000, claimedAfter: 800 } })).toBe(0);
  });

  it('claims at least a batch while no chunk waits for a worker, even if claims are not draining', () => {
    expect(claimBudget({ ...base, oldestWaitingSeconds: null, claimed: 0, history: { at: 99_000, claimedAfter: 0 } })).toBe(500);
    // A killed worker's chunk: claimed, not draining, but the live workers have nothing to do.
    expect(claimBudget({ ...base, oldestWaitingSeconds: null, claimed: 50, history: { at: 99_000, claimedAfter: 50 } })).toBe(500);
  });

  it('claims nothing once a chunk has waited a quarter of the lease, whatever the rate', () => {
    expect(claimBudget({ ...base, oldestWaitingSeconds: 75, history: { at: 99_000, claimedAfter: 9000 } })).toBe(0);
    expect(claimBudget({ ...base, oldestWaitingSeconds: 74 })).toBe(500);
  });

  it('does not judge the rate by a tick older than a quarter of the lease', () => {
    expect(claimBudget({ ...base, claimed: 100, history: { at: 0, claimedAfter: 100 } })).toBe(500);
  });
});
