import { z } from 'zod';
import { DeadlineValueError, deadlineWindow } from '../deadlines/deadline-window.js';
import type { DeadlineInput } from '../deadlines/deadline.schemas.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

export const progressFormSchema = z.object({
  text: z.string().trim().min(1, 'Say what has been done').max(5000),
  evidenceUrl: optionalText(2000).pipe(z.url({ protocol: /^https?$/, error: 'Must be an http(s) link' }).optional()),
});

export const extendFormSchema = z.object({
  deadline: z.string().trim().min(1, 'Give the new deadline').max(60),
  reason: z.string().trim().min(1, 'Say why more time is needed').max(2000),
});

export const doneFormSchema = z.object({ note: optionalText(2000) });

export const unsubscribeFormSchema = z.object({ scope: z.enum(['COMMITMENT', 'ALL']).default('COMMITMENT') });

const precisions: [RegExp, Exclude<DeadlineInput['precision'], 'MEETING'>][] = [
  [/^\d{4}-\d{2}-\d{2}T/, 'DATETIME'],
  [/^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/, 'DAY'],
  [/^\d{4}-\d{2}$/, 'MONTH'],
  [/^\d{4}-Q[1-4]$/i, 'QUARTER'],
  [/^\d{4}$/, 'YEAR'],
];

/**
 * A deadline as typed into the form, as the API would take it: its precision is read from its shape,
 * in the commitment's time zone. Throws DeadlineValueError when it is none of them, not a real date,
 * or (asking for more time) ends no later than `mustEndAfter`.
 */
export function deadlineFromForm(typed: string, timeZone: string, mustEndAfter?: Date): DeadlineInput {
  const trimmed = typed.trim();
  const value = /^\d{4}-q[1-4]$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
  const match = precisions.find(([pattern]) => pattern.test(value));
  if (!match) throw new DeadlineValueError('Expected a day (2026-03-31), a month (2026-03), a quarter (2026-Q2) or a year (2027)');
  const precision = match[1];
  const { end } = deadlineWindow(precision, value, timeZone);
  if (mustEndAfter && end.getTime() <= mustEndAfter.getTime()) {
    throw new DeadlineValueError(
      `More time means a deadline ending after ${mustEndAfter.toISOString().slice(0, 16).replace('T', ' ')} UTC (the current deadline, or now)`,
    );
  }
  return { precision, value, timeZone };
}
