import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { DELIVERY_QUEUE, DISPATCH_QUEUE } from '../reminders/reminder-queues.js';
import { metricsRegistry } from './metrics.js';
import { MetricsRepository } from './metrics.repository.js';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Gauges read at scrape time from the ledger and the queues, so every process that serves metrics
 * reports the same figures (aggregate them with max(), not sum()). Through BullMQ's Queue API, which
 * works whichever backend the queues run on.
 */
@Injectable()
export class BacklogMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly gauges: { name: string; gauge: Gauge }[];

  constructor(
    repository: MetricsRepository,
    @InjectQueue(DISPATCH_QUEUE) dispatchQueue: Queue,
    @InjectQueue(DELIVERY_QUEUE) deliveryQueue: Queue,
  ) {
    const oldest = new Gauge({
      name: 'followthrough_reminders_oldest_due_seconds',
      help: 'How long the oldest due and unsent reminder has been due (0 when none is)',
      registers: [],
      async collect() {
        const backlog = await repository.dueBacklog().catch(() => null);
        if (backlog) this.set(backlog.oldestSeconds);
      },
    });
    const unsent = new Gauge({
      name: 'followthrough_reminders_due_unsent',
      help: 'Reminders due and not yet sent (PENDING or CLAIMED with fire time passed)',
      registers: [],
      async collect() {
        const backlog = await repository.dueBacklog().catch(() => null);
        if (backlog) this.set(backlog.unsent);
      },
    });
    const queues = new Gauge({
      name: 'followthrough_queue_jobs',
      help: 'Jobs in each reminder queue, by state',
      labelNames: ['queue', 'state'],
      registers: [],
      async collect() {
        for (const queue of [dispatchQueue, deliveryQueue]) {
          const counts = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
          if (counts) for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    this.gauges = [
      { name: 'followthrough_reminders_due_unsent', gauge: unsent },
      { name: 'followthrough_reminders_oldest_due_seconds', gauge: oldest },
      { name: 'followthrough_queue_jobs', gauge: queues },
    ];
  }

  // One process may build several apps (api and worker together, or tests): the latest one reports.
  onModuleInit(): void {
    for (const { name, gauge } of this.gauges) {
      metricsRegistry.removeSingleMetric(name);
      metricsRegistry.registerMetric(gauge);
    }
  }

  onModuleDestroy(): void {
    for (const { name, gauge } of this.gauges) {
      if (metricsRegistry.getSingleMetric(name) === gauge) metricsRegistry.removeSingleMetric(name);
    }
  }
}
