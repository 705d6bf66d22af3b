import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { reminderQueues } from '../reminders/reminder-queues.js';
import { BacklogMetrics } from './backlog.metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { MetricsServer } from './metrics-server.js';

/**
 * Prometheus metrics: GET /metrics on the api (admin key), and METRICS_PORT on the worker, whose
 * process has no HTTP server otherwise.
 */
@Module({})
export class MetricsModule {
  static forApi(): DynamicModule {
    return { module: MetricsModule, imports: [BullModule.registerQueue(...reminderQueues)], controllers: [MetricsController], providers: [MetricsRepository, BacklogMetrics] };
  }

  static forWorker(): DynamicModule {
    return { module: MetricsModule, imports: [BullModule.registerQueue(...reminderQueues)], providers: [MetricsRepository, BacklogMetrics, MetricsServer] };
  }
}
