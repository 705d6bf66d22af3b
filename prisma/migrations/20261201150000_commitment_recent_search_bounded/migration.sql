-- The index on creation time held the whole search vector, and a b-tree entry holds at most 2,704
-- bytes: a description of a few thousand characters could not be stored at all. The index now holds
-- a copy of the vector only when it is small (nearly every commitment), and NULL otherwise; search
-- reads the few long ones from the table. The scan of recent commitments stays index-only.
CREATE FUNCTION commitment_inline_search(vector tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN pg_column_size(vector) <= 2000 THEN vector END;

ALTER TABLE "commitment" ADD COLUMN "search_inline" tsvector GENERATED ALWAYS AS (commitment_inline_search(
  setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("description", '')), 'B') ||
  setweight(to_tsvector('english', coalesce("source_quote", '')), 'C')
)) STORED;

DROP INDEX "commitment_recent_search_idx";
CREATE INDEX "commitment_recent_search_idx" ON "commitment" ("created_at", "id") INCLUDE ("search_inline") WHERE "deleted_at" IS NULL;
