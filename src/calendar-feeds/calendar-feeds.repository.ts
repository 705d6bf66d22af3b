import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

export interface FeedRow {
  id: string;
  personId: string | null;
  filter: Prisma.JsonValue;
  createdBy: string;
  revokedAt: Date | null;
}

const select = { id: true, personId: true, filter: true, createdBy: true, revokedAt: true } as const;

@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { tokenHash: string; personId: string | null; filter: Prisma.InputJsonValue | null; createdBy: string }): Promise<FeedRow> {
    return this.prisma.calendarFeed.create({ data: { ...data, filter: data.filter ?? Prisma.DbNull }, select });
  }

  findActiveByTokenHash(tokenHash: string): Promise<FeedRow | null> {
    return this.prisma.calendarFeed.findFirst({ where: { tokenHash, revokedAt: null }, select });
  }

  findById(id: string): Promise<FeedRow | null> {
    return this.prisma.calendarFeed.findUnique({ where: { id }, select });
  }

  async revoke(id: string): Promise<void> {
    await this.prisma.calendarFeed.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async personExists(id: string): Promise<boolean> {
    return (await this.prisma.person.count({ where: { id } })) > 0;
  }
}
