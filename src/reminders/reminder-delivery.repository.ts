import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { isSuperseded } from './reminder-superseded.js';
import { DELIVERY_SELECT, deliveryRowSchema, type DeliveryRow } from './reminder-delivery.query.js';

/** The delivery side of the ledger: every state change is conditional on the row still being CLAIMED. */
@Injectable()
export class ReminderDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(id: string): Promise<DeliveryRow | null> {
    const [row] = await this.prisma.$queryRawUnsafe<unknown[]>(DELIVERY_SELECT, id);
    return row === undefined ? null : deliveryRowSchema.parse(row);
  }

  /** A job whose row went back to PENDING (its lease ran out while it waited) takes the row itself. */
  async claimIfDue(id: string, leaseSeconds: number): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE reminder SET status = 'CLAIMED', lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'PENDING' AND fire_at <= now()`;
    return count === 1;
  }

  /**
   * Counts the attempt and renews the lease (a slow send is not a lost one), unless the row is no longer
   * CLAIMED or it is superseded (reminder-superseded.ts). One statement, as this runs once per email.
   */
  async startAttempt(row: { id: string; commitmentId: string | null; recipientPersonId: string; fireAt: Date }, leaseSeconds: number): Promise<'started' | 'superseded' | 'not claimed'> {
    const [result] = await this.prisma.$queryRaw<{ started: boolean; superseded: boolean }[]>`
      WITH later AS (SELECT ${isSuperseded(row)} AS superseded),
      started AS (
        UPDATE reminder SET attempts = attempts + 1, lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
        WHERE id = ${row.id}::uuid AND status = 'CLAIMED' AND NOT (SELECT superseded FROM later)
        RETURNING id)
      SELECT EXISTS (SELECT 1 FROM started) AS started, (SELECT superseded FROM later) AS superseded`;
    return result.started ? 'started' : result.superseded ? 'superseded' : 'not claimed';
  }

  /** Marks SENT only if still CLAIMED: a row cancelled meanwhile stays cancelled. */
  markSent(id: string, messageId: string, tx: Prisma.TransactionClient = this.prisma): Promise<number> {
    return tx.$executeRaw`
      UPDATE reminder SET status = 'SENT', sent_at = now(), message_id = ${messageId}, lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'`;
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
