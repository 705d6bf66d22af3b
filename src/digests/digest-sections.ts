import { DateTime } from 'luxon';
import { parseOffset } from '../reminders/reminder-policy.js';
import type { DigestCandidate } from './digest.repository.js';

export const digestSections = ['RESPONSIBLE', 'ESCALATED', 'WATCHING'] as const;
export type DigestSection = (typeof digestSections)[number];

export interface SortedCandidate {
  section: DigestSection;
  candidate: DigestCandidate;
}

/**
 * Puts each commitment in the one section that says why the reader hears of it, as the single reminders
 * would have: what they owe first, then what was escalated to them, then what they watch. An escalation
 * counts once the commitment is `escalateAfter` late (counted in the deadline's own zone, as the
 * reminder plan counts it); before that an escalation contact who is not also on the commitment hears
 * nothing, as with single reminders.
 */
export function sortIntoSections(candidates: DigestCandidate[], now: Date, escalateAfter: string | null): SortedCandidate[] {
  const escalated = (c: DigestCandidate) =>
    escalateAfter !== null &&
    c.escalatedBy.length > 0 &&
    c.deadlineEnd !== null &&
    DateTime.fromJSDate(c.deadlineEnd, { zone: c.deadlineTimeZone ?? 'UTC' })
      .plus(parseOffset(escalateAfter))
      .toMillis() <= now.getTime();
  const sorted: SortedCandidate[] = [];
  for (const candidate of candidates) {
    const section: DigestSection | null = candidate.roles.includes('RESPONSIBLE')
      ? 'RESPONSIBLE'
      : escalated(candidate)
        ? 'ESCALATED'
        : candidate.roles.includes('WATCHER')
          ? 'WATCHING'
          : null;
    if (section) sorted.push({ section, candidate });
  }
  return sorted;
}
