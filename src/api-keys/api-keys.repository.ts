import { Injectable } from '@nestjs/common';
import { Prisma, type ApiKey, type ApiKeyRole } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { name: string; role: ApiKeyRole; keyHash: string; keyPrefix: string }): Promise<ApiKey> {
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

  revoke(id: string): Promise<ApiKey> {
    return this.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  }

  /**
   * The active key with this hash, marking it used (only when last marked over a minute ago, so
   * reads do not write on every request). Runs on every authenticated request: one round trip,
   * straight to the pool.
   */
  async useActiveByHash(keyHash: string, now: Date): Promise<Pick<ApiKey, 'id' | 'name' | 'role'> | null> {
    const [row] = await this.prisma.read<Pick<ApiKey, 'id' | 'name' | 'role'>>(Prisma.sql`
      WITH k AS (SELECT id, name, role::text AS role, last_used_at FROM api_key WHERE key_hash = ${keyHash} AND revoked_at IS NULL),
           touched AS (
             UPDATE api_key a SET last_used_at = ${now}::timestamptz FROM k
             WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < ${new Date(now.getTime() - 60_000)}::timestamptz)
             RETURNING a.id)
      SELECT id, name, role FROM k`);
    return row ?? null;
  }
}
