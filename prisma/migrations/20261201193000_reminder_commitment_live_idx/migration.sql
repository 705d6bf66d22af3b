-- A commitment's ledger as re-planning reads it: rows not cancelled, and rows the daily digest replaced.
-- Rows cancelled because a plan changed stay out of it: every deadline change adds some, and a re-plan
-- that scanned them all would cost more with each change of the same commitment.
CREATE INDEX "reminder_commitment_live_idx" ON "reminder" ("commitment_id")
  WHERE "status" <> 'CANCELLED' OR "skip_reason" = 'replaced by the daily digest';
