import { Injectable } from '@nestjs/common';
import type { MeetingSeries, Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import type { CreateMeetingSeries, UpdateMeetingSeries } from './meeting-series.schemas.js';
import { literalContains } from '../core/prisma/contains-text.js';

@Injectable()
export class MeetingSeriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: CreateMeetingSeries): Promise<MeetingSeries> {
    return this.prisma.meetingSeries.create({
      data: { name: data.name, shortName: data.shortName, description: data.description },
    });
  }

  findById(id: string): Promise<MeetingSeries | null> {
    return this.prisma.meetingSeries.findUnique({ where: { id } });
  }

  list(limit: number, filter: { q?: string; after?: { name: string; id: string } }): Promise<MeetingSeries[]> {
    const { q, after } = filter;
    const where: Prisma.MeetingSeriesWhereInput[] = [];
    if (q)
      where.push({
        OR: [{ name: { contains: literalContains(q), mode: 'insensitive' } }, { shortName: { contains: literalContains(q), mode: 'insensitive' } }],
      });
    if (after) where.push({ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] });
    return this.prisma.meetingSeries.findMany({ where: { AND: where }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: limit + 1 });
  }

  update(id: string, data: UpdateMeetingSeries): Promise<MeetingSeries> {
    return this.prisma.meetingSeries.update({
      where: { id },
      data: { name: data.name, shortName: data.shortName, description: data.description },
    });
  }

  delete(id: string): Promise<MeetingSeries> {
    return this.prisma.meetingSeries.delete({ where: { id } });
  }
}
