import { Duration } from 'luxon';
import { z } from 'zod';
import type { DeadlinePrecision } from '../generated/prisma/enums.js';

// Whole units only, each at most six digits; an optional sign in front ("-P7D" is seven days before).
const ISO_OFFSET = /^([+-])?P(?!$)(\d{1,6}Y)?(\d{1,6}M)?(\d{1,6}W)?(\d{1,6}D)?(T(?=\d)(\d{1,6}H)?(\d{1,6}M)?(\d{1,6}S)?)?$/;

/** How far from the deadline a reminder may be: further out it is a typo, and its arithmetic a hazard. */
export const OFFSET_SPAN = Duration.fromObject({ years: 10 });
/** The shortest overdue repeat: more often than hourly is a flood, not a reminder. */
export const MIN_REPEAT = Duration.fromObject({ hours: 1 });

/**
 * Parses a signed ISO-8601 duration. The sign is handled here rather than by luxon, which only
 * recently started to accept a leading minus and would read "-P1DT2H" and "P-1DT2H" differently.
 */
export function parseOffset(iso: string): Duration {
  const match = ISO_OFFSET.exec(iso.trim().toUpperCase());
  if (!match) throw new RangeError(`"${iso}" is not an ISO-8601 duration like -P7D or PT20S`);
  const magnitude = Duration.fromISO(iso.trim().toUpperCase().replace(/^[+-]/, ''));
  if (!magnitude.isValid) throw new RangeError(`"${iso}" is not an ISO-8601 duration`);
  return match[1] === '-' ? magnitude.negate() : magnitude;
}

/** Writes a duration back as a signed ISO string ("-P7D", "P14D", "PT0S" for zero). */
export function formatOffset(duration: Duration): string {
  const values = Object.values(duration.toObject()).filter((v): v is number => typeof v === 'number');
  if (values.every((v) => v === 0)) return 'P0D';
  if (values.every((v) => v <= 0)) return `-${duration.negate().toISO()}`;
  return duration.toISO() ?? 'P0D';
}

/** The length of a duration with months and years at their average (casual) length, in milliseconds. */
const lengthOf = (iso: string) => Math.abs(parseOffset(iso).toMillis());

const offsetSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => ISO_OFFSET.test(s), { message: 'Expected an ISO-8601 duration in whole units like -P7D, P0D or -PT20S', abort: true })
  .refine((s) => lengthOf(s) <= OFFSET_SPAN.toMillis(), { message: 'Must be within 10 years of the deadline' })
  .meta({ example: '-P7D' });

const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time of day like 09:00')
  .meta({ description: 'Hour each reminder moves to in the recipient’s time zone; null keeps the exact offset', example: '09:00' });

const repeatSchema = offsetSchema
  .refine((s) => !s.startsWith('-') && lengthOf(s) >= MIN_REPEAT.toMillis(), { message: 'Must be a positive duration of at least an hour, like PT1H or P7D' })
  .meta({ description: 'Repeat after the last offset until the commitment is closed, at most hourly; null stops after it', example: 'P7D' });

/**
 * A commitment's own reminder policy. Fields left out fall back to the default for the deadline's
 * precision, so `{"localTime": "08:00"}` keeps the default offsets. An empty `offsets` list turns
 * reminders off for the commitment.
 */
export const reminderPolicySchema = z
  .strictObject({
    offsets: z
      .array(offsetSchema)
      .max(20)
      .refine((list) => new Set(list).size === list.length, { message: 'Offsets must not repeat' })
      .optional()
      .meta({ description: 'ISO-8601 durations in whole units relative to the END of the deadline window, within 10 years of it; negative is before' }),
    localTime: localTimeSchema.nullable().optional(),
    repeatOverdueEvery: repeatSchema.nullable().optional(),
  })
  .meta({
    id: 'ReminderPolicy',
    example: { offsets: ['-P30D', '-P7D', '-P1D', 'P0D', 'P1D', 'P7D'], localTime: '09:00', repeatOverdueEvery: 'P7D' },
  });

export type ReminderPolicyInput = z.infer<typeof reminderPolicySchema>;

/** The policy in force for one commitment, every field decided. */
export interface ReminderPolicy {
  offsets: string[];
  localTime: string | null;
  repeatOverdueEvery: string | null;
}

/**
 * Defaults by precision: the coarser the promise, the earlier the first reminder. A DATETIME deadline
 * ("at 10:00 Moscow time") keeps exact offsets; the others are read in the morning.
 */
const defaults: Record<DeadlinePrecision, Omit<ReminderPolicy, 'localTime'> & { exact?: true }> = {
  DATETIME: { offsets: ['-P7D', '-P1D', '-PT1H', 'PT1H', 'P1D'], repeatOverdueEvery: 'P7D', exact: true },
  DAY: { offsets: ['-P30D', '-P7D', '-P1D', 'P0D', 'P1D', 'P7D'], repeatOverdueEvery: 'P7D' },
  MEETING: { offsets: ['-P30D', '-P7D', '-P1D', 'P1D', 'P7D'], repeatOverdueEvery: 'P7D' },
  MONTH: { offsets: ['-P60D', '-P30D', '-P7D', 'P0D', 'P7D'], repeatOverdueEvery: 'P14D' },
  QUARTER: { offsets: ['-P90D', '-P30D', '-P7D', 'P0D', 'P7D'], repeatOverdueEvery: 'P14D' },
  YEAR: { offsets: ['-P6M', '-P3M', '-P1M', '-P7D', 'P0D', 'P14D'], repeatOverdueEvery: 'P1M' },
};

export function defaultPolicy(precision: DeadlinePrecision, localTime: string): ReminderPolicy {
  const { offsets, repeatOverdueEvery, exact } = defaults[precision];
  return { offsets: [...offsets], repeatOverdueEvery, localTime: exact ? null : localTime };
}

/** The commitment's override laid over the default for its precision. */
export function effectivePolicy(precision: DeadlinePrecision, override: ReminderPolicyInput | null | undefined, localTime: string): ReminderPolicy {
  const base = defaultPolicy(precision, localTime);
  return {
    offsets: override?.offsets ?? base.offsets,
    localTime: override?.localTime === undefined ? base.localTime : override.localTime,
    repeatOverdueEvery: override?.repeatOverdueEvery === undefined ? base.repeatOverdueEvery : override.repeatOverdueEvery,
  };
}
