import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '../core/auth/roles.js';
import { actorOf } from '../commitments/commitments.service.js';
import { ProblemError } from '../core/errors/problem.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { cursorInstant, decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import { toMeetingJson } from './meeting.mapper.js';
import { meetingDatesError, type CreateMeeting, type MeetingJson, type MeetingListQuery, type UpdateMeeting } from './meeting.schemas.js';
import { MeetingsRepository, type MeetingChanges, type MeetingRow } from './meetings.repository.js';
import { ParticipantsService } from './participants.service.js';
import { ReplanOutboxRepository } from '../replans/replan-outbox.repository.js';

const cursorSchema = z.object({ startsAt: cursorInstant.nullable(), id: z.uuid() });

@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly participants: ParticipantsService,
    private readonly prisma: PrismaService,
    private readonly replans: ReplanOutboxRepository,
  ) {}

  async create(input: CreateMeeting): Promise<MeetingJson> {
    await this.checkSeries(input.seriesId);
    const participants = await this.participants.resolve(input.participants, (index, field) => `participants.${index}.${field}`);
    const row = await this.repository.create(
      {
        seriesId: input.seriesId,
        round: input.round,
        title: input.title,
        startsAt: toDate(input.startsAt),
        endsAt: toDate(input.endsAt),
        location: input.location,
        timeZone: input.timeZone,
        status: input.status,
        sourceText: input.sourceText,
        sourceUrl: input.sourceUrl,
      },
      participants,
    );
    return toMeetingJson(row);
  }

  async get(id: string): Promise<MeetingJson> {
    return toMeetingJson(await this.find(id));
  }

  async list(query: MeetingListQuery): Promise<Page<MeetingJson>> {
    const cursor = decodeCursor(query.cursor, cursorSchema);
    const after = cursor && { startsAt: toDate(cursor.startsAt), id: cursor.id };
    const rows = await this.repository.list(query.limit, { seriesId: query.seriesId, status: query.status, after });
    return toPage(rows, query.limit, toMeetingJson, (r) => ({ startsAt: r.startsAt?.toISOString() ?? null, id: r.id }));
  }

  async update(id: string, input: UpdateMeeting, principal: Principal): Promise<MeetingJson> {
    const current = await this.find(id);
    await this.checkSeries(input.seriesId);
    const { startsAt, endsAt, ...rest } = input;
    const changes: MeetingChanges = {
      ...rest,
      startsAt: startsAt === undefined ? undefined : toDate(startsAt),
      endsAt: endsAt === undefined ? undefined : toDate(endsAt),
    };
    const datesError = meetingDatesError(
      changes.startsAt === undefined ? current.startsAt : changes.startsAt,
      changes.endsAt === undefined ? current.endsAt : changes.endsAt,
    );
    if (datesError) throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', [datesError]);
    // Commitments due at the meeting take their window from its dates (and the time zone that closes
    // an open-ended day). However many there are, the request only records that they must move: the
    // worker moves and re-plans them in batches (ReplanOutbox).
    const datesChanged = changes.startsAt !== undefined || changes.endsAt !== undefined || changes.timeZone !== undefined;
    const meeting = await this.prisma.transaction(async (tx) => {
      const written = await this.repository.update(tx, id, changes);
      if (datesChanged) await this.replans.request(tx, { meetingId: id }, actorOf(principal));
      return written;
    });
    return toMeetingJson(meeting);
  }

  /** Refused with 409 while a commitment was made at, or is due at, the meeting. */
  async delete(id: string): Promise<void> {
    await this.find(id);
    await this.repository.delete(id);
  }

  private async find(id: string): Promise<MeetingRow> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Meeting', id);
    return row;
  }

  private async checkSeries(seriesId: string | null | undefined): Promise<void> {
    if (seriesId && !(await this.repository.seriesExists(seriesId))) {
      throw ProblemError.unknownReference('seriesId', 'Meeting series', seriesId);
    }
  }
}

function toDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
