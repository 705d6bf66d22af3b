import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { CommitmentStatus, DeadlinePrecision, ReminderKind, ReminderStatus } from '../generated/prisma/enums.js';

const date = z.coerce.date();

const commitmentShape = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(CommitmentStatus),
  deletedAt: date.nullable(),
  deadlinePrecision: z.enum(DeadlinePrecision).nullable(),
  deadlineValue: z.string().nullable(),
  deadlineTimeZone: z.string().nullable(),
  deadlineEnd: date.nullable(),
  sourceQuote: z.string().nullable(),
  ownerParty: z.string().nullable(),
  counterparty: z.string().nullable(),
  responsible: z.array(z.string()),
  meeting: z
    .object({ title: z.string(), round: z.number().nullable(), location: z.string().nullable(), startsAt: date.nullable(), timeZone: z.string(), series: z.string().nullable() })
    .nullable(),
  deadlineMeeting: z
    .object({ title: z.string(), round: z.number().nullable(), series: z.object({ name: z.string(), shortName: z.string().nullable() }).nullable() })
    .nullable(),
  notes: z.array(z.object({ createdAt: date, actor: z.string(), note: z.string().nullable() })),
});

export const deliveryRowSchema = z.object({
  id: z.uuid(),
  commitmentId: z.uuid().nullable(),
  recipientPersonId: z.uuid(),
  kind: z.enum(ReminderKind),
  status: z.enum(ReminderStatus),
  fireAt: date,
  attempts: z.number().int(),
  recipient: z.object({ id: z.uuid(), name: z.string(), email: z.string(), timeZone: z.string() }),
  commitment: commitmentShape.nullable(),
});

export type DeliveryRow = z.infer<typeof deliveryRowSchema>;
export type DeliveryCommitment = z.infer<typeof commitmentShape>;

/**
 * Everything the emails of a chunk of reminders need, in one round trip: delivery is bound by database
 * round trips, and an ORM include of this shape costs one query per relation.
 */
export function deliveryFacts(ids: string[]): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(DELIVERY_SELECT)} WHERE r.id = ANY(${ids}::uuid[])`;
}

const DELIVERY_SELECT = `
  SELECT r.id, r.commitment_id AS "commitmentId", r.recipient_person_id AS "recipientPersonId", r.kind, r.status, r.fire_at AS "fireAt", r.attempts,
    json_build_object('id', p.id, 'name', p.name, 'email', p.email, 'timeZone', p.time_zone) AS recipient,
    CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
      'id', c.id, 'title', c.title, 'description', c.description, 'status', c.status, 'deletedAt', c.deleted_at,
      'deadlinePrecision', c.deadline_precision, 'deadlineValue', c.deadline_value, 'deadlineTimeZone', c.deadline_time_zone,
      'deadlineEnd', c.deadline_end, 'sourceQuote', c.source_quote, 'ownerParty', op.name, 'counterparty', cp.name,
      'responsible', (SELECT coalesce(json_agg(rp.name ORDER BY rp.id), '[]') FROM commitment_person x JOIN person rp ON rp.id = x.person_id
                      WHERE x.commitment_id = c.id AND x.role = 'RESPONSIBLE'),
      'meeting', (SELECT json_build_object('title', m.title, 'round', m.round, 'location', m.location, 'startsAt', m.starts_at, 'timeZone', m.time_zone, 'series', s.name)
                  FROM meeting m LEFT JOIN meeting_series s ON s.id = m.series_id WHERE m.id = c.meeting_id),
      'deadlineMeeting', (SELECT json_build_object('title', m.title, 'round', m.round,
                            'series', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('name', s.name, 'shortName', s.short_name) END)
                          FROM meeting m LEFT JOIN meeting_series s ON s.id = m.series_id WHERE m.id = c.deadline_meeting_id),
      'notes', (SELECT coalesce(json_agg(n ORDER BY n."createdAt" DESC), '[]') FROM (
                  SELECT e.created_at AS "createdAt", e.actor, e.note FROM commitment_event e
                  WHERE e.commitment_id = c.id AND e.type = 'NOTE' ORDER BY e.created_at DESC LIMIT 3) n)
    ) END AS commitment
  FROM reminder r
  JOIN person p ON p.id = r.recipient_person_id
  LEFT JOIN commitment c ON c.id = r.commitment_id
  LEFT JOIN party op ON op.id = c.owner_party_id
  LEFT JOIN party cp ON cp.id = c.counterparty_id`;
