import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

export interface DueBacklog {
  unsent: number;
  oldestSeconds: number;
}

@Injectable()
export class MetricsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Reminders due and not yet sent (waiting or claimed), and how long the oldest has been due. Each
   * status is read through its own index: waiting rows through the status index, claimed ones (not in
   * it) through the index of claims in flight.
   */
  async dueBacklog(): Promise<DueBacklog> {
    const [row] = await this.prisma.read<{ unsent: number; oldestSeconds: number | null }>(Prisma.sql`
      SELECT count(*)::int AS unsent, extract(epoch FROM now() - min(fire_at))::float8 AS "oldestSeconds"
      FROM (SELECT fire_at FROM reminder WHERE status = 'PENDING' AND fire_at <= now()
            UNION ALL
            SELECT fire_at FROM reminder WHERE status = 'CLAIMED' AND fire_at <= now()) due`);
    return { unsent: row.unsent, oldestSeconds: Math.max(0, row.oldestSeconds ?? 0) };
  }
}
