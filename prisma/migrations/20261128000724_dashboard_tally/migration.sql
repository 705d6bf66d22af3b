-- CreateTable
CREATE TABLE "commitment_tally" (
    "dimension" TEXT NOT NULL,
    "ref_id" UUID NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "past" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "commitment_tally_pkey" PRIMARY KEY ("dimension","ref_id","status","past")
);

-- CreateTable
CREATE TABLE "commitment_tally_cutoff" (
    "id" INTEGER NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_tally_cutoff_pkey" PRIMARY KEY ("id")
);

-- The dashboard summary counts commitments by status, owing party and series, and how many open ones
-- are overdue. Aggregating a million rows per request is far too slow, so the counts are kept here by
-- statement-level triggers, in the writing transaction (always exact, never stale). "past" marks open
-- commitments whose window ended before the cutoff: the summary adds the overdue ones between the
-- cutoff and now, and those due soon, from the open-deadline index. The cutoff moves forward once a
-- day (commitment_tally_advance); the nil UUID stands for "no party" / "no meeting".
INSERT INTO "commitment_tally_cutoff" ("id", "cutoff") VALUES (1, date_trunc('day', now()));

CREATE FUNCTION commitment_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cut timestamptz;
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 AS sign FROM old_rows'
    ELSE 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows
          UNION ALL SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 FROM old_rows' END;
BEGIN
  -- Shared with other writers, exclusive with commitment_tally_advance: the cutoff cannot move
  -- between reading it here and this transaction's commit.
  PERFORM pg_advisory_xact_lock_shared(hashtext('commitment_tally'));
  SELECT cutoff INTO cut FROM commitment_tally_cutoff WHERE id = 1;
  EXECUTE format($sql$
    INSERT INTO commitment_tally AS t (dimension, ref_id, status, past, n)
    SELECT dimension, ref_id, status, past, sum(sign) FROM (
      SELECT k.dimension, k.ref_id, d.status,
             COALESCE(d.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND d.deadline_end < $1, false) AS past, d.sign
      FROM (%s) d
      CROSS JOIN LATERAL (VALUES ('party', COALESCE(d.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                                 ('meeting', COALESCE(d.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
      WHERE d.deleted_at IS NULL
    ) x
    GROUP BY dimension, ref_id, status, past HAVING sum(sign) <> 0
    ORDER BY dimension, ref_id, status, past
    ON CONFLICT (dimension, ref_id, status, past) DO UPDATE SET n = t.n + excluded.n
  $sql$, delta) USING cut;
  RETURN NULL;
END $$;

CREATE TRIGGER commitment_tally_insert AFTER INSERT ON commitment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_tally_trigger();
CREATE TRIGGER commitment_tally_update AFTER UPDATE ON commitment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_tally_trigger();
CREATE TRIGGER commitment_tally_delete AFTER DELETE ON commitment REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_tally_trigger();

CREATE FUNCTION commitment_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  DELETE FROM commitment_tally;
  RETURN NULL;
END $$;
CREATE TRIGGER commitment_tally_truncate AFTER TRUNCATE ON commitment FOR EACH STATEMENT EXECUTE FUNCTION commitment_tally_clear();

-- Moves the cutoff forward to `target`: open commitments whose window ended in between become "past".
-- Returns the cutoff in force afterwards (never moves backwards).
CREATE FUNCTION commitment_tally_advance(target timestamptz) RETURNS timestamptz LANGUAGE plpgsql AS $$
DECLARE
  cut timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  SELECT cutoff INTO cut FROM commitment_tally_cutoff WHERE id = 1;
  IF target <= cut THEN RETURN cut; END IF;
  INSERT INTO commitment_tally AS t (dimension, ref_id, status, past, n)
  SELECT k.dimension, k.ref_id, c.status, s.past, sum(s.sign)
  FROM commitment c
  CROSS JOIN LATERAL (VALUES ('party', COALESCE(c.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                             ('meeting', COALESCE(c.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
  CROSS JOIN (VALUES (false, -1), (true, 1)) s (past, sign)
  WHERE c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND c.deleted_at IS NULL
    AND c.deadline_end >= cut AND c.deadline_end < target
  GROUP BY k.dimension, k.ref_id, c.status, s.past
  ORDER BY k.dimension, k.ref_id, c.status, s.past
  ON CONFLICT (dimension, ref_id, status, past) DO UPDATE SET n = t.n + excluded.n;
  UPDATE commitment_tally_cutoff SET cutoff = target WHERE id = 1;
  RETURN target;
END $$;

-- Recounts everything (after a bulk load that bypassed triggers, or to check the counts).
CREATE FUNCTION commitment_tally_rebuild(new_cutoff timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  DELETE FROM commitment_tally;
  UPDATE commitment_tally_cutoff SET cutoff = new_cutoff WHERE id = 1;
  INSERT INTO commitment_tally (dimension, ref_id, status, past, n)
  SELECT k.dimension, k.ref_id, c.status,
         COALESCE(c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND c.deadline_end < new_cutoff, false), count(*)
  FROM commitment c
  CROSS JOIN LATERAL (VALUES ('party', COALESCE(c.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                             ('meeting', COALESCE(c.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
  WHERE c.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4;
END $$;

SELECT commitment_tally_rebuild(date_trunc('day', now()));

-- The summary's live part (open commitments due between the cutoff and 90 days ahead) as an
-- index-only scan.
CREATE INDEX "commitment_open_end_cover_idx" ON "commitment" ("deadline_end") INCLUDE ("status", "owner_party_id", "meeting_id")
  WHERE "status" IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND "deleted_at" IS NULL;

-- Compliance reads only what it aggregates: the window's end (as the lists' sort key) with the owing
-- party, status, assessment and completion times alongside, so a year's commitments are an
-- index-only scan instead of tens of thousands of heap fetches.
CREATE INDEX "commitment_compliance_idx" ON "commitment" ((COALESCE("deadline_end", 'infinity'::timestamptz)))
  INCLUDE ("owner_party_id", "status", "assessment", "deadline_end", "completed_at", "closed_at", "meeting_id")
  WHERE "deleted_at" IS NULL;
