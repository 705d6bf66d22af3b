import { z } from 'zod';
import { PartyKind } from '../generated/prisma/enums.js';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';

const partyFields = {
  name: z.string().trim().min(1).max(200).meta({ example: 'Pakistan' }),
  kind: z.enum(PartyKind).meta({ example: 'COUNTRY' }),
};

export const createPartySchema = z.strictObject({ ...partyFields, kind: partyFields.kind.default('OTHER') }).meta({ id: 'CreateParty' });

export const updatePartySchema = z.strictObject({ name: partyFields.name.optional(), kind: partyFields.kind.optional() }).meta({ id: 'UpdateParty' });

export const partySchema = z
  .object({
    id: z.uuid(),
    ...partyFields,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Party' });

export const partyListQuerySchema = listQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Name contains (case-insensitive)' }),
});

export const partyPageSchema = pageSchema(partySchema, 'PartyPage');

export type CreateParty = z.infer<typeof createPartySchema>;
export type UpdateParty = z.infer<typeof updatePartySchema>;
export type PartyJson = z.infer<typeof partySchema>;
export type PartyListQuery = z.infer<typeof partyListQuerySchema>;
