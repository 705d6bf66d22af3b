import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import type { CommitmentStatus } from '../generated/prisma/enums.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, DUE_KEY, OPEN_SQL, type CommitmentFilter } from '../commitments/commitment-conditions.js';
import { complianceSql, DAY_MS, keptTalliesSql } from './dashboard.sql.js';
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

const HOUR_MS = 3_600_000;

/** Aggregates for the dashboard, each in one pass over the matching commitments. */
@Injectable()
export class DashboardRepository {
  /** The kept counts' cutoff as last seen; only decides when to move it, never what is counted. */
  private cutoff: Date | undefined;

  constructor(private readonly prisma: PrismaService) {}

  /** tallies() over all commitments, from the kept counts: see keptTalliesSql. */
  async keptTallies(now: Date): Promise<TallyRow[]> {
    await this.advanceCutoff(now);
    return this.prisma.readAll<TallyRow>(keptTalliesSql(now));
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
    const within = (days: number) =>
      Prisma.sql`count(*) FILTER (WHERE ${OPEN_SQL} AND c.deadline_end >= ${now} AND c.deadline_end < ${new Date(now.getTime() + days * DAY_MS)})::int`;
    return this.prisma.readAll<TallyRow>(Prisma.sql`
      SELECT GROUPING(c.owner_party_id, m.series_id) AS grouping, c.status::text AS status,
             c.owner_party_id AS "partyId", m.series_id AS "seriesId", count(*)::int AS n,
             count(*) FILTER (WHERE ${OPEN_SQL} AND ${DUE_KEY} < ${now})::int AS overdue,
             ${within(7)} AS due7, ${within(30)} AS due30, ${within(90)} AS due90
      FROM commitment c LEFT JOIN meeting m ON m.id = c.meeting_id
      WHERE ${conditionsOf(filter, now)}
      GROUP BY GROUPING SETS ((c.status), (c.status, c.owner_party_id), (c.status, m.series_id))`);
  }

  compliance(filter: CommitmentFilter, now: Date): Promise<ComplianceRow[]> {
    return this.prisma.read<ComplianceRow>(complianceSql(filter, now));
  }

  partyNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.prisma.read(Prisma.sql`SELECT id, name FROM party WHERE id = ANY(${ids}::uuid[])`);
  }

  seriesNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.prisma.read(Prisma.sql`SELECT id, name FROM meeting_series WHERE id = ANY(${ids}::uuid[])`);
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
    return this.prisma.read<CommitmentRow & { partyName: string | null }>(Prisma.sql`
      SELECT ${commitmentColumns}, p.name AS "partyName"
      FROM commitment c LEFT JOIN party p ON p.id = c.owner_party_id
      WHERE c.deleted_at IS NULL AND c.status IN ('OPEN', 'IN_PROGRESS', 'DEFERRED')
        AND (c.deadline_meeting_id = ${meeting.id}::uuid ${earlier})
      ORDER BY p.name NULLS LAST, c.owner_party_id, ${DUE_KEY}, c.id`);
  }
}
