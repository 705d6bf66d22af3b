import { DateTime } from 'luxon';
import { Prisma } from '../generated/prisma/client.js';
import type { CommitmentStatus } from '../generated/prisma/enums.js';
import type { CommitmentFilterQuery } from './commitment.schemas.js';

/** A filter as the SQL sees it: the query's filters plus narrower ones the server adds itself. */
export interface CommitmentFilter {
  statuses?: CommitmentStatus[];
  overdue?: boolean;
  dueFrom?: Date;
  dueTo?: Date;
  ownerPartyId?: string;
  counterpartyId?: string;
  personId?: string;
  meetingId?: string;
  seriesId?: string;
  tag?: string;
  q?: string;
  /** Only commitments whose deadline has a known window. */
  dated?: boolean;
  /** The window's end lies in [from, to] (compliance periods, calendar feeds). */
  dueEnd?: { from?: Date; to?: Date };
  /** Only the commitments that are closed in this way or still open past their deadline. */
  outcome?: 'doneOnTime' | 'doneLate' | 'openOverdue' | 'assessed' | 'notCancelled';
}

export const OPEN_STATUSES: readonly CommitmentStatus[] = ['PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED'];

/**
 * The open states written out as literals, exactly as in the partial indexes' predicates: the
 * planner only uses a partial index when the query visibly implies its predicate.
 */
export const OPEN_SQL = Prisma.sql`c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')`;

/** The deadline sort key: undated commitments sort as if due at infinity (and so last). */
export const DUE_KEY = Prisma.sql`COALESCE(c.deadline_end, 'infinity'::timestamptz)`;

// A sub-select, so that a generic plan (prepared statements) parses the query once, not once per row.
export const TS_QUERY = (q: string) => Prisma.sql`(SELECT websearch_to_tsquery('english', ${q}))`;

export function toFilter(query: CommitmentFilterQuery): CommitmentFilter {
  return {
    statuses: query.status,
    overdue: query.overdue,
    dueFrom: query.dueFrom === undefined ? undefined : boundary(query.dueFrom, 'start'),
    dueTo: query.dueTo === undefined ? undefined : boundary(query.dueTo, 'end'),
    ownerPartyId: query.partyId,
    counterpartyId: query.counterpartyId,
    personId: query.personId,
    meetingId: query.meetingId,
    seriesId: query.seriesId,
    tag: query.tag,
    q: query.q,
  };
}

/** A day stands for its first millisecond as a lower bound and its last as an upper bound (UTC). */
export function boundary(value: string, side: 'start' | 'end'): Date {
  if (value.includes('T')) return new Date(value);
  const day = DateTime.fromISO(value, { zone: 'UTC' });
  return (side === 'start' ? day.startOf('day') : day.endOf('day')).toJSDate();
}

/** The WHERE clause over `commitment c` for a filter; every value is a bound parameter. */
export function conditionsOf(filter: CommitmentFilter, now: Date): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`c.deleted_at IS NULL`];
  const statuses = filter.statuses;
  if (statuses?.length) {
    where.push(Prisma.sql`c.status::text IN (${Prisma.join(statuses)})`);
    if (statuses.every((s) => OPEN_STATUSES.includes(s))) where.push(OPEN_SQL);
  }
  if (filter.overdue === true) where.push(OPEN_SQL, Prisma.sql`${DUE_KEY} < ${now}`);
  if (filter.overdue === false) where.push(Prisma.sql`NOT (${OPEN_SQL} AND c.deadline_end IS NOT NULL AND c.deadline_end < ${now})`);
  if (filter.dueFrom) where.push(Prisma.sql`c.deadline_end >= ${filter.dueFrom}`);
  if (filter.dueTo) where.push(Prisma.sql`c.deadline_start <= ${filter.dueTo}`);
  if (filter.dated) where.push(Prisma.sql`c.deadline_end IS NOT NULL`);
  if (filter.dueEnd?.from) where.push(Prisma.sql`${DUE_KEY} >= ${filter.dueEnd.from}`);
  if (filter.dueEnd?.to) where.push(Prisma.sql`${DUE_KEY} <= ${filter.dueEnd.to}`);
  if (filter.ownerPartyId) where.push(Prisma.sql`c.owner_party_id = ${filter.ownerPartyId}::uuid`);
  if (filter.counterpartyId) where.push(Prisma.sql`c.counterparty_id = ${filter.counterpartyId}::uuid`);
  if (filter.meetingId) where.push(Prisma.sql`c.meeting_id = ${filter.meetingId}::uuid`);
  if (filter.seriesId) where.push(Prisma.sql`c.meeting_id IN (SELECT m.id FROM meeting m WHERE m.series_id = ${filter.seriesId}::uuid)`);
  if (filter.personId) {
    where.push(
      Prisma.sql`c.id IN (SELECT cp.commitment_id FROM commitment_person cp WHERE cp.person_id = ${filter.personId}::uuid AND cp.role = 'RESPONSIBLE')`,
    );
  }
  if (filter.tag) where.push(Prisma.sql`c.tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.q) where.push(Prisma.sql`c.search @@ ${TS_QUERY(filter.q)}`);
  if (filter.outcome) where.push(outcomeSql[filter.outcome](now));
  return Prisma.join(where, ' AND ');
}

/** Done on time: DONE no later than the window's last millisecond. */
export const outcomeSql: Record<NonNullable<CommitmentFilter['outcome']>, (now: Date) => Prisma.Sql> = {
  doneOnTime: () => Prisma.sql`c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) <= c.deadline_end`,
  doneLate: () => Prisma.sql`c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) > c.deadline_end`,
  openOverdue: (now) => Prisma.sql`${OPEN_SQL} AND ${DUE_KEY} < ${now}`,
  assessed: () => Prisma.sql`c.assessment IS NOT NULL`,
  notCancelled: () => Prisma.sql`c.status <> 'CANCELLED'`,
};
