import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ReminderStatus } from './reminder-ledger.js';
import type { PlannedReminder } from './reminder-plan.js';
import { catchUpAfterDigest, REPLACED_BY_DIGEST, returningReaders, withoutDigestReaders, type DigestLedgerRow } from './reminder-digest-readers.js';

const now = new Date('2026-07-01T12:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const planned = (key: string, minutes: number, personId = 'sana'): PlannedReminder => ({
  recipientPersonId: personId,
  kind: 'OVERDUE',
  offset: 'P1D',
  fireAt: at(minutes),
  dedupeKey: key,
});
const row = (key: string, status: ReminderStatus, minutes: number, skipReason: string | null = null, personId = 'sana'): DigestLedgerRow => ({
  id: `id-${key}`,
  dedupeKey: key,
  recipientPersonId: personId,
  status,
  fireAt: at(minutes),
  skipReason,
});

describe(withoutDigestReaders.name, () => {
  it('replaces a digest reader’s future reminders and keeps those already due and everyone else’s', () => {
    const plan = [planned('due', -1), planned('later', 60), planned('ali later', 60, 'ali')];
    const { kept, replaced } = withoutDigestReaders(plan, new Set(['sana']), now);
    expect(kept.map((p) => p.dedupeKey)).toEqual(['due', 'ali later']);
    expect([...replaced]).toEqual(['later']);
  });
});

describe(catchUpAfterDigest.name, () => {
  const plan = [planned('first', -120), planned('second', -30), planned('third', 60)];

  it('sends the newest due reminder once when one came due after the last digest', () => {
    const ledger = [row('first', 'SENT', -120), row('second', 'CANCELLED', -30, REPLACED_BY_DIGEST), row('third', 'PENDING', 60)];
    expect(returningReaders(ledger, new Set(), now)).toEqual(['sana']);
    expect(catchUpAfterDigest(ledger, plan, new Set(), new Map([['sana', at(-60)]]), now)).toEqual({ insert: [], revive: ['id-second'] });
  });

  it('sends nothing when a digest went out after it', () => {
    const ledger = [row('second', 'CANCELLED', -30, REPLACED_BY_DIGEST)];
    expect(catchUpAfterDigest(ledger, plan, new Set(), new Map([['sana', at(-10)]]), now)).toEqual({ insert: [], revive: [] });
  });

  it('sends nothing while the person still reads the digest, or once a later reminder was sent', () => {
    const ledger = [row('second', 'CANCELLED', -30, REPLACED_BY_DIGEST)];
    expect(returningReaders(ledger, new Set(['sana']), now)).toEqual([]);
    expect(returningReaders([...ledger, row('caught up', 'SENT', -5)], new Set(), now)).toEqual([]);
  });

  it('ignores reminders cancelled for any other reason', () => {
    expect(returningReaders([row('second', 'CANCELLED', -30, 'plan changed')], new Set(), now)).toEqual([]);
  });

  it('adds the newest due reminder of the plan when the ledger does not have it', () => {
    const ledger = [row('first', 'CANCELLED', -120, REPLACED_BY_DIGEST)];
    expect(catchUpAfterDigest(ledger, plan, new Set(), new Map(), now)).toEqual({ insert: [planned('second', -30)], revive: [] });
  });
});

describe('the ledger index and query for re-planning', () => {
  it('name the digest-replaced rows by the same reason the planner writes', () => {
    const literal = `'${REPLACED_BY_DIGEST}'`;
    expect(readFileSync('prisma/migrations/20261201193000_reminder_commitment_live_idx/migration.sql', 'utf8')).toContain(literal);
    expect(readFileSync('src/reminders/reminder-plan.repository.ts', 'utf8')).toContain(literal);
  });
});
