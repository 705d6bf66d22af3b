import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, type CommitmentFilter } from './commitment-conditions.js';
import type { CommitmentKey, VersionedRow } from './commitment-json-cache.js';
import { pageSql, rankedSql, rowsSql, type Position, type RankPosition, type Sort } from './commitment-list.sql.js';

export type SortedKey = CommitmentKey & { sortValue: Date | null };
export type RankedKey = CommitmentKey & { rank: number };

/** The commitment list's reads, straight on the pool (see PrismaService.read). */
@Injectable()
export class CommitmentSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  page(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Promise<SortedKey[]> {
    return this.prisma.read<SortedKey>(pageSql(filter, sort, take, after, now));
  }

  ranked(filter: CommitmentFilter & { q: string }, take: number, after: RankPosition | undefined, now: Date): Promise<RankedKey[]> {
    return this.prisma.read<RankedKey>(rankedSql(filter, take, after, now));
  }

  rows(ids: string[]): Promise<VersionedRow[]> {
    return this.prisma.read<VersionedRow>(rowsSql(ids));
  }

  async count(filter: CommitmentFilter, now: Date): Promise<number> {
    const [row] = await this.prisma.read<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM commitment c WHERE ${conditionsOf(filter, now)}`);
    return row.n;
  }
}
