import { Prisma } from '../generated/prisma/client.js';
import { conditionsOf, OPEN_SQL, outcomeSql, type CommitmentFilter } from '../commitments/commitment-conditions.js';

export const DAY_MS = 86_400_000;
const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * The summary over all commitments, from the counts the triggers keep (commitment_tally) plus a live
 * look at the open commitments due between the cutoff and 90 days ahead: the same figures as
 * aggregating every row, exact, in one statement (one snapshot).
 */
export function keptTalliesSql(now: Date): Prisma.Sql {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const within = (days: number) => Prisma.sql`count(*) FILTER (WHERE c.deadline_end >= ${now} AND c.deadline_end < ${at(days)})::int`;
  /** The open commitments between the cutoff and 90 days ahead, counted by status and `column`. */
  const live = (column: Prisma.Sql) => Prisma.sql`
    SELECT c.status, ${column} AS ref,
           count(*) FILTER (WHERE c.deadline_end < ${now})::int AS overdue, ${within(7)} AS due7, ${within(30)} AS due30, ${within(90)} AS due90
    FROM commitment c
    WHERE ${OPEN_SQL} AND c.deleted_at IS NULL
      AND c.deadline_end >= (SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1) AND c.deadline_end < ${at(90)}
    GROUP BY 1, 2`;
  const sums = Prisma.sql`sum(n)::int AS n, sum(overdue)::int AS overdue, sum(due7)::int AS due7, sum(due30)::int AS due30, sum(due90)::int AS due90`;
  return Prisma.sql`
    WITH live_party AS (${live(Prisma.sql`c.owner_party_id`)}),
    live_meeting AS (${live(Prisma.sql`c.meeting_id`)}),
    by_party AS (
      SELECT t.status, NULLIF(t.ref_id, ${NONE}::uuid) AS party, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
      FROM commitment_tally t WHERE t.dimension = 'party' AND t.n <> 0
      UNION ALL SELECT status, ref, 0, overdue, due7, due30, due90 FROM live_party
    ), by_series AS (
      SELECT t.status, m.series_id AS series, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
      FROM commitment_tally t LEFT JOIN meeting m ON m.id = t.ref_id WHERE t.dimension = 'meeting' AND t.n <> 0
      UNION ALL SELECT l.status, m.series_id, 0, l.overdue, l.due7, l.due30, l.due90 FROM live_meeting l LEFT JOIN meeting m ON m.id = l.ref
    )
    SELECT 1 AS grouping, status::text AS status, party AS "partyId", NULL::uuid AS "seriesId", ${sums} FROM by_party GROUP BY status, party HAVING sum(n) > 0
    UNION ALL
    SELECT 2, status::text, NULL::uuid, series, ${sums} FROM by_series GROUP BY status, series HAVING sum(n) > 0
    UNION ALL
    SELECT 3, status::text, NULL::uuid, NULL::uuid, ${sums} FROM by_party GROUP BY status HAVING sum(n) > 0`;
}

/** Compliance per owing party over the commitments matching the filter. */
export function complianceSql(filter: CommitmentFilter, now: Date): Prisma.Sql {
  const outcome = (name: keyof typeof outcomeSql) => Prisma.sql`count(*) FILTER (WHERE ${outcomeSql[name](now)})::int`;
  // Aggregate per party first, then name the ~hundreds of groups: joining names before grouping
  // makes Postgres sort every matching row.
  return Prisma.sql`
    SELECT a."partyId", p.name, a.due, a."doneOnTime", a."doneLate", a."openOverdue", a.assessed, a."averageScore"
    FROM (
      SELECT c.owner_party_id AS "partyId",
             ${outcome('notCancelled')} AS due, ${outcome('doneOnTime')} AS "doneOnTime", ${outcome('doneLate')} AS "doneLate",
             ${outcome('openOverdue')} AS "openOverdue", ${outcome('assessed')} AS assessed,
             avg(CASE c.assessment WHEN 'FULL' THEN 1 WHEN 'PARTIAL' THEN 0 WHEN 'NONE' THEN -1 END)::float8 AS "averageScore"
      FROM commitment c
      WHERE ${conditionsOf(filter, now)}
      GROUP BY c.owner_party_id
    ) a LEFT JOIN party p ON p.id = a."partyId"
    ORDER BY p.name NULLS LAST, a."partyId"`;
}
