/**
 * Prisma's `contains` becomes a LIKE pattern without escaping, so a search for "50%" or "ikram_ul"
 * would treat % and _ as wildcards (a lone "_" matched every row). This makes them literal; backslash
 * is LIKE's escape character in PostgreSQL.
 */
export function literalContains(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
