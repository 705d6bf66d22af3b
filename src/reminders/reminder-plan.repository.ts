import { Injectable } from '@nestjs/common';
import type { CommitmentRole, CommitmentStatus, DeadlinePrecision, Prisma } from '../generated/prisma/client.js';
import { matchesIds } from '../core/prisma/key-match.js';
import { lockedReminders } from './reminder-locks.js';
import type { DigestLedgerRow } from './reminder-digest-readers.js';
import type { LedgerChanges } from './reminder-ledger.js';

export type Tx = Prisma.TransactionClient;

/** Ledger changes of many commitments at once; each new row names its commitment, each cancel its reason. */
export interface LedgerBatch {
  insert: (LedgerChanges['insert'][number] & { commitmentId: string })[];
  cancel: { id: string; reason: string }[];
  revive: LedgerChanges['revive'];
}

interface PlanPerson {
  id: string;
  timeZone: string;
  reminderDelivery: 'EACH' | 'DIGEST';
}

/** What planning a commitment's reminders reads: its deadline and status, and who is on it. */
export interface PlannedCommitment {
  id: string;
  status: CommitmentStatus;
  deletedAt: Date | null;
  deadlinePrecision: DeadlinePrecision | null;
  deadlineEnd: Date | null;
  deadlineTimeZone: string | null;
  reminderPolicy: unknown;
  people: { role: CommitmentRole; person: PlanPerson & { escalationContact: PlanPerson | null } }[];
  /** People on it, or escalation contacts of people on it, who asked for no reminders about it (or any). */
  optedOut: string[];
}

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

  /**
   * The commitments with everything planning needs (people, their escalation contacts, their opt-outs)
   * and the database's clock, in one statement: a deadline change re-plans inside the request, where
   * every round trip counts.
   */
  async findCommitments(tx: Tx, commitmentIds: string[]): Promise<{ commitments: PlannedCommitment[]; now: Date }> {
    const rows = await tx.$queryRaw<(PlannedCommitment & { now: Date })[]>`
      SELECT c.id, c.status::text AS status, c.deleted_at AS "deletedAt", c.deadline_precision::text AS "deadlinePrecision",
             c.deadline_end AS "deadlineEnd", c.deadline_time_zone AS "deadlineTimeZone", c.reminder_policy AS "reminderPolicy",
             COALESCE((
               SELECT json_agg(json_build_object('role', cp.role, 'person', json_build_object(
                        'id', p.id, 'timeZone', p.time_zone, 'reminderDelivery', p.reminder_delivery,
                        'escalationContact', CASE WHEN e.id IS NULL THEN NULL
                          ELSE json_build_object('id', e.id, 'timeZone', e.time_zone, 'reminderDelivery', e.reminder_delivery) END))
                      ORDER BY cp.person_id, cp.role)
               FROM commitment_person cp JOIN person p ON p.id = cp.person_id LEFT JOIN person e ON e.id = p.escalation_contact_id
               WHERE cp.commitment_id = c.id), '[]') AS people,
             ARRAY(
               SELECT DISTINCT o.person_id::text FROM commitment_person cp JOIN person p ON p.id = cp.person_id
               JOIN reminder_opt_out o ON o.person_id IN (p.id, p.escalation_contact_id) AND (o.commitment_id = c.id OR o.commitment_id IS NULL)
               WHERE cp.commitment_id = c.id) AS "optedOut",
             clock_timestamp() AS now
      FROM commitment c WHERE ${matchesIds('c.id', commitmentIds)}`;
    return { commitments: rows, now: rows[0]?.now ?? (await this.clock(tx)) };
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
      WHERE ${matchesIds('commitment_id', commitmentIds)}
        AND (status <> 'CANCELLED' OR skip_reason = 'replaced by the daily digest')
      UNION
      SELECT id, commitment_id, dedupe_key, recipient_person_id, status::text, fire_at, skip_reason
      FROM reminder
      WHERE dedupe_key = ANY(${plannedKeys}::text[]) AND ${matchesIds('commitment_id', commitmentIds)}`;
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
   * Every change in one statement with array parameters: a batch of hundreds of commitments changes
   * thousands of rows, and one parameter per value (as createMany sends them) cost seconds per batch;
   * one commitment's change is one round trip. The three sets of rows are disjoint.
   *
   * The rows to cancel or revive are locked first and their status decided from what was locked (see
   * lockedReminders).
   */
  async apply(tx: Tx, { insert, cancel, revive }: LedgerBatch): Promise<void> {
    if (!insert.length && !cancel.length && !revive.length) return;
    await tx.$executeRaw`
      WITH locked AS MATERIALIZED (${lockedReminders([...cancel.map((c) => c.id), ...revive])}), cancelled AS (
        UPDATE reminder r SET status = 'CANCELLED', skip_reason = x.reason, lease_until = NULL, updated_at = now()
        FROM unnest(${cancel.map((c) => c.id)}::uuid[], ${cancel.map((c) => c.reason)}::text[]) AS x (id, reason)
        JOIN locked l ON l.id = x.id
        WHERE r.id = x.id AND l.status IN ('PENDING', 'CLAIMED')
        RETURNING r.id
      ), revived AS (
        UPDATE reminder r SET status = 'PENDING', skip_reason = NULL, lease_until = NULL, updated_at = now()
        FROM locked l WHERE r.id = l.id AND l.id = ANY(${revive}::uuid[]) AND l.status = 'CANCELLED'
        RETURNING r.id
      )
      INSERT INTO reminder (id, commitment_id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, updated_at)
      SELECT gen_random_uuid(), c, p, k::"ReminderKind", o, f, 'PENDING', d, now()
      FROM unnest(${insert.map((r) => r.commitmentId)}::uuid[], ${insert.map((r) => r.recipientPersonId)}::uuid[], ${insert.map((r) => r.kind)}::text[],
                  ${insert.map((r) => r.offset)}::text[], ${insert.map((r) => r.fireAt.toISOString())}::timestamptz[], ${insert.map((r) => r.dedupeKey)}::text[]) AS t (c, p, k, o, f, d)
      ON CONFLICT (dedupe_key) DO NOTHING`;
  }
}
