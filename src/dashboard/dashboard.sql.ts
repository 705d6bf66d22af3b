import { Prisma } from '../generated/prisma/client.js';
import { conditionsOf, OPEN_SQL, outcomeSql, type CommitmentFilter } from '../commitments/commitment-conditions.js';

export const DAY_MS = 86_400_000;
const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * The summary over all commitments, from the counts the triggers keep: by status and whether past
 * the cutoff (commitment_tally), and open ones by horizon from the cutoff (commitment_horizon_tally),
 * each plus the deltas writers inserted that the worker has not folded in yet (a few seconds' worth).
 * What moved since the cutoff is counted live: deadlines between the cutoff and now are overdue and
 * no longer due, and those between cutoff and now shifted by 7, 30 and 90 days have come within
 * reach. Each span is about a day of deadlines. The same figures as aggregating every row, exact,
 * in one statement (one snapshot).
 */
export function keptTalliesSql(now: Date): Prisma.Sql {
  const cutoff = Prisma.sql`(SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1)`;
  /** Open commitments due in [cutoff, now) shifted by `days`, each adding the given amounts. */
  const span = (days: number, overdue: number, due7: number, due30: number, due90: number) => Prisma.sql`
    SELECT c.status, c.owner_party_id AS party, c.meeting_id AS meeting,
           ${Prisma.raw(`${overdue} AS overdue, ${due7} AS due7, ${due30} AS due30, ${due90} AS due90`)}
    FROM commitment c
    WHERE ${OPEN_SQL} AND c.deleted_at IS NULL
      AND c.deadline_end >= ${cutoff} + ${Prisma.raw(`interval '${days * 24} hours'`)} AND c.deadline_end < ${new Date(now.getTime() + days * DAY_MS)}`;
  /** Kept counts of one dimension, then what moved since the cutoff, as rows to sum. */
  const kept = (dimension: 'party' | 'meeting', ref: Prisma.Sql) => Prisma.sql`
    SELECT t.status, t.ref_id AS ref, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
    FROM (SELECT status, ref_id, past, n FROM commitment_tally WHERE dimension = ${dimension} AND n <> 0
          UNION ALL SELECT status, ref_id, past, n FROM commitment_tally_delta WHERE dimension = ${dimension}) t
    UNION ALL
    SELECT h.status, h.ref_id, 0, 0, CASE WHEN h.horizon = 7 THEN h.n ELSE 0 END, CASE WHEN h.horizon <= 30 THEN h.n ELSE 0 END, h.n
    FROM (SELECT status, ref_id, horizon, n FROM commitment_horizon_tally WHERE dimension = ${dimension} AND n <> 0
          UNION ALL SELECT status, ref_id, horizon, n FROM commitment_horizon_tally_delta WHERE dimension = ${dimension}) h
    UNION ALL
    SELECT status, COALESCE(${ref}, ${NONE}::uuid), 0, overdue, due7, due30, due90 FROM moved`;
  const sums = Prisma.sql`sum(n)::int AS n, sum(overdue)::int AS overdue, sum(due7)::int AS due7, sum(due30)::int AS due30, sum(due90)::int AS due90`;
  return Prisma.sql`
    WITH moved AS MATERIALIZED (
      ${span(0, 1, -1, -1, -1)} UNION ALL ${span(7, 0, 1, 0, 0)} UNION ALL ${span(30, 0, 0, 1, 0)} UNION ALL ${span(90, 0, 0, 0, 1)}
    ),
    by_party AS (SELECT status, NULLIF(ref, ${NONE}::uuid) AS party, n, overdue, due7, due30, due90 FROM (${kept('party', Prisma.sql`party`)}) k),
    by_series AS (
      SELECT k.status, m.series_id AS series, k.n, k.overdue, k.due7, k.due30, k.due90
      FROM (${kept('meeting', Prisma.sql`meeting`)}) k LEFT JOIN meeting m ON m.id = k.ref
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
