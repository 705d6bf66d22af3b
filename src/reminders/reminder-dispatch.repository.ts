import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
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
    const [{ released }] = await this.prisma.write<{ released: number }>(releaseExpiredStatement(limit));
    return released;
  }

  /** Whether any row is due and not yet claimed: one index entry to read when none is. */
  async anyDue(): Promise<boolean> {
    const [row] = await this.prisma.read<{ due: boolean }>(Prisma.sql`
      SELECT EXISTS (SELECT 1 FROM reminder WHERE status = 'PENDING' AND fire_at <= now()) AS due`);
    return row.due;
  }

  /** How many rows are claimed and not yet finished, by every worker, counted up to `cap`. */
  async claimedCount(cap: number): Promise<number> {
    const [row] = await this.prisma.read<{ claimed: number }>(claimedCountStatement(cap));
    return row.claimed;
  }

  /** Claims up to `limit` due rows, oldest first, leasing them for `leaseSeconds`; the ids and their lease. */
  async claimDue(limit: number, leaseSeconds: number): Promise<{ ids: string[]; lease: Date | null }> {
    const rows = await this.prisma.write<{ id: string; lease: Date }>(Prisma.sql`
      UPDATE reminder SET status = 'CLAIMED', lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
      WHERE id IN (
        SELECT id FROM reminder
        WHERE status = 'PENDING' AND fire_at <= now()
        ORDER BY fire_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, lease_until AS lease`);
    return { ids: rows.map((r) => r.id), lease: rows[0]?.lease ?? null };
  }

  /**
   * Makes sure everyone who reads a daily digest has a row for their next local morning. The day is
   * part of the dedupe key, so every tick may run this and a day still gets one digest.
   */
  async planDigests(localTime: string): Promise<number> {
    // Every tick runs this: sent as a prepared statement, not planned (and compiled by Prisma) each time.
    const [{ planned }] = await this.prisma.write<{ planned: number }>(Prisma.sql`
      WITH planned AS (
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
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS planned FROM planned`);
    return planned;
  }
}

/**
 * Claims in flight are read through the index of claims (reminder_claimed_lease_idx) alone: the status
 * index leaves them out, so a plan made on statistics from a quiet moment cannot read a burst's claims
 * one by one to find the few whose lease ran out.
 */
export function releaseExpiredStatement(limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH released AS (
      UPDATE reminder SET status = 'PENDING', lease_until = NULL, updated_at = now()
      WHERE id IN (
        SELECT id FROM reminder
        WHERE status = 'CLAIMED' AND lease_until < now()
        ORDER BY lease_until
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING 1)
    SELECT count(*)::int AS released FROM released`;
}

export function claimedCountStatement(cap: number): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS claimed FROM (SELECT 1 FROM reminder WHERE status = 'CLAIMED' LIMIT ${cap}) c`;
}
