import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ProblemError } from '../core/errors/problem.js';
import { cursorInstant, decodeCursor, encodeCursor } from '../core/http/pagination.js';
import { toFilter, type CommitmentFilter } from './commitment-conditions.js';
import { CommitmentJsonCache, type CommitmentKey } from './commitment-json-cache.js';
import type { CommitmentJson, CommitmentListQuery } from './commitment.schemas.js';
import { CommitmentSearchRepository, type Ranking } from './commitment-search.repository.js';
import type { Sort, SortKey } from './commitment-list.sql.js';

const keyedCursor = z.object({ s: z.enum(['deadline', 'created', 'updated']), o: z.enum(['asc', 'desc']), v: cursorInstant.nullable(), id: z.uuid() });
const rankedCursor = z.object({ s: z.literal('relevance'), r: z.number(), id: z.uuid(), t: cursorInstant });
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
  constructor(
    private readonly repository: CommitmentSearchRepository,
    private readonly cache: CommitmentJsonCache,
  ) {}

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
      const asOf = position && new Date(position.t);
      const after = position && { rank: position.r, id: position.id };
      const ranking = await this.repository.ranked({ ...filter, q: filter.q! }, asOf ?? now, now);
      return this.rankedPage(ranking, limit, after, now);
    }
    if (position && (position.s !== order.key || !('o' in position) || position.o !== order.order)) throw mismatch();
    const after = position && 'v' in position ? { value: position.v === null ? null : new Date(position.v), id: position.id } : undefined;
    const keys = await this.repository.page(filter, order, limit + 1, after, now);
    return this.pageOf(keys, limit, now, (r) => ({ s: order.key, o: order.order, v: r.sortValue?.toISOString() ?? null, id: r.id }));
  }

  /** The page of a search's ranking after `after`. */
  private async rankedPage(ranking: Ranking, limit: number, after: { rank: number; id: string } | undefined, now: Date): Promise<CommitmentPage> {
    const start = after ? ranking.candidates.findIndex((c) => c.rank < after.rank || (c.rank === after.rank && c.id > after.id)) : 0;
    const candidates = start < 0 ? [] : ranking.candidates.slice(start, start + limit + 1);
    const versions = await this.repository.versions(candidates.slice(0, limit).map((c) => c.id));
    const keys = candidates.map(({ id, rank }) => ({ id, rank, rowVersion: versions.get(id) ?? '' }));
    return this.pageOf(keys, limit, now, (r) => ({ s: 'relevance', r: r.rank, id: r.id, t: ranking.asOf.toISOString() }));
  }

  /** Up to `limit` of the keys' commitments; the extra key, if any, only tells that another page exists. */
  private async pageOf<K extends CommitmentKey>(keys: K[], limit: number, now: Date, position: (key: K) => Record<string, unknown>): Promise<CommitmentPage> {
    const shown = keys.slice(0, limit);
    const last = shown.at(-1);
    const items = await this.cache.jsonOf(shown, now, (ids) => this.repository.rows(ids));
    return { items, nextCursor: keys.length > limit && last ? encodeCursor(position(last)) : null };
  }
}

const mismatch = () =>
  ProblemError.badRequest('invalid_cursor', 'The cursor belongs to a list in another order', [
    { field: 'cursor', message: 'Use it with the sort and order it came from' },
  ]);
