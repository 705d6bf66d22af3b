import { Injectable } from '@nestjs/common';
import type { Prisma, Reminder, ReminderDelivery } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import type { ReminderListQuery } from './reminder.schemas.js';

@Injectable()
export class RemindersRepository {
  constructor(private readonly prisma: PrismaService) {}

  commitment(id: string) {
    return this.prisma.commitment.findFirst({ where: { id, deletedAt: null }, select: { id: true, deadlinePrecision: true, reminderPolicy: true } });
  }

  ofCommitment(commitmentId: string): Promise<Reminder[]> {
    return this.prisma.reminder.findMany({ where: { commitmentId }, orderBy: [{ fireAt: 'asc' }, { id: 'asc' }], take: 1000 });
  }

  /** Newest first by fire time, then id, so a page boundary never skips or repeats a row. */
  list(query: ReminderListQuery, after?: { fireAt: Date; id: string }): Promise<Reminder[]> {
    const where: Prisma.ReminderWhereInput[] = [];
    if (query.status) where.push({ status: query.status });
    if (query.kind) where.push({ kind: query.kind });
    if (query.commitmentId) where.push({ commitmentId: query.commitmentId });
    if (query.recipientPersonId) where.push({ recipientPersonId: query.recipientPersonId });
    if (after) where.push({ OR: [{ fireAt: { lt: after.fireAt } }, { fireAt: after.fireAt, id: { lt: after.id } }] });
    return this.prisma.reminder.findMany({ where: { AND: where }, orderBy: [{ fireAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  }

  findById(id: string): Promise<Reminder | null> {
    return this.prisma.reminder.findUnique({ where: { id } });
  }

  /** Back to PENDING for the next tick; null if it is no longer FAILED (someone else retried it). */
  async retry(id: string): Promise<Reminder | null> {
    const { count } = await this.prisma.reminder.updateMany({
      where: { id, status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, leaseUntil: null },
    });
    return count ? this.findById(id) : null;
  }

  personExists(id: string): Promise<boolean> {
    return this.prisma.person.count({ where: { id } }).then((n) => n > 0);
  }

  /** The preference and the re-planned ledger change together, or not at all. */
  setDelivery(personId: string, delivery: ReminderDelivery, replan: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    return this.prisma.transaction(async (tx) => {
      await tx.person.update({ where: { id: personId }, data: { reminderDelivery: delivery } });
      if (delivery === 'EACH') {
        await tx.reminder.updateMany({
          where: { recipientPersonId: personId, kind: 'DIGEST', status: 'PENDING' },
          data: { status: 'CANCELLED', skipReason: 'digest turned off' },
        });
      }
      await replan(tx);
    });
  }
}
