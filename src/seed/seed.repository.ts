import { Injectable } from '@nestjs/common';
import type { MeetingStatus, PartyKind } from '../generated/prisma/enums.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

/** Find-or-create by each record's natural key, so loading the example twice changes nothing. */
@Injectable()
export class SeedRepository {
  constructor(private readonly prisma: PrismaService) {}

  party(name: string, kind: PartyKind) {
    return this.prisma.party.upsert({ where: { name }, update: {}, create: { name, kind } });
  }

  person(data: { name: string; title: string; email: string; partyId: string; timeZone: string }) {
    return this.prisma.person.upsert({ where: { email: data.email }, update: {}, create: data });
  }

  series(data: { name: string; shortName: string; description: string }) {
    return this.prisma.meetingSeries.upsert({ where: { name: data.name }, update: {}, create: data });
  }

  meeting(data: {
    seriesId: string;
    round: number;
    title: string;
    status: MeetingStatus;
    location: string;
    timeZone: string;
    startsAt?: Date;
    endsAt?: Date;
    sourceText?: string;
  }) {
    return this.prisma.meeting.upsert({
      where: { seriesId_round: { seriesId: data.seriesId, round: data.round } },
      update: {},
      create: data,
    });
  }

  async participant(data: { meetingId: string; personId: string; partyId: string; role: string }): Promise<void> {
    await this.prisma.meetingParticipant.upsert({
      where: { meetingId_personId: { meetingId: data.meetingId, personId: data.personId } },
      update: {},
      create: data,
    });
  }
}
