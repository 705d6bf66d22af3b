import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, DUE_KEY, TS_QUERY, type CommitmentFilter } from './commitment-conditions.js';
import type { CommitmentRow } from './commitments.repository.js';

export type SortKey = 'deadline' | 'created' | 'updated';

export interface Sort {
  key: SortKey;
  order: 'asc' | 'desc';
}

/** Where the previous page ended: its last row's sort value and id. */
export interface Position {
  value: Date | null;
  id: string;
}

/** Where the previous relevance page ended. */
export interface RankPosition {
  rank: number;
  id: string;
}

export type RankedRow = CommitmentRow & { rank: number };

/**
 * Ranking every match does not scale (a common word matches tens of thousands of rows and ts_rank
 * reads each one's vector): relevance ranks the first this-many matches the index yields.
 */
export const RANKED_CANDIDATES = 1000;

const sortColumn: Record<SortKey, Prisma.Sql> = {
  deadline: DUE_KEY,
  created: Prisma.sql`c.created_at`,
  updated: Prisma.sql`c.updated_at`,
};

/** Columns named as CommitmentRow names them, so rows map to JSON like those Prisma reads. */
export const commitmentColumns = Prisma.sql`
  c.id, c.title, c.description, c.meeting_id AS "meetingId", c.owner_party_id AS "ownerPartyId",
  c.counterparty_id AS "counterpartyId", c.source_quote AS "sourceQuote", c.source_start AS "sourceStart",
  c.source_end AS "sourceEnd", c.status::text AS status, c.assessment::text AS assessment, c.tags,
  c.kind::text AS kind, c.confidence, c.extraction_key AS "extractionKey",
  c.deadline_precision::text AS "deadlinePrecision", c.deadline_value AS "deadlineValue",
  c.deadline_phrase AS "deadlinePhrase", c.deadline_time_zone AS "deadlineTimeZone",
  c.deadline_meeting_id AS "deadlineMeetingId", c.deadline_start AS "deadlineStart", c.deadline_end AS "deadlineEnd",
  c.reminder_policy AS "reminderPolicy", c.completed_at AS "completedAt", c.closed_at AS "closedAt",
  c.deleted_at AS "deletedAt", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object('personId', cp.person_id, 'role', cp.role) ORDER BY cp.person_id, cp.role)
            FROM commitment_person cp WHERE cp.commitment_id = c.id), '[]'::json) AS people,
  CASE WHEN dm.id IS NULL THEN NULL ELSE json_build_object(
    'title', dm.title, 'round', dm.round,
    'series', CASE WHEN ds.id IS NULL THEN NULL ELSE json_build_object('name', ds.name, 'shortName', ds.short_name) END
  ) END AS "deadlineMeeting"`;

export const commitmentJoins = Prisma.sql`LEFT JOIN meeting dm ON dm.id = c.deadline_meeting_id LEFT JOIN meeting_series ds ON ds.id = dm.series_id`;

/** The commitment list's SQL: filters, keyset paging in several orders, bounded relevance ranking. */
@Injectable()
export class CommitmentSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Up to `take` rows after `after` in the given order. */
  page(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Promise<CommitmentRow[]> {
    const key = sortColumn[sort.key];
    const desc = sort.order === 'desc';
    const cursor = after
      ? desc
        ? Prisma.sql`AND (${key}, c.id) < (${cursorValue(sort.key, after.value)}, ${after.id}::uuid)`
        : Prisma.sql`AND (${key}, c.id) > (${cursorValue(sort.key, after.value)}, ${after.id}::uuid)`
      : Prisma.empty;
    const direction = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    return this.prisma.read<CommitmentRow>(Prisma.sql`
      SELECT ${commitmentColumns} FROM commitment c ${commitmentJoins}
      WHERE ${conditionsOf(filter, now)} ${cursor}
      ORDER BY ${key} ${direction}, c.id ${direction}
      LIMIT ${take}`);
  }

  /** Best matches first among the first RANKED_CANDIDATES matches; ties broken by id. */
  ranked(filter: CommitmentFilter & { q: string }, take: number, after: RankPosition | undefined, now: Date): Promise<RankedRow[]> {
    const cursor = after ? Prisma.sql`WHERE (r.rank < ${after.rank}::real OR (r.rank = ${after.rank}::real AND r.id > ${after.id}::uuid))` : Prisma.empty;
    return this.prisma.read<RankedRow>(Prisma.sql`
      WITH candidates AS (
        SELECT c.id, ts_rank(c.search, ${TS_QUERY(filter.q)}) AS rank
        FROM commitment c WHERE ${conditionsOf(filter, now)}
        LIMIT ${RANKED_CANDIDATES}
      )
      SELECT ${commitmentColumns}, r.rank FROM candidates r JOIN commitment c ON c.id = r.id ${commitmentJoins}
      ${cursor}
      ORDER BY r.rank DESC, r.id ASC
      LIMIT ${take}`);
  }

  async count(filter: CommitmentFilter, now: Date): Promise<number> {
    const [row] = await this.prisma.read<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM commitment c WHERE ${conditionsOf(filter, now)}`);
    return row.n;
  }
}

/** Undated rows carry the sort value infinity, which no JavaScript Date can hold. */
function cursorValue(key: SortKey, value: Date | null): Prisma.Sql {
  if (key === 'deadline') return Prisma.sql`COALESCE(${value}::timestamptz, 'infinity'::timestamptz)`;
  return Prisma.sql`${value}::timestamptz`;
}
