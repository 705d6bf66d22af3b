import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { LedgerChanges, LedgerRow } from './reminder-ledger.js';

export type Tx = Prisma.TransactionClient;

/** Ledger changes of many commitments at once; each new row names its commitment. */
export interface LedgerBatch extends Omit<LedgerChanges, 'insert'> {
  insert: (LedgerChanges['insert'][number] & { commitmentId: string })[];
}

const personForPlan = { select: { id: true, timeZone: true, reminderDelivery: true } } as const;

/** Reads and writes commitments' ledgers inside the transaction that re-plans them. */
@Injectable()
export class ReminderPlanRepository {
  /** The database's clock: every replica plans against the same time the dispatcher claims with. */
  async clock(tx: Tx): Promise<Date> {
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    return now;
  }

  /** Locks the commitments' rows in id order; returns the ids that exist. */
  async lockCommitments(tx: Tx, commitmentIds: string[]): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM commitment WHERE id = ANY(${commitmentIds}::uuid[]) ORDER BY id FOR UPDATE`;
    return rows.map((r) => r.id);
  }

  findCommitments(tx: Tx, commitmentIds: string[]) {
    return tx.commitment.findMany({
      where: { id: { in: commitmentIds } },
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

  ledgersOf(tx: Tx, commitmentIds: string[]): Promise<(LedgerRow & { commitmentId: string | null })[]> {
    return tx.reminder.findMany({
      where: { commitmentId: { in: commitmentIds } },
      select: { id: true, commitmentId: true, dedupeKey: true, recipientPersonId: true, status: true, fireAt: true },
    });
  }

  async apply(tx: Tx, changes: LedgerBatch, cancelReason: string): Promise<void> {
    if (changes.cancel.length) {
      await tx.reminder.updateMany({
        where: { id: { in: changes.cancel }, status: { in: ['PENDING', 'CLAIMED'] } },
        data: { status: 'CANCELLED', skipReason: cancelReason, leaseUntil: null },
      });
    }
    if (changes.revive.length) {
      await tx.reminder.updateMany({
        where: { id: { in: changes.revive }, status: 'CANCELLED' },
        data: { status: 'PENDING', skipReason: null, leaseUntil: null },
      });
    }
    if (changes.insert.length) await tx.reminder.createMany({ data: changes.insert, skipDuplicates: true });
  }
}
