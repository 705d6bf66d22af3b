import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { deliveryFacts, deliveryRowSchema, type DeliveryRow } from './reminder-delivery.query.js';
import { lockedReminders } from './reminder-locks.js';
import { isSupersededRow } from './reminder-superseded.js';

/** Why a claimed reminder of a chunk is not sent after all; see startAttempts(). */
export type AttemptRefusal = 'superseded' | 'over daily limit' | 'commitment closed' | 'not claimed';

export interface StartedAttempt {
  attempts: number;
}

export interface AttemptOptions {
  /** The lease the dispatcher (or a retry) handed this job: rows leased to another job are not ours. */
  lease: Date;
  leaseSeconds: number;
  dailyLimit: number;
  /** Sent even if a later reminder is due or the person's daily limit is reached (as is a row an admin retried). */
  forced: boolean;
}

/**
 * The delivery side of the ledger. Hot statements go to the pool as named prepared statements, one per
 * chunk of reminders rather than per reminder; every state change is conditional on the row still
 * being CLAIMED.
 */
@Injectable()
export class ReminderDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  async facts(ids: string[]): Promise<DeliveryRow[]> {
    return (await this.prisma.read<unknown>(deliveryFacts(ids))).map((row) => deliveryRowSchema.parse(row));
  }

  /**
   * Counts an attempt for each reminder still leased to this job and renews its lease (a slow send is
   * not a lost one), unless its commitment was closed, a later reminder for the same commitment and
   * person is due too (after downtime only the newest is worth sending), or the person has had their
   * daily limit of reminder emails. This is the last check before sending: it reads the rows and the
   * commitments as committed now. Commitments are locked first (shared, sorted), as every writer
   * locks a commitment before its reminders; the recipients' daily counts are serialised by an
   * advisory lock per person, so two chunks cannot both take a person's last place.
   */
  async startAttempts(rows: DeliveryRow[], options: AttemptOptions): Promise<Map<string, StartedAttempt | AttemptRefusal>> {
    const ids = rows.map((r) => r.id);
    const commitmentIds = [...new Set(rows.flatMap((r) => (r.commitmentId ? [r.commitmentId] : [])))].sort();
    const recipients = [...new Set(rows.filter((r) => r.kind !== 'DIGEST').map((r) => r.recipientPersonId))].sort();
    // The commit is not awaited to disk: the recipients' locks are let go a disk flush sooner. A database
    // crash that lost the attempts leaves the rows CLAIMED under their old lease, so they are dispatched
    // again; an email sent meanwhile goes again with the same Message-ID, as after any crash between the
    // SMTP server's answer and the SENT mark (whose durable commit also makes this one durable).
    const outcomes = await this.prisma.pooledTransaction(
      async (run) => {
        if (commitmentIds.length) await run(Prisma.sql`SELECT id FROM commitment WHERE id = ANY(${commitmentIds}::uuid[]) ORDER BY id FOR SHARE`);
        if (recipients.length && !options.forced) {
          await run(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended('reminder-daily-limit:' || p::text, 0)) FROM unnest(${recipients}::uuid[]) p`);
        }
        return run<{ id: string; outcome: AttemptRefusal | 'started'; attempts: number }>(startStatement(ids, recipients, options));
      },
      { durableCommit: false },
    );
    const result = new Map<string, StartedAttempt | AttemptRefusal>(ids.map((id) => [id, 'not claimed']));
    for (const o of outcomes) result.set(o.id, o.outcome === 'started' ? { attempts: o.attempts } : o.outcome);
    return result;
  }

  /** A chunk that takes long (a slow SMTP server) keeps the lease of what it has yet to send. */
  async renewLeases(ids: string[], leaseSeconds: number): Promise<void> {
    await this.prisma.write(Prisma.sql`
      WITH chunk AS MATERIALIZED (${lockedReminders(ids)})
      UPDATE reminder SET lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      FROM chunk WHERE reminder.id = chunk.id AND chunk.status = 'CLAIMED'`);
  }

  /** Marks SENT only what is still CLAIMED (a row cancelled meanwhile stays cancelled); the ids marked. */
  async markSent(sent: { id: string; messageId: string }[]): Promise<string[]> {
    const ids = sent.map((s) => s.id);
    const rows = await this.prisma.write<{ id: string }>(Prisma.sql`
      WITH chunk AS MATERIALIZED (${lockedReminders(ids)})
      UPDATE reminder SET status = 'SENT', sent_at = now(), message_id = t.message_id, lease_until = NULL, last_error = NULL, updated_at = now()
      FROM chunk JOIN unnest(${ids}::uuid[], ${sent.map((s) => s.messageId)}::text[]) AS t(id, message_id) ON t.id = chunk.id
      WHERE reminder.id = chunk.id AND chunk.status = 'CLAIMED'
      RETURNING reminder.id`);
    return rows.map((r) => r.id);
  }

  /** markSent() for one row inside a transaction that also re-plans its commitment. */
  async markOneSent(tx: Prisma.TransactionClient, id: string, messageId: string): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE reminder SET status = 'SENT', sent_at = now(), message_id = ${messageId}, lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'`;
    return count === 1;
  }

  async skip(tx: Prisma.TransactionClient, id: string, reason: string): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE reminder SET status = 'SKIPPED', skip_reason = ${reason}, lease_until = NULL, updated_at = now()
      WHERE id = ${id}::uuid AND status IN ('CLAIMED', 'PENDING')`;
    return count === 1;
  }

  /**
   * A failed attempt that will be retried: the lease covers the backoff, so the row is not
   * re-dispatched meanwhile. Answers the new lease (the retry's own), or null if the row is no longer
   * CLAIMED.
   */
  async recordRetry(id: string, error: string, leaseMs: number): Promise<Date | null> {
    const [row] = await this.prisma.write<{ lease: Date }>(Prisma.sql`
      UPDATE reminder SET last_error = ${error.slice(0, 1000)}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'
      RETURNING lease_until AS lease`);
    return row?.lease ?? null;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.prisma.write(Prisma.sql`
      UPDATE reminder SET status = 'FAILED', last_error = ${error.slice(0, 1000)}, lease_until = NULL, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'CLAIMED'`);
  }

  /** Reminders whose attempt this job started but a stopping worker will not try: back to PENDING, the attempt not counted. */
  async handBack(ids: string[]): Promise<void> {
    await this.prisma.write(Prisma.sql`
      WITH chunk AS MATERIALIZED (${lockedReminders(ids)})
      UPDATE reminder SET status = 'PENDING', lease_until = NULL, attempts = greatest(reminder.attempts - 1, 0), updated_at = now()
      FROM chunk WHERE reminder.id = chunk.id AND chunk.status = 'CLAIMED'`);
  }

  /**
   * Reminders handed to this job (its lease) that it will not start: back to PENDING, their attempts as
   * they were. A row another run of the job has started carries a new lease and is left alone.
   */
  async handBackUnstarted(ids: string[], lease: Date): Promise<void> {
    await this.prisma.write(Prisma.sql`
      WITH chunk AS MATERIALIZED (${lockedReminders(ids)})
      UPDATE reminder SET status = 'PENDING', lease_until = NULL, updated_at = now()
      FROM chunk WHERE reminder.id = chunk.id AND chunk.status = 'CLAIMED' AND chunk.lease_until = ${lease}::timestamptz`);
  }

  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.transaction(work);
  }
}

/**
 * One statement for the whole chunk: which rows are still ours, which are superseded, over the daily
 * limit (counting what the person was sent in the last 24 hours, what is being sent to them now, and
 * this chunk's earlier rows for them) or of a closed commitment; the rest get their attempt.
 *
 * Every row is reached through a key the chunk holds (the ids, their commitments, their recipients),
 * so the plan does not hinge on how many rows the table's statistics say are CLAIMED or SENT: in a
 * burst those numbers change within seconds (see lockedReminders). Closed commitments are found by joining
 * on the key rather than by a status filter (which partial indexes on open commitments would answer by
 * scanning), and each recipient's sends and sends in flight are counted through the index of what
 * people were sent, recipient by recipient: what was sent as a range of the last day (not the person's
 * whole history), what is in flight leaving out the chunk's own rows through a hash of them (a
 * comparison with each of its ids cost more than the rest of the count). Both name the status as that
 * index's condition does, `IN ('SENT', 'CLAIMED')`, which neither the status index (it leaves CLAIMED
 * out) nor the claims index can answer, and tell the two apart by sent_at, which only SENT rows have
 * (a check constraint holds every write to that):
 * with `status = 'CLAIMED'` instead, statistics from a quiet moment read every claim of a burst for
 * each recipient.
 */
export function startStatement(ids: string[], recipients: string[], o: AttemptOptions): Prisma.Sql {
  return Prisma.sql`
    WITH chunk AS MATERIALIZED (${lockedReminders(ids)}),
    ours AS (
      SELECT id, recipient_person_id, commitment_id, kind, fire_at, retry_requested_at IS NOT NULL OR ${o.forced}::boolean AS forced
      FROM chunk WHERE status = 'CLAIMED' AND lease_until = ${o.lease}::timestamptz),
    checked AS (
      SELECT ours.*,
        ours.kind <> 'DIGEST' AND (c.id IS NULL OR c.deleted_at IS NOT NULL OR c.status NOT IN ('OPEN', 'IN_PROGRESS')) AS closed,
        ${isSupersededRow('ours')} AS superseded
      FROM ours LEFT JOIN commitment c ON c.id = ours.commitment_id),
    sendable AS (
      SELECT id, recipient_person_id, forced, row_number() OVER (PARTITION BY recipient_person_id ORDER BY fire_at, id) AS place
      FROM checked WHERE NOT closed AND NOT superseded AND kind <> 'DIGEST'),
    recent AS MATERIALIZED (
      SELECT p.id AS recipient_person_id,
        (SELECT count(*) FROM reminder x
         WHERE x.recipient_person_id = p.id AND x.status IN ('SENT', 'CLAIMED') AND x.kind <> 'DIGEST'
           AND x.sent_at > now() - interval '1 day')
        + (SELECT count(*) FROM reminder x
           WHERE x.recipient_person_id = p.id AND x.status IN ('SENT', 'CLAIMED') AND x.kind <> 'DIGEST'
             AND x.sent_at IS NULL AND x.attempts > 0 AND x.id NOT IN (SELECT id FROM chunk)) AS sends
      FROM unnest(${recipients}::uuid[]) AS p(id)),
    over_limit AS (
      SELECT s.id FROM sendable s LEFT JOIN recent USING (recipient_person_id)
      WHERE NOT s.forced AND coalesce(recent.sends, 0) + s.place > ${o.dailyLimit}),
    started AS (
      UPDATE reminder SET attempts = reminder.attempts + 1, lease_until = now() + make_interval(secs => ${o.leaseSeconds}), updated_at = now()
      FROM checked
      WHERE reminder.id = checked.id AND NOT checked.closed AND NOT checked.superseded
        AND checked.id NOT IN (SELECT id FROM over_limit)
      RETURNING reminder.id, reminder.attempts)
    SELECT c.id, started.attempts,
      CASE WHEN started.id IS NOT NULL THEN 'started'
           WHEN c.closed THEN 'commitment closed'
           WHEN c.superseded THEN 'superseded'
           WHEN c.id IN (SELECT id FROM over_limit) THEN 'over daily limit'
           ELSE 'not claimed' END AS outcome
    FROM checked c LEFT JOIN started ON started.id = c.id`;
}
