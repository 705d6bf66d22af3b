import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

const digestSelect = {
  id: true,
  title: true,
  deadlinePrecision: true,
  deadlineValue: true,
  deadlineTimeZone: true,
  deadlineEnd: true,
  deadlineMeeting: { select: { title: true, round: true, series: { select: { name: true, shortName: true } } } },
} satisfies Prisma.CommitmentSelect;

export type DigestItem = Prisma.CommitmentGetPayload<{ select: typeof digestSelect }>;

@Injectable()
export class DigestRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Open commitments the person is responsible for whose window ends before `until` (overdue included). */
  ownedDueBefore(personId: string, until: Date): Promise<DigestItem[]> {
    return this.prisma.commitment.findMany({
      where: {
        deletedAt: null,
        status: { in: ['OPEN', 'IN_PROGRESS'] },
        deadlineEnd: { lte: until },
        people: { some: { personId, role: 'RESPONSIBLE' } },
      },
      orderBy: [{ deadlineEnd: 'asc' }, { id: 'asc' }],
      take: 200,
      select: digestSelect,
    });
  }
}
