-- Lists tell a changed commitment by its row version (xmin): every update of the row writes a new
-- one. A commitment's JSON also lists its people, so a change of its people, whoever makes it,
-- touches the commitment's row too (in the repository's own writes the row changes anyway).
CREATE FUNCTION commitment_person_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE commitment c SET version = c.version WHERE c.id IN (SELECT commitment_id FROM new_rows);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE commitment c SET version = c.version WHERE c.id IN (SELECT commitment_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER commitment_person_touch_insert AFTER INSERT ON commitment_person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_person_touch();
CREATE TRIGGER commitment_person_touch_update AFTER UPDATE ON commitment_person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_person_touch();
CREATE TRIGGER commitment_person_touch_delete AFTER DELETE ON commitment_person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_person_touch();
