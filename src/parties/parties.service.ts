import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Party } from '../generated/prisma/client.js';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import type { CreateParty, PartyJson, PartyListQuery, UpdateParty } from './party.schemas.js';
import { PartiesRepository } from './parties.repository.js';

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

@Injectable()
export class PartiesService {
  constructor(private readonly repository: PartiesRepository) {}

  async create(input: CreateParty): Promise<PartyJson> {
    return toJson(await this.repository.create(input));
  }

  async get(id: string): Promise<PartyJson> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Party', id);
    return toJson(row);
  }

  async list(query: PartyListQuery): Promise<Page<PartyJson>> {
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await this.repository.list(query.limit, { q: query.q, after });
    return toPage(rows, query.limit, toJson, (r) => ({ name: r.name, id: r.id }));
  }

  async update(id: string, input: UpdateParty): Promise<PartyJson> {
    await this.get(id);
    return toJson(await this.repository.update(id, input));
  }

  /** Refused with 409 while people, meetings or commitments still refer to the party. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.repository.delete(id);
  }
}

function toJson(row: Party): PartyJson {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
