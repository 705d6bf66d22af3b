import { describe, expect, it } from '@jest/globals';
import type { DigestCandidate } from './digest.repository.js';
import { sortIntoSections } from './digest-sections.js';

const candidate = (
  id: string,
  deadlineEnd: string,
  roles: DigestCandidate['roles'],
  escalatedBy: string[] = [],
  deadlineTimeZone = 'UTC',
): DigestCandidate => ({
  id,
  title: id,
  deadlinePrecision: 'DATETIME',
  deadlineValue: deadlineEnd,
  deadlineTimeZone,
  deadlineEnd: new Date(deadlineEnd),
  deadlineMeeting: null,
  roles,
  escalatedBy,
});

describe(sortIntoSections.name, () => {
  const now = new Date('2026-03-20T08:00:00Z');
  const sections = (candidates: DigestCandidate[], escalateAfter: string | null = 'P7D') =>
    sortIntoSections(candidates, now, escalateAfter).map(({ section, candidate: c }) => `${c.id} ${section}`);

  it('files what the reader owes, watches and was escalated to them', () => {
    expect(
      sections([
        candidate('owed', '2026-03-25T00:00:00Z', ['RESPONSIBLE']),
        candidate('watched', '2026-03-01T00:00:00Z', ['WATCHER']),
        candidate('escalated', '2026-03-01T00:00:00Z', [], ['Owner']),
      ]),
    ).toEqual(['owed RESPONSIBLE', 'watched WATCHING', 'escalated ESCALATED']);
  });

  it('lists a commitment once: owed before escalated before watched', () => {
    expect(
      sections([
        candidate('both', '2026-03-01T00:00:00Z', ['RESPONSIBLE', 'WATCHER'], ['Owner']),
        candidate('watched and escalated', '2026-03-01T00:00:00Z', ['WATCHER'], ['Owner']),
      ]),
    ).toEqual(['both RESPONSIBLE', 'watched and escalated ESCALATED']);
  });

  it('escalates only once the commitment is REMINDER_ESCALATE_AFTER late', () => {
    const justLate = candidate('just late', '2026-03-15T00:00:00Z', [], ['Owner']);
    const watchedJustLate = candidate('watched just late', '2026-03-15T00:00:00Z', ['WATCHER'], ['Owner']);
    const weekLate = candidate('week late', '2026-03-13T08:00:00Z', [], ['Owner']);
    expect(sections([justLate, watchedJustLate, weekLate])).toEqual(['watched just late WATCHING', 'week late ESCALATED']);
    expect(sections([weekLate], null)).toEqual([]);
  });

  it('counts the escalation delay in the deadline’s zone, across a change of clocks', () => {
    // 1 March 2026 23:59 in New York plus P19D lands on 20 March 23:59 local; clocks moved on 8 March.
    const ny = candidate('new york', '2026-03-02T04:59:59.999Z', [], ['Owner'], 'America/New_York');
    expect(sortIntoSections([ny], new Date('2026-03-21T03:59:59.999Z'), 'P19D')).toHaveLength(1);
    expect(sortIntoSections([ny], new Date('2026-03-21T03:59:59.998Z'), 'P19D')).toHaveLength(0);
  });
});
