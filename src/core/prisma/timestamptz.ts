import pg from 'pg';

const TIMESTAMPTZ = 1184;
type Parser = (text: string) => unknown;

const parseTimestamptzSlowly = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as Parser;

/**
 * timestamptz as a UTC session writes it ("2026-11-28 01:41:07.123456+00"), read digit by digit:
 * the general parser's regular expressions were the largest single cost of mapping a dashboard
 * page, and slicing substrings cost half as much again. Anything else (other offsets, infinity,
 * BC, years before 1000 or after 9999) goes to the general parser.
 */
export function parseTimestamptz(text: string): Date {
  if (text.length < 22 || !text.endsWith('+00') || text.charCodeAt(10) !== 32 || text.charCodeAt(0) === 48) {
    return parseTimestamptzSlowly(text) as Date;
  }
  const end = text.length - 3; // where "+00" starts; a fraction, if any, runs from 19 to here
  let ms = 0;
  if (end > 20) ms += digit(text, 20) * 100;
  if (end > 21) ms += digit(text, 21) * 10;
  if (end > 22) ms += digit(text, 22);
  return new Date(
    Date.UTC(
      digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3),
      digit(text, 5) * 10 + digit(text, 6) - 1,
      digit(text, 8) * 10 + digit(text, 9),
      digit(text, 11) * 10 + digit(text, 12),
      digit(text, 14) * 10 + digit(text, 15),
      digit(text, 17) * 10 + digit(text, 18),
      ms,
    ),
  );
}

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** Type parsers for read(): the defaults, but timestamptz read fast. */
export const readTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): Parser =>
    oid === TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : (pg.types.getTypeParser(oid, format) as Parser)) as typeof pg.types.getTypeParser,
};
