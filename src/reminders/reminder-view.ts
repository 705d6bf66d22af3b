import { deadlineLabel } from '../deadlines/deadline-label.js';
import type { ReminderEmailView } from '../mail/reminder-email.js';
import type { ReminderKind } from './reminder-plan.js';
import type { DeliveryCommitment, DeliveryRow } from './reminder-delivery.repository.js';

export function labelOf(c: DeliveryCommitment): string {
  if (!c.deadlinePrecision) return 'no deadline';
  return deadlineLabel(c.deadlinePrecision, c.deadlineValue, c.deadlineTimeZone ?? 'UTC', c.deadlineMeeting);
}

/** What the reminder email says, from the ledger row and its commitment as they are now. */
export function reminderView(row: DeliveryRow & { commitment: DeliveryCommitment }, kind: ReminderKind, now: Date, publicUrl: string): ReminderEmailView {
  const c = row.commitment;
  return {
    kind,
    recipient: { name: row.recipient.name, timeZone: row.recipient.timeZone },
    commitment: { id: c.id, title: c.title, description: c.description, deadlineLabel: labelOf(c), deadlineEnd: c.deadlineEnd },
    owedBy: { party: c.ownerParty?.name ?? null, people: c.people.map((p) => p.person.name) },
    owedTo: c.counterparty?.name ?? null,
    meeting: c.meeting && {
      series: c.meeting.series?.name ?? null,
      round: c.meeting.round,
      title: c.meeting.title,
      location: c.meeting.location,
      startsAt: c.meeting.startsAt,
      timeZone: c.meeting.timeZone,
    },
    sourceQuote: c.sourceQuote,
    notes: c.events.filter((e) => e.note).map((e) => ({ at: e.createdAt, actor: e.actor, text: e.note ?? '' })),
    now,
    publicUrl,
  };
}
