import { DateTime, type Duration } from 'luxon';
import type { CommitmentRole, CommitmentStatus } from '../generated/prisma/enums.js';
import { formatOffset, MIN_REPEAT, parseOffset, type ReminderPolicy } from './reminder-policy.js';

export const reminderKinds = ['BEFORE_DUE', 'DUE', 'OVERDUE', 'ESCALATION'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export interface PlanRecipient {
  personId: string;
  timeZone: string;
  role: CommitmentRole;
  escalationContact: { personId: string; timeZone: string } | null;
}

export interface PlanInput {
  commitmentId: string;
  status: CommitmentStatus;
  /** The deadline window's last millisecond; null while a MEETING deadline's meeting has no date. */
  deadlineEnd: Date | null;
  deadlineTimeZone: string | null;
  recipients: PlanRecipient[];
  policy: ReminderPolicy;
  /** How late a commitment must be before responsible people's escalation contacts hear of it; null never. */
  escalateAfter: string | null;
  now: Date;
}

export interface PlannedReminder {
  recipientPersonId: string;
  kind: ReminderKind;
  offset: string;
  fireAt: Date;
  dedupeKey: string;
}

/**
 * Only commitments someone is working on are reminded of. PROPOSED ones are extraction's candidates
 * nobody has accepted yet; DEFERRED ones are on hold until they get a new date; DONE and CANCELLED are
 * closed.
 */
const REMINDED: ReadonlySet<CommitmentStatus> = new Set<CommitmentStatus>(['OPEN', 'IN_PROGRESS']);

const kindRank: Record<ReminderKind, number> = { BEFORE_DUE: 0, DUE: 1, OVERDUE: 2, ESCALATION: 3 };

interface Step {
  offset: Duration;
  iso: string;
  kind: Exclude<ReminderKind, 'ESCALATION'>;
  /** end + offset in the deadline's zone, before any move to a local hour. */
  target: DateTime;
  repeat: boolean;
}

/**
 * The reminders a commitment should have, as ledger rows. The dedupe key includes the fire time, so a
 * moved deadline yields new keys (the old rows are cancelled, or stay SENT) while an unchanged plan
 * yields the same keys and recomputing it changes nothing.
 *
 * Overdue repeats are not planned ahead without bound: for each recipient the plan holds the latest
 * repeat that has already come due (so a row still waiting to be dispatched is kept) and the next one.
 * Recomputing after a repeat fires adds the one after it.
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  if (!REMINDED.has(input.status) || input.deadlineEnd === null || input.policy.offsets.length === 0) return [];
  const end = DateTime.fromJSDate(input.deadlineEnd, { zone: input.deadlineTimeZone ?? 'UTC' });
  const fixed = input.policy.offsets.map((iso) => step(end, parseOffset(iso), false)).sort(byTarget);
  const escalateAt = input.escalateAfter === null ? null : end.plus(parseOffset(input.escalateAfter));
  const rows: PlannedReminder[] = [];

  const add = (personId: string, timeZone: string, kind: ReminderKind, s: Step) => {
    const fireAt = moveToLocalTime(s.target, timeZone, input.policy.localTime).toJSDate();
    const dedupeKey = `${input.commitmentId}:${personId}:${kind}:${s.iso}:${fireAt.toISOString()}`;
    rows.push({ recipientPersonId: personId, kind, offset: s.iso, fireAt, dedupeKey });
  };

  for (const recipient of uniqueRecipients(input.recipients)) {
    const steps = [...fixed, ...repeats(fixed, input.policy, recipient.timeZone, input.now)];
    for (const s of steps) add(recipient.personId, recipient.timeZone, s.kind, s);
    const contact = recipient.role === 'RESPONSIBLE' ? recipient.escalationContact : null;
    if (!contact || !escalateAt) continue;
    const late = [...fixed, ...repeats(fixed, input.policy, contact.timeZone, input.now)];
    for (const s of late) if (s.kind === 'OVERDUE' && s.target >= escalateAt) add(contact.personId, contact.timeZone, 'ESCALATION', s);
  }
  return collapse(rows);
}

function step(end: DateTime, offset: Duration, repeat: boolean): Step {
  const target = end.plus(offset);
  const kind = target < end ? 'BEFORE_DUE' : target.equals(end) ? 'DUE' : 'OVERDUE';
  return { offset, iso: formatOffset(offset), kind, target, repeat };
}

const byTarget = (a: Step, b: Step) => a.target.toMillis() - b.target.toMillis();

/**
 * The calendar day is the one the deadline's own zone gives end + offset ("the day before" a deadline
 * in Karachi is that day everywhere); the hour is the recipient's.
 */
export function moveToLocalTime(target: DateTime, timeZone: string, localTime: string | null): DateTime {
  if (localTime === null) return target;
  const [hour, minute] = localTime.split(':').map(Number);
  return DateTime.fromObject({ year: target.year, month: target.month, day: target.day, hour, minute }, { zone: timeZone });
}

/**
 * Around `now`: the last repeat already due for this zone (if any) and the next one. The repeat's
 * number is found by search, not by walking: its cost is the same for a deadline a minute or twenty
 * years past. A policy stored before repeats were bounded still repeats at most hourly.
 */
function repeats(fixed: Step[], policy: ReminderPolicy, timeZone: string, now: Date): Step[] {
  const last = fixed.at(-1);
  if (!policy.repeatOverdueEvery || !last) return [];
  const every = atLeast(parseOffset(policy.repeatOverdueEvery), MIN_REPEAT);
  const end = last.target.minus(last.offset);
  const at = (k: number) => step(end, last.offset.plus(every.mapUnits((v) => v * k)), true);
  const due = (k: number) => moveToLocalTime(at(k).target, timeZone, policy.localTime).toMillis() <= now.getTime();
  const k = firstNotDue(due, (now.getTime() - last.target.toMillis()) / every.toMillis());
  return k > 1 ? [at(k - 1), at(k)] : [at(k)];
}

function atLeast(every: Duration, floor: Duration): Duration {
  return every.toMillis() < floor.toMillis() ? floor : every;
}

/**
 * The smallest k >= 1 whose repeat is not yet due, given that being due only ever turns false as k
 * grows. `estimate` (months at their average length) lands within a few repeats of it; the bracket
 * around it widens by doubling until it holds the answer, then halves.
 */
export function firstNotDue(due: (k: number) => boolean, estimate: number): number {
  const guess = Math.max(1, Math.floor(Number.isFinite(estimate) ? estimate : 1));
  if (!due(1)) return 1;
  let lo = 1; // due
  let hi = guess + 1; // not due, once widened
  for (let width = 2; due(hi); width *= 2) [lo, hi] = [hi, hi + width];
  for (let width = 2; lo < hi - width; width *= 2) {
    const probe = hi - width;
    if (due(probe)) {
      lo = probe;
      break;
    }
    hi = probe;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (due(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A person appears once, as RESPONSIBLE if they are both responsible and watching. */
function uniqueRecipients(recipients: PlanRecipient[]): PlanRecipient[] {
  const byId = new Map<string, PlanRecipient>();
  for (const r of recipients) {
    const seen = byId.get(r.personId);
    if (!seen || (seen.role !== 'RESPONSIBLE' && r.role === 'RESPONSIBLE')) byId.set(r.personId, r);
  }
  return [...byId.values()];
}

/**
 * One email per person per instant: when offsets land on the same local hour, or a watcher is also an
 * escalation contact, the most pressing kind (then the latest offset) wins.
 */
function collapse(rows: PlannedReminder[]): PlannedReminder[] {
  const best = new Map<string, PlannedReminder>();
  for (const row of rows) {
    const key = `${row.recipientPersonId}@${row.fireAt.getTime()}`;
    const seen = best.get(key);
    if (
      !seen ||
      kindRank[row.kind] > kindRank[seen.kind] ||
      (row.kind === seen.kind && parseOffset(row.offset).toMillis() > parseOffset(seen.offset).toMillis())
    ) {
      best.set(key, row);
    }
  }
  return [...best.values()].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.recipientPersonId.localeCompare(b.recipientPersonId));
}
