import { z } from 'zod';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';
import { timeZoneSchema } from '../deadlines/deadline.schemas.js';

const personFields = {
  name: z.string().trim().min(1).max(200).meta({ example: 'Ikram-ul-Haq' }),
  title: z.string().trim().min(1).max(200).nullable().meta({ example: 'Defence Secretary' }),
  // Stored lowercased so the unique index also catches the same address typed in another case.
  email: z.email().max(254).toLowerCase().meta({ example: 'ikram-ul-haq@mod.example.pk' }),
  partyId: z.uuid().nullable().meta({ description: 'The party the person speaks for', example: '0b6f3d9e-2f4c-4a53-9d57-3c1f2a7e8b10' }),
  timeZone: timeZoneSchema.meta({ description: 'IANA time zone reminders are timed in', example: 'Asia/Karachi' }),
  escalationContactId: z.uuid().nullable().meta({
    description: 'Who hears about it when this person lets a commitment lapse; never the person itself',
    example: '5d2e8c41-7a0b-4f6e-b1c3-9e8d7f6a5b42',
  }),
};

export const createPersonSchema = z
  .strictObject({
    name: personFields.name,
    title: personFields.title.default(null),
    email: personFields.email,
    partyId: personFields.partyId.default(null),
    timeZone: personFields.timeZone.default('UTC'),
    escalationContactId: personFields.escalationContactId.default(null),
  })
  .meta({
    id: 'CreatePerson',
    example: {
      name: 'Ikram-ul-Haq',
      title: 'Defence Secretary',
      email: 'ikram-ul-haq@mod.example.pk',
      partyId: '0b6f3d9e-2f4c-4a53-9d57-3c1f2a7e8b10',
      timeZone: 'Asia/Karachi',
    },
  });

export const updatePersonSchema = z
  .strictObject({
    name: personFields.name.optional(),
    title: personFields.title.optional(),
    email: personFields.email.optional(),
    partyId: personFields.partyId.optional(),
    timeZone: personFields.timeZone.optional(),
    escalationContactId: personFields.escalationContactId.optional(),
  })
  .meta({ id: 'UpdatePerson', example: { title: 'Secretary of Defence', timeZone: 'Asia/Karachi' } });

export const personSchema = z
  .object({
    id: z.uuid(),
    ...personFields,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'Person',
    example: {
      id: '7c9a1e52-3b8d-4f0a-9e6c-2d1b5a4f3e87',
      name: 'Alexander V. Fomin',
      title: 'Deputy Defence Minister',
      email: 'a.fomin@mil.example.ru',
      partyId: '3e8d2c1b-6a5f-4e9d-8c7b-1a0f9e8d7c65',
      timeZone: 'Europe/Moscow',
      escalationContactId: null,
      createdAt: '2019-08-20T12:00:00.000Z',
      updatedAt: '2019-08-20T12:00:00.000Z',
    },
  });

export const personListQuerySchema = listQuerySchema.extend({
  partyId: z.uuid().optional().meta({ description: 'Only people of this party' }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Name or email contains (case-insensitive)' }),
});

export const personPageSchema = pageSchema(personSchema, 'PersonPage');

export type CreatePerson = z.infer<typeof createPersonSchema>;
export type UpdatePerson = z.infer<typeof updatePersonSchema>;
export type PersonJson = z.infer<typeof personSchema>;
export type PersonListQuery = z.infer<typeof personListQuerySchema>;
