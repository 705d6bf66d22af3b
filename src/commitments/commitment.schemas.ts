import { z } from 'zod';
import { Assessment, CommitmentEventType, CommitmentKind, CommitmentStatus } from '../generated/prisma/enums.js';
import { deadlineInputSchema, deadlineSchema } from '../deadlines/deadline.schemas.js';
import { dayInput, instantInput } from '../core/http/instants.js';
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
  completedAt: instantInput.nullable().meta({ description: 'When it was done; defaults to the moment status becomes DONE' }),
  reminderPolicy: reminderPolicySchema
    .nullable()
    .meta({ description: 'Overrides the default reminder policy for the deadline’s precision; null uses the default' }),
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
    acknowledgedAt: instant.nullable().meta({ description: 'When a person last said, from an email link, that they have seen it' }),
    acknowledgedBy: z.uuid().nullable().meta({ description: 'The person who did' }),
    reminderPolicy: reminderPolicySchema.nullable(),
    version: z.number().int().meta({ description: 'Increases with every change; the ETag carries it' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Commitment' });

const statusList = z
  .union([z.enum(CommitmentStatus), z.array(z.enum(CommitmentStatus))])
  .transform((s) => [...new Set(Array.isArray(s) ? s : [s])])
  .meta({ description: 'One or more statuses (repeat the parameter)' });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const dayOrInstant = z.union([instantInput, dayInput]);
// PostgreSQL's web-search parser nests each minus that starts a term as one more NOT, and more than 32
// of them overflow its operator stack ("tsquery stack too small", a 500): a pasted line of dashes does it.
// A minus between letters or digits joins a word (x-ray) and nests nothing.
const EXCLUSION = /(?<![\p{L}\p{N}])-/gu;
const MAX_EXCLUSIONS = 30;

/**
 * What a list of commitments can be narrowed by. The list, the CSV export, the dashboard summary
 * and calendar feeds all take these, with the same meaning.
 */
export const commitmentFilterShape = {
  status: statusList.optional(),
  overdue: flag.optional().meta({ description: 'true: the deadline window has closed and it is not DONE or CANCELLED; false: the others' }),
  dueFrom: dayOrInstant.optional().meta({
    description:
      'With dueTo: the deadline window overlaps [dueFrom, dueTo]. A day means its start (dueFrom) or its end (dueTo), UTC. Undated commitments never match',
    example: '2020-01-01',
  }),
  dueTo: dayOrInstant.optional().meta({ example: '2020-12-31' }),
  partyId: z.uuid().optional().meta({ description: 'Owed by this party' }),
  counterpartyId: z.uuid().optional().meta({ description: 'Owed to this party' }),
  personId: z.uuid().optional().meta({ description: 'This person is responsible for it' }),
  meetingId: z.uuid().optional().meta({ description: 'Made at this meeting' }),
  seriesId: z.uuid().optional().meta({ description: 'Made at a meeting of this series' }),
  tag: z.string().trim().min(1).max(50).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((q) => (q.match(EXCLUSION) ?? []).length <= MAX_EXCLUSIONS, { message: `At most ${MAX_EXCLUSIONS} exclusions (-word)` })
    .optional()
    .meta({ description: 'Full-text search over title, description and source quote (web-search syntax: words, "phrases", -excluded, or)' }),
};

export const commitmentFilterSchema = z.strictObject(commitmentFilterShape).meta({ id: 'CommitmentFilter' });

export const commitmentSorts = ['deadline', 'created', 'updated', 'relevance'] as const;

export const commitmentListQuerySchema = listQuerySchema
  .extend({
    ...commitmentFilterShape,
    sort: z.enum(commitmentSorts).optional().meta({
      description:
        'deadline: by the deadline window’s end, undated last (the default without q); created; updated; relevance: best full-text matches first (the default with q; ranks the newest 200 matches)',
    }),
    order: z.enum(['asc', 'desc']).optional().meta({ description: 'Default: asc for deadline, desc for created, updated and relevance' }),
    includeTotal: flag.optional().meta({ description: 'true adds `total`: how many commitments match, ignoring limit and cursor' }),
  })
  .refine((q) => q.sort !== 'relevance' || q.q !== undefined, { path: ['sort'], message: 'relevance needs q' })
  .refine((q) => !(q.sort === 'relevance' && q.order === 'asc'), { path: ['order'], message: 'relevance is best first only' });

export const noteSchema = z
  .strictObject({ text: z.string().trim().min(1).max(10_000) })
  .meta({ id: 'CreateNote', example: { text: 'Dates proposed to the Pakistani side: 10-11 March.' } });

export const commitmentEventSchema = z
  .object({
    id: z.uuid(),
    commitmentId: z.uuid(),
    type: z.enum(CommitmentEventType),
    changes: z
      .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
      .nullable()
      .meta({
        description: 'For CREATED the initial values (from null); for UPDATED and STATUS_CHANGED each changed field',
        example: { status: { from: 'OPEN', to: 'DONE' } },
      }),
    note: z.string().nullable(),
    actor: z.string().meta({ example: 'api-key:Secretariat' }),
    createdAt: instant,
  })
  .meta({ id: 'CommitmentEvent' });

export const commitmentPageSchema = z
  .object({
    items: z.array(commitmentSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().optional().meta({ description: 'With includeTotal=true: how many match' }),
  })
  .meta({ id: 'CommitmentPage' });
export const commitmentEventPageSchema = pageSchema(commitmentEventSchema, 'CommitmentEventPage');

export type CreateCommitment = z.infer<typeof createCommitmentSchema>;
export type UpdateCommitment = z.infer<typeof updateCommitmentSchema>;
export type CommitmentJson = z.infer<typeof commitmentSchema>;
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;
export type CommitmentFilterQuery = z.infer<typeof commitmentFilterSchema>;
export type CommitmentEventJson = z.infer<typeof commitmentEventSchema>;
