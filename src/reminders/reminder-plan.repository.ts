import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { DigestLedgerRow } from './reminder-digest-readers.js';
import type { LedgerChanges } from './reminder-ledger.js';

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

  /** Of these people, who asked for no reminders, about one of these commitments or about any (null). */
  optOutsOf(tx: Tx, commitmentIds: string[], personIds: string[]): Promise<{ personId: string; commitmentId: string | null }[]> {
    if (!personIds.length) return Promise.resolve([]);
    return tx.reminderOptOut.findMany({
      where: { personId: { in: personIds }, OR: [{ commitmentId: { in: commitmentIds } }, { commitmentId: null }] },
      select: { personId: true, commitmentId: true },
    });
  }

  /**
   * What re-planning needs of the commitments' ledgers: rows not cancelled (waiting, or history that
   * went out), rows the daily digest replaced, and any row under a key of the new plan (a cancelled one
   * is revived, never inserted twice). Rows cancelled because a plan changed are left out: every change
   * of a deadline adds some, and reading them all would make each change cost more than the last. The
   * filter is written as `reminder_commitment_live_idx` is defined, so that index serves it.
   */
  ledgersOf(tx: Tx, commitmentIds: string[], plannedKeys: string[]): Promise<(DigestLedgerRow & { commitmentId: string })[]> {
    return tx.$queryRaw`
      SELECT id, commitment_id AS "commitmentId", dedupe_key AS "dedupeKey", recipient_person_id AS "recipientPersonId",
             status::text AS status, fire_at AS "fireAt", skip_reason AS "skipReason"
      FROM reminder
      WHERE commitment_id = ANY(${commitmentIds}::uuid[])
        AND (status <> 'CANCELLED' OR skip_reason = 'replaced by the daily digest')
      UNION
      SELECT id, commitment_id, dedupe_key, recipient_person_id, status::text, fire_at, skip_reason
      FROM reminder
      WHERE dedupe_key = ANY(${plannedKeys}::text[]) AND commitment_id = ANY(${commitmentIds}::uuid[])`;
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

  /**
   * Plain statements with array parameters: a batch of hundreds of commitments changes thousands of
   * rows, and one parameter per value (as createMany sends them) cost seconds per batch.
   */
  async apply(tx: Tx, changes: LedgerBatch, cancelReason: string): Promise<void> {
    if (changes.cancel.length) {
      await tx.$executeRaw`
        UPDATE reminder SET status = 'CANCELLED', skip_reason = ${cancelReason}, lease_until = NULL, updated_at = now()
        WHERE id = ANY(${changes.cancel}::uuid[]) AND status IN ('PENDING', 'CLAIMED')`;
    }
    if (changes.revive.length) {
      await tx.$executeRaw`
        UPDATE reminder SET status = 'PENDING', skip_reason = NULL, lease_until = NULL, updated_at = now()
        WHERE id = ANY(${changes.revive}::uuid[]) AND status = 'CANCELLED'`;
    }
    if (changes.insert.length) {
      const rows = changes.insert;
      await tx.$executeRaw`
        INSERT INTO reminder (id, commitment_id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, updated_at)
        SELECT gen_random_uuid(), c, p, k::"ReminderKind", o, f, 'PENDING', d, now()
        FROM unnest(${rows.map((r) => r.commitmentId)}::uuid[], ${rows.map((r) => r.recipientPersonId)}::uuid[], ${rows.map((r) => r.kind)}::text[],
                    ${rows.map((r) => r.offset)}::text[], ${rows.map((r) => r.fireAt.toISOString())}::timestamptz[], ${rows.map((r) => r.dedupeKey)}::text[]) AS t (c, p, k, o, f, d)
        ON CONFLICT (dedupe_key) DO NOTHING`;
    }
  }
}
