import { describe, expect, it } from '@jest/globals';
import { deadlineTimeOf, readerTime } from './reader-time.js';

describe(readerTime.name, () => {
  const at = new Date('2019-09-05T14:08:00Z');

  it('gives the time on the reader’s clock when their zone shows another time', () => {
    expect(readerTime({ at, timeZone: 'UTC' }, 'Asia/Karachi')).toBe('19:08 your time (Asia/Karachi)');
    expect(readerTime({ at, timeZone: 'Asia/Karachi' }, 'Europe/Moscow')).toBe('17:08 your time (Europe/Moscow)');
  });

  it('adds the date when the time falls on another day for the reader', () => {
    expect(readerTime({ at: new Date('2019-09-05T21:30:00Z'), timeZone: 'UTC' }, 'Asia/Karachi')).toBe('6 September 2019, 02:30 your time (Asia/Karachi)');
    expect(readerTime({ at: new Date('2019-09-05T02:00:00Z'), timeZone: 'Europe/Moscow' }, 'America/New_York')).toBe(
      '4 September 2019, 22:00 your time (America/New_York)',
    );
  });

  it('says nothing more when the reader’s clock shows the same time, or there is no time of day', () => {
    expect(readerTime({ at, timeZone: 'Asia/Karachi' }, 'Asia/Karachi')).toBeNull();
    expect(readerTime({ at, timeZone: 'Asia/Karachi' }, 'Asia/Tashkent')).toBeNull();
    expect(readerTime(null, 'Asia/Karachi')).toBeNull();
  });

  it('follows daylight saving on each side', () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer; Karachi has no daylight saving.
    expect(readerTime({ at: new Date('2027-01-15T09:00:00Z'), timeZone: 'Europe/Berlin' }, 'Asia/Karachi')).toBe('14:00 your time (Asia/Karachi)');
    expect(readerTime({ at: new Date('2027-07-15T09:00:00Z'), timeZone: 'Europe/Berlin' }, 'Asia/Karachi')).toBe('14:00 your time (Asia/Karachi)');
    expect(readerTime({ at: new Date('2027-07-15T09:00:00Z'), timeZone: 'Asia/Karachi' }, 'Europe/Berlin')).toBe('11:00 your time (Europe/Berlin)');
  });
});

describe(deadlineTimeOf.name, () => {
  it('only DATETIME deadlines name a time of day', () => {
    const end = new Date('2020-12-31T18:59:59.999Z');
    expect(deadlineTimeOf('DATETIME', end, 'Asia/Karachi')).toEqual({ at: end, timeZone: 'Asia/Karachi' });
    expect(deadlineTimeOf('DATETIME', end, null)).toEqual({ at: end, timeZone: 'UTC' });
    expect(deadlineTimeOf('DAY', end, 'Asia/Karachi')).toBeNull();
    expect(deadlineTimeOf(null, null, null)).toBeNull();
  });
});
