import { describe, expect, it } from '@jest/globals';
import { deadlineLabel } from './deadline-label.js';
import { DateTime } from 'luxon';
import { DeadlineValueError, deadlineWindow, isOverdue, meetingWindow, toZonedIso } from './deadline-window.js';

const iso = (w: { start: Date; end: Date }) => ({ start: w.start.toISOString(), end: w.end.toISOString() });

describe(deadlineWindow.name, () => {
  it('takes a YEAR in the deadline’s time zone', () => {
    expect(iso(deadlineWindow('YEAR', '2020', 'UTC'))).toEqual({ start: '2020-01-01T00:00:00.000Z', end: '2020-12-31T23:59:59.999Z' });
    expect(iso(deadlineWindow('YEAR', '2020', 'Asia/Karachi'))).toEqual({ start: '2019-12-31T19:00:00.000Z', end: '2020-12-31T18:59:59.999Z' });
  });

  it('takes a MONTH including the leap day of a leap year', () => {
    expect(iso(deadlineWindow('MONTH', '2020-02', 'UTC'))).toEqual({ start: '2020-02-01T00:00:00.000Z', end: '2020-02-29T23:59:59.999Z' });
    expect(iso(deadlineWindow('MONTH', '2019-02', 'UTC')).end).toBe('2019-02-28T23:59:59.999Z');
    expect(iso(deadlineWindow('MONTH', '2019-09', 'Europe/Moscow'))).toEqual({ start: '2019-08-31T21:00:00.000Z', end: '2019-09-30T20:59:59.999Z' });
  });

  it('takes a QUARTER', () => {
    expect(iso(deadlineWindow('QUARTER', '2021-Q3', 'UTC'))).toEqual({ start: '2021-07-01T00:00:00.000Z', end: '2021-09-30T23:59:59.999Z' });
    expect(iso(deadlineWindow('QUARTER', '2020-Q1', 'UTC')).end).toBe('2020-03-31T23:59:59.999Z');
  });

  it('takes a DAY and a span of days, across a daylight-saving change', () => {
    expect(iso(deadlineWindow('DAY', '2019-09-05/2019-09-06', 'Asia/Vladivostok'))).toEqual({
      start: '2019-09-04T14:00:00.000Z',
      end: '2019-09-06T13:59:59.999Z',
    });
    // 31 March 2024 is 23 hours long in Berlin.
    expect(iso(deadlineWindow('DAY', '2024-03-31', 'Europe/Berlin'))).toEqual({ start: '2024-03-30T23:00:00.000Z', end: '2024-03-31T21:59:59.999Z' });
    expect(iso(deadlineWindow('DAY', '2024-02-29', 'UTC')).end).toBe('2024-02-29T23:59:59.999Z');
  });

  it('takes a DATETIME as the instant it names', () => {
    expect(iso(deadlineWindow('DATETIME', '2019-09-05T10:00:00+03:00', 'Europe/Moscow'))).toEqual({
      start: '2019-09-05T07:00:00.000Z',
      end: '2019-09-05T07:00:00.000Z',
    });
  });

  it.each([
    ['YEAR', '20'],
    ['MONTH', '2019-13'],
    ['DAY', '2019-02-29'],
    ['DAY', '2019-09-06/2019-09-05'],
    ['QUARTER', '2021-Q5'],
    ['DATETIME', '2019-09-05T10:00:00'],
    ['YEAR', '0000'],
    ['YEAR', '0999'],
    ['YEAR', '99999'],
    ['MONTH', '0000-01'],
    ['DAY', '0000-01-01/2019-01-01'],
    ['DATETIME', '0000-01-01T00:00:00-12:00'],
  ] as const)('refuses %s %s', (precision, value) => {
    expect(() => deadlineWindow(precision, value, 'UTC')).toThrow(DeadlineValueError);
  });

  it('accepts the years 1000 to 9999 where their window lies inside them', () => {
    expect(iso(deadlineWindow('YEAR', '1000', 'UTC')).start).toBe('1000-01-01T00:00:00.000Z');
    expect(iso(deadlineWindow('YEAR', '9999', 'Asia/Karachi')).end).toBe('9999-12-31T18:59:59.999Z');
    expect(() => deadlineWindow('YEAR', '9999', 'America/Los_Angeles')).toThrow('Must lie between the years 1000 and 9999');
  });
});

describe(meetingWindow.name, () => {
  it('is open until the meeting has a date', () => {
    expect(meetingWindow({ startsAt: null, endsAt: null, timeZone: 'UTC' })).toBeNull();
  });
  it('ends when the meeting ends, or at the end of its first day', () => {
    const startsAt = new Date('2020-03-10T05:00:00Z');
    expect(meetingWindow({ startsAt, endsAt: new Date('2020-03-11T12:00:00Z'), timeZone: 'Asia/Karachi' })?.end.toISOString()).toBe('2020-03-11T12:00:00.000Z');
    expect(meetingWindow({ startsAt, endsAt: null, timeZone: 'Asia/Karachi' })?.end.toISOString()).toBe('2020-03-10T18:59:59.999Z');
  });
});

describe(deadlineLabel.name, () => {
  it.each([
    ['YEAR', '2020', '2020'],
    ['MONTH', '2019-09', 'September 2019'],
    ['QUARTER', '2021-Q3', 'Q3 2021'],
    ['DAY', '2019-09-05', '5 September 2019'],
    ['DAY', '2019-09-05/2019-09-06', '5–6 September 2019'],
    ['DAY', '2019-09-30/2019-10-02', '30 September – 2 October 2019'],
    ['DATETIME', '2019-09-05T10:00:00+03:00', '5 September 2019, 10:00 (Europe/Moscow)'],
  ] as const)('labels %s %s as "%s"', (precision, value, label) => {
    expect(deadlineLabel(precision, value, 'Europe/Moscow')).toBe(label);
  });

  it('names the meeting by series and round', () => {
    const meeting = { title: 'Third round', round: 3, series: { name: 'Joint Military Consultative Committee', shortName: 'JMCC' } };
    expect(deadlineLabel('MEETING', null, 'UTC', meeting)).toBe('at JMCC round 3');
    expect(deadlineLabel('MEETING', null, 'UTC', { title: 'Board retreat', round: null, series: null })).toBe('at Board retreat');
  });
});

describe(isOverdue.name, () => {
  const end = new Date('2020-12-31T23:59:59.999Z');
  it('is overdue only once the window has closed and while the commitment is open', () => {
    expect(isOverdue(end, 'OPEN', new Date('2020-12-31T23:59:59.999Z'))).toBe(false);
    expect(isOverdue(end, 'OPEN', new Date('2021-01-01T00:00:00Z'))).toBe(true);
    expect(isOverdue(end, 'DEFERRED', new Date('2021-01-01T00:00:00Z'))).toBe(true);
    expect(isOverdue(end, 'DONE', new Date('2021-01-01T00:00:00Z'))).toBe(false);
    expect(isOverdue(end, 'CANCELLED', new Date('2021-01-01T00:00:00Z'))).toBe(false);
    expect(isOverdue(null, 'OPEN')).toBe(false);
  });
});

describe(toZonedIso.name, () => {
  it('prints exactly what luxon prints, across offsets, half and quarter hours and DST changes', () => {
    const zones = [
      'UTC',
      'Etc/UTC',
      'Europe/London',
      'Europe/Moscow',
      'Asia/Karachi',
      'Asia/Kathmandu',
      'America/St_Johns',
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Kiritimati',
    ];
    const instants = [Date.UTC(2019, 2, 31, 0, 59, 59, 999), Date.UTC(2019, 2, 31, 1), Date.UTC(2020, 9, 4, 15, 30), Date.UTC(1969, 11, 31, 23, 59, 59, 1)];
    for (let i = 0; i < 200; i++) instants.push(Date.UTC(2014, 0, 1) + Math.floor(((i * 7919) % 200) * 0.005 * 14 * 365 * 86_400_000) + i * 900_000);
    for (const zone of zones) {
      for (const ms of instants)
        expect([zone, toZonedIso(new Date(ms), zone)]).toEqual([zone, DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: false })]);
    }
  });
});
