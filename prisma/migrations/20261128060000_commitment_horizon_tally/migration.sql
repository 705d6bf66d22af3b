-- CreateTable
CREATE TABLE "commitment_horizon_tally" (
    "dimension" TEXT NOT NULL,
    "ref_id" UUID NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "horizon" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "commitment_horizon_tally_pkey" PRIMARY KEY ("dimension","ref_id","status","horizon")
);

-- The summary's "due within 7/30/90 days" counted the open commitments due between the cutoff and
-- 90 days ahead on every request (some 26,000 rows at a million commitments). They are kept too,
-- by the same triggers and relative to the same cutoff: `horizon` 7 holds those due in
-- [cutoff, cutoff + 7 days), 30 those in [+7, +30 days), 90 those in [+30, +90 days). The summary
-- then counts live only the deadlines between the cutoff and now shifted by 0, 7, 30 and 90 days:
-- a day or so of deadlines each. Days are 24 hours, as in the API.

-- The horizon an open commitment's deadline falls in, relative to `anchor`; null outside them.
CREATE FUNCTION commitment_horizon(deadline_end timestamptz, anchor timestamptz) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN deadline_end >= anchor THEN CASE
    WHEN deadline_end < anchor + interval '168 hours' THEN 7
    WHEN deadline_end < anchor + interval '720 hours' THEN 30
    WHEN deadline_end < anchor + interval '2160 hours' THEN 90 END END::smallint
$$;

CREATE FUNCTION commitment_horizon_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cut timestamptz;
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 AS sign FROM old_rows'
    ELSE 'SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, 1 AS sign FROM new_rows
          UNION ALL SELECT owner_party_id, meeting_id, status, deadline_end, deleted_at, -1 FROM old_rows' END;
BEGIN
  -- As in commitment_tally_trigger: the cutoff cannot move before this transaction commits.
  PERFORM pg_advisory_xact_lock_shared(hashtext('commitment_tally'));
  SELECT cutoff INTO cut FROM commitment_tally_cutoff WHERE id = 1;
  EXECUTE format($sql$
    INSERT INTO commitment_horizon_tally AS t (dimension, ref_id, status, horizon, n)
    SELECT k.dimension, k.ref_id, d.status, commitment_horizon(d.deadline_end, $1), sum(d.sign)
    FROM (%s) d
    CROSS JOIN LATERAL (VALUES ('party', COALESCE(d.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                               ('meeting', COALESCE(d.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
    WHERE d.deleted_at IS NULL AND d.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')
      AND commitment_horizon(d.deadline_end, $1) IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (dimension, ref_id, status, horizon) DO UPDATE SET n = t.n + excluded.n
  $sql$, delta) USING cut;
  RETURN NULL;
END $$;

CREATE TRIGGER commitment_horizon_insert AFTER INSERT ON commitment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_horizon_trigger();
CREATE TRIGGER commitment_horizon_update AFTER UPDATE ON commitment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_horizon_trigger();
CREATE TRIGGER commitment_horizon_delete AFTER DELETE ON commitment REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_horizon_trigger();

-- Counts the horizons afresh relative to `anchor` (the caller holds the tally lock).
CREATE FUNCTION commitment_horizon_recount(anchor timestamptz) RETURNS void LANGUAGE sql AS $$
  DELETE FROM commitment_horizon_tally;
  INSERT INTO commitment_horizon_tally (dimension, ref_id, status, horizon, n)
  SELECT k.dimension, k.ref_id, c.status, commitment_horizon(c.deadline_end, anchor), count(*)
  FROM commitment c
  CROSS JOIN LATERAL (VALUES ('party', COALESCE(c.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                             ('meeting', COALESCE(c.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
  WHERE c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND c.deleted_at IS NULL
    AND c.deadline_end >= anchor AND c.deadline_end < anchor + interval '2160 hours'
  GROUP BY 1, 2, 3, 4;
$$;

CREATE OR REPLACE FUNCTION commitment_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  DELETE FROM commitment_tally;
  DELETE FROM commitment_horizon_tally;
  RETURN NULL;
END $$;

-- As before, and the horizons follow the cutoff: each open commitment due between the old cutoff
-- and 90 days after the new one leaves its old horizon and enters its new one (a day's move
-- touches about 90 days of deadlines, once a day).
CREATE OR REPLACE FUNCTION commitment_tally_advance(target timestamptz) RETURNS timestamptz LANGUAGE plpgsql AS $$
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
  INSERT INTO commitment_horizon_tally AS t (dimension, ref_id, status, horizon, n)
  SELECT k.dimension, k.ref_id, c.status, h.horizon, sum(h.sign)
  FROM commitment c
  CROSS JOIN LATERAL (VALUES ('party', COALESCE(c.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                             ('meeting', COALESCE(c.meeting_id, '00000000-0000-0000-0000-000000000000'::uuid))) k (dimension, ref_id)
  CROSS JOIN LATERAL (VALUES (commitment_horizon(c.deadline_end, cut), -1), (commitment_horizon(c.deadline_end, target), 1)) h (horizon, sign)
  WHERE c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND c.deleted_at IS NULL
    AND c.deadline_end >= cut AND c.deadline_end < target + interval '2160 hours' AND h.horizon IS NOT NULL
  GROUP BY 1, 2, 3, 4 HAVING sum(h.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (dimension, ref_id, status, horizon) DO UPDATE SET n = t.n + excluded.n;
  UPDATE commitment_tally_cutoff SET cutoff = target WHERE id = 1;
  RETURN target;
END $$;

CREATE OR REPLACE FUNCTION commitment_tally_rebuild(new_cutoff timestamptz) RETURNS void LANGUAGE plpgsql AS $$
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
  PERFORM commitment_horizon_recount(new_cutoff);
END $$;

DO $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_tally'));
  PERFORM commitment_horizon_recount(cutoff) FROM commitment_tally_cutoff WHERE id = 1;
END $$;
