-- The status index no longer holds claimed rows. Claims in flight are read through
-- reminder_claimed_lease_idx; with them here too, statistics taken while nothing was claimed let the
-- planner answer "CLAIMED and lease expired" by reading every claimed row of a burst through this index
-- (10 ms a tick at 20,000), and each reminder wrote two entries here on its way to SENT that no query
-- needed. Queries must name the status as a value of its type (not a cast of text) for PostgreSQL to
-- use this index.
DROP INDEX "reminder_status_fire_at_id_idx";
CREATE INDEX "reminder_status_fire_at_id_idx" ON "reminder" ("status", "fire_at", "id") WHERE "status" <> 'CLAIMED';
