import { Injectable } from '@nestjs/common';
import { Prisma, type CommitmentRole } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { commitmentColumns } from './commitment-list.sql.js';

export const commitmentInclude = {
  people: { select: { personId: true, role: true }, orderBy: { personId: 'asc' } },
  deadlineMeeting: { select: { title: true, round: true, series: { select: { name: true, shortName: true } } } },
} satisfies Prisma.CommitmentInclude;

export type CommitmentRow = Prisma.CommitmentGetPayload<{ include: typeof commitmentInclude }>;
export type CommitmentEventRow = Prisma.CommitmentEventGetPayload<object>;
export type Tx = Prisma.TransactionClient;

export interface PersonLink {
  personId: string;
  role: CommitmentRole;
}

/** Work of another feature that must commit or roll back with the commitment's change (its own rows). */
export type Alongside = (tx: Tx) => Promise<void>;

export interface EventDraft {
  type: Prisma.CommitmentEventCreateManyInput['type'];
  actor: string;
  changes?: Prisma.InputJsonValue;
  note?: string;
}

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<CommitmentRow | null> {
    return this.prisma.commitment.findFirst({ where: { id, deletedAt: null }, include: commitmentInclude });
  }

  /**
   * Locks the commitment's row for the caller's transaction and reads it, in one statement: every
   * writer of a commitment takes this lock first (before its reminders), so writers of one commitment
   * apply one after the other and writers of different ones never meet. Null when it does not exist.
   */
  async findLocked(tx: Tx, id: string): Promise<CommitmentRow | null> {
    const [row] = await tx.$queryRaw<
      CommitmentRow[]
    >`SELECT ${commitmentColumns} FROM commitment c WHERE c.id = ${id}::uuid AND c.deleted_at IS NULL FOR UPDATE OF c`;
    return row ?? null;
  }

  /** The commitment as the caller's transaction sees it (the answer to a write), in one statement. */
  async read(tx: Tx, id: string): Promise<CommitmentRow> {
    const [row] = await tx.$queryRaw<CommitmentRow[]>`SELECT ${commitmentColumns} FROM commitment c WHERE c.id = ${id}::uuid`;
    if (!row) throw new Error(`Commitment ${id} vanished inside its own transaction`);
    return row;
  }

  /** Includes deleted rows: a rejected candidate must not come back when the text is read again. */
  findByExtractionKey(meetingId: string, extractionKey: string): Promise<CommitmentRow | null> {
    return this.prisma.commitment.findUnique({ where: { meetingId_extractionKey: { meetingId, extractionKey } }, include: commitmentInclude });
  }

  /** Creates the commitment, its people and its CREATED event in the caller's transaction; returns its id. */
  async create(tx: Tx, data: Prisma.CommitmentUncheckedCreateInput, people: PersonLink[], event: EventDraft): Promise<string> {
    const { id } = await tx.commitment.create({ data, select: { id: true } });
    if (people.length) await tx.commitmentPerson.createMany({ data: people.map((p) => ({ ...p, commitmentId: id })) });
    await this.record(tx, id, [event]);
    return id;
  }

  /** Applies a change to a commitment the caller's transaction has locked, with its events. */
  async update(tx: Tx, id: string, data: Prisma.CommitmentUncheckedUpdateManyInput, people: PersonLink[] | undefined, events: EventDraft[]): Promise<void> {
    await tx.commitment.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    if (people) {
      await tx.commitmentPerson.deleteMany({ where: { commitmentId: id } });
      if (people.length) await tx.commitmentPerson.createMany({ data: people.map((p) => ({ ...p, commitmentId: id })) });
    }
    await this.record(tx, id, events);
  }

  async addNote(id: string, event: EventDraft, alongside?: Alongside): Promise<CommitmentEventRow> {
    if (!alongside) return this.prisma.commitmentEvent.create({ data: { ...event, commitmentId: id } });
    return this.prisma.transaction(async (tx) => {
      // The commitment is locked before the event's insert takes its key-share lock: what goes
      // alongside may lock it too (stopping reminders does), and two such notes at once would
      // otherwise each hold the share lock the other must wait for (a deadlock).
      await tx.$queryRaw`SELECT id FROM commitment WHERE id = ${id}::uuid FOR UPDATE`;
      const row = await tx.commitmentEvent.create({ data: { ...event, commitmentId: id } });
      await alongside(tx);
      return row;
    });
  }

  listEvents(commitmentId: string, limit: number, afterSeq?: bigint): Promise<CommitmentEventRow[]> {
    return this.prisma.commitmentEvent.findMany({
      where: { commitmentId, ...(afterSeq !== undefined ? { seq: { gt: afterSeq } } : {}) },
      orderBy: { seq: 'asc' },
      take: limit + 1,
    });
  }

  /** Existence of a commitment including deleted ones: its history stays readable. */
  async exists(id: string): Promise<boolean> {
    return (await this.prisma.commitment.count({ where: { id } })) > 0;
  }

  /** The meeting a MEETING deadline points at: its dates give the window, its name the label. */
  findDeadlineMeeting(id: string) {
    return this.prisma.meeting.findUnique({
      where: { id },
      select: { startsAt: true, endsAt: true, timeZone: true, title: true, round: true, series: { select: { name: true, shortName: true } } },
    });
  }

  /** Which of the given ids name no row, per kind: a body that points at nothing is refused. */
  async missingReferences(refs: { partyIds: string[]; personIds: string[]; meetingIds: string[] }) {
    // Only the kinds the body names are looked up: most changes name none.
    const none = Promise.resolve([] as { id: string }[]);
    const [parties, people, meetings] = await Promise.all([
      refs.partyIds.length ? this.prisma.party.findMany({ where: { id: { in: refs.partyIds } }, select: { id: true } }) : none,
      refs.personIds.length ? this.prisma.person.findMany({ where: { id: { in: refs.personIds } }, select: { id: true } }) : none,
      refs.meetingIds.length ? this.prisma.meeting.findMany({ where: { id: { in: refs.meetingIds } }, select: { id: true } }) : none,
    ]);
    const missing = (ids: string[], found: { id: string }[]) => ids.filter((id) => !found.some((f) => f.id === id));
    return {
      partyIds: missing(refs.partyIds, parties),
      personIds: missing(refs.personIds, people),
      meetingIds: missing(refs.meetingIds, meetings),
    };
  }

  private async record(tx: Tx, commitmentId: string, events: EventDraft[]): Promise<void> {
    if (events.length) await tx.commitmentEvent.createMany({ data: events.map((e) => ({ ...e, commitmentId })) });
  }
}
