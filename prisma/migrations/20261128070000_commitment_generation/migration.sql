-- CreateTable
CREATE TABLE "commitment_generation" (
    "id" INTEGER NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "commitment_generation_pkey" PRIMARY KEY ("id")
);

-- A number that every committed write of commitments (or of meetings, which the series filter reads)
-- moves on, in the writing transaction. Writers take turns on this one row, so in any snapshot it
-- tells exactly which writes are visible: a search ranked at one value holds while the value does.
-- The triggers run before each statement, so a writer waits for its turn before it locks any row:
-- run after, a writer holding a commitment's row could wait for the turn of one waiting for that row.
INSERT INTO "commitment_generation" ("id", "n") VALUES (1, 0);

CREATE FUNCTION commitment_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commitment_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER commitment_generation_write BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON commitment
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_generation_bump();
CREATE TRIGGER commitment_generation_meeting BEFORE UPDATE OR DELETE OR TRUNCATE ON meeting
  FOR EACH STATEMENT EXECUTE FUNCTION commitment_generation_bump();
