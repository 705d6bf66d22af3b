import type { PlannedReminder } from './reminder-plan.js';

export const reminderStatuses = ['PENDING', 'CLAIMED', 'SENT', 'FAILED', 'CANCELLED', 'SKIPPED'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

/** What the ledger already holds for one commitment, as far as re-planning needs to know. */
export interface LedgerRow {
  id: string;
  dedupeKey: string;
  recipientPersonId: string;
  status: ReminderStatus;
  fireAt: Date;
}

export interface LedgerChanges {
  insert: PlannedReminder[];
  /** Rows still waiting (PENDING) or in flight (CLAIMED) that the new plan no longer has. */
  cancel: string[];
  /** Rows cancelled by an earlier change that the plan has again, still in the future. */
  revive: string[];
}

const WAITING: ReadonlySet<ReminderStatus> = new Set<ReminderStatus>(['PENDING', 'CLAIMED']);

/**
 * Turns a fresh plan into ledger changes. Rows already SENT, SKIPPED or FAILED are history and never
 * touched. Planned rows whose time has passed are not added: a plan made or moved today does not send
 * a burst of reminders that belonged to yesterday. One exception keeps nothing from being missed: when
 * a change cancels a reminder that was already due and waiting, the person gets the newest due row of
 * the new plan instead, as they would have after a catch-up.
 */
export function reconcileLedger(existing: LedgerRow[], planned: PlannedReminder[], now: Date): LedgerChanges {
  const byKey = new Map(existing.map((row) => [row.dedupeKey, row]));
  const plannedKeys = new Set(planned.map((p) => p.dedupeKey));
  const changes: LedgerChanges = { insert: [], cancel: [], revive: [] };
  const isFuture = (date: Date) => date.getTime() > now.getTime();

  for (const p of planned) {
    const row = byKey.get(p.dedupeKey);
    if (!row) {
      if (isFuture(p.fireAt)) changes.insert.push(p);
    } else if (row.status === 'CANCELLED' && isFuture(p.fireAt)) {
      changes.revive.push(row.id);
    }
  }

  const dueAndDropped = new Set<string>();
  for (const row of existing) {
    if (!WAITING.has(row.status) || plannedKeys.has(row.dedupeKey)) continue;
    changes.cancel.push(row.id);
    if (!isFuture(row.fireAt)) dueAndDropped.add(row.recipientPersonId);
  }
  for (const personId of dueAndDropped) {
    const newestDue = planned.filter((p) => p.recipientPersonId === personId && !isFuture(p.fireAt)).sort((a, b) => b.fireAt.getTime() - a.fireAt.getTime())[0];
    if (newestDue && !byKey.has(newestDue.dedupeKey)) changes.insert.push(newestDue);
  }
  return changes;
}
