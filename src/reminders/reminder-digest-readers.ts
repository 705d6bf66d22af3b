import type { LedgerChanges, LedgerRow } from './reminder-ledger.js';
import type { PlannedReminder } from './reminder-plan.js';

/** Written on a single reminder the daily digest carries instead, and on a digest single reminders replace. */
export const REPLACED_BY_DIGEST = 'replaced by the daily digest';
export const REPLACED_BY_SINGLE_REMINDERS = 'replaced by single reminders';

export type DigestLedgerRow = LedgerRow & { skipReason: string | null };

const isDue = (date: Date, now: Date) => date.getTime() <= now.getTime();

/**
 * People who chose the daily digest hear of a commitment there (what they owe, watch, or had escalated
 * to them) instead of one email per reminder. A reminder whose time has already come is kept: it was
 * due before the reader switched, and the next digest may be a day away.
 */
export function withoutDigestReaders(planned: PlannedReminder[], readers: ReadonlySet<string>, now: Date): { kept: PlannedReminder[]; replaced: Set<string> } {
  const kept: PlannedReminder[] = [];
  const replaced = new Set<string>();
  for (const p of planned) {
    if (readers.has(p.recipientPersonId) && !isDue(p.fireAt, now)) replaced.add(p.dedupeKey);
    else kept.push(p);
  }
  return { kept, replaced };
}

/**
 * Reminders the digest replaced whose time came while no digest went out after them, for people who
 * read single reminders again: without a catch-up they would never hear of them. A row due at or after
 * that time and not cancelled (sent, skipped, failed, or waiting to go) means they are already caught up.
 */
function uncovered(existing: DigestLedgerRow[], readers: ReadonlySet<string>, now: Date): DigestLedgerRow[] {
  return existing.filter(
    (row) =>
      row.status === 'CANCELLED' &&
      row.skipReason === REPLACED_BY_DIGEST &&
      isDue(row.fireAt, now) &&
      !readers.has(row.recipientPersonId) &&
      !existing.some(
        (other) => other.recipientPersonId === row.recipientPersonId && other.status !== 'CANCELLED' && other.fireAt >= row.fireAt && isDue(other.fireAt, now),
      ),
  );
}

/** Who may need a catch-up, so the last digest of only those people is looked up. */
export function returningReaders(existing: DigestLedgerRow[], readers: ReadonlySet<string>, now: Date): string[] {
  return [...new Set(uncovered(existing, readers, now).map((row) => row.recipientPersonId))];
}

/**
 * For each person back on single reminders with a reminder no digest covered (it came due after their
 * last digest), the newest due reminder of the plan, as after a catch-up: one email, not a burst.
 */
export function catchUpAfterDigest(
  existing: DigestLedgerRow[],
  planned: PlannedReminder[],
  readers: ReadonlySet<string>,
  lastDigestAt: ReadonlyMap<string, Date>,
  now: Date,
): Pick<LedgerChanges, 'insert' | 'revive'> {
  const byKey = new Map(existing.map((row) => [row.dedupeKey, row]));
  const changes: Pick<LedgerChanges, 'insert' | 'revive'> = { insert: [], revive: [] };
  const people = new Set(
    uncovered(existing, readers, now)
      .filter((row) => row.fireAt > (lastDigestAt.get(row.recipientPersonId) ?? new Date(0)))
      .map((row) => row.recipientPersonId),
  );
  for (const personId of people) {
    const newestDue = planned
      .filter((p) => p.recipientPersonId === personId && isDue(p.fireAt, now))
      .sort((a, b) => b.fireAt.getTime() - a.fireAt.getTime())[0];
    if (!newestDue) continue;
    const row = byKey.get(newestDue.dedupeKey);
    if (!row) changes.insert.push(newestDue);
    else if (row.status === 'CANCELLED') changes.revive.push(row.id);
  }
  return changes;
}
