-- Claims in flight, by when their lease runs out: the dispatcher reads the oldest one every tick to
-- hold back claiming when sending falls behind, and hands expired ones back to PENDING. Only CLAIMED
-- rows are in it, so it stays as small as what is being sent.
CREATE INDEX "reminder_claimed_lease_idx" ON "reminder" ("lease_until") WHERE "status" = 'CLAIMED';

-- What a person was sent (and is being sent) lately: the daily limit of reminder emails per person
-- counts these before each send, whatever the size of the person's history.
CREATE INDEX "reminder_recipient_sends_idx" ON "reminder" ("recipient_person_id", "status", "sent_at") WHERE "status" IN ('SENT', 'CLAIMED');
