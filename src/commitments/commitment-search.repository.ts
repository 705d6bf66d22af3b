import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { conditionsOf, type CommitmentFilter } from './commitment-conditions.js';
import type { CommitmentKey, VersionedRow } from './commitment-json-cache.js';
import { pageSql, rankedSql, rowsSql, versionsSql, type Position, type Sort } from './commitment-list.sql.js';
import type { Ranking } from './commitment-ranking-cache.js';

export type SortedKey = CommitmentKey & { sortValue: Date | null };

/** The commitment list's reads, straight on the pool (see PrismaService.read). */
@Injectable()
export class CommitmentSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  page(filter: CommitmentFilter, sort: Sort, take: number, after: Position | undefined, now: Date): Promise<SortedKey[]> {
    return this.prisma.read<SortedKey>(pageSql(filter, sort, take, after, now));
  }

  async ranked(filter: CommitmentFilter & { q: string }, asOf: Date, now: Date): Promise<Ranking> {
    const rows = await this.prisma.read<{ generation: string; id: string | null; rank: number | null }>(rankedSql(filter, asOf, now));
    return { asOf, generation: rows[0].generation, candidates: rows.flatMap(({ id, rank }) => (id === null ? [] : [{ id, rank: rank! }])) };
  }

  /** Row versions of these commitments (those that still exist) and the generation they were read at. */
  async versions(ids: string[]): Promise<{ generation: string; versions: Map<string, string> }> {
    const rows = await this.prisma.read<{ generation: string; id: string | null; rowVersion: string }>(versionsSql(ids));
    return { generation: rows[0].generation, versions: new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.id, r.rowVersion] as const]))) };
  }

  rows(ids: string[]): Promise<VersionedRow[]> {
    return this.prisma.read<VersionedRow>(rowsSql(ids));
  }

  async count(filter: CommitmentFilter, now: Date): Promise<number> {
    const [row] = await this.prisma.read<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM commitment c WHERE ${conditionsOf(filter, now)}`);
    return row.n;
  }
}
