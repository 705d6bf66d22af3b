-- Email actions: what people do from the links in their reminders, without an account.

-- Who last said they have seen the commitment, and when.
ALTER TABLE "commitment" ADD COLUMN "acknowledged_at" TIMESTAMPTZ(3),
  ADD COLUMN "acknowledged_by_person_id" UUID;
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_acknowledged_by_person_id_fkey"
  FOREIGN KEY ("acknowledged_by_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TYPE "ExtensionRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

CREATE TABLE "extension_request" (
    "id" UUID NOT NULL,
    "commitment_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "proposed_deadline" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ExtensionRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "extension_request_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "extension_request_commitment_id_created_at_idx" ON "extension_request"("commitment_id", "created_at");
ALTER TABLE "extension_request" ADD CONSTRAINT "extension_request_commitment_id_fkey"
  FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "extension_request" ADD CONSTRAINT "extension_request_person_id_fkey"
  FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A person's "stop sending me reminders", for one commitment or (commitment_id NULL) for all.
CREATE TABLE "reminder_opt_out" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "commitment_id" UUID,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reminder_opt_out_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "reminder_opt_out_person_id_commitment_id_key" ON "reminder_opt_out"("person_id", "commitment_id");
ALTER TABLE "reminder_opt_out" ADD CONSTRAINT "reminder_opt_out_person_id_fkey"
  FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reminder_opt_out" ADD CONSTRAINT "reminder_opt_out_commitment_id_fkey"
  FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What a person did from an email link, so the same link can say so afterwards. Written in the
-- transaction of the action itself, beside its history event.
CREATE TABLE "email_action_receipt" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "commitment_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "email_action_receipt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "email_action_receipt_person_id_commitment_id_action_created_idx" ON "email_action_receipt"("person_id", "commitment_id", "action", "created_at");
ALTER TABLE "email_action_receipt" ADD CONSTRAINT "email_action_receipt_person_id_fkey"
  FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "email_action_receipt" ADD CONSTRAINT "email_action_receipt_commitment_id_fkey"
  FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whom to tell, by email, when people act on commitments created with this key.
ALTER TABLE "api_key" ADD COLUMN "contact_email" TEXT;
