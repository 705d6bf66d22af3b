/** What the previous tick of this process left claimed, and when. */
export interface ClaimHistory {
  at: number;
  claimedAfter: number;
}

export interface BudgetInput {
  /** Rows CLAIMED now, by every worker. */
  claimed: number;
  /** How long the oldest chunk still waiting for a worker has waited, in seconds; null if none waits. */
  oldestWaitingSeconds: number | null;
  now: number;
  leaseSeconds: number;
  batch: number;
  maxClaims: number;
  history: ClaimHistory | null;
}

/**
 * How many due reminders a tick may claim. A claim must be sent well within its lease, or it expires
 * and is claimed again exactly when the system is overloaded; so a tick claims only what the workers
 * can send within half a lease, at the rate they drained the claims since this process's last tick:
 * - a chunk has waited a quarter of the lease for a worker already: nothing (sending fell behind);
 * - no recent tick to judge the rate by: one batch, which the next tick's rate corrects;
 * - otherwise: rate x half a lease, less what is claimed now;
 * and at least one batch while no chunk waits for a worker: the workers are idle, whatever is claimed
 * (a killed worker's claims drain only when their lease runs out). Claims another process made
 * meanwhile look like slower draining: the estimate errs towards claiming less.
 */
export function claimBudget(input: BudgetInput): number {
  const { claimed, oldestWaitingSeconds, now, leaseSeconds, batch, maxClaims, history } = input;
  if (oldestWaitingSeconds !== null && oldestWaitingSeconds >= leaseSeconds / 4) return 0;
  const elapsedMs = history ? now - history.at : Infinity;
  if (!history || elapsedMs <= 0 || elapsedMs > (leaseSeconds * 1000) / 4) return Math.min(batch, maxClaims);
  const perSecond = Math.max(0, history.claimedAfter - claimed) / (elapsedMs / 1000);
  const budget = Math.floor(perSecond * (leaseSeconds / 2)) - claimed;
  return Math.min(maxClaims, Math.max(oldestWaitingSeconds === null ? batch : 0, budget));
}
