import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

export interface FeedRow {
  id: string;
  personId: string | null;
  filter: Prisma.JsonValue;
  createdBy: string;
  createdByKeyId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const select = { id: true, personId: true, filter: true, createdBy: true, createdByKeyId: true, createdAt: true, revokedAt: true } as const;

/** A feed serves while neither it nor the key that created it is revoked (the bootstrap admin's: NULL). */
const serving = { revokedAt: null, OR: [{ createdByKeyId: null }, { createdByKey: { revokedAt: null } }] } satisfies Prisma.CalendarFeedWhereInput;

@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    tokenHash: string;
    personId: string | null;
    filter: Prisma.InputJsonValue | null;
    createdBy: string;
    createdByKeyId: string | null;
  }): Promise<FeedRow> {
    return this.prisma.calendarFeed.create({ data: { ...data, filter: data.filter ?? Prisma.DbNull }, select });
  }

  findServingByTokenHash(tokenHash: string): Promise<FeedRow | null> {
    return this.prisma.calendarFeed.findFirst({ where: { tokenHash, ...serving }, select });
  }

  findById(id: string): Promise<FeedRow | null> {
    return this.prisma.calendarFeed.findUnique({ where: { id }, select });
  }

  async revoke(id: string): Promise<void> {
    await this.prisma.calendarFeed.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Every feed by id, each with whether it still serves. */
  async list(limit: number, afterId?: string): Promise<(FeedRow & { active: boolean })[]> {
    const rows = await this.prisma.calendarFeed.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take: limit + 1,
      select: { ...select, createdByKey: { select: { revokedAt: true } } },
    });
    return rows.map(({ createdByKey, ...row }) => ({ ...row, active: row.revokedAt === null && (createdByKey === null || createdByKey.revokedAt === null) }));
  }

  async personExists(id: string): Promise<boolean> {
    return (await this.prisma.person.count({ where: { id } })) > 0;
  }
}
