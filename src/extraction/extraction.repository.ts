import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

const meetingForExtraction = {
  id: true,
  seriesId: true,
  round: true,
  startsAt: true,
  timeZone: true,
  sourceText: true,
  series: { select: { name: true, shortName: true } },
  participants: { select: { party: { select: { id: true, name: true } } } },
} satisfies Prisma.MeetingSelect;

export type MeetingForExtraction = Prisma.MeetingGetPayload<{ select: typeof meetingForExtraction }>;

export interface NextRound {
  seriesId: string;
  round: number;
  title: string;
  timeZone: string;
}

@Injectable()
export class ExtractionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The meeting with what extraction reads: its date and zone, its text, its series and the parties at the table. */
  findMeeting(id: string): Promise<MeetingForExtraction | null> {
    return this.prisma.meeting.findUnique({ where: { id }, select: meetingForExtraction });
  }

  /**
   * The meeting that "the next round" means, created as PLANNED without a date when nobody has planned it yet.
   * Two extractions at once may both try to create it: the unique (series, round) lets one win and the other read it.
   */
  async findOrCreateRound(next: NextRound): Promise<string> {
    const where = { seriesId_round: { seriesId: next.seriesId, round: next.round } };
    const found = await this.prisma.meeting.findUnique({ where, select: { id: true } });
    if (found) return found.id;
    try {
      const created = await this.prisma.meeting.create({ data: { ...next, status: 'PLANNED' }, select: { id: true } });
      return created.id;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      return (await this.prisma.meeting.findUniqueOrThrow({ where, select: { id: true } })).id;
    }
  }
}
