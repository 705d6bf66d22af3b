import { Injectable } from '@nestjs/common';
import type { CommitmentRole, Prisma } from '../generated/prisma/client.js';
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

export type DigestCommitment = Prisma.CommitmentGetPayload<{ select: typeof digestSelect }>;

/** A commitment with how the reader is tied to it: their own roles, and the responsible people who name them as escalation contact. */
export interface DigestCandidate extends DigestCommitment {
  roles: CommitmentRole[];
  escalatedBy: string[];
}

// A digest is a summary, not an export: past this many commitments it lists the most pressing.
const MOST = 200;

@Injectable()
export class DigestRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Open commitments whose window ends before `until` (overdue included) that the person is responsible
   * for or watches, or whose responsible people name the person as escalation contact.
   */
  async candidates(personId: string, until: Date): Promise<DigestCandidate[]> {
    const asContact = { role: 'RESPONSIBLE', person: { escalationContactId: personId } } satisfies Prisma.CommitmentPersonWhereInput;
    const rows = await this.prisma.commitment.findMany({
      where: {
        deletedAt: null,
        status: { in: ['OPEN', 'IN_PROGRESS'] },
        deadlineEnd: { lte: until },
        people: { some: { OR: [{ personId }, asContact] } },
      },
      orderBy: [{ deadlineEnd: 'asc' }, { id: 'asc' }],
      take: MOST,
      select: {
        ...digestSelect,
        people: { where: { OR: [{ personId }, asContact] }, select: { personId: true, role: true, person: { select: { name: true } } } },
      },
    });
    return rows.map(({ people, ...commitment }) => ({
      ...commitment,
      roles: people.filter((p) => p.personId === personId).map((p) => p.role),
      escalatedBy: people.filter((p) => p.personId !== personId).map((p) => p.person.name),
    }));
  }
}
