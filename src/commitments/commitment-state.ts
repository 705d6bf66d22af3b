import { isDeepStrictEqual } from 'node:util';
import type { Assessment, CommitmentKind, CommitmentStatus } from '../generated/prisma/enums.js';
import type { DeadlineInput } from '../deadlines/deadline.schemas.js';
import type { ReminderPolicyInput } from '../reminders/reminder-policy.js';
import { deadlineAsInput } from './commitment-deadline.js';
import { personIds } from './commitment.mapper.js';
import type { CommitmentRow } from './commitments.repository.js';

/** The editable state of a commitment, as the API speaks of it: what history entries compare. */
export interface CommitmentState {
  title: string;
  description: string | null;
  meetingId: string | null;
  ownerPartyId: string | null;
  counterpartyId: string | null;
  responsiblePersonIds: string[];
  watcherPersonIds: string[];
  deadline: DeadlineInput | null;
  status: CommitmentStatus;
  sourceQuote: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  tags: string[];
  assessment: Assessment | null;
  kind: CommitmentKind | null;
  completedAt: string | null;
  reminderPolicy: ReminderPolicyInput | null;
}

export function stateOf(row: CommitmentRow): CommitmentState {
  return {
    title: row.title,
    description: row.description,
    meetingId: row.meetingId,
    ownerPartyId: row.ownerPartyId,
    counterpartyId: row.counterpartyId,
    responsiblePersonIds: personIds(row, 'RESPONSIBLE'),
    watcherPersonIds: personIds(row, 'WATCHER'),
    deadline: deadlineAsInput(row),
    status: row.status,
    sourceQuote: row.sourceQuote,
    sourceStart: row.sourceStart,
    sourceEnd: row.sourceEnd,
    tags: row.tags,
    assessment: row.assessment,
    kind: row.kind,
    completedAt: row.completedAt?.toISOString() ?? null,
    reminderPolicy: (row.reminderPolicy as ReminderPolicyInput | null) ?? null,
  };
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field differences; lists of people compare as sets. */
export function diff(before: Partial<CommitmentState>, after: Partial<CommitmentState>): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof CommitmentState>;
  for (const key of keys) {
    const normalise = (v: unknown) => (key.endsWith('PersonIds') && Array.isArray(v) ? [...(v as string[])].sort() : v);
    const from = normalise(before[key] ?? null);
    const to = normalise(after[key] ?? null);
    if (!isDeepStrictEqual(from, to)) changes[key] = { from, to };
  }
  return changes;
}
