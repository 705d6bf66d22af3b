-- CreateTable
CREATE TABLE "calendar_feed" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "person_id" UUID,
    "filter" JSONB,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_feed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_token_hash_key" ON "calendar_feed"("token_hash");

-- CreateIndex
CREATE INDEX "calendar_feed_person_id_idx" ON "calendar_feed"("person_id");

-- CreateIndex
CREATE INDEX "commitment_updated_at_id_idx" ON "commitment"("updated_at", "id");

-- CreateIndex
CREATE INDEX "commitment_tags_idx" ON "commitment" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over what was promised, where it was said and how it was described. Title words
-- weigh most in the ranking. Generated, so no write path can forget to keep it current.
ALTER TABLE "commitment" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("description", '')), 'B') ||
  setweight(to_tsvector('english', coalesce("source_quote", '')), 'C')
) STORED;
CREATE INDEX "commitment_search_idx" ON "commitment" USING GIN ("search");

-- Lists sort by the deadline window's end with undated commitments last: the sort key is
-- COALESCE(deadline_end, 'infinity'), so a keyset cursor is a plain row comparison on (key, id).
CREATE INDEX "commitment_open_due_idx" ON "commitment" ((COALESCE("deadline_end", 'infinity'::timestamptz)), "id")
  WHERE "status" IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND "deleted_at" IS NULL;
CREATE INDEX "commitment_owner_open_due_idx" ON "commitment" ("owner_party_id", (COALESCE("deadline_end", 'infinity'::timestamptz)), "id")
  WHERE "status" IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND "deleted_at" IS NULL;
CREATE INDEX "commitment_due_idx" ON "commitment" ((COALESCE("deadline_end", 'infinity'::timestamptz)), "id")
  WHERE "deleted_at" IS NULL;
