-- Every SENT reminder has sent_at and no other has: the daily limit tells what a person was sent from
-- what is being sent to them by it. NOT VALID: every write is checked from now on, without reading the
-- whole ledger (and holding up its writers) while deploying; no earlier code wrote one without the other.
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_sent_at_only_when_sent" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL)) NOT VALID;
