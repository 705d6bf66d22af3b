import { z } from 'zod';
import { pageSchema } from '../core/http/pagination.js';

export const mailboxIdParam = z.string().regex(/^\d{8}T\d{9}Z-[0-9a-f-]{36}$/, 'Not a mailbox message id');

export const mailboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size, 1-200' }),
  cursor: mailboxIdParam.optional().meta({ description: 'The nextCursor of the previous page' }),
});
export type MailboxQuery = z.infer<typeof mailboxQuerySchema>;

export const mailboxEntrySchema = z
  .object({
    id: z.string().meta({ example: '20261201T143000123Z-6f1c0e4a-2b7d-4c1e-9f55-0d6b8a1e2c3d' }),
    to: z.array(z.string()),
    subject: z.string(),
    messageId: z.string().nullable(),
    date: z.string().nullable(),
  })
  .meta({ id: 'MailboxEntry' });

export const mailboxPageSchema = pageSchema(mailboxEntrySchema, 'MailboxPage');

export const mailboxMessageSchema = mailboxEntrySchema
  .extend({ text: z.string(), html: z.string().nullable() })
  .meta({ id: 'MailboxMessage' });
