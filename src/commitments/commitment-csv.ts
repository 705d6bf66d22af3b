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
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); a leading
 * apostrophe makes it text and is not shown.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => `${columns.map(([name]) => name).join(',')}\r\n`;

export const csvRow = (c: CommitmentJson) => `${columns.map(([, read]) => csvField(read(c))).join(',')}\r\n`;
