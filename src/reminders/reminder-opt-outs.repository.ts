import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../core/prisma/prisma.service.js';
import type { Tx } from './reminder-plan.repository.js';

export const optOutSelect = { id: true, personId: true, commitmentId: true, reason: true, createdAt: true } as const;

/** People's "stop sending me reminders", and the ledger rows it stops or brings back. */
@Injectable()
export class ReminderOptOutsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records the opt-out once: a second click finds the first. */
  async upsert(tx: Tx, personId: string, commitmentId: string | null, reason: string) {
    const existing = await tx.reminderOptOut.findFirst({ where: { personId, commitmentId }, select: optOutSelect });
    return existing ?? tx.reminderOptOut.create({ data: { id: randomUUID(), personId, commitmentId, reason }, select: optOutSelect });
  }

  /** Waiting reminders to the person (for one commitment or all) become SKIPPED, saying why. */
  skipWaiting(tx: Tx, personId: string, commitmentId: string | null, reason: string) {
    return tx.reminder.updateMany({
      where: { recipientPersonId: personId, status: { in: ['PENDING', 'CLAIMED'] }, ...(commitmentId ? { commitmentId } : { commitmentId: { not: null } }) },
      data: { status: 'SKIPPED', skipReason: reason, leaseUntil: null },
    });
  }

  /**
   * Undoing an opt-out: rows it skipped that are still to come become CANCELLED, which the next
   * re-plan revives if the plan still has them.
   */
  releaseSkipped(tx: Tx, personId: string, commitmentId: string | null, reason: string) {
    return tx.reminder.updateMany({
      where: { recipientPersonId: personId, status: 'SKIPPED', skipReason: reason, fireAt: { gt: new Date() }, ...(commitmentId ? { commitmentId } : {}) },
      data: { status: 'CANCELLED' },
    });
  }

  async exists(personId: string, commitmentId: string | null): Promise<boolean> {
    return (await this.prisma.reminderOptOut.findFirst({ where: { personId, commitmentId }, select: { id: true } })) !== null;
  }

  find(id: string) {
    return this.prisma.reminderOptOut.findUnique({ where: { id }, select: optOutSelect });
  }

  delete(tx: Tx, id: string) {
    return tx.reminderOptOut.deleteMany({ where: { id } });
  }

  list(filter: { personId?: string; commitmentId?: string }, limit: number, after?: { createdAt: Date; id: string }) {
    return this.prisma.reminderOptOut.findMany({
      where: {
        ...(filter.personId ? { personId: filter.personId } : {}),
        ...(filter.commitmentId ? { commitmentId: filter.commitmentId } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: optOutSelect,
    });
  }

  /** Open commitments whose ledger the person is in: an opt-out for all re-plans each. */
  async commitmentsWithWaiting(tx: Tx, personId: string): Promise<string[]> {
    const rows = await tx.reminder.findMany({
      where: { recipientPersonId: personId, commitmentId: { not: null } },
      distinct: ['commitmentId'],
      select: { commitmentId: true },
    });
    return rows.flatMap((r) => (r.commitmentId ? [r.commitmentId] : []));
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction(work);
  }
}
