import { z } from 'zod';
import { ProblemError } from '../errors/problem.js';

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size, 1-200' }),
  cursor: z.string().max(500).optional().meta({ description: 'Opaque cursor from the previous page’s nextCursor' }),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

/** A page of items; nextCursor is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset cursor: the sort key and id of the last row served, so pages stay stable when rows are
 * inserted between requests. Opaque to clients (base64url JSON).
 */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw ProblemError.badRequest('invalid_cursor', 'The cursor is not one this API issued', [{ field: 'cursor', message: 'Invalid cursor' }]);
  }
}

/** Builds a page from limit+1 rows fetched; the extra row only tells that another page exists. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, position: (row: R) => Record<string, unknown>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}

export const idCursorSchema = z.object({ id: z.uuid() });

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');

/**
 * An instant in a cursor, exactly as Date#toISOString wrote it (six-digit years included). A forged
 * year 0000, which PostgreSQL does not have, would otherwise reach the query and fail it.
 */
export const cursorInstant = z.string().refine((s) => {
  const ms = Date.parse(s);
  return ms >= FIRST_INSTANT && new Date(ms).toISOString() === s;
});
