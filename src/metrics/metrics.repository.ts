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

  /** Reminders due and not yet sent (waiting or claimed), and how long the oldest has been due. */
  async dueBacklog(): Promise<DueBacklog> {
    const [row] = await this.prisma.read<{ unsent: number; oldestSeconds: number | null }>(Prisma.sql`
      SELECT count(*)::int AS unsent, extract(epoch FROM now() - min(fire_at))::float8 AS "oldestSeconds"
      FROM reminder WHERE status IN ('PENDING', 'CLAIMED') AND fire_at <= now()`);
    return { unsent: row.unsent, oldestSeconds: Math.max(0, row.oldestSeconds ?? 0) };
  }
}
