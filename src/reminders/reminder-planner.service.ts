import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { catchUpAfterDigest, REPLACED_BY_DIGEST, returningReaders, withoutDigestReaders, type DigestLedgerRow } from './reminder-digest-readers.js';
import { reconcileLedger } from './reminder-ledger.js';
import { planReminders, type PlannedReminder, type PlanRecipient } from './reminder-plan.js';
import { effectivePolicy, reminderPolicySchema, type ReminderPolicy } from './reminder-policy.js';
import { ReminderPlanRepository, type LedgerBatch, type PlannedCommitment, type Tx } from './reminder-plan.repository.js';

/**
 * Keeps commitments' reminder ledgers in step with them. Called by the services that change a
 * commitment, inside the transaction that changes it, so the plan can never lag behind it; and by the
 * worker for changes that fan out to many commitments (see ReplanOutbox).
 *
 * Lock order, everywhere: a commitment's row before its reminders' rows. Every caller holds the
 * commitment's row lock (its own UPDATE, or lockCommitments) before calling replan, which then
 * cancels and inserts reminders.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly repository: ReminderPlanRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Re-plans one commitment whose row the caller's transaction has locked (or just written). */
  replan(tx: Tx, commitmentId: string): Promise<void> {
    return this.replanAll(tx, [commitmentId]);
  }

  /**
   * Re-plans many commitments with three statements, whatever their number: one read of the
   * commitments and their people, one of their ledgers, one for the ledger's changes (and one more for
   * people coming back from the daily digest). The caller holds their rows' locks.
   */
  async replanAll(tx: Tx, commitmentIds: string[]): Promise<void> {
    if (!commitmentIds.length) return;
    const found = await this.repository.findCommitments(tx, commitmentIds);
    const commitments = new Map(found.commitments.map((c) => [c.id, c]));
    const { now } = found;
    const plans = new Map<string, PlannedReminder[]>();
    const drafts = new Map(commitmentIds.map((id) => [id, this.planOf(id, commitments.get(id), now, plans)]));
    const plannedKeys = [...drafts.values()].flatMap((draft) => draft.map((p) => p.dedupeKey));
    const ledgers = groupByCommitment(await this.repository.ledgersOf(tx, commitmentIds, plannedKeys));
    const batch: LedgerBatch = { insert: [], cancel: [], revive: [] };
    for (const id of commitmentIds) {
      const commitment = commitments.get(id);
      const existing = ledgers.get(id) ?? [];
      // People who chose the daily digest hear of the commitment there (see reminder-digest-readers.ts).
      const readers = commitment ? digestReadersOf(commitment) : new Set<string>();
      const optedOut = new Set(commitment?.optedOut);
      const wanted = drafts.get(id)!.filter((p) => !optedOut.has(p.recipientPersonId));
      const { kept, replaced } = withoutDigestReaders(wanted, readers, now);
      const changes = reconcileLedger(existing, kept, now);
      const returning = returningReaders(existing, readers, now);
      if (returning.length) {
        const caughtUp = catchUpAfterDigest(existing, kept, readers, await this.repository.lastDigests(tx, returning), now);
        changes.insert.push(...caughtUp.insert);
        changes.revive.push(...caughtUp.revive);
      }
      const replacedRows = new Set(existing.filter((row) => replaced.has(row.dedupeKey)).map((row) => row.id));
      const reason = isClosed(commitment) ? 'commitment closed' : 'plan changed';
      batch.insert.push(...changes.insert.map((p) => ({ ...p, commitmentId: id })));
      batch.cancel.push(...changes.cancel.map((rowId) => ({ id: rowId, reason: replacedRows.has(rowId) ? REPLACED_BY_DIGEST : reason })));
      batch.revive.push(...changes.revive);
    }
    await this.repository.apply(tx, batch);
  }

  /** Takes the commitments' row locks, in id order (so two batches never wait on each other in a circle). */
  lockCommitments(tx: Tx, commitmentIds: string[]): Promise<string[]> {
    return this.repository.lockCommitments(tx, commitmentIds);
  }

  policyOf(commitment: Pick<PlannedCommitment, 'deadlinePrecision' | 'reminderPolicy'>): ReminderPolicy {
    const override = reminderPolicySchema.safeParse(commitment.reminderPolicy ?? undefined);
    return effectivePolicy(commitment.deadlinePrecision ?? 'DAY', override.success ? override.data : null, this.config.REMINDER_LOCAL_TIME);
  }

  /**
   * A fan-out batch is mostly commitments with the same facts (one extraction's items, due at one
   * meeting, owed by one person): their plans differ only in the commitment's id inside each dedupe
   * key, so each set of facts is planned once per batch (`plans`) and copied with the id put in.
   */
  private planOf(commitmentId: string, commitment: PlannedCommitment | undefined, now: Date, plans: Map<string, PlannedReminder[]>): PlannedReminder[] {
    if (!commitment || commitment.deletedAt !== null || !commitment.deadlinePrecision) return [];
    const facts = JSON.stringify([
      commitment.status,
      commitment.deadlineEnd,
      commitment.deadlineTimeZone,
      commitment.deadlinePrecision,
      commitment.reminderPolicy,
      commitment.people,
    ]);
    let template = plans.get(facts);
    if (!template) {
      template = this.plan(TEMPLATE_ID, commitment, now);
      plans.set(facts, template);
    }
    if (template.some((p) => !p.dedupeKey.includes(TEMPLATE_ID))) return this.plan(commitmentId, commitment, now);
    return template.map((p) => ({ ...p, dedupeKey: p.dedupeKey.replace(TEMPLATE_ID, commitmentId) }));
  }

  private plan(commitmentId: string, commitment: PlannedCommitment, now: Date): PlannedReminder[] {
    return planReminders({
      commitmentId,
      status: commitment.status,
      deadlineEnd: commitment.deadlineEnd,
      deadlineTimeZone: commitment.deadlineTimeZone,
      recipients: recipientsOf(commitment),
      policy: this.policyOf(commitment),
      escalateAfter: this.config.REMINDER_ESCALATE_AFTER,
      now,
    });
  }
}

/** Stands for the commitment's id in a plan made once for many commitments. */
const TEMPLATE_ID = '{commitment}';

function isClosed(commitment: PlannedCommitment | undefined): boolean {
  return !commitment || commitment.deletedAt !== null || commitment.status === 'DONE' || commitment.status === 'CANCELLED';
}

function groupByCommitment(rows: (DigestLedgerRow & { commitmentId: string })[]): Map<string, DigestLedgerRow[]> {
  const groups = new Map<string, DigestLedgerRow[]>();
  for (const row of rows) {
    const group = groups.get(row.commitmentId);
    if (group) group.push(row);
    else groups.set(row.commitmentId, [row]);
  }
  return groups;
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
    commitment.people
      .flatMap(({ person }) => [person, person.escalationContact])
      .filter((p) => p?.reminderDelivery === 'DIGEST')
      .map((p) => p!.id),
  );
}
