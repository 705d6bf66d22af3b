import { Injectable } from '@nestjs/common';
import { Prisma, type ApiKey, type ApiKeyRole } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { REVOCATION_CHANNEL } from './api-key-revocations.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { name: string; role: ApiKeyRole; keyHash: string; keyPrefix: string; contactEmail?: string }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  list(limit: number, afterId?: string): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
  }

  /** Notifies in the same transaction: API processes hear of it only once the revocation is committed. */
  revoke(id: string): Promise<ApiKey> {
    return this.prisma.transaction(async (tx) => {
      const row = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      await tx.$executeRaw`SELECT pg_notify(${REVOCATION_CHANNEL}, ${row.keyHash})`;
      return row;
    });
  }

  /** Tells every API process again that a key is revoked (one revoked by hand in SQL, say). */
  async announceRevocation(keyHash: string): Promise<void> {
    await this.prisma.$executeRaw`SELECT pg_notify(${REVOCATION_CHANNEL}, ${keyHash})`;
  }

  /**
   * The active key with this hash, marking it used (only when last marked over a minute ago, so
   * reads do not write on every request). Runs on every authenticated request the cache cannot
   * answer: one round trip, straight to the pool. lastUsedAt is as it stands after the call.
   */
  async useActiveByHash(keyHash: string, now: Date): Promise<ActiveKey | null> {
    const [row] = await this.prisma.read<ActiveKey>(Prisma.sql`
      WITH k AS (SELECT id, name, role::text AS role, last_used_at FROM api_key WHERE key_hash = ${keyHash} AND revoked_at IS NULL),
           touched AS (
             UPDATE api_key a SET last_used_at = ${now}::timestamptz FROM k
             WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < ${markedBefore(now)}::timestamptz)
             RETURNING a.last_used_at)
      SELECT id, name, role, GREATEST(k.last_used_at, (SELECT last_used_at FROM touched)) AS "lastUsedAt" FROM k`);
    return row ?? null;
  }

  /** For a key the cache answered for: the same once-a-minute mark, which another process may have made already. */
  async markUsed(id: string, now: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: markedBefore(now) } }] },
      data: { lastUsedAt: now },
    });
  }
}

export type ActiveKey = Pick<ApiKey, 'id' | 'name' | 'role' | 'lastUsedAt'>;

/** A key is recorded as used at most this often, so that reads do not write on every request. */
export const MARK_USED_EVERY_MS = 60_000;

const markedBefore = (now: Date) => new Date(now.getTime() - MARK_USED_EVERY_MS);
