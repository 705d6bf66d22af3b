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
 * Whether delivery skips the row as superseded. Never once an admin asked to send it again: the retry
 * answered 409 naming the later reminder, or the admin forced it, so skipping now would be silent.
 */
export function isSuperseded(row: SupersedeSubject): Prisma.Sql {
  return Prisma.sql`(NOT EXISTS (SELECT 1 FROM reminder WHERE id = ${row.id}::uuid AND retry_requested_at IS NOT NULL)
    AND EXISTS (${supersedingReminder(row)}))`;
}
