-- CreateEnum
CREATE TYPE "ReminderDelivery" AS ENUM ('EACH', 'DIGEST');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('BEFORE_DUE', 'DUE', 'OVERDUE', 'ESCALATION', 'DIGEST');

-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('PENDING', 'CLAIMED', 'SENT', 'FAILED', 'CANCELLED', 'SKIPPED');

-- AlterTable
ALTER TABLE "commitment" ADD COLUMN     "reminder_policy" JSONB;

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "reminder_delivery" "ReminderDelivery" NOT NULL DEFAULT 'EACH';

-- CreateTable
CREATE TABLE "reminder" (
    "id" UUID NOT NULL,
    "commitment_id" UUID,
    "recipient_person_id" UUID NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "offset" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ReminderStatus" NOT NULL DEFAULT 'PENDING',
    "dedupe_key" TEXT NOT NULL,
    "lease_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "skip_reason" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_dedupe_key_key" ON "reminder"("dedupe_key");

-- CreateIndex
CREATE INDEX "reminder_commitment_id_fire_at_idx" ON "reminder"("commitment_id", "fire_at");

-- CreateIndex
CREATE INDEX "reminder_recipient_person_id_fire_at_idx" ON "reminder"("recipient_person_id", "fire_at");

-- CreateIndex
CREATE INDEX "reminder_status_fire_at_id_idx" ON "reminder"("status", "fire_at", "id");

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_recipient_person_id_fkey" FOREIGN KEY ("recipient_person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
