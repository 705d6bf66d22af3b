import { z } from 'zod';
import { Assessment, CommitmentEventType, CommitmentKind, CommitmentStatus } from '../generated/prisma/enums.js';
import { deadlineInputSchema, deadlineSchema } from '../deadlines/deadline.schemas.js';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';
import { reminderPolicySchema } from '../reminders/reminder-policy.js';

const instant = z.iso.datetime({ offset: true });
const personIds = z
  .array(z.uuid())
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Lists a person twice' });
const tags = z
  .array(z.string().trim().min(1).max(50))
  .max(20)
  .transform((t) => [...new Set(t)]);

const editable = {
  title: z.string().trim().min(1).max(300).meta({ example: 'Hold the third round of the JMCC in Pakistan' }),
  description: z.string().trim().max(10_000).nullable(),
  meetingId: z.uuid().nullable().meta({ description: 'The meeting it was made at' }),
  ownerPartyId: z.uuid().nullable().meta({ description: 'Owed by' }),
  counterpartyId: z.uuid().nullable().meta({ description: 'Owed to' }),
  responsiblePersonIds: personIds,
  watcherPersonIds: personIds,
  deadline: deadlineInputSchema.nullable(),
  sourceQuote: z.string().max(5_000).nullable().meta({ example: 'A third round of the consultative committee will be held next year in Pakistan.' }),
  sourceStart: z.number().int().min(0).nullable().meta({ description: 'Offset of the quote in the meeting’s source text' }),
  sourceEnd: z.number().int().min(0).nullable(),
  tags,
  assessment: z.enum(Assessment).nullable().meta({ description: 'Outcome once closed: FULL (+1), PARTIAL (0), NONE (-1)' }),
  kind: z.enum(CommitmentKind).nullable(),
  completedAt: instant.nullable().meta({ description: 'When it was done; defaults to the moment status becomes DONE' }),
  reminderPolicy: reminderPolicySchema.nullable().meta({ description: 'Overrides the default reminder policy for the deadline’s precision; null uses the default' }),
};

export const createCommitmentSchema = z
  .strictObject({
    ...editable,
    description: editable.description.optional(),
    meetingId: editable.meetingId.optional(),
    ownerPartyId: editable.ownerPartyId.optional(),
    counterpartyId: editable.counterpartyId.optional(),
    responsiblePersonIds: editable.responsiblePersonIds.default([]),
    watcherPersonIds: editable.watcherPersonIds.default([]),
    deadline: editable.deadline.optional(),
    sourceQuote: editable.sourceQuote.optional(),
    sourceStart: editable.sourceStart.optional(),
    sourceEnd: editable.sourceEnd.optional(),
    tags: editable.tags.default([]),
    assessment: editable.assessment.optional(),
    kind: editable.kind.optional(),
    completedAt: editable.completedAt.optional(),
    reminderPolicy: editable.reminderPolicy.optional(),
    status: z.enum(CommitmentStatus).default('OPEN'),
  })
  .meta({
    id: 'CreateCommitment',
    example: {
      title: 'Hold the third round of the JMCC in Pakistan',
      deadline: { precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi', phrase: 'next year' },
      sourceQuote: 'A third round of the consultative committee will be held next year in Pakistan.',
      tags: ['jmcc'],
    },
  });

export const updateCommitmentSchema = z
  .strictObject({ ...z.object(editable).partial().shape, status: z.enum(CommitmentStatus).optional() })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' })
  .meta({ id: 'UpdateCommitment', example: { status: 'DONE', assessment: 'FULL' } });

export const commitmentSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    meetingId: z.uuid().nullable(),
    ownerPartyId: z.uuid().nullable(),
    counterpartyId: z.uuid().nullable(),
    responsiblePersonIds: z.array(z.uuid()),
    watcherPersonIds: z.array(z.uuid()),
    deadline: deadlineSchema.nullable(),
    status: z.enum(CommitmentStatus),
    overdue: z.boolean().meta({ description: 'The deadline window has closed and the commitment is neither DONE nor CANCELLED' }),
    sourceQuote: z.string().nullable(),
    sourceStart: z.number().int().nullable(),
    sourceEnd: z.number().int().nullable(),
    tags: z.array(z.string()),
    assessment: z.enum(Assessment).nullable(),
    kind: z.enum(CommitmentKind).nullable(),
    confidence: z.number().nullable().meta({ description: 'For extracted candidates: how sure the extraction is (0..1)' }),
    completedAt: instant.nullable(),
    closedAt: instant.nullable(),
    reminderPolicy: reminderPolicySchema.nullable(),
    version: z.number().int().meta({ description: 'Increases with every change; the ETag carries it' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Commitment' });

export const commitmentListQuerySchema = listQuerySchema.extend({
  status: z
    .union([z.enum(CommitmentStatus), z.array(z.enum(CommitmentStatus))])
    .transform((s) => (Array.isArray(s) ? s : [s]))
    .optional()
    .meta({ description: 'One or more statuses (repeat the parameter)' }),
  meetingId: z.uuid().optional(),
  partyId: z.uuid().optional().meta({ description: 'Owed by this party' }),
});

export const noteSchema = z
  .strictObject({ text: z.string().trim().min(1).max(10_000) })
  .meta({ id: 'CreateNote', example: { text: 'Dates proposed to the Pakistani side: 10-11 March.' } });

export const commitmentEventSchema = z
  .object({
    id: z.uuid(),
    commitmentId: z.uuid(),
    type: z.enum(CommitmentEventType),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable().meta({
      description: 'For CREATED the initial values (from null); for UPDATED and STATUS_CHANGED each changed field',
      example: { status: { from: 'OPEN', to: 'DONE' } },
    }),
    note: z.string().nullable(),
    actor: z.string().meta({ example: 'api-key:Secretariat' }),
    createdAt: instant,
  })
  .meta({ id: 'CommitmentEvent' });

export const commitmentPageSchema = pageSchema(commitmentSchema, 'CommitmentPage');
export const commitmentEventPageSchema = pageSchema(commitmentEventSchema, 'CommitmentEventPage');

export type CreateCommitment = z.infer<typeof createCommitmentSchema>;
export type UpdateCommitment = z.infer<typeof updateCommitmentSchema>;
export type CommitmentJson = z.infer<typeof commitmentSchema>;
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;
export type CommitmentEventJson = z.infer<typeof commitmentEventSchema>;
