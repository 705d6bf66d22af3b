import { Injectable } from '@nestjs/common';
import type { MeetingStatus, Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { participantOrder, type NewParticipant } from './participants.repository.js';

const withParticipants = { participants: { orderBy: participantOrder } } satisfies Prisma.MeetingInclude;

export type MeetingRow = Prisma.MeetingGetPayload<{ include: typeof withParticipants }>;

export interface MeetingFields {
  seriesId: string | null;
  round: number | null;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  location: string | null;
  timeZone: string;
  status: MeetingStatus;
  sourceText: string | null;
  sourceUrl: string | null;
}

/** Only the fields that change; a field left out keeps its value. */
export type MeetingChanges = Partial<MeetingFields>;

export interface MeetingFilter {
  seriesId?: string;
  status?: MeetingStatus;
  after?: { startsAt: Date | null; id: string };
}

@Injectable()
export class MeetingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The meeting and its participants in one transaction. */
  create(meeting: MeetingFields, participants: NewParticipant[]): Promise<MeetingRow> {
    return this.prisma.meeting.create({
      data: {
        seriesId: meeting.seriesId,
        round: meeting.round,
        title: meeting.title,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        location: meeting.location,
        timeZone: meeting.timeZone,
        status: meeting.status,
        sourceText: meeting.sourceText,
        sourceUrl: meeting.sourceUrl,
        participants: { create: participants.map((p) => ({ personId: p.personId, partyId: p.partyId, role: p.role })) },
      },
      include: withParticipants,
    });
  }

  findById(id: string): Promise<MeetingRow | null> {
    return this.prisma.meeting.findUnique({ where: { id }, include: withParticipants });
  }

  async seriesExists(id: string): Promise<boolean> {
    return (await this.prisma.meetingSeries.count({ where: { id } })) > 0;
  }

  /** Ordered by start, undated meetings last, then id. */
  list(limit: number, filter: MeetingFilter): Promise<MeetingRow[]> {
    const { seriesId, status, after } = filter;
    const where: Prisma.MeetingWhereInput[] = [];
    if (seriesId) where.push({ seriesId });
    if (status) where.push({ status });
    if (after) where.push(afterPosition(after));
    return this.prisma.meeting.findMany({
      where: { AND: where },
      orderBy: [{ startsAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: limit + 1,
      include: withParticipants,
    });
  }

  /** Writes only the fields given (a field left out keeps its value), in the caller's transaction. */
  update(tx: Prisma.TransactionClient, id: string, changes: MeetingChanges): Promise<MeetingRow> {
    return tx.meeting.update({
      where: { id },
      data: {
        seriesId: changes.seriesId,
        round: changes.round,
        title: changes.title,
        startsAt: changes.startsAt,
        endsAt: changes.endsAt,
        location: changes.location,
        timeZone: changes.timeZone,
        status: changes.status,
        sourceText: changes.sourceText,
        sourceUrl: changes.sourceUrl,
      },
      include: withParticipants,
    });
  }

  /** What a deadline at the meeting takes its window from, as of the caller's transaction. */
  findDates(tx: Prisma.TransactionClient, id: string): Promise<{ startsAt: Date | null; endsAt: Date | null; timeZone: string } | null> {
    return tx.meeting.findUnique({ where: { id }, select: { startsAt: true, endsAt: true, timeZone: true } });
  }

  /** Participants go with the meeting; commitments made or due at it keep it (Restrict). */
  async delete(id: string): Promise<void> {
    await this.prisma.meeting.delete({ where: { id } });
  }
}

function afterPosition(after: { startsAt: Date | null; id: string }): Prisma.MeetingWhereInput {
  if (after.startsAt === null) return { startsAt: null, id: { gt: after.id } };
  return { OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }, { startsAt: null }] };
}
