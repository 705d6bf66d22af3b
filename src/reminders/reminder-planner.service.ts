import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { reconcileLedger } from './reminder-ledger.js';
import { catchUpAfterDigest, REPLACED_BY_DIGEST, returningReaders, withoutDigestReaders } from './reminder-digest-readers.js';
import { planReminders, type PlanRecipient } from './reminder-plan.js';
import { effectivePolicy, reminderPolicySchema, type ReminderPolicy } from './reminder-policy.js';
import { ReminderPlanRepository, type Tx } from './reminder-plan.repository.js';

type PlannedCommitment = NonNullable<Awaited<ReturnType<ReminderPlanRepository['findCommitment']>>>;

/**
 * Keeps a commitment's reminder ledger in step with the commitment. Called inside the transaction that
 * changes the commitment (deadline, status, people, policy), so the plan can never lag behind it.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly repository: ReminderPlanRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async replan(tx: Tx, commitmentId: string): Promise<void> {
    const commitment = await this.repository.findCommitment(tx, commitmentId);
    const now = await this.repository.clock(tx);
    const planned =
      commitment && commitment.deletedAt === null && commitment.deadlinePrecision
        ? planReminders({
            commitmentId,
            status: commitment.status,
            deadlineEnd: commitment.deadlineEnd,
            deadlineTimeZone: commitment.deadlineTimeZone,
            recipients: recipientsOf(commitment),
            policy: this.policyOf(commitment),
            escalateAfter: this.config.REMINDER_ESCALATE_AFTER,
            now,
          })
        : [];
    const readers = commitment ? digestReadersOf(commitment) : new Set<string>();
    const { kept, replaced } = withoutDigestReaders(planned, readers, now);
    const existing = await this.repository.ledgerOf(tx, commitmentId);
    const changes = reconcileLedger(existing, kept, now);
    const returning = returningReaders(existing, readers, now);
    if (returning.length) {
      const caughtUp = catchUpAfterDigest(existing, kept, readers, await this.repository.lastDigests(tx, returning), now);
      changes.insert.push(...caughtUp.insert);
      changes.revive.push(...caughtUp.revive);
    }
    const closed = !commitment || commitment.deletedAt !== null || commitment.status === 'DONE' || commitment.status === 'CANCELLED';
    const reason = closed ? 'commitment closed' : 'plan changed';
    const toDigest = new Set(existing.filter((row) => replaced.has(row.dedupeKey)).map((row) => row.id));
    await this.repository.apply(tx, commitmentId, { ...changes, cancel: changes.cancel.filter((id) => !toDigest.has(id)) }, reason);
    await this.repository.cancel(tx, changes.cancel.filter((id) => toDigest.has(id)), REPLACED_BY_DIGEST);
  }

  /** Re-plans from outside a commitment's own write, e.g. once an overdue repeat has fired. */
  async replanLocked(tx: Tx, commitmentId: string): Promise<void> {
    await this.repository.lockCommitment(tx, commitmentId);
    await this.replan(tx, commitmentId);
  }

  /** After a person's time zone, escalation contact or delivery preference changes. */
  async replanForPerson(tx: Tx, personId: string): Promise<void> {
    for (const id of await this.repository.commitmentsOfPerson(tx, personId)) await this.replan(tx, id);
  }

  policyOf(commitment: Pick<PlannedCommitment, 'deadlinePrecision' | 'reminderPolicy'>): ReminderPolicy {
    const override = reminderPolicySchema.safeParse(commitment.reminderPolicy ?? undefined);
    return effectivePolicy(commitment.deadlinePrecision ?? 'DAY', override.success ? override.data : null, this.config.REMINDER_LOCAL_TIME);
  }
}

function recipientsOf(commitment: PlannedCommitment): PlanRecipient[] {
  return commitment.people.map(({ role, person }) => ({
    personId: person.id,
    timeZone: person.timeZone,
    role,
    escalationContact: person.escalationContact && { personId: person.escalationContact.id, timeZone: person.escalationContact.timeZone },
  }));
}

/** Everyone on the commitment, or escalation contact of someone on it, who chose the daily digest. */
function digestReadersOf(commitment: PlannedCommitment): Set<string> {
  return new Set(
    commitment.people.flatMap(({ person }) => [person, person.escalationContact]).filter((p) => p?.reminderDelivery === 'DIGEST').map((p) => p!.id),
  );
}
