import { z } from 'zod';
import { ReminderDelivery, ReminderKind, ReminderStatus } from '../generated/prisma/enums.js';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';
import { reminderPolicySchema } from './reminder-policy.js';

const instant = z.iso.datetime({ offset: true });

export const reminderSchema = z
  .object({
    id: z.uuid(),
    commitmentId: z.uuid().nullable().meta({ description: 'Null for a DIGEST, which covers all of a person’s commitments' }),
    recipientPersonId: z.uuid(),
    kind: z.enum(ReminderKind),
    offset: z.string().meta({ description: 'ISO-8601 duration from the end of the deadline window', example: '-P7D' }),
    fireAt: instant,
    status: z.enum(ReminderStatus),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    skipReason: z.string().nullable().meta({ example: 'commitment closed' }),
    sentAt: instant.nullable(),
    messageId: z.string().nullable(),
  })
  .meta({ id: 'Reminder' });

export const commitmentRemindersSchema = z
  .object({
    policy: z.object({ offsets: z.array(z.string()), localTime: z.string().nullable(), repeatOverdueEvery: z.string().nullable() }).meta({
      description: 'The policy in force: the commitment’s own override laid over the default for its precision',
    }),
    items: z.array(reminderSchema),
  })
  .meta({ id: 'CommitmentReminders' });

export const reminderListQuerySchema = listQuerySchema.extend({
  status: z.enum(ReminderStatus).optional(),
  kind: z.enum(ReminderKind).optional(),
  commitmentId: z.uuid().optional(),
  recipientPersonId: z.uuid().optional(),
});

export const reminderRetryQuerySchema = z.strictObject({
  force: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false)
    .meta({ description: 'Send it even though a later reminder to the same person about the same commitment was sent or is due' }),
});

export const reminderPageSchema = pageSchema(reminderSchema, 'ReminderPage');

export const reminderDeliverySchema = z
  .strictObject({ delivery: z.enum(ReminderDelivery).meta({ description: 'EACH: one email per reminder; DIGEST: one email a day at local morning' }) })
  .meta({ id: 'ReminderDeliveryPreference', example: { delivery: 'DIGEST' } });

export { reminderPolicySchema };
export type ReminderJson = z.infer<typeof reminderSchema>;
export type ReminderListQuery = z.infer<typeof reminderListQuerySchema>;
export type ReminderRetryQuery = z.infer<typeof reminderRetryQuerySchema>;
export type ReminderDeliveryPreference = z.infer<typeof reminderDeliverySchema>;
