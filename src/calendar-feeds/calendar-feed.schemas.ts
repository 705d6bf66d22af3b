import { z } from 'zod';
import { CommitmentStatus } from '../generated/prisma/enums.js';
import { commitmentFilterSchema, type CommitmentFilterQuery } from '../commitments/commitment.schemas.js';
import { pageSchema } from '../core/http/pagination.js';

export const createCalendarFeedSchema = z
  .strictObject({
    personId: z.uuid().optional().meta({ description: 'The deadlines this person is responsible for' }),
    filter: commitmentFilterSchema.optional().meta({ description: 'The deadlines of the commitments the list would show with these filters' }),
  })
  .refine((b) => (b.personId === undefined) !== (b.filter === undefined), { message: 'Give either personId or filter' })
  .meta({ id: 'CreateCalendarFeed', example: { personId: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b' } });

export const calendarFeedSchema = z
  .object({
    id: z.uuid(),
    url: z.url().meta({ description: 'The secret feed address, shown only now; anyone holding it can read the feed until it is revoked' }),
  })
  .meta({ id: 'CalendarFeed' });

/**
 * A feed's filter as stored: the list filters as they were validated when the feed was made (flags
 * as booleans, statuses as a list). It is read back in that form, never through the request schema
 * again; every filter field must be here (the type below fails to compile otherwise).
 */
export const storedFeedFilterSchema = z.object({
  status: z.array(z.enum(CommitmentStatus)).optional(),
  overdue: z.boolean().optional(),
  dueFrom: z.string().optional(),
  dueTo: z.string().optional(),
  partyId: z.string().optional(),
  counterpartyId: z.string().optional(),
  personId: z.string().optional(),
  meetingId: z.string().optional(),
  seriesId: z.string().optional(),
  tag: z.string().optional(),
  q: z.string().optional(),
} satisfies Record<keyof CommitmentFilterQuery, z.ZodType>);

/** A feed as an admin sees it: what it shows and who made it, never its address. */
export const calendarFeedSummarySchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid().nullable().meta({ description: 'The person whose deadlines it shows, or null for a list filter' }),
    filter: storedFeedFilterSchema.nullable().meta({ description: 'The list filters it shows, or null for a person’s feed' }),
    createdBy: z.string().meta({ example: 'api-key:Dashboard (read only)' }),
    createdByKeyId: z.uuid().nullable().meta({ description: 'The API key that created it; null for the bootstrap admin key. Revoking the key ends the feed' }),
    createdAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    active: z.boolean().meta({ description: 'It serves: neither it nor the key that created it is revoked' }),
  })
  .meta({ id: 'CalendarFeedSummary' });

export const calendarFeedPageSchema = pageSchema(calendarFeedSummarySchema, 'CalendarFeedPage');

/** The feed address ends in `<token>.ics`; anything else names no feed. */
export const feedFileParam = z.string().max(100);

export type CreateCalendarFeed = z.infer<typeof createCalendarFeedSchema>;
export type CalendarFeedJson = z.infer<typeof calendarFeedSchema>;
export type CalendarFeedSummary = z.infer<typeof calendarFeedSummarySchema>;
export type StoredFeedFilter = z.infer<typeof storedFeedFilterSchema>;
