import { Injectable } from '@nestjs/common';
import type { MeetingParticipant, Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

export const participantOrder = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.MeetingParticipantOrderByWithRelationInput[];

export interface NewParticipant {
  personId: string;
  partyId: string | null;
  role: string | null;
}

@Injectable()
export class ParticipantsRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(meetingId: string): Promise<MeetingParticipant[]> {
    return this.prisma.meetingParticipant.findMany({ where: { meetingId }, orderBy: participantOrder });
  }

  find(meetingId: string, id: string): Promise<MeetingParticipant | null> {
    return this.prisma.meetingParticipant.findFirst({ where: { id, meetingId } });
  }

  async meetingExists(id: string): Promise<boolean> {
    return (await this.prisma.meeting.count({ where: { id } })) > 0;
  }

  /** The people among `ids` that exist, with their own party. */
  findPeople(ids: string[]): Promise<{ id: string; partyId: string | null }[]> {
    return this.prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, partyId: true } });
  }

  async existingPartyIds(ids: string[]): Promise<Set<string>> {
    const rows = await this.prisma.party.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  add(meetingId: string, participant: NewParticipant): Promise<MeetingParticipant> {
    return this.prisma.meetingParticipant.create({
      data: { meetingId, personId: participant.personId, partyId: participant.partyId, role: participant.role },
    });
  }

  update(id: string, changes: { partyId?: string | null; role?: string | null }): Promise<MeetingParticipant> {
    return this.prisma.meetingParticipant.update({ where: { id }, data: { partyId: changes.partyId, role: changes.role } });
  }

  async remove(id: string): Promise<void> {
    await this.prisma.meetingParticipant.delete({ where: { id } });
  }
}
