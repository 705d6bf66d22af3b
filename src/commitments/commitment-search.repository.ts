import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, type CommitmentFilter } from './commitment-conditions.js';
import type { CommitmentKey, VersionedRow } from './commitment-json-cache.js';
import { pageSql, rankedSql, rowsSql, versionsSql, type Position, type Sort } from './commitment-list.sql.js';

export type SortedKey = CommitmentKey & { sortValue: Date | null };

/** A search's ranked set, best first, as of `asOf` (the first page's time). */
export interface Ranking {
  asOf: Date;
  candidates: { id: string; rank: number }[];
}

/** The commitment list's reads, straight on the pool (see PrismaService.read). */
@Injectable()
export class CommitmentSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  page(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Promise<SortedKey[]> {
    return this.prisma.read<SortedKey>(pageSql(filter, sort, take, after, now));
  }

  async ranked(filter: CommitmentFilter & { q: string }, asOf: Date, now: Date): Promise<Ranking> {
    const rows = await this.prisma.read<{ id: string; rank: number }>(rankedSql(filter, asOf, now));
    return { asOf, candidates: rows };
  }

  /** Row versions of these commitments (those that still exist). */
  async versions(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.read<{ id: string; rowVersion: string }>(versionsSql(ids));
    return new Map(rows.map((r) => [r.id, r.rowVersion]));
  }

  rows(ids: string[]): Promise<VersionedRow[]> {
    return this.prisma.read<VersionedRow>(rowsSql(ids));
  }

  async count(filter: CommitmentFilter, now: Date): Promise<number> {
    const [row] = await this.prisma.read<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM commitment c WHERE ${conditionsOf(filter, now)}`);
    return row.n;
  }
}
