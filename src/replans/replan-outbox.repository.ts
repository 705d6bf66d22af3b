import { Injectable } from '@nestjs/common';
import type { Prisma, ReplanRequest } from '../generated/prisma/client.js';
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
   */
  async awaitingReplan(commitmentIds: string[]): Promise<Set<string>> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM commitment c
      WHERE c.id = ANY(${commitmentIds}::uuid[]) AND EXISTS (
        SELECT 1 FROM replan_request q
        WHERE q.meeting_id = c.deadline_meeting_id
           OR q.person_id IN (
             SELECT cp.person_id FROM commitment_person cp WHERE cp.commitment_id = c.id
             UNION ALL
             SELECT p.escalation_contact_id FROM commitment_person cp JOIN person p ON p.id = cp.person_id
             WHERE cp.commitment_id = c.id))`;
    return new Set(rows.map((r) => r.id));
  }
}
