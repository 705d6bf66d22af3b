import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, encodeCursor } from '../core/http/pagination.js';
import { toFilter, type CommitmentFilter } from './commitment-conditions.js';
import { toCommitmentJson } from './commitment.mapper.js';
import type { CommitmentJson, CommitmentListQuery } from './commitment.schemas.js';
import { CommitmentSearchRepository } from './commitment-search.repository.js';
import type { Sort, SortKey } from './commitment-list.sql.js';
import type { CommitmentRow } from './commitments.repository.js';

const keyedCursor = z.object({ s: z.enum(['deadline', 'created', 'updated']), o: z.enum(['asc', 'desc']), v: z.iso.datetime().nullable(), id: z.uuid() });
const rankedCursor = z.object({ s: z.literal('relevance'), r: z.number(), id: z.uuid(), t: z.iso.datetime() });
const cursorSchema = z.union([keyedCursor, rankedCursor]);

export interface CommitmentPage {
  items: CommitmentJson[];
  nextCursor: string | null;
  total?: number;
}

export type ListOrder = { sort: 'relevance' } | ({ sort: SortKey } & Sort);

/** Without q the dashboard wants what is due next; with q, the best matches. */
export function orderOf(query: Pick<CommitmentListQuery, 'sort' | 'order' | 'q'>): ListOrder {
  const sort = query.sort ?? (query.q ? 'relevance' : 'deadline');
  if (sort === 'relevance') return { sort };
  return { sort, key: sort, order: query.order ?? (sort === 'deadline' ? 'asc' : 'desc') };
}

@Injectable()
export class CommitmentSearchService {
  constructor(private readonly repository: CommitmentSearchRepository) {}

  async list(query: CommitmentListQuery): Promise<CommitmentPage> {
    const now = new Date();
    const filter = toFilter(query);
    const [page, total] = await Promise.all([
      this.page(filter, orderOf(query), query.limit, query.cursor, now),
      query.includeTotal ? this.repository.count(filter, now) : undefined,
    ]);
    return total === undefined ? page : { ...page, total };
  }

  /** One page in the given order; the cursor must come from a page in the same order. */
  async page(filter: CommitmentFilter, order: ListOrder, limit: number, cursor: string | undefined, now: Date): Promise<CommitmentPage> {
    const position = decodeCursor(cursor, cursorSchema);
    if (order.sort === 'relevance') {
      if (position && position.s !== 'relevance') throw mismatch();
      const asOf = position ? new Date(position.t) : now;
      const rows = await this.repository.ranked({ ...filter, q: filter.q! }, limit + 1, position && { rank: position.r, id: position.id, asOf }, now);
      return pageOf(rows, limit, now, (r) => ({ s: 'relevance', r: r.rank, id: r.id, t: asOf.toISOString() }));
    }
    if (position && (position.s !== order.key || !('o' in position) || position.o !== order.order)) throw mismatch();
    const after = position && 'v' in position ? { value: position.v === null ? null : new Date(position.v), id: position.id } : undefined;
    const rows = await this.repository.page(filter, order, limit + 1, after, now);
    return pageOf(rows, limit, now, (r) => ({ s: order.key, o: order.order, v: sortValue(r, order.key)?.toISOString() ?? null, id: r.id }));
  }
}

function pageOf<R extends CommitmentRow>(rows: R[], limit: number, now: Date, position: (row: R) => Record<string, unknown>): CommitmentPage {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map((r) => toCommitmentJson(r, now)), nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}

function sortValue(row: CommitmentRow, key: SortKey): Date | null {
  if (key === 'deadline') return row.deadlineEnd;
  return key === 'created' ? row.createdAt : row.updatedAt;
}

const mismatch = () =>
  ProblemError.badRequest('invalid_cursor', 'The cursor belongs to a list in another order', [{ field: 'cursor', message: 'Use it with the sort and order it came from' }]);
