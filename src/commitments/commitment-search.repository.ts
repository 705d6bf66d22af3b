import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, type CommitmentFilter } from './commitment-conditions.js';
import { pageSql, rankedSql, type Position, type RankPosition, type Sort } from './commitment-list.sql.js';
import type { CommitmentRow } from './commitments.repository.js';

export type RankedRow = CommitmentRow & { rank: number };

/** The commitment list's reads, straight on the pool (see PrismaService.read). */
@Injectable()
export class CommitmentSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  page(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Promise<CommitmentRow[]> {
    return this.prisma.read<CommitmentRow>(pageSql(filter, sort, take, after, now));
  }

  ranked(filter: CommitmentFilter & { q: string }, take: number, after: RankPosition | undefined, now: Date): Promise<RankedRow[]> {
    return this.prisma.read<RankedRow>(rankedSql(filter, take, after, now));
  }

  async count(filter: CommitmentFilter, now: Date): Promise<number> {
    const [row] = await this.prisma.read<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM commitment c WHERE ${conditionsOf(filter, now)}`);
    return row.n;
  }
}
