import { Injectable } from '@nestjs/common';
import type { Party } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import type { CreateParty, UpdateParty } from './party.schemas.js';
import { literalContains } from '../core/prisma/contains-text.js';

@Injectable()
export class PartiesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: CreateParty): Promise<Party> {
    return this.prisma.party.create({ data: { name: data.name, kind: data.kind } });
  }

  findById(id: string): Promise<Party | null> {
    return this.prisma.party.findUnique({ where: { id } });
  }

  list(limit: number, filter: { q?: string; after?: { name: string; id: string } }): Promise<Party[]> {
    const { q, after } = filter;
    return this.prisma.party.findMany({
      where: {
        ...(q ? { name: { contains: literalContains(q), mode: 'insensitive' } } : {}),
        ...(after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
  }

  update(id: string, data: UpdateParty): Promise<Party> {
    return this.prisma.party.update({ where: { id }, data: { name: data.name, kind: data.kind } });
  }

  delete(id: string): Promise<Party> {
    return this.prisma.party.delete({ where: { id } });
  }
}
