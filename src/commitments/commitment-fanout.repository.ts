import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';

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
    const moved = await tx.$queryRaw<{ id: string; fromStart: Date | null; fromEnd: Date | null }[]>`
      UPDATE commitment c SET deadline_start = ${window?.start ?? null}::timestamptz, deadline_end = ${window?.end ?? null}::timestamptz,
             version = c.version + 1, updated_at = now()
      FROM (SELECT id, deadline_start, deadline_end FROM commitment WHERE id = ANY(${ids}::uuid[])) o
      WHERE c.id = o.id
        AND (o.deadline_start, o.deadline_end) IS DISTINCT FROM (${window?.start ?? null}::timestamptz, ${window?.end ?? null}::timestamptz)
      RETURNING c.id, o.deadline_start AS "fromStart", o.deadline_end AS "fromEnd"`;
    const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
    const to = { start: iso(window?.start), end: iso(window?.end) };
    if (moved.length) {
      await tx.commitmentEvent.createMany({
        data: moved.map((m) => ({
          commitmentId: m.id,
          type: 'UPDATED' as const,
          actor,
          changes: { deadlineWindow: { from: { start: iso(m.fromStart), end: iso(m.fromEnd) }, to } },
          note: 'the meeting it is due at was rescheduled',
        })),
      });
    }
    return moved.map((m) => m.id);
  }
}
