import { z } from 'zod';
import { deadlineInputSchema } from '../deadlines/deadline.schemas.js';
import { ExtensionRequestStatus } from '../generated/prisma/enums.js';

export const extensionRequestSchema = z
  .object({
    id: z.uuid(),
    commitmentId: z.uuid(),
    personId: z.uuid().meta({ description: 'Who asked, from the link in their reminder' }),
    proposedDeadline: deadlineInputSchema,
    proposedDeadlineLabel: z.string().meta({ example: 'March 2026' }),
    reason: z.string(),
    status: z.enum(ExtensionRequestStatus),
    decidedBy: z.string().nullable().meta({ example: 'api-key:Secretariat' }),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ExtensionRequest' });

export const extensionRequestListSchema = z.object({ items: z.array(extensionRequestSchema) }).meta({ id: 'ExtensionRequestList' });

export type ExtensionRequestJson = z.infer<typeof extensionRequestSchema>;

export const declineExtensionSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional().meta({ description: 'Told to the requester' }) })
  .meta({ id: 'DeclineExtensionRequest', example: { reason: 'The committee meets in February; the report is needed before it.' } });
