import { z } from 'zod';
import { CommitmentStatus } from '../generated/prisma/enums.js';
import { commitmentFilterShape, commitmentSchema } from '../commitments/commitment.schemas.js';
import { dayInput, instantInput } from '../core/http/instants.js';
import { listQuerySchema } from '../core/http/pagination.js';

const dayOrInstant = z.union([instantInput, dayInput]);

export const summaryQuerySchema = z.strictObject(commitmentFilterShape);

const countsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.enum(CommitmentStatus), z.number().int()),
  overdue: z.number().int(),
  dueWithin7Days: z.number().int().meta({ description: 'Open, window not yet closed, and closing within 7 days' }),
  dueWithin30Days: z.number().int(),
  dueWithin90Days: z.number().int(),
});

export const summarySchema = z
  .object({
    asOf: z.iso.datetime({ offset: true }),
    totals: countsSchema,
    byParty: z
      .array(countsSchema.extend({ partyId: z.uuid().nullable(), name: z.string().nullable() }))
      .meta({ description: 'By owing party; partyId null: owed by nobody in particular' }),
    bySeries: z
      .array(countsSchema.extend({ seriesId: z.uuid().nullable(), name: z.string().nullable() }))
      .meta({ description: 'By the series of the meeting it was made at' }),
  })
  .meta({ id: 'DashboardSummary' });

const complianceShape = {
  from: dayOrInstant.meta({ description: 'Period start: a day (its first millisecond, UTC) or an instant', example: '2020-01-01' }),
  to: dayOrInstant.meta({ description: 'Period end: a day (its last millisecond, UTC) or an instant', example: '2020-12-31' }),
  seriesId: z.uuid().optional(),
  partyId: z.uuid().optional().meta({ description: 'Only this owing party' }),
};

export const complianceQuerySchema = z.strictObject(complianceShape);

export const complianceFigures = ['due', 'doneOnTime', 'doneLate', 'openOverdue', 'assessed'] as const;

export const complianceCommitmentsQuerySchema = listQuerySchema.extend({
  ...complianceShape,
  figure: z.enum(complianceFigures).meta({ description: 'Which figure’s commitments to list' }),
});

export const complianceSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    parties: z.array(
      z.object({
        partyId: z.uuid().nullable(),
        name: z.string().nullable(),
        due: z.number().int().meta({ description: 'Commitments whose deadline window ends in the period, cancelled ones excepted' }),
        doneOnTime: z.number().int().meta({ description: 'DONE no later than the window’s end' }),
        doneLate: z.number().int(),
        openOverdue: z.number().int().meta({ description: 'Still open and past the window’s end' }),
        assessed: z.number().int().meta({ description: 'Carry an assessment (FULL, PARTIAL, NONE)' }),
        onTimeRate: z.number().nullable().meta({ description: 'doneOnTime / due; null when nothing was due' }),
        averageScore: z
          .number()
          .nullable()
          .meta({ description: 'Mean assessment on the G20 Research Group scale (FULL +1, PARTIAL 0, NONE -1); null when none is assessed' }),
      }),
    ),
  })
  .meta({ id: 'ComplianceReport' });

export const carryOverSchema = z
  .object({
    meetingId: z.uuid(),
    seriesId: z.uuid().nullable(),
    round: z.number().int().nullable(),
    parties: z.array(z.object({ partyId: z.uuid().nullable(), name: z.string().nullable(), commitments: z.array(commitmentSchema) })),
  })
  .meta({ id: 'CarryOver' });

export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
export type Summary = z.infer<typeof summarySchema>;
export type Counts = z.infer<typeof countsSchema>;
export type ComplianceQuery = z.infer<typeof complianceQuerySchema>;
export type ComplianceCommitmentsQuery = z.infer<typeof complianceCommitmentsQuerySchema>;
export type ComplianceReport = z.infer<typeof complianceSchema>;
export type CarryOver = z.infer<typeof carryOverSchema>;
