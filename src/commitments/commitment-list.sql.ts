import { Prisma } from '../generated/prisma/client.js';
import { conditionsOf, DUE_KEY, TS_QUERY, type CommitmentFilter } from './commitment-conditions.js';

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

/**
 * Relevance ranks the newest this-many matches. Ranking every match does not scale: a common word
 * matches a tenth of all commitments, and ts_rank reads each one's vector.
 */
export const RANKED_CANDIDATES = 200;

/**
 * The newest commitments first looked through for those matches. A common term finds its newest
 * matches among them in under a millisecond (an index-only scan: the index on creation holds the
 * search vector); only a rarer one goes to the full-text index, whose cost grows with the number
 * of matches. The planner cannot make this choice itself: it multiplies the frequencies of the words
 * of a query, so it underestimates phrases like "naval delegation" and overestimates pairs of
 * common words that never occur together (and would then walk the whole table).
 */
export const RECENT_SCAN = 5000;

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
  c.acknowledged_at AS "acknowledgedAt", c.acknowledged_by_person_id AS "acknowledgedByPersonId",
  c.deleted_at AS "deletedAt", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object('personId', cp.person_id, 'role', cp.role) ORDER BY cp.person_id, cp.role)
            FROM commitment_person cp WHERE cp.commitment_id = c.id), '[]'::json) AS people,
  CASE WHEN c.deadline_meeting_id IS NOT NULL THEN (
    SELECT json_build_object('title', dm.title, 'round', dm.round,
      'series', CASE WHEN ds.id IS NULL THEN NULL ELSE json_build_object('name', ds.name, 'shortName', ds.short_name) END)
    FROM meeting dm LEFT JOIN meeting_series ds ON ds.id = dm.series_id WHERE dm.id = c.deadline_meeting_id
  ) END AS "deadlineMeeting"`;

/**
 * A value that changes whenever anything a commitment's JSON shows does: the row's xmin (every
 * update of the row, whoever makes it, writes a new one; a trigger touches the row when its people
 * change) with its version, and for a deadline at a meeting, the xmin of that meeting and its
 * series, which the deadline's label names.
 */
const rowVersion = Prisma.sql`concat_ws(':', c.xmin, c.version, CASE WHEN c.deadline_meeting_id IS NOT NULL THEN (
    SELECT concat_ws(':', dm.xmin, ds.xmin) FROM meeting dm LEFT JOIN meeting_series ds ON ds.id = dm.series_id WHERE dm.id = c.deadline_meeting_id
  ) END) AS "rowVersion"`;

/** The sort value that a keyset cursor carries. */
const sortValue: Record<SortKey, Prisma.Sql> = {
  deadline: Prisma.sql`c.deadline_end`,
  created: Prisma.sql`c.created_at`,
  updated: Prisma.sql`c.updated_at`,
};

/** The listed commitments in full, with their row versions. */
export function rowsSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT ${commitmentColumns}, ${rowVersion} FROM commitment c WHERE c.id = ANY(${ids}::uuid[])`;
}

/** Up to `take` rows after `after` in the given order (keyset paging): their keys and sort values. */
export function pageSql(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Prisma.Sql {
  const key = sortColumn[sort.key];
  const desc = sort.order === 'desc';
  const cursor = after
    ? desc
      ? Prisma.sql`AND (${key}, c.id) < (${cursorValue(sort.key, after.value)}, ${after.id}::uuid)`
      : Prisma.sql`AND (${key}, c.id) > (${cursorValue(sort.key, after.value)}, ${after.id}::uuid)`
    : Prisma.empty;
  const direction = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`
    SELECT c.id, ${rowVersion}, ${sortValue[sort.key]} AS "sortValue" FROM commitment c
    WHERE ${conditionsOf(filter, now)} ${cursor}
    ORDER BY ${key} ${direction}, c.id ${direction}
    LIMIT ${limit(take)}`;
}

/**
 * The ranked set of a search: the newest RANKED_CANDIDATES matches created by `asOf` (the first
 * page's time: commitments added while paging would otherwise push unseen ones out of it), best
 * first, ties broken by id. One statement: the index search runs only when the scan of recent
 * commitments came up short (a one-time filter on that scan's count, so Postgres skips the branch
 * entirely otherwise). That scan reads the vectors the index holds; only the rare one too long for it
 * comes from the table.
 */
export function rankedSql(filter: CommitmentFilter & { q: string }, asOf: Date, now: Date): Prisma.Sql {
  const { q, ...others } = filter;
  const where = Prisma.sql`${conditionsOf(others, now)} AND c.created_at <= ${asOf}`;
  return Prisma.sql`
    WITH recent AS MATERIALIZED (
      SELECT s.id, s.search FROM (
        SELECT c.id, coalesce(c.search_inline, (SELECT l.search FROM commitment l WHERE l.id = c.id)) AS search FROM commitment c WHERE ${where}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit(RECENT_SCAN)}
      ) s WHERE s.search @@ ${TS_QUERY(q)} LIMIT ${limit(RANKED_CANDIDATES)}
    ), matches AS MATERIALIZED (
      SELECT c.id, c.search, c.created_at FROM commitment c WHERE ${where} AND c.search @@ ${TS_QUERY(q)}
    ), candidates AS (
      SELECT id, search FROM recent WHERE (SELECT count(*) FROM recent) = ${limit(RANKED_CANDIDATES)}
      UNION ALL (
        SELECT id, search FROM matches WHERE (SELECT count(*) FROM recent) < ${limit(RANKED_CANDIDATES)}
        ORDER BY created_at DESC, id DESC LIMIT ${limit(RANKED_CANDIDATES)}
      )
    )
    SELECT id, ts_rank(search, ${TS_QUERY(q)}) AS rank FROM candidates
    ORDER BY rank DESC, id ASC`;
}

/** The listed commitments' row versions. */
export function versionsSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT c.id, ${rowVersion} FROM commitment c WHERE c.id = ANY(${ids}::uuid[])`;
}

/**
 * A row count written into the statement. As a parameter, the generic plan of a prepared statement
 * assumes a tenth of the table and so always looks dearer than a custom one: Postgres then planned
 * every execution again, which cost more than running it.
 */
function limit(n: number): Prisma.Sql {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a row count: ${n}`);
  return Prisma.raw(String(n));
}

/** Undated rows carry the sort value infinity, which no JavaScript Date can hold. */
function cursorValue(key: SortKey, value: Date | null): Prisma.Sql {
  if (key === 'deadline') return Prisma.sql`COALESCE(${value}::timestamptz, 'infinity'::timestamptz)`;
  return Prisma.sql`${value}::timestamptz`;
}
