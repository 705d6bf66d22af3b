import { Injectable } from '@nestjs/common';
import { Prisma, type Person } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import type { CreatePerson, UpdatePerson } from './person.schemas.js';
import { literalContains } from '../core/prisma/contains-text.js';

export interface PersonFilter {
  partyId?: string;
  q?: string;
  after?: { name: string; id: string };
}

@Injectable()
export class PeopleRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: CreatePerson): Promise<Person> {
    return this.prisma.person.create({ data: columns(data) });
  }

  findById(id: string): Promise<Person | null> {
    return this.prisma.person.findUnique({ where: { id } });
  }

  /**
   * The time zone names PostgreSQL knows (lower case), each with the fixed offset in minutes that
   * PostgreSQL gives it instead when the name is also an abbreviation it knows (CET: always +01:00),
   * else null. Digests are timed in SQL in the person's zone. Reading the view costs tens of
   * milliseconds, so callers keep the answer.
   */
  async timeZoneNames(): Promise<Map<string, number | null>> {
    const rows = await this.prisma.read<{ name: string; abbreviationOffset: number | null }>(Prisma.sql`
      SELECT lower(n.name) AS name, (SELECT extract(epoch FROM a.utc_offset)::int / 60 FROM pg_timezone_abbrevs a
                                     WHERE lower(a.abbrev) = lower(n.name) LIMIT 1) AS "abbreviationOffset"
      FROM pg_timezone_names n`);
    return new Map(rows.map((r) => [r.name, r.abbreviationOffset]));
  }

  async partyExists(id: string): Promise<boolean> {
    return (await this.prisma.party.count({ where: { id } })) > 0;
  }

  list(limit: number, filter: PersonFilter): Promise<Person[]> {
    const { partyId, q, after } = filter;
    const where: Prisma.PersonWhereInput[] = [];
    if (partyId) where.push({ partyId });
    if (q)
      where.push({ OR: [{ name: { contains: literalContains(q), mode: 'insensitive' } }, { email: { contains: literalContains(q), mode: 'insensitive' } }] });
    if (after) where.push({ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] });
    return this.prisma.person.findMany({ where: { AND: where }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: limit + 1 });
  }

  update(tx: Prisma.TransactionClient, id: string, data: UpdatePerson): Promise<Person> {
    return tx.person.update({ where: { id }, data: columns(data) });
  }

  delete(id: string): Promise<Person> {
    return this.prisma.person.delete({ where: { id } });
  }
}

/** The person's own columns from a create or update body (anything else in it is not stored here). */
function columns(data: CreatePerson): Prisma.PersonUncheckedCreateInput;
function columns(data: UpdatePerson): Prisma.PersonUncheckedUpdateInput;
function columns(data: CreatePerson | UpdatePerson): Prisma.PersonUncheckedCreateInput | Prisma.PersonUncheckedUpdateInput {
  const { name, title, email, partyId, timeZone, escalationContactId } = data;
  return { name, title, email, partyId, timeZone, escalationContactId };
}
