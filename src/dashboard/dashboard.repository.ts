import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import type { CommitmentStatus } from '../generated/prisma/enums.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, DUE_KEY, OPEN_SQL, outcomeSql, type CommitmentFilter } from '../commitments/commitment-conditions.js';
import { commitmentColumns } from '../commitments/commitment-list.sql.js';
import type { CommitmentRow } from '../commitments/commitments.repository.js';

export interface TallyRow {
  /** Which grouping the row belongs to: 3 overall, 1 by party, 2 by series. */
  grouping: number;
  status: CommitmentStatus;
  partyId: string | null;
  seriesId: string | null;
  n: number;
  overdue: number;
  due7: number;
  due30: number;
  due90: number;
}

export interface ComplianceRow {
  partyId: string | null;
  name: string | null;
  due: number;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
  assessed: number;
  averageScore: number | null;
}

export interface RoundRef {
  id: string;
  seriesId: string | null;
  round: number | null;
  startsAt: Date | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const NONE = '00000000-0000-0000-0000-000000000000';

/** Aggregates for the dashboard, each in one pass over the matching commitments. */
@Injectable()
export class DashboardRepository {
  /** The kept counts' cutoff as last seen; only decides when to move it, never what is counted. */
  private cutoff: Date | undefined;

  constructor(private readonly prisma: PrismaService) {}

  /**
   * tallies() over all commitments, from the counts the triggers keep (commitment_tally) plus a live
   * look at the open commitments due between the cutoff and 90 days ahead: the same figures,
   * exact, in one statement (one snapshot).
   */
  async keptTallies(now: Date): Promise<TallyRow[]> {
    await this.advanceCutoff(now);
    const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
    const within = (days: number) => Prisma.sql`count(*) FILTER (WHERE c.deadline_end >= ${now} AND c.deadline_end < ${at(days)})::int`;
    const sums = Prisma.sql`sum(n)::int AS n, sum(overdue)::int AS overdue, sum(due7)::int AS due7, sum(due30)::int AS due30, sum(due90)::int AS due90`;
    return this.prisma.read<TallyRow>(Prisma.sql`
      WITH live_party AS (
        SELECT c.status, c.owner_party_id AS party,
               count(*) FILTER (WHERE c.deadline_end < ${now})::int AS overdue, ${within(7)} AS due7, ${within(30)} AS due30, ${within(90)} AS due90
        FROM commitment c
        WHERE ${OPEN_SQL} AND c.deleted_at IS NULL
          AND c.deadline_end >= (SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1) AND c.deadline_end < ${at(90)}
        GROUP BY 1, 2
      ), live_meeting AS (
        SELECT c.status, c.meeting_id AS meeting,
               count(*) FILTER (WHERE c.deadline_end < ${now})::int AS overdue, ${within(7)} AS due7, ${within(30)} AS due30, ${within(90)} AS due90
        FROM commitment c
        WHERE ${OPEN_SQL} AND c.deleted_at IS NULL
          AND c.deadline_end >= (SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1) AND c.deadline_end < ${at(90)}
        GROUP BY 1, 2
      ), by_party AS (
        SELECT t.status, NULLIF(t.ref_id, ${NONE}::uuid) AS party, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
        FROM commitment_tally t WHERE t.dimension = 'party' AND t.n <> 0
        UNION ALL SELECT status, party, 0, overdue, due7, due30, due90 FROM live_party
      ), by_series AS (
        SELECT t.status, m.series_id AS series, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
        FROM commitment_tally t LEFT JOIN meeting m ON m.id = t.ref_id WHERE t.dimension = 'meeting' AND t.n <> 0
        UNION ALL SELECT l.status, m.series_id, 0, l.overdue, l.due7, l.due30, l.due90 FROM live_meeting l LEFT JOIN meeting m ON m.id = l.meeting
      )
      SELECT 1 AS grouping, status::text AS status, party AS "partyId", NULL::uuid AS "seriesId", ${sums} FROM by_party GROUP BY status, party HAVING sum(n) > 0
      UNION ALL
      SELECT 2, status::text, NULL::uuid, series, ${sums} FROM by_series GROUP BY status, series HAVING sum(n) > 0
      UNION ALL
      SELECT 3, status::text, NULL::uuid, NULL::uuid, ${sums} FROM by_party GROUP BY status HAVING sum(n) > 0`);
  }

  /**
   * Moves the cutoff to the start of the (UTC) day an hour ago once it is more than a day old, so the
   * live part stays a day or two of deadlines. Any replica may do it; the database serialises them.
   */
  private async advanceCutoff(now: Date): Promise<void> {
    if (this.cutoff && now.getTime() - this.cutoff.getTime() < DAY_MS + HOUR_MS) return;
    const target = new Date(Math.floor((now.getTime() - HOUR_MS) / DAY_MS) * DAY_MS);
    const [row] = await this.prisma.$queryRaw<{ cutoff: Date }[]>`SELECT commitment_tally_advance(${target}::timestamptz) AS cutoff`;
    this.cutoff = row.cutoff;
  }

  tallies(filter: CommitmentFilter, now: Date): Promise<TallyRow[]> {
    const within = (days: number) => Prisma.sql`count(*) FILTER (WHERE ${OPEN_SQL} AND c.deadline_end >= ${now} AND c.deadline_end < ${new Date(now.getTime() + days * DAY_MS)})::int`;
    return this.prisma.read<TallyRow>(Prisma.sql`
      SELECT GROUPING(c.owner_party_id, m.series_id) AS grouping, c.status::text AS status,
             c.owner_party_id AS "partyId", m.series_id AS "seriesId", count(*)::int AS n,
             count(*) FILTER (WHERE ${OPEN_SQL} AND ${DUE_KEY} < ${now})::int AS overdue,
             ${within(7)} AS due7, ${within(30)} AS due30, ${within(90)} AS due90
      FROM commitment c LEFT JOIN meeting m ON m.id = c.meeting_id
      WHERE ${conditionsOf(filter, now)}
      GROUP BY GROUPING SETS ((c.status), (c.status, c.owner_party_id), (c.status, m.series_id))`);
  }

  compliance(filter: CommitmentFilter, now: Date): Promise<ComplianceRow[]> {
    const outcome = (name: keyof typeof outcomeSql) => Prisma.sql`count(*) FILTER (WHERE ${outcomeSql[name](now)})::int`;
    // Aggregate per party first, then name the ~hundreds of groups: joining names before grouping
    // makes Postgres sort every matching row.
    return this.prisma.read<ComplianceRow>(Prisma.sql`
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
      ORDER BY p.name NULLS LAST, a."partyId"`);
  }

  partyNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.prisma.party.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  }

  seriesNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.prisma.meetingSeries.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  }

  findRound(id: string): Promise<RoundRef | null> {
    return this.prisma.meeting.findUnique({ where: { id }, select: { id: true, seriesId: true, round: true, startsAt: true } });
  }

  /**
   * Still open and either made at an earlier round of the series (by round number, else by date)
   * or due at this very meeting: what each delegation reports on at this round.
   */
  carryOver(meeting: RoundRef): Promise<(CommitmentRow & { partyName: string | null })[]> {
    const earlier = meeting.seriesId
      ? Prisma.sql`OR c.meeting_id IN (
          SELECT e.id FROM meeting e WHERE e.series_id = ${meeting.seriesId}::uuid AND e.id <> ${meeting.id}::uuid AND CASE
            WHEN ${meeting.round}::int IS NOT NULL AND e.round IS NOT NULL THEN e.round < ${meeting.round}::int
            WHEN ${meeting.startsAt}::timestamptz IS NOT NULL AND e.starts_at IS NOT NULL THEN e.starts_at < ${meeting.startsAt}::timestamptz
            ELSE false END)`
      : Prisma.empty;
    return this.prisma.read<(CommitmentRow & { partyName: string | null })>(Prisma.sql`
      SELECT ${commitmentColumns}, p.name AS "partyName"
      FROM commitment c LEFT JOIN party p ON p.id = c.owner_party_id
      WHERE c.deleted_at IS NULL AND c.status IN ('OPEN', 'IN_PROGRESS', 'DEFERRED')
        AND (c.deadline_meeting_id = ${meeting.id}::uuid ${earlier})
      ORDER BY p.name NULLS LAST, c.owner_party_id, ${DUE_KEY}, c.id`);
  }
}
