import type { CommitmentJson } from './commitment.schemas.js';

/** The export's columns: header and how each is read from a commitment. */
const columns: [string, (c: CommitmentJson) => string | number | boolean | null][] = [
  ['id', (c) => c.id],
  ['title', (c) => c.title],
  ['status', (c) => c.status],
  ['overdue', (c) => c.overdue],
  ['deadline', (c) => c.deadline?.label ?? null],
  ['deadline_precision', (c) => c.deadline?.precision ?? null],
  ['deadline_start', (c) => c.deadline?.start ?? null],
  ['deadline_end', (c) => c.deadline?.end ?? null],
  ['deadline_phrase', (c) => c.deadline?.phrase ?? null],
  ['owner_party_id', (c) => c.ownerPartyId],
  ['counterparty_id', (c) => c.counterpartyId],
  ['meeting_id', (c) => c.meetingId],
  ['responsible_person_ids', (c) => c.responsiblePersonIds.join(' ')],
  ['tags', (c) => c.tags.join('; ')],
  ['assessment', (c) => c.assessment],
  ['completed_at', (c) => c.completedAt],
  ['description', (c) => c.description],
  ['source_quote', (c) => c.sourceQuote],
  ['created_at', (c) => c.createdAt],
  ['updated_at', (c) => c.updatedAt],
];

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), also after
 * leading spaces, which it skips; a leading apostrophe makes the cell text and is not shown.
 */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/**
 * One RFC 4180 field, always quoted (quotes doubled): a spreadsheet whose list separator is `;` (as
 * in German, French or Russian locales) then still reads a `;` inside a field as text, not as the
 * start of a new cell that could hold a formula.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const csvHeader = () => `${columns.map(([name]) => csvField(name)).join(',')}\r\n`;

export const csvRow = (c: CommitmentJson) => `${columns.map(([, read]) => csvField(read(c))).join(',')}\r\n`;
