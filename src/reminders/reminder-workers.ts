import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job, type Queue } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import { logConnectionErrors } from '../core/connection-errors.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { DELIVERY_QUEUE, DISPATCH_QUEUE, DISPATCH_SCHEDULER_ID, type DeliveryJob } from './reminder-queues.js';
import { ReminderDelivery } from './reminder-delivery.service.js';
import { ReminderDispatcher } from './reminder-dispatcher.service.js';

/**
 * The worker's BullMQ consumers: the dispatcher tick and reminder delivery (a chunk of reminders per job). Built here rather than with
 * @Processor so their lock and concurrency come from the validated config, and so shutdown can wait for
 * in-flight deliveries before the database connection goes away (global modules close last).
 */
@Injectable()
export class ReminderWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReminderWorkers.name);
  private readonly workers: Worker[] = [];
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(DISPATCH_QUEUE) private readonly dispatchQueue: Queue,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveryQueue: Queue<DeliveryJob>,
    private readonly dispatcher: ReminderDispatcher,
    private readonly delivery: ReminderDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const base = {
      connection: this.deliveryQueue.opts.connection,
      prefix: this.deliveryQueue.opts.prefix,
      lockDuration: this.config.REMINDER_JOB_LOCK_MS,
      stalledInterval: this.config.REMINDER_JOB_LOCK_MS,
    };
    this.workers.push(
      new Worker(DISPATCH_QUEUE, () => this.dispatcher.tick(), { ...base, concurrency: 1 }),
      new Worker(DELIVERY_QUEUE, (job: Job<DeliveryJob>) => this.delivery.deliver(job.data), {
        ...base,
        concurrency: this.config.REMINDER_CONCURRENCY,
      }),
    );
    for (const worker of this.workers) logConnectionErrors(worker, this.logger, worker.name);
    await this.ensureScheduler(true);
    // The scheduler lives in Redis; if Redis loses it (flushed, failed over), put it back.
    const every = this.config.REMINDER_DISPATCH_EVERY_MS;
    this.watchdog = setInterval(() => void this.ensureScheduler(false), Math.min(60_000, Math.max(1000, every * 5)));
    this.watchdog.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.watchdog);
    // Emails in flight finish and are marked; what a chunk has not started goes back to PENDING. close()
    // then waits for the jobs; anything cut short stays CLAIMED and its lease brings it back.
    this.delivery.stop();
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private async ensureScheduler(always: boolean): Promise<void> {
    try {
      if (!always && (await this.dispatchQueue.getJobScheduler(DISPATCH_SCHEDULER_ID))) return;
      await this.dispatchQueue.upsertJobScheduler(
        DISPATCH_SCHEDULER_ID,
        { every: this.config.REMINDER_DISPATCH_EVERY_MS },
        { name: 'tick', opts: { removeOnComplete: true, removeOnFail: true } },
      );
    } catch (error: unknown) {
      this.logger.warn(`Could not check the dispatch scheduler: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
