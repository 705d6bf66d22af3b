-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('COUNTRY', 'MINISTRY', 'ORGANISATION', 'TEAM', 'OTHER');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'DEFERRED');

-- CreateEnum
CREATE TYPE "DeadlinePrecision" AS ENUM ('DATETIME', 'DAY', 'MONTH', 'QUARTER', 'YEAR', 'MEETING');

-- CreateEnum
CREATE TYPE "Assessment" AS ENUM ('FULL', 'PARTIAL', 'NONE');

-- CreateEnum
CREATE TYPE "CommitmentKind" AS ENUM ('MEETING', 'VISIT', 'ACTION', 'AGREEMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "CommitmentRole" AS ENUM ('RESPONSIBLE', 'WATCHER');

-- CreateEnum
CREATE TYPE "CommitmentEventType" AS ENUM ('CREATED', 'UPDATED', 'STATUS_CHANGED', 'NOTE', 'DELETED');

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('ADMIN', 'EDITOR', 'VIEWER');

-- CreateTable
CREATE TABLE "party" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PartyKind" NOT NULL DEFAULT 'OTHER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "email" TEXT NOT NULL,
    "party_id" UUID,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "escalation_contact_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_series" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meeting_series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" UUID NOT NULL,
    "series_id" UUID,
    "round" INTEGER,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "location" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "status" "MeetingStatus" NOT NULL DEFAULT 'PLANNED',
    "source_text" TEXT,
    "source_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_participant" (
    "id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "party_id" UUID,
    "role" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "meeting_id" UUID,
    "owner_party_id" UUID,
    "counterparty_id" UUID,
    "source_quote" TEXT,
    "source_start" INTEGER,
    "source_end" INTEGER,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'OPEN',
    "assessment" "Assessment",
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "kind" "CommitmentKind",
    "confidence" DOUBLE PRECISION,
    "extraction_key" TEXT,
    "deadline_precision" "DeadlinePrecision",
    "deadline_value" TEXT,
    "deadline_phrase" TEXT,
    "deadline_time_zone" TEXT,
    "deadline_meeting_id" UUID,
    "deadline_start" TIMESTAMPTZ(3),
    "deadline_end" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_person" (
    "commitment_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" "CommitmentRole" NOT NULL,

    CONSTRAINT "commitment_person_pkey" PRIMARY KEY ("commitment_id","person_id","role")
);

-- CreateTable
CREATE TABLE "commitment_event" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "commitment_id" UUID NOT NULL,
    "type" "CommitmentEventType" NOT NULL,
    "changes" JSONB,
    "note" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commitment_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "party_name_key" ON "party"("name");

-- CreateIndex
CREATE UNIQUE INDEX "person_email_key" ON "person"("email");

-- CreateIndex
CREATE INDEX "person_party_id_idx" ON "person"("party_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_series_name_key" ON "meeting_series"("name");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_series_short_name_key" ON "meeting_series"("short_name");

-- CreateIndex
CREATE INDEX "meeting_starts_at_idx" ON "meeting"("starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_series_id_round_key" ON "meeting"("series_id", "round");

-- CreateIndex
CREATE INDEX "meeting_participant_person_id_idx" ON "meeting_participant"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_participant_meeting_id_person_id_key" ON "meeting_participant"("meeting_id", "person_id");

-- CreateIndex
CREATE INDEX "commitment_status_idx" ON "commitment"("status");

-- CreateIndex
CREATE INDEX "commitment_meeting_id_idx" ON "commitment"("meeting_id");

-- CreateIndex
CREATE INDEX "commitment_owner_party_id_idx" ON "commitment"("owner_party_id");

-- CreateIndex
CREATE INDEX "commitment_counterparty_id_idx" ON "commitment"("counterparty_id");

-- CreateIndex
CREATE INDEX "commitment_deadline_meeting_id_idx" ON "commitment"("deadline_meeting_id");

-- CreateIndex
CREATE INDEX "commitment_created_at_id_idx" ON "commitment"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_meeting_id_extraction_key_key" ON "commitment"("meeting_id", "extraction_key");

-- CreateIndex
CREATE INDEX "commitment_person_person_id_idx" ON "commitment_person"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_event_seq_key" ON "commitment_event"("seq");

-- CreateIndex
CREATE INDEX "commitment_event_commitment_id_seq_idx" ON "commitment_event"("commitment_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "api_key"("key_hash");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_escalation_contact_id_fkey" FOREIGN KEY ("escalation_contact_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_owner_party_id_fkey" FOREIGN KEY ("owner_party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_counterparty_id_fkey" FOREIGN KEY ("counterparty_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_deadline_meeting_id_fkey" FOREIGN KEY ("deadline_meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_person" ADD CONSTRAINT "commitment_person_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_person" ADD CONSTRAINT "commitment_person_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_event" ADD CONSTRAINT "commitment_event_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The dashboard's default list: open commitments by deadline. A plain (status, deadline_end) index is
-- not used for an IN list over statuses, so the open states are baked into a partial index.
CREATE INDEX "commitment_open_deadline_idx" ON "commitment" ("deadline_end", "id")
  WHERE "status" IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND "deleted_at" IS NULL;
