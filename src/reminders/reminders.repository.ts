import { Injectable } from '@nestjs/common';
import { Prisma, type Reminder, type ReminderDelivery } from '../generated/prisma/client.js';
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
    return this.prisma.read<Reminder>(reminderListStatement(query, after));
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

/**
 * The list in SQL rather than through Prisma, whose queries compare a status with a cast of a text
 * parameter: PostgreSQL cannot tell from that which statuses it may be, so the status index (partial: it
 * leaves out CLAIMED) was never used and a status filter read the whole ledger. A parameter of the
 * status type itself is planned with its value.
 */
export function reminderListStatement(query: ReminderListQuery, after?: { fireAt: Date; id: string }): Prisma.Sql {
  const conditions = [
    query.status && Prisma.sql`status = ${query.status}::"ReminderStatus"`,
    query.kind && Prisma.sql`kind = ${query.kind}::"ReminderKind"`,
    query.commitmentId && Prisma.sql`commitment_id = ${query.commitmentId}::uuid`,
    query.recipientPersonId && Prisma.sql`recipient_person_id = ${query.recipientPersonId}::uuid`,
    after && Prisma.sql`(fire_at, id) < (${after.fireAt}::timestamptz, ${after.id}::uuid)`,
  ].filter((condition): condition is Prisma.Sql => Boolean(condition));
  return Prisma.sql`
    SELECT id, commitment_id AS "commitmentId", recipient_person_id AS "recipientPersonId", kind, "offset",
           fire_at AS "fireAt", status, dedupe_key AS "dedupeKey", lease_until AS "leaseUntil", attempts,
           last_error AS "lastError", skip_reason AS "skipReason", sent_at AS "sentAt", message_id AS "messageId",
           retry_requested_at AS "retryRequestedAt", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM reminder
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY fire_at DESC, id DESC
    LIMIT ${query.limit + 1}`;
}
