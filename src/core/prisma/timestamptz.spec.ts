import pg from 'pg';
import { parseTimestamptz } from './timestamptz.js';

const general = pg.types.getTypeParser(1184, 'text') as (text: string) => Date | number;

describe('parseTimestamptz', () => {
  it.each([
    '2026-11-28 01:41:07+00',
    '2026-11-28 01:41:07.1+00',
    '2026-11-28 01:41:07.12+00',
    '2026-11-28 01:41:07.123+00',
    '2026-11-28 01:41:07.123456+00',
    '2026-11-28 01:41:07.999999+00',
    '2024-02-29 23:59:59.999+00',
    '1970-01-01 00:00:00+00',
    '2026-03-29 01:30:00+01',
    '2026-11-28 01:41:07.5-05:30',
    '0050-01-01 00:00:00+00',
    '0050-01-01 00:00:00+00 BC',
    '12026-01-01 00:00:00+00',
  ])('reads %s as the general parser does', (text) => {
    expect(parseTimestamptz(text)).toEqual(general(text));
  });

  it('passes infinity through like the general parser', () => {
    expect(parseTimestamptz('infinity')).toBe(Infinity);
    expect(parseTimestamptz('-infinity')).toBe(-Infinity);
  });

  it('agrees with the general parser on many instants', () => {
    for (let i = 0; i < 2000; i++) {
      const instant = new Date(Date.UTC(1000, 0, 1) + Math.floor(Math.random() * 9e12) * 3.5);
      const text =
        instant
          .toISOString()
          .replace('T', ' ')
          .replace(/\.?0*Z$/, '') + '+00';
      expect(parseTimestamptz(text)).toEqual(instant);
      expect(parseTimestamptz(text)).toEqual(general(text));
    }
  });
});
