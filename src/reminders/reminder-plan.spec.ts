import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { firstNotDue, planReminders, type PlanInput, type PlanRecipient } from './reminder-plan.js';
import { defaultPolicy } from './reminder-policy.js';

const person = (
  personId: string,
  timeZone: string,
  role: PlanRecipient['role'] = 'RESPONSIBLE',
  escalationContact: PlanRecipient['escalationContact'] = null,
): PlanRecipient => ({
  personId,
  timeZone,
  role,
  escalationContact,
});

const dayEnd = (day: string, zone: string) => DateTime.fromISO(day, { zone }).endOf('day').toJSDate();

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    commitmentId: 'c1',
    status: 'OPEN',
    deadlineEnd: dayEnd('2026-09-05', 'Asia/Karachi'),
    deadlineTimeZone: 'Asia/Karachi',
    recipients: [person('ali', 'Asia/Karachi')],
    policy: defaultPolicy('DAY', '09:00'),
    escalateAfter: null,
    now: new Date('2026-07-01T00:00:00Z'),
    ...overrides,
  };
}

const summary = (rows: ReturnType<typeof planReminders>) => rows.map((r) => `${r.recipientPersonId} ${r.kind} ${r.offset} ${r.fireAt.toISOString()}`);

describe(planReminders.name, () => {
  it('plans each offset at 09:00 in the recipient’s zone, then the next weekly repeat', () => {
    expect(summary(planReminders(input()))).toEqual([
      'ali BEFORE_DUE -P30D 2026-08-06T04:00:00.000Z',
      'ali BEFORE_DUE -P7D 2026-08-29T04:00:00.000Z',
      'ali BEFORE_DUE -P1D 2026-09-04T04:00:00.000Z',
      'ali DUE P0D 2026-09-05T04:00:00.000Z',
      'ali OVERDUE P1D 2026-09-06T04:00:00.000Z',
      'ali OVERDUE P7D 2026-09-12T04:00:00.000Z',
      'ali OVERDUE P14D 2026-09-19T04:00:00.000Z',
    ]);
  });

  it('fires at each person’s own 09:00: Karachi (UTC+5) and Moscow (UTC+3)', () => {
    const rows = planReminders(
      input({
        recipients: [person('ali', 'Asia/Karachi'), person('ivan', 'Europe/Moscow', 'WATCHER')],
        policy: { offsets: ['-P1D'], localTime: '09:00', repeatOverdueEvery: null },
      }),
    );
    expect(summary(rows)).toEqual(['ali BEFORE_DUE -P1D 2026-09-04T04:00:00.000Z', 'ivan BEFORE_DUE -P1D 2026-09-04T06:00:00.000Z']);
    for (const row of rows) {
      const zone = row.recipientPersonId === 'ali' ? 'Asia/Karachi' : 'Europe/Moscow';
      expect(DateTime.fromJSDate(row.fireAt, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-09-04 09:00');
    }
  });

  it('keeps 09:00 local across a daylight-saving change (New York, 8 March 2026; Berlin, 29 March 2026)', () => {
    const policy = { offsets: ['-P7D', '-P1D'], localTime: '09:00', repeatOverdueEvery: null };
    const ny = planReminders(
      input({
        deadlineEnd: dayEnd('2026-03-10', 'America/New_York'),
        deadlineTimeZone: 'America/New_York',
        recipients: [person('ann', 'America/New_York')],
        policy,
      }),
    );
    expect(summary(ny)).toEqual(['ann BEFORE_DUE -P7D 2026-03-03T14:00:00.000Z', 'ann BEFORE_DUE -P1D 2026-03-09T13:00:00.000Z']);
    const berlin = planReminders(
      input({
        deadlineEnd: dayEnd('2026-04-01', 'Europe/Berlin'),
        deadlineTimeZone: 'Europe/Berlin',
        recipients: [person('bo', 'Europe/Berlin')],
        policy,
        now: new Date('2026-03-01T00:00:00Z'),
      }),
    );
    expect(summary(berlin)).toEqual(['bo BEFORE_DUE -P7D 2026-03-25T08:00:00.000Z', 'bo BEFORE_DUE -P1D 2026-03-31T07:00:00.000Z']);
  });

  it('takes the calendar day from the deadline’s zone and the hour from the recipient’s', () => {
    const rows = planReminders(
      input({ recipients: [person('kai', 'Pacific/Auckland')], policy: { offsets: ['P0D'], localTime: '09:00', repeatOverdueEvery: null } }),
    );
    expect(DateTime.fromJSDate(rows[0].fireAt, { zone: 'Pacific/Auckland' }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-09-05 09:00');
  });

  it('keeps exact offsets, to the second, when localTime is null', () => {
    const end = new Date('2026-07-01T10:00:30.000Z');
    const rows = planReminders(
      input({ deadlineEnd: end, deadlineTimeZone: 'UTC', policy: { offsets: ['-PT20S', 'P0D', 'PT10S'], localTime: null, repeatOverdueEvery: null } }),
    );
    expect(summary(rows)).toEqual([
      'ali BEFORE_DUE -PT20S 2026-07-01T10:00:10.000Z',
      'ali DUE P0D 2026-07-01T10:00:30.000Z',
      'ali OVERDUE PT10S 2026-07-01T10:00:40.000Z',
    ]);
  });

  it('counts months back on the calendar for a YEAR deadline', () => {
    const rows = planReminders(
      input({
        deadlineEnd: DateTime.fromISO('2020-12-31T23:59:59.999', { zone: 'Asia/Karachi' }).toJSDate(),
        policy: defaultPolicy('YEAR', '09:00'),
        now: new Date('2020-01-01T00:00:00Z'),
      }),
    );
    expect(rows.map((r) => `${r.offset} ${DateTime.fromJSDate(r.fireAt, { zone: 'Asia/Karachi' }).toFormat('yyyy-MM-dd HH:mm')}`)).toEqual([
      '-P6M 2020-06-30 09:00',
      '-P3M 2020-09-30 09:00',
      '-P1M 2020-11-30 09:00',
      '-P7D 2020-12-24 09:00',
      'P0D 2020-12-31 09:00',
      'P14D 2021-01-14 09:00',
      'P1M14D 2021-02-14 09:00',
    ]);
  });

  it.each(['PROPOSED', 'DEFERRED', 'DONE', 'CANCELLED'] as const)('plans nothing for a %s commitment', (status) => {
    expect(planReminders(input({ status }))).toEqual([]);
  });

  it('plans nothing without a dated deadline or with no offsets', () => {
    expect(planReminders(input({ deadlineEnd: null }))).toEqual([]);
    expect(planReminders(input({ policy: { offsets: [], localTime: null, repeatOverdueEvery: 'P7D' } }))).toEqual([]);
  });

  it('plans IN_PROGRESS commitments like OPEN ones', () => {
    expect(planReminders(input({ status: 'IN_PROGRESS' }))).toEqual(planReminders(input()));
  });

  it('holds only the last repeat already due and the next one, however long overdue', () => {
    const rows = planReminders(input({ now: new Date('2029-01-01T00:00:00Z') }));
    const repeats = rows.filter((r) => r.fireAt > new Date('2026-09-12T04:00:00Z'));
    expect(summary(repeats)).toEqual(['ali OVERDUE P847D 2028-12-30T04:00:00.000Z', 'ali OVERDUE P854D 2029-01-06T04:00:00.000Z']);
  });

  it('escalates overdue reminders past the escalation age to responsible people’s contacts only', () => {
    const boss = { personId: 'boss', timeZone: 'Europe/Moscow' };
    const rows = planReminders(
      input({
        recipients: [person('ali', 'Asia/Karachi', 'RESPONSIBLE', boss), person('wat', 'UTC', 'WATCHER', { personId: 'other', timeZone: 'UTC' })],
        escalateAfter: 'P7D',
      }),
    );
    expect(summary(rows.filter((r) => r.kind === 'ESCALATION'))).toEqual([
      'boss ESCALATION P7D 2026-09-12T06:00:00.000Z',
      'boss ESCALATION P14D 2026-09-19T06:00:00.000Z',
    ]);
    expect(rows.some((r) => r.recipientPersonId === 'other')).toBe(false);
  });

  it('escalates once to a contact shared by two responsible people', () => {
    const boss = { personId: 'boss', timeZone: 'UTC' };
    const rows = planReminders(input({ recipients: [person('a', 'UTC', 'RESPONSIBLE', boss), person('b', 'UTC', 'RESPONSIBLE', boss)], escalateAfter: 'P1D' }));
    const keys = rows.filter((r) => r.kind === 'ESCALATION').map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(3);
  });

  it('reminds a person who is both responsible and watching once', () => {
    const rows = planReminders(input({ recipients: [person('ali', 'Asia/Karachi', 'WATCHER'), person('ali', 'Asia/Karachi')] }));
    expect(rows).toHaveLength(7);
  });

  it('sends one email when two offsets land on the same local hour, the more pressing one', () => {
    const rows = planReminders(input({ policy: { offsets: ['-PT2H', 'P0D', 'PT1H'], localTime: '09:00', repeatOverdueEvery: null } }));
    expect(summary(rows)).toEqual(['ali DUE P0D 2026-09-05T04:00:00.000Z', 'ali OVERDUE PT1H 2026-09-06T04:00:00.000Z']);
  });

  it('gives the same keys for the same plan and new keys once the deadline moves', () => {
    const keys = (rows: ReturnType<typeof planReminders>) => rows.map((r) => r.dedupeKey);
    expect(keys(planReminders(input()))).toEqual(keys(planReminders(input())));
    const moved = keys(planReminders(input({ deadlineEnd: dayEnd('2026-09-20', 'Asia/Karachi') })));
    expect(moved.filter((k) => keys(planReminders(input())).includes(k))).toEqual([]);
  });

  it('never plans a reminder twice for one person', () => {
    const rows = planReminders(
      input({ recipients: [person('a', 'UTC', 'RESPONSIBLE', { personId: 'w', timeZone: 'UTC' }), person('w', 'UTC', 'WATCHER')], escalateAfter: 'P0D' }),
    );
    const slots = rows.map((r) => `${r.recipientPersonId}@${r.fireAt.toISOString()}`);
    expect(new Set(slots).size).toBe(slots.length);
    expect(rows.filter((r) => r.recipientPersonId === 'w' && r.fireAt > new Date('2026-09-05T12:00:00Z')).every((r) => r.kind === 'ESCALATION')).toBe(true);
  });

  describe('overdue repeats', () => {
    const hourly = { offsets: ['PT1H'], localTime: null, repeatOverdueEvery: 'PT1H' };
    const end = new Date('2006-01-01T00:00:00.000Z');
    const plan = (minutesLate: number) =>
      planReminders(input({ deadlineEnd: end, deadlineTimeZone: 'UTC', policy: hourly, now: new Date(end.getTime() + 60 * 60_000 + minutesLate * 60_000) }));

    it('are the last one due and the next one, a minute or twenty years after the last offset', () => {
      expect(summary(plan(1)).slice(1)).toEqual(['ali OVERDUE PT2H 2006-01-01T02:00:00.000Z']);
      const twentyYears = 20 * 365 * 24 * 60;
      expect(summary(plan(twentyYears + 30)).slice(1)).toEqual([
        'ali OVERDUE PT175201H 2025-12-27T01:00:00.000Z',
        'ali OVERDUE PT175202H 2025-12-27T02:00:00.000Z',
      ]);
    });

    it('cost the same to plan twenty years late as a minute late', () => {
      const calls = (estimateOff: number, answer: number) => {
        let n = 0;
        firstNotDue((k) => (n++, k < answer), answer - 1 + estimateOff);
        return n;
      };
      // The search probes O(log) points whatever the lateness (175,200 hourly repeats in twenty years).
      expect(calls(0, 2)).toBeLessThanOrEqual(4);
      expect(calls(0, 175_202)).toBeLessThanOrEqual(4);
      expect(calls(-40, 175_202)).toBeLessThanOrEqual(16);
      expect(calls(40, 175_202)).toBeLessThanOrEqual(16);
    });

    it('finds the first repeat not yet due from any estimate', () => {
      for (const answer of [1, 2, 3, 17, 1000, 175_202]) {
        for (const estimate of [Number.NaN, -5, 0, 1, answer - 7, answer, answer + 3, answer * 3]) {
          expect(firstNotDue((k) => k < answer, estimate)).toBe(answer);
        }
      }
    });

    it('lands on the calendar: monthly repeats a decade late keep the deadline’s day of the month', () => {
      const monthly = { offsets: ['P0D'], localTime: '09:00', repeatOverdueEvery: 'P1M' };
      const rows = planReminders(input({ policy: monthly, now: new Date('2036-09-20T00:00:00Z') }));
      expect(summary(rows).slice(1)).toEqual(['ali OVERDUE P120M 2036-09-05T04:00:00.000Z', 'ali OVERDUE P121M 2036-10-05T04:00:00.000Z']);
    });

    it('stay hourly at most for a policy stored before repeats were bounded', () => {
      const rows = planReminders(
        input({ deadlineEnd: end, deadlineTimeZone: 'UTC', policy: { ...hourly, repeatOverdueEvery: 'PT1S' }, now: new Date('2007-01-01T00:30:00Z') }),
      );
      const [previous, next] = rows.slice(1).map((r) => r.fireAt.getTime());
      expect(next - previous).toBe(60 * 60_000);
      expect(next).toBe(new Date('2007-01-01T01:00:00Z').getTime());
    });
  });
});
