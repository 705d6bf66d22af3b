import { Prisma } from '../generated/prisma/client.js';

export interface SupersedeSubject {
  id: string;
  commitmentId: string | null;
  recipientPersonId: string;
  fireAt: Date;
}

/**
 * The later reminder that makes this one not worth sending: for the same commitment and person (for a
 * digest, the person's later digest), already due, and sent or on its way. After downtime only the
 * newest is sent, not a burst of stale ones. Selects its id and status, newest first.
 */
export function supersedingReminder(row: SupersedeSubject): Prisma.Sql {
  return Prisma.sql`
    SELECT id, status FROM reminder
    WHERE recipient_person_id = ${row.recipientPersonId}::uuid
      AND ${row.commitmentId === null ? Prisma.sql`commitment_id IS NULL AND kind = 'DIGEST'` : Prisma.sql`commitment_id = ${row.commitmentId}::uuid`}
      AND id <> ${row.id}::uuid
      AND fire_at > ${row.fireAt} AND fire_at <= now()
      AND status IN ('PENDING', 'CLAIMED', 'SENT')
    ORDER BY fire_at DESC, id DESC
    LIMIT 1`;
}

/**
 * Whether delivery skips a row as superseded (supersedingReminder() exists for it), for the rows of a
 * query under `alias` (columns id, commitment_id, recipient_person_id, fire_at, and forced: true once
 * an admin asked to send it again, as the retry answered 409 naming the later reminder or the admin
 * forced it, so skipping now would be silent). Delivery checks a whole chunk in one statement.
 */
export function isSupersededRow(alias: string): Prisma.Sql {
  const r = Prisma.raw(alias);
  return Prisma.sql`(NOT ${r}.forced AND (EXISTS (
      SELECT 1 FROM reminder l
      WHERE l.commitment_id = ${r}.commitment_id AND l.recipient_person_id = ${r}.recipient_person_id
        AND l.id <> ${r}.id AND l.fire_at > ${r}.fire_at AND l.fire_at <= now() AND l.status IN ('PENDING', 'CLAIMED', 'SENT'))
    OR (${r}.commitment_id IS NULL AND EXISTS (
      SELECT 1 FROM reminder l
      WHERE l.recipient_person_id = ${r}.recipient_person_id AND l.commitment_id IS NULL AND l.kind = 'DIGEST'
        AND l.id <> ${r}.id AND l.fire_at > ${r}.fire_at AND l.fire_at <= now() AND l.status IN ('PENDING', 'CLAIMED', 'SENT')))))`;
}
