import { Injectable } from '@nestjs/common';
import type { CommitmentFilter } from './commitment-conditions.js';

/** A search's ranked set, best first, as of `asOf`, read at a commitment generation. */
export interface Ranking {
  asOf: Date;
  generation: string;
  candidates: { id: string; rank: number }[];
}

/** Searches are few and repeated (a desk's saved searches); a ranking of 200 is about 20 KB, 10 MB when full. */
const CAPACITY = 500;

/**
 * Rankings of recent searches. Ranking a common word's newest matches costs a search most of its
 * time, and holds for as long as no commitment (or meeting) has been written: whoever serves from
 * here reads the generation again in the same statement as the page's rows, and ranks afresh when
 * it moved on. Filters that depend on the time of the request (overdue, outcomes) are not kept.
 */
@Injectable()
export class CommitmentRankingCache {
  private readonly rankings = new Map<string, Ranking>();

  /** The kept ranking of this search, if it was made as of `asOf` (any time when not given). */
  find(filter: CommitmentFilter, asOf: Date | undefined): Ranking | undefined {
    const key = keyOf(filter);
    const ranking = key === undefined ? undefined : this.rankings.get(key);
    if (!ranking || (asOf && asOf.getTime() !== ranking.asOf.getTime())) return undefined;
    return ranking;
  }

  remember(filter: CommitmentFilter, ranking: Ranking): void {
    const key = keyOf(filter);
    if (key === undefined) return;
    this.rankings.delete(key);
    this.rankings.set(key, ranking);
    if (this.rankings.size > CAPACITY) this.rankings.delete(this.rankings.keys().next().value!);
  }
}

function keyOf(filter: CommitmentFilter): string | undefined {
  if (filter.overdue !== undefined || filter.outcome !== undefined) return undefined;
  return JSON.stringify(filter);
}
