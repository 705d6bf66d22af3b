import type { CommitmentRole } from '../generated/prisma/enums.js';
import { deadlineLabel } from '../deadlines/deadline-label.js';
import { isOverdue, toZonedIso } from '../deadlines/deadline-window.js';
import type { DeadlineJson } from '../deadlines/deadline.schemas.js';
import type { CommitmentEventJson, CommitmentJson } from './commitment.schemas.js';
import type { CommitmentEventRow, CommitmentRow } from './commitments.repository.js';

export function personIds(row: Pick<CommitmentRow, 'people'>, role: CommitmentRole): string[] {
  return row.people.filter((p) => p.role === role).map((p) => p.personId);
}

export function toCommitmentJson(row: CommitmentRow, now: Date = new Date()): CommitmentJson {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    meetingId: row.meetingId,
    ownerPartyId: row.ownerPartyId,
    counterpartyId: row.counterpartyId,
    responsiblePersonIds: personIds(row, 'RESPONSIBLE'),
    watcherPersonIds: personIds(row, 'WATCHER'),
    deadline: toDeadlineJson(row),
    status: row.status,
    overdue: isOverdue(row.deadlineEnd, row.status, now),
    sourceQuote: row.sourceQuote,
    sourceStart: row.sourceStart,
    sourceEnd: row.sourceEnd,
    tags: row.tags,
    assessment: row.assessment,
    kind: row.kind,
    confidence: row.confidence,
    completedAt: row.completedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedByPersonId,
    reminderPolicy: (row.reminderPolicy as CommitmentJson['reminderPolicy']) ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDeadlineJson(row: CommitmentRow): DeadlineJson | null {
  if (!row.deadlinePrecision) return null;
  const timeZone = row.deadlineTimeZone ?? 'UTC';
  return {
    precision: row.deadlinePrecision,
    value: row.deadlineValue,
    meetingId: row.deadlineMeetingId,
    timeZone,
    phrase: row.deadlinePhrase,
    start: row.deadlineStart ? toZonedIso(row.deadlineStart, timeZone) : null,
    end: row.deadlineEnd ? toZonedIso(row.deadlineEnd, timeZone) : null,
    label: deadlineLabel(row.deadlinePrecision, row.deadlineValue, timeZone, row.deadlineMeeting),
  };
}

export function toEventJson(row: CommitmentEventRow): CommitmentEventJson {
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    type: row.type,
    changes: (row.changes as CommitmentEventJson['changes']) ?? null,
    note: row.note,
    actor: row.actor,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Strong ETag from the version: it changes with every write. */
export const etagOf = (row: { version: number }) => `"${row.version}"`;
