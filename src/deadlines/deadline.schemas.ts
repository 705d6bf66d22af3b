import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DeadlinePrecision } from '../generated/prisma/enums.js';

/**
 * Any name the time zone database knows, canonical or a link (Asia/Kolkata, Europe/Kyiv, Etc/UTC):
 * the same check luxon makes before it computes in the zone. Intl.supportedValuesOf lists only one
 * name per zone, and which one depends on the ICU build.
 */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => IANAZone.isValidZone(tz), { message: 'Unknown IANA time zone' })
  .meta({ description: 'IANA time zone', example: 'Asia/Karachi' });

/**
 * A deadline as people say it. `value` depends on `precision`:
 * DATETIME an ISO instant with offset; DAY "2019-09-05" or a span "2019-09-05/2019-09-06";
 * MONTH "2019-09"; QUARTER "2021-Q3"; YEAR "2020"; MEETING takes `meetingId` instead.
 */
export const deadlineInputSchema = z
  .strictObject({
    precision: z.enum(DeadlinePrecision),
    value: z.string().trim().min(1).max(60).optional(),
    meetingId: z.uuid().optional(),
    timeZone: timeZoneSchema.optional(),
    phrase: z.string().trim().min(1).max(200).optional().meta({ description: 'The words it was said in', example: 'next year' }),
  })
  .superRefine((d, ctx) => {
    if (d.precision === 'MEETING') {
      if (!d.meetingId) ctx.addIssue({ code: 'custom', path: ['meetingId'], message: 'Required for a MEETING deadline' });
      if (d.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A MEETING deadline takes meetingId, not value' });
    } else {
      if (d.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `Required for a ${d.precision} deadline` });
      if (d.meetingId !== undefined) ctx.addIssue({ code: 'custom', path: ['meetingId'], message: 'Only a MEETING deadline takes meetingId' });
    }
  })
  .meta({
    id: 'DeadlineInput',
    example: { precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi', phrase: 'next year' },
  });

export const deadlineSchema = z
  .object({
    precision: z.enum(DeadlinePrecision),
    value: z.string().nullable(),
    meetingId: z.uuid().nullable(),
    timeZone: z.string(),
    phrase: z.string().nullable(),
    start: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: 'Window start, in the deadline’s time zone; null for a MEETING deadline whose meeting has no date yet' }),
    end: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: 'Window end: its last millisecond, in the deadline’s time zone. Reminders count back from it; overdue after it' }),
    label: z.string().meta({ example: '2020' }),
  })
  .meta({
    id: 'Deadline',
    example: {
      precision: 'YEAR',
      value: '2020',
      meetingId: null,
      timeZone: 'Asia/Karachi',
      phrase: 'next year',
      start: '2020-01-01T00:00:00.000+05:00',
      end: '2020-12-31T23:59:59.999+05:00',
      label: '2020',
    },
  });

export type DeadlineInput = z.infer<typeof deadlineInputSchema>;
export type DeadlineJson = z.infer<typeof deadlineSchema>;
