import { deadlineLabel } from '../deadlines/deadline-label.js';
import { deadlineTimeOf } from '../mail/reader-time.js';
import type { ReminderEmailView } from '../mail/reminder-email.js';
import type { DeliveryCommitment, DeliveryRow } from './reminder-delivery.query.js';
import type { ReminderKind } from './reminder-plan.js';

export function labelOf(c: DeliveryCommitment): string {
  if (!c.deadlinePrecision) return 'no deadline';
  return deadlineLabel(c.deadlinePrecision, c.deadlineValue, c.deadlineTimeZone ?? 'UTC', c.deadlineMeeting);
}

/** What the reminder email says, from the ledger row and its commitment as they are now. */
export function reminderView(row: DeliveryRow, c: DeliveryCommitment, kind: ReminderKind, now: Date, publicUrl: string): ReminderEmailView {
  return {
    kind,
    recipient: { name: row.recipient.name, timeZone: row.recipient.timeZone },
    commitment: {
      id: c.id,
      title: c.title,
      description: c.description,
      deadlineLabel: labelOf(c),
      deadlineEnd: c.deadlineEnd,
      deadlineTime: deadlineTimeOf(c.deadlinePrecision, c.deadlineEnd, c.deadlineTimeZone),
    },
    owedBy: { party: c.ownerParty, people: c.responsible },
    owedTo: c.counterparty,
    meeting: c.meeting,
    sourceQuote: c.sourceQuote,
    notes: c.notes.flatMap((n) => (n.note ? [{ at: n.createdAt, actor: n.actor, text: n.note }] : [])),
    now,
    publicUrl,
  };
}
