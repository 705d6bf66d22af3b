-- Writes to different commitments must never wait for each other. Two things made every write queue
-- behind every other: the commitment_generation row (bumped by every statement on commitment or
-- meeting) and the tally rows that the summary triggers updated in place (every commitment without a
-- party or meeting shares one). The generation row goes (search ranks afresh each time); the tally
-- triggers now only insert deltas, which the worker folds into the kept counts.

DROP TRIGGER commitment_generation_write ON commitment;
DROP TRIGGER commitment_generation_meeting ON meeting;
DROP FUNCTION commitment_generation_bump();
DROP TABLE commitment_generation;

-- CreateTable
CREATE TABLE "commitment_tally_delta" (
    "id" BIGSERIAL NOT NULL,
    "dimension" TEXT NOT NULL,
    "ref_id" UUID NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "past" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "commitment_tally_delta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_horizon_tally_delta" (
    "id" BIGSERIAL NOT NULL,
    "dimension" TEXT NOT NULL,
    "ref_id" UUID NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "horizon" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "commitment_horizon_tally_delta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replan_request" (
    "id" BIGSERIAL NOT NULL,
    "person_id" UUID,
    "meeting_id" UUID,
    "actor" TEXT,
    "after_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replan_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "replan_request_person_id_idx" ON "replan_request"("person_id");

-- CreateIndex
CREATE INDEX "replan_request_meeting_id_idx" ON "replan_request"("meeting_id");

-- The same deltas as before, inserted instead of added to a shared row. The shared advisory lock stays:
-- shared holders never wait for each other; only the once-a-day move of the cutoff waits for them.
CREATE OR REPLACE FUNCTION commitment_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cut timestamptz;
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 AS sign FROM old_rows'
    ELSE 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows
          UNION ALL SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 FROM old_rows' END;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('commitment_tally'));
  SELECT cutoff INTO cut FROM commitment_tally_cutoff WHERE id = 1;
  EXECUTE format($sql$
    INSERT INTO commitment_tally_delta (dimension, ref_id, status, past, n)
    SELECT dimension, ref_id, status, past, sum(sign) FROM (
      SELECT k.dimension, k.ref_id, d.status,
             COALESCE(d.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND d.deadline_end < $1, false) AS past, d.sign
      FROM (%s) d
      CROSS JOIN LATERAL (VALUES ('party', COALESCE(d.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                                 ('meeting', COALESCE(d.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
      WHERE d.deleted_at IS NULL
    ) x
    GROUP BY dimension, ref_id, status, past HAVING sum(sign) <> 0
  $sql$, delta) USING cut;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION commitment_horizon_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cut timestamptz;
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 AS sign FROM old_rows'
    ELSE 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows
          UNION ALL SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 FROM old_rows' END;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('commitment_tally'));
  SELECT cutoff INTO cut FROM commitment_tally_cutoff WHERE id = 1;
  EXECUTE format($sql$
    INSERT INTO commitment_horizon_tally_delta (dimension, ref_id, status, horizon, n)
    SELECT k.dimension, k.ref_id, d.status, commitment_horizon(d.deadline_end, $1), sum(d.sign)
    FROM (%s) d
    CROSS JOIN LATERAL (VALUES ('party', COALESCE(d.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                               ('meeting', COALESCE(d.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
    WHERE d.deleted_at IS NULL AND d.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')
      AND commitment_horizon(d.deadline_end, $1) IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0
  $sql$, delta) USING cut;
  RETURN NULL;
END $$;

-- Moves the deltas into the kept counts, in one transaction: a reader sees them either still as
-- deltas or already in the counts, never both. Deltas inserted meanwhile wait for the next fold.
-- Returns how many deltas it folded.
CREATE FUNCTION commitment_tally_fold() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
  horizon_folded integer;
BEGIN
  WITH gone AS (DELETE FROM commitment_tally_delta RETURNING dimension, ref_id, status, past, n),
  sums AS (SELECT dimension, ref_id, status, past, sum(n)::int AS n, count(*) AS k FROM gone GROUP BY 1, 2, 3, 4),
  upserted AS (
    INSERT INTO commitment_tally AS t (dimension, ref_id, status, past, n)
    SELECT dimension, ref_id, status, past, n FROM sums WHERE n <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (dimension, ref_id, status, past) DO UPDATE SET n = t.n + excluded.n)
  SELECT COALESCE(sum(k), 0) INTO folded FROM sums;
  WITH gone AS (DELETE FROM commitment_horizon_tally_delta RETURNING dimension, ref_id, status, horizon, n),
  sums AS (SELECT dimension, ref_id, status, horizon, sum(n)::int AS n, count(*) AS k FROM gone GROUP BY 1, 2, 3, 4),
  upserted AS (
    INSERT INTO commitment_horizon_tally AS t (dimension, ref_id, status, horizon, n)
    SELECT dimension, ref_id, status, horizon, n FROM sums WHERE n <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (dimension, ref_id, status, horizon) DO UPDATE SET n = t.n + excluded.n)
  SELECT COALESCE(sum(k), 0) INTO horizon_folded FROM sums;
  RETURN folded + horizon_folded;
END $$;

-- A truncate or a rebuild starts the counts over: pending deltas go too.
CREATE OR REPLACE FUNCTION commitment_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  DELETE FROM commitment_tally;
  DELETE FROM commitment_horizon_tally;
  DELETE FROM commitment_tally_delta;
  DELETE FROM commitment_horizon_tally_delta;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION commitment_tally_rebuild(new_cutoff timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  DELETE FROM commitment_tally;
  DELETE FROM commitment_tally_delta;
  DELETE FROM commitment_horizon_tally_delta;
  UPDATE commitment_tally_cutoff SET cutoff = new_cutoff WHERE id = 1;
  INSERT INTO commitment_tally (dimension, ref_id, status, past, n)
  SELECT k.dimension, k.ref_id, c.status,
         COALESCE(c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND c.deadline_end < new_cutoff, false), count(*)
  FROM commitment c
  CROSS JOIN LATERAL (VALUES ('party', COALESCE(c.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                             ('meeting', COALESCE(c.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
  WHERE c.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4;
  PERFORM commitment_horizon_recount(new_cutoff);
END $$;
