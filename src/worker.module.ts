import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './core/config/config.module.js';
import type { AppConfig } from './core/config/config.schema.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { PrismaModule } from './core/prisma/prisma.module.js';
import { QueueModule } from './core/queue/queue.module.js';
import { RedisModule } from './core/redis/redis.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ReminderWorkerModule } from './reminders/reminder-worker.module.js';
import { ActionNoticeWorkerModule } from './email-actions/action-notice-worker.module.js';
import { UpkeepWorkerModule } from './replans/upkeep-worker.module.js';

/** The background side: BullMQ processors and the scheduler tick. No HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        PrismaModule,
        ...(config.REDIS_URL ? [RedisModule] : []),
        QueueModule,
        ReminderWorkerModule,
        UpkeepWorkerModule,
        ActionNoticeWorkerModule,
        MetricsModule.forWorker(),
      ],
    };
  }
}
