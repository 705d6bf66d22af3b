import { Injectable } from '@nestjs/common';
import type { Prisma, Reminder, ReminderDelivery } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { REPLACED_BY_SINGLE_REMINDERS } from './reminder-digest-readers.js';
import { supersedingReminder, type SupersedeSubject } from './reminder-superseded.js';
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

  /** The status of the commitment a reminder is about; null for a digest. */
  commitmentStatus(id: string) {
    return this.prisma.commitment.findUnique({ where: { id }, select: { status: true, deletedAt: true } });
  }

  /** The later reminder that makes this one not worth sending, if any (see reminder-superseded.ts). */
  async superseding(row: SupersedeSubject): Promise<{ id: string; status: string } | null> {
    const [later] = await this.prisma.$queryRaw<{ id: string; status: string }[]>(supersedingReminder(row));
    return later ?? null;
  }

  /**
   * Back to PENDING for the next tick, marked as asked for by an admin so delivery sends it even if a
   * later reminder comes due meanwhile; null if it is no longer FAILED (someone else retried it).
   */
  async retry(id: string): Promise<Reminder | null> {
    const { count } = await this.prisma.reminder.updateMany({
      where: { id, status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, leaseUntil: null, retryRequestedAt: new Date() },
    });
    return count ? this.findById(id) : null;
  }

  personExists(id: string): Promise<boolean> {
    return this.prisma.person.count({ where: { id } }).then((n) => n > 0);
  }

  /**
   * The preference and the re-planned ledger change together, or not at all. A digest already due stays
   * (it was planned while the person read digests); later ones give way to single reminders, and come
   * back if the person returns to the digest the same day.
   */
  setDelivery(personId: string, delivery: ReminderDelivery, replan: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    return this.prisma.transaction(async (tx) => {
      await tx.person.update({ where: { id: personId }, data: { reminderDelivery: delivery } });
      if (delivery === 'EACH') {
        await tx.$executeRaw`
          UPDATE reminder SET status = 'CANCELLED', skip_reason = ${REPLACED_BY_SINGLE_REMINDERS}, updated_at = now()
          WHERE recipient_person_id = ${personId}::uuid AND kind = 'DIGEST' AND status = 'PENDING' AND fire_at > clock_timestamp()`;
      } else {
        await tx.$executeRaw`
          UPDATE reminder SET status = 'PENDING', skip_reason = NULL, updated_at = now()
          WHERE recipient_person_id = ${personId}::uuid AND kind = 'DIGEST' AND status = 'CANCELLED' AND fire_at > clock_timestamp()`;
      }
      await replan(tx);
    });
  }
}
