import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/** The commitments a fan-out change touches, a batch at a time in id order. */
@Injectable()
export class CommitmentFanoutRepository {
  /** Open commitments a person is on, or whose responsible people name them as escalation contact. */
  async ofPerson(tx: Tx, personId: string, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await tx.commitment.findMany({
      where: {
        deletedAt: null,
        status: { in: ['OPEN', 'IN_PROGRESS'] },
        people: { some: { OR: [{ personId }, { role: 'RESPONSIBLE', person: { escalationContactId: personId } }] } },
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async dueAtMeeting(tx: Tx, meetingId: string, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await tx.commitment.findMany({
      where: { deadlineMeetingId: meetingId, deletedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /**
   * Gives these (locked) commitments the meeting's new window, each with a history entry; returns
   * the ids that moved. Those already in the new window are left alone.
   */
  async moveWindows(tx: Tx, ids: string[], window: { start: Date; end: Date } | null, actor: string): Promise<string[]> {
    const [start, end] = [window?.start ?? null, window?.end ?? null];
    // One statement for the batch: the move and its history entries (times as the API writes them).
    const moved = await tx.$queryRaw<{ id: string }[]>`
      WITH moved AS (
        UPDATE commitment c SET deadline_start = ${start}::timestamptz, deadline_end = ${end}::timestamptz, version = c.version + 1, updated_at = now()
        FROM (SELECT id, deadline_start, deadline_end FROM commitment WHERE id = ANY(${ids}::uuid[])) o
        WHERE c.id = o.id AND (o.deadline_start, o.deadline_end) IS DISTINCT FROM (${start}::timestamptz, ${end}::timestamptz)
        RETURNING c.id, o.deadline_start, o.deadline_end)
      INSERT INTO commitment_event (id, commitment_id, type, actor, note, changes)
      SELECT gen_random_uuid(), m.id, 'UPDATED', ${actor}, 'the meeting it is due at was rescheduled',
             jsonb_build_object('deadlineWindow', jsonb_build_object(
               'from', jsonb_build_object('start', ${iso(Prisma.sql`m.deadline_start`)}, 'end', ${iso(Prisma.sql`m.deadline_end`)}),
               'to', jsonb_build_object('start', ${iso(Prisma.sql`${start}::timestamptz`)}, 'end', ${iso(Prisma.sql`${end}::timestamptz`)})))
      FROM moved m
      RETURNING commitment_id AS id`;
    return moved.map((m) => m.id);
  }
}

/** An instant in JSON as the API writes it (toISOString), not as Postgres would. */
const iso = (instant: Prisma.Sql) => Prisma.sql`to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
