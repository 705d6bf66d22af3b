import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { DigestLedgerRow } from './reminder-digest-readers.js';
import type { LedgerChanges } from './reminder-ledger.js';

export type Tx = Prisma.TransactionClient;

const personForPlan = { select: { id: true, timeZone: true, reminderDelivery: true } } as const;

/** Reads and writes the ledger of one commitment inside the transaction that changes it. */
@Injectable()
export class ReminderPlanRepository {
  /** The database's clock: every replica plans against the same time the dispatcher claims with. */
  async clock(tx: Tx): Promise<Date> {
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    return now;
  }

  /** Serialises re-planning of one commitment with any other writer of it. */
  async lockCommitment(tx: Tx, commitmentId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM commitment WHERE id = ${commitmentId}::uuid FOR UPDATE`;
  }

  findCommitment(tx: Tx, commitmentId: string) {
    return tx.commitment.findUnique({
      where: { id: commitmentId },
      select: {
        id: true,
        status: true,
        deletedAt: true,
        deadlinePrecision: true,
        deadlineEnd: true,
        deadlineTimeZone: true,
        reminderPolicy: true,
        people: { select: { role: true, person: { select: { ...personForPlan.select, escalationContact: personForPlan } } } },
      },
    });
  }

  ledgerOf(tx: Tx, commitmentId: string): Promise<DigestLedgerRow[]> {
    return tx.reminder.findMany({
      where: { commitmentId },
      select: { id: true, dedupeKey: true, recipientPersonId: true, status: true, fireAt: true, skipReason: true },
    });
  }

  /**
   * When each person's latest digest went out, or will: sent, in flight, or due and waiting. What came
   * due before it is in that digest.
   */
  async lastDigests(tx: Tx, personIds: string[]): Promise<Map<string, Date>> {
    const rows = await tx.$queryRaw<{ personId: string; fireAt: Date }[]>`
      SELECT recipient_person_id AS "personId", max(fire_at) AS "fireAt" FROM reminder
      WHERE kind = 'DIGEST' AND recipient_person_id = ANY(${personIds}::uuid[])
        AND (status IN ('SENT', 'CLAIMED') OR (status = 'PENDING' AND fire_at <= clock_timestamp()))
      GROUP BY recipient_person_id`;
    return new Map(rows.map((r) => [r.personId, r.fireAt]));
  }

  async cancel(tx: Tx, ids: string[], reason: string): Promise<void> {
    if (!ids.length) return;
    await tx.reminder.updateMany({
      where: { id: { in: ids }, status: { in: ['PENDING', 'CLAIMED'] } },
      data: { status: 'CANCELLED', skipReason: reason, leaseUntil: null },
    });
  }

  async apply(tx: Tx, commitmentId: string, changes: LedgerChanges, cancelReason: string): Promise<void> {
    await this.cancel(tx, changes.cancel, cancelReason);
    if (changes.revive.length) {
      await tx.reminder.updateMany({
        where: { id: { in: changes.revive }, status: 'CANCELLED' },
        data: { status: 'PENDING', skipReason: null, leaseUntil: null },
      });
    }
    if (changes.insert.length) {
      await tx.reminder.createMany({
        data: changes.insert.map((p) => ({ commitmentId, ...p })),
        skipDuplicates: true,
      });
    }
  }

  /** Open commitments a person is on, or whose responsible people name them as escalation contact. */
  async commitmentsOfPerson(tx: Tx, personId: string): Promise<string[]> {
    const rows = await tx.commitment.findMany({
      where: {
        deletedAt: null,
        status: { in: ['OPEN', 'IN_PROGRESS'] },
        people: { some: { OR: [{ personId }, { role: 'RESPONSIBLE', person: { escalationContactId: personId } }] } },
      },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }
}
