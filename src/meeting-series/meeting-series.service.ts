import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { MeetingSeries } from '../generated/prisma/client.js';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import type { CreateMeetingSeries, MeetingSeriesJson, MeetingSeriesListQuery, UpdateMeetingSeries } from './meeting-series.schemas.js';
import { MeetingSeriesRepository } from './meeting-series.repository.js';

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

@Injectable()
export class MeetingSeriesService {
  constructor(private readonly repository: MeetingSeriesRepository) {}

  async create(input: CreateMeetingSeries): Promise<MeetingSeriesJson> {
    return toJson(await this.repository.create(input));
  }

  async get(id: string): Promise<MeetingSeriesJson> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Meeting series', id);
    return toJson(row);
  }

  async list(query: MeetingSeriesListQuery): Promise<Page<MeetingSeriesJson>> {
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await this.repository.list(query.limit, { q: query.q, after });
    return toPage(rows, query.limit, toJson, (r) => ({ name: r.name, id: r.id }));
  }

  async update(id: string, input: UpdateMeetingSeries): Promise<MeetingSeriesJson> {
    await this.get(id);
    return toJson(await this.repository.update(id, input));
  }

  /** Refused with 409 while any meeting belongs to the series. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.repository.delete(id);
  }
}

function toJson(row: MeetingSeries): MeetingSeriesJson {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
