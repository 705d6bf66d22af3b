import { Injectable } from '@nestjs/common';
import { Prisma, type ReplanRequest } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

type Tx = Prisma.TransactionClient;

/** What a fan-out change asks for: re-plan everything of a person, or everything due at a meeting. */
export type ReplanScope = { personId: string; meetingId?: never } | { meetingId: string; personId?: never };

/** The re-plan outbox: rows written with the change that calls for them, worked off by the worker. */
@Injectable()
export class ReplanOutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Recorded in the caller's transaction: the re-plan commits with the change, or neither does. */
  async request(tx: Tx, scope: ReplanScope, actor?: string): Promise<void> {
    await tx.replanRequest.create({ data: { personId: scope.personId ?? null, meetingId: scope.meetingId ?? null, actor: actor ?? null } });
  }

  /** The oldest request no other worker is on, locked for this transaction. */
  async claimNext(tx: Tx): Promise<ReplanRequest | null> {
    const [row] = await tx.$queryRaw<ReplanRequest[]>`
      SELECT id, person_id AS "personId", meeting_id AS "meetingId", actor, after_id AS "afterId", created_at AS "createdAt"
      FROM replan_request ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    return row ?? null;
  }

  async advance(tx: Tx, id: bigint, afterId: string): Promise<void> {
    await tx.replanRequest.update({ where: { id }, data: { afterId } });
  }

  async finish(tx: Tx, id: bigint): Promise<void> {
    await tx.replanRequest.delete({ where: { id } });
  }

  /**
   * Of these commitments, those a recorded change still has to re-plan: one of their people (or
   * their escalation contacts) or the meeting they are due at changed, and the worker has not got to it.
   *
   * Asked for every chunk of reminders delivered, and almost always answered "none": while the outbox
   * is empty the branches are not run at all. Each way a request can reach a commitment is its own
   * join, so the planner's estimate stays small: written as one EXISTS with an OR of subqueries, it was
   * estimated at millions (the outbox is rarely analysed), which made PostgreSQL compile the statement
   * with its JIT on every chunk, tens of milliseconds each time.
   */
  async awaitingReplan(commitmentIds: string[]): Promise<Set<string>> {
    const rows = await this.prisma.read<{ id: string }>(Prisma.sql`
      SELECT waiting.id FROM (
        SELECT c.id FROM commitment c JOIN replan_request q ON q.meeting_id = c.deadline_meeting_id
        WHERE c.id = ANY(${commitmentIds}::uuid[])
        UNION
        SELECT cp.commitment_id FROM commitment_person cp JOIN replan_request q ON q.person_id = cp.person_id
        WHERE cp.commitment_id = ANY(${commitmentIds}::uuid[])
        UNION
        SELECT cp.commitment_id FROM commitment_person cp JOIN person p ON p.id = cp.person_id
          JOIN replan_request q ON q.person_id = p.escalation_contact_id
        WHERE cp.commitment_id = ANY(${commitmentIds}::uuid[])) waiting
      WHERE EXISTS (SELECT 1 FROM replan_request)`);
    return new Set(rows.map((r) => r.id));
  }
}
