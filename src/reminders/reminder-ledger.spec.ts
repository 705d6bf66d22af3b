import { describe, expect, it } from '@jest/globals';
import { reconcileLedger, type LedgerRow, type ReminderStatus } from './reminder-ledger.js';
import type { PlannedReminder } from './reminder-plan.js';

const now = new Date('2026-07-01T12:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

const planned = (key: string, minutes: number, personId = 'ali'): PlannedReminder => ({
  recipientPersonId: personId,
  kind: minutes < 0 ? 'BEFORE_DUE' : 'OVERDUE',
  offset: 'P0D',
  fireAt: at(minutes),
  dedupeKey: key,
});
const row = (key: string, status: ReminderStatus, minutes: number, personId = 'ali'): LedgerRow => ({
  id: `id-${key}`,
  dedupeKey: key,
  recipientPersonId: personId,
  status,
  fireAt: at(minutes),
});

describe(reconcileLedger.name, () => {
  it('adds future rows of a new plan and leaves out those already past', () => {
    const changes = reconcileLedger([], [planned('past', -5), planned('soon', 5)], now);
    expect(changes).toEqual({ insert: [planned('soon', 5)], cancel: [], revive: [] });
  });

  it('changes nothing when the plan is unchanged, even for a row due and waiting', () => {
    const plan = [planned('due', -1), planned('later', 60)];
    const changes = reconcileLedger([row('due', 'PENDING', -1), row('later', 'PENDING', 60)], plan, now);
    expect(changes).toEqual({ insert: [], cancel: [], revive: [] });
  });

  it('cancels waiting and in-flight rows the plan no longer has, and never touches history', () => {
    const existing = [row('a', 'PENDING', 10), row('b', 'CLAIMED', 0), row('c', 'SENT', -10), row('d', 'FAILED', -20), row('e', 'SKIPPED', -30)];
    expect(reconcileLedger(existing, [], now)).toEqual({ insert: [], cancel: ['id-a', 'id-b'], revive: [] });
  });

  it('revives a cancelled row that comes back into a plan while still in the future', () => {
    const changes = reconcileLedger([row('a', 'CANCELLED', 10), row('b', 'CANCELLED', -10)], [planned('a', 10), planned('b', -10)], now);
    expect(changes).toEqual({ insert: [], cancel: [], revive: ['id-a'] });
  });

  it('does not send again a reminder already sent for the same moment', () => {
    expect(reconcileLedger([row('a', 'SENT', 10)], [planned('a', 10)], now)).toEqual({ insert: [], cancel: [], revive: [] });
  });

  it('replaces a due reminder it cancels with the newest due one of the new plan, for that person only', () => {
    const existing = [row('old-due', 'PENDING', -3, 'ali'), row('bo-future', 'PENDING', 30, 'bo')];
    const plan = [planned('new-older', -60, 'ali'), planned('new-newest', -2, 'ali'), planned('new-next', 60, 'ali'), planned('bo-past', -1, 'bo')];
    const changes = reconcileLedger(existing, plan, now);
    expect(changes.cancel).toEqual(['id-old-due', 'id-bo-future']);
    expect(changes.insert.map((p) => p.dedupeKey)).toEqual(['new-next', 'new-newest']);
  });

  it('adds nothing in place of a cancelled due reminder when the commitment is closed', () => {
    expect(reconcileLedger([row('due', 'CLAIMED', -1)], [], now)).toEqual({ insert: [], cancel: ['id-due'], revive: [] });
  });
});
