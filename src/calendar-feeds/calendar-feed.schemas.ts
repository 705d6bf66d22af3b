import { z } from 'zod';
import { commitmentFilterSchema } from '../commitments/commitment.schemas.js';

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

/** The feed address ends in `<token>.ics`; anything else names no feed. */
export const feedFileParam = z.string().max(100);

export type CreateCalendarFeed = z.infer<typeof createCalendarFeedSchema>;
export type CalendarFeedJson = z.infer<typeof calendarFeedSchema>;
