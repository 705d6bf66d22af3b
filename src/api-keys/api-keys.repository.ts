import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyRole } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { name: string; role: ApiKeyRole; keyHash: string; keyPrefix: string }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  findActiveByHash(keyHash: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null } });
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

  /** Only touches rows last marked over a minute ago, so reads do not write on every request. */
  async touch(id: string, now: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
      data: { lastUsedAt: now },
    });
  }
}
