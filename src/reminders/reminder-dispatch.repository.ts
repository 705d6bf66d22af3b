import { Injectable } from '@nestjs/common';
import { PrismaService } from '../core/prisma/prisma.service.js';

/**
 * The dispatcher's SQL. Claims use the database's clock and row locks, so any number of workers can
 * run the same tick at once: each row is claimed by exactly one of them.
 */
@Injectable()
export class ReminderDispatchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Rows claimed but not finished within their lease go back to PENDING (lost Redis, dead worker). */
  async releaseExpired(limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE reminder SET status = 'PENDING', lease_until = NULL, updated_at = now()
      WHERE id IN (
        SELECT id FROM reminder
        WHERE status = 'CLAIMED' AND lease_until < now()
        ORDER BY lease_until
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)`;
  }

  /** Claims up to `limit` due rows, oldest first, leasing them for `leaseSeconds`. */
  async claimDue(limit: number, leaseSeconds: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE reminder SET status = 'CLAIMED', lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      WHERE id IN (
        SELECT id FROM reminder
        WHERE status = 'PENDING' AND fire_at <= now()
        ORDER BY fire_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return rows.map((r) => r.id);
  }

  /**
   * Makes sure everyone who reads a daily digest has a row for their next local morning. The day is
   * part of the dedupe key, so every tick may run this and a day still gets one digest.
   */
  async planDigests(localTime: string): Promise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO reminder (id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, updated_at)
      SELECT gen_random_uuid(), p.id, 'DIGEST', 'P1D', next.fire_at, 'PENDING',
             'digest:' || p.id || ':' || to_char(next.fire_at AT TIME ZONE p.time_zone, 'YYYY-MM-DD'), now()
      FROM person p
      CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE p.time_zone)::date AS day) local
      CROSS JOIN LATERAL (
        SELECT CASE
          WHEN ((local.day + ${localTime}::time) AT TIME ZONE p.time_zone) > now()
            THEN ((local.day + ${localTime}::time) AT TIME ZONE p.time_zone)
          ELSE (((local.day + 1) + ${localTime}::time) AT TIME ZONE p.time_zone)
        END AS fire_at) next
      WHERE p.reminder_delivery = 'DIGEST'
      ON CONFLICT (dedupe_key) DO NOTHING`;
  }
}
