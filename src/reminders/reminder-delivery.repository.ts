import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

const named = { select: { name: true } } as const;

export const deliveryInclude = {
  recipient: { select: { id: true, name: true, email: true, timeZone: true } },
  commitment: {
    include: {
      ownerParty: named,
      counterparty: named,
      people: { where: { role: 'RESPONSIBLE' }, select: { person: named }, orderBy: { personId: 'asc' } },
      meeting: { select: { title: true, round: true, location: true, startsAt: true, timeZone: true, series: named } },
      deadlineMeeting: { select: { title: true, round: true, series: { select: { name: true, shortName: true } } } },
      events: { where: { type: 'NOTE' }, orderBy: { createdAt: 'desc' }, take: 3, select: { createdAt: true, actor: true, note: true } },
    },
  },
} satisfies Prisma.ReminderInclude;

export type DeliveryRow = Prisma.ReminderGetPayload<{ include: typeof deliveryInclude }>;
export type DeliveryCommitment = NonNullable<DeliveryRow['commitment']>;

/** The delivery side of the ledger: every state change is conditional on the row still being CLAIMED. */
@Injectable()
export class ReminderDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string): Promise<DeliveryRow | null> {
    return this.prisma.reminder.findUnique({ where: { id }, include: deliveryInclude });
  }

  /** A job whose row went back to PENDING (its lease ran out while it waited) takes the row itself. */
  async claimIfDue(id: string, leaseSeconds: number): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE reminder SET status = 'CLAIMED', lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'PENDING' AND fire_at <= now()`;
    return count === 1;
  }

  /** A later reminder for the same commitment and person is due too: only the newest is worth sending. */
  async isSuperseded(row: { id: string; commitmentId: string | null; recipientPersonId: string; fireAt: Date }): Promise<boolean> {
    const [{ later }] = await this.prisma.$queryRaw<{ later: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM reminder
        WHERE recipient_person_id = ${row.recipientPersonId}::uuid
          AND commitment_id IS NOT DISTINCT FROM ${row.commitmentId}::uuid
          AND id <> ${row.id}::uuid
          AND fire_at > ${row.fireAt} AND fire_at <= now()
          AND status IN ('PENDING', 'CLAIMED', 'SENT')) AS later`;
    return later;
  }

  /** Counts the attempt and renews the lease so a slow send is not mistaken for a lost one. */
  async startAttempt(id: string, leaseSeconds: number): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE reminder SET attempts = attempts + 1, lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'`;
    return count === 1;
  }

  /** Marks SENT only if still CLAIMED: a row cancelled meanwhile stays cancelled. */
  markSent(tx: Prisma.TransactionClient, id: string, messageId: string): Promise<Prisma.BatchPayload> {
    return tx.reminder.updateMany({
      where: { id, status: 'CLAIMED' },
      data: { status: 'SENT', sentAt: new Date(), messageId, leaseUntil: null, lastError: null },
    });
  }

  skip(tx: Prisma.TransactionClient, id: string, reason: string): Promise<Prisma.BatchPayload> {
    return tx.reminder.updateMany({
      where: { id, status: { in: ['CLAIMED', 'PENDING'] } },
      data: { status: 'SKIPPED', skipReason: reason, leaseUntil: null },
    });
  }

  /** A failed attempt that will be retried: the lease covers the backoff, so the row is not re-dispatched meanwhile. */
  async recordRetry(id: string, error: string, leaseMs: number): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE reminder SET last_error = ${error.slice(0, 1000)}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'`;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.prisma.reminder.updateMany({
      where: { id, status: 'CLAIMED' },
      data: { status: 'FAILED', lastError: error.slice(0, 1000), leaseUntil: null },
    });
  }

  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
