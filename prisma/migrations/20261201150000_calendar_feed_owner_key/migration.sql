-- A calendar feed belongs to the API key that created it, by id: key names are not unique, so a
-- name could not tell two keys' feeds apart. Revoking the key ends its feeds (checked when a feed is
-- read); the bootstrap admin key, which is configuration and not a row, owns its feeds with NULL.
ALTER TABLE "calendar_feed" ADD COLUMN "created_by_key_id" UUID;

ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_created_by_key_id_fkey" FOREIGN KEY ("created_by_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE INDEX "calendar_feed_created_by_key_id_idx" ON "calendar_feed"("created_by_key_id");

-- Feeds made before: the one key with the recorded name owns its feed. A feed whose owner cannot be
-- told (the name is shared by several keys, or no key has it) is revoked rather than left serving
-- with no key that could end it.
UPDATE "calendar_feed" f
SET "created_by_key_id" = k."id"
FROM "api_key" k
WHERE f."created_by" = 'api-key:' || k."name"
  AND (SELECT count(*) FROM "api_key" n WHERE f."created_by" = 'api-key:' || n."name") = 1;

UPDATE "calendar_feed"
SET "revoked_at" = now()
WHERE "created_by_key_id" IS NULL AND "created_by" <> 'bootstrap admin' AND "revoked_at" IS NULL;
