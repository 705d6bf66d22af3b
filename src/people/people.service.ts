import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Person } from '../generated/prisma/client.js';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { ReplanOutboxRepository } from '../replans/replan-outbox.repository.js';
import type { CreatePerson, PersonJson, PersonListQuery, UpdatePerson } from './person.schemas.js';
import { PeopleRepository } from './people.repository.js';
import { timeZoneRefusal } from './time-zone-refusal.js';

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

@Injectable()
export class PeopleService {
  /** PostgreSQL's time zone names, read once per process (a failed read is tried again next time). */
  private timeZones?: Promise<Map<string, number | null>>;

  constructor(
    private readonly repository: PeopleRepository,
    private readonly prisma: PrismaService,
    private readonly replans: ReplanOutboxRepository,
  ) {}

  async create(input: CreatePerson): Promise<PersonJson> {
    await this.checkReferences(input);
    return toJson(await this.repository.create(input));
  }

  async get(id: string): Promise<PersonJson> {
    return toJson(await this.find(id));
  }

  async list(query: PersonListQuery): Promise<Page<PersonJson>> {
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await this.repository.list(query.limit, { partyId: query.partyId, q: query.q, after });
    return toPage(rows, query.limit, toJson, (r) => ({ name: r.name, id: r.id }));
  }

  async update(id: string, input: UpdatePerson): Promise<PersonJson> {
    await this.find(id);
    if (input.escalationContactId === id) {
      throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', [
        { field: 'escalationContactId', message: 'A person cannot be their own escalation contact' },
      ]);
    }
    await this.checkReferences(input);
    // A new time zone or escalation contact changes the plan of every commitment the person is on,
    // however many: the request records that (same transaction), the worker re-plans in batches.
    const replan = input.timeZone !== undefined || input.escalationContactId !== undefined;
    const person = await this.prisma.transaction(async (tx) => {
      const written = await this.repository.update(tx, id, input);
      if (replan) await this.replans.request(tx, { personId: id });
      return written;
    });
    return toJson(person);
  }

  /** Refused with 409 while a meeting, a commitment or another person's escalation refers to the person. */
  async delete(id: string): Promise<void> {
    await this.find(id);
    await this.repository.delete(id);
  }

  private async find(id: string): Promise<Person> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Person', id);
    return row;
  }

  private knownTimeZones(): Promise<Map<string, number | null>> {
    this.timeZones ??= this.repository.timeZoneNames().catch((error: unknown) => {
      this.timeZones = undefined;
      throw error;
    });
    return this.timeZones;
  }

  private async checkReferences(input: { partyId?: string | null; escalationContactId?: string | null; timeZone?: string }): Promise<void> {
    const refused = input.timeZone === undefined ? null : timeZoneRefusal(input.timeZone, await this.knownTimeZones());
    if (refused) throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', [{ field: 'timeZone', message: refused }]);
    if (input.partyId && !(await this.repository.partyExists(input.partyId))) {
      throw ProblemError.unknownReference('partyId', 'Party', input.partyId);
    }
    if (input.escalationContactId && !(await this.repository.findById(input.escalationContactId))) {
      throw ProblemError.unknownReference('escalationContactId', 'Person', input.escalationContactId);
    }
  }
}

function toJson(row: Person): PersonJson {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    email: row.email,
    partyId: row.partyId,
    timeZone: row.timeZone,
    escalationContactId: row.escalationContactId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
