import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import { ConfigModule } from './core/config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { EmailActionsModule } from './email-actions/email-actions.module.js';
import type { AppConfig } from './core/config/config.schema.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { PrismaModule } from './core/prisma/prisma.module.js';
import { QueueModule } from './core/queue/queue.module.js';
import { RedisModule } from './core/redis/redis.module.js';
import { ExtractionModule } from './extraction/extraction.module.js';
import { HealthModule } from './health/health.module.js';
import { MailboxModule } from './mail/mailbox.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MeetingSeriesModule } from './meeting-series/meeting-series.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { PartiesModule } from './parties/parties.module.js';
import { PeopleModule } from './people/people.module.js';
import { RemindersModule } from './reminders/reminders.module.js';

/** The HTTP side: REST, docs and health. It enqueues jobs but registers no processors. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        PrismaModule,
        ...(config.REDIS_URL ? [RedisModule] : []),
        HealthModule,
        ApiKeysModule,
        PartiesModule,
        CommitmentsModule,
        DashboardModule,
        CalendarFeedsModule,
        PeopleModule,
        MeetingSeriesModule,
        MeetingsModule,
        ExtractionModule,
        QueueModule,
        RemindersModule,
        EmailActionsModule,
        MailboxModule,
        MetricsModule.forApi(),
      ],
    };
  }
}
