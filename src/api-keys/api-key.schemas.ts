import { z } from 'zod';
import { roles } from '../core/auth/roles.js';
import { pageSchema } from '../core/http/pagination.js';

export const createApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).meta({ example: 'Dashboard (read only)' }),
    role: z.enum(roles).meta({ example: 'VIEWER' }),
    contactEmail: z.email().max(320).optional().meta({
      description: 'Told by email when people act, from their reminders, on commitments created with this key',
      example: 'secretariat@example.org',
    }),
  })
  .meta({ id: 'CreateApiKey' });

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(roles),
    keyPrefix: z.string().meta({ description: 'First characters of the key, to tell keys apart', example: 'ft_3kQ9' }),
    contactEmail: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema
  .extend({
    key: z.string().meta({ description: 'The secret key. Shown once: store it now.', example: 'ft_3kQ9...' }),
  })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyPageSchema = pageSchema(apiKeySchema, 'ApiKeyPage');

export type CreateApiKey = z.infer<typeof createApiKeySchema>;
export type ApiKeyJson = z.infer<typeof apiKeySchema>;
