import pg from 'pg';

const TIMESTAMPTZ = 1184;
type Parser = (text: string) => unknown;

const parseTimestamptzSlowly = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as Parser;

/**
 * timestamptz as a UTC session writes it ("2026-11-28 01:41:07.123456+00"), read by position: the
 * general parser's regular expressions were the largest single cost of mapping a dashboard page.
 * Anything else (other offsets, infinity, BC, years before 1000) goes to the general parser.
 */
export function parseTimestamptz(text: string): Date {
  if (text.length < 22 || !text.endsWith('+00') || text.charCodeAt(10) !== 32 || text.charCodeAt(0) === 48) {
    return parseTimestamptzSlowly(text) as Date;
  }
  const fraction = text.length > 22 ? text.slice(20, Math.min(23, text.length - 3)).padEnd(3, '0') : '0';
  return new Date(
    Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10), +text.slice(11, 13), +text.slice(14, 16), +text.slice(17, 19), +fraction),
  );
}

/** Type parsers for read(): the defaults, but timestamptz read fast. */
export const readTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): Parser =>
    oid === TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : (pg.types.getTypeParser(oid, format) as Parser)) as typeof pg.types.getTypeParser,
};
