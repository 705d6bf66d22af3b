import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Queue } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import { logConnectionErrors } from '../core/connection-errors.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { TallyFold } from '../dashboard/tally-fold.service.js';
import { ReplanOutbox } from './replan-outbox.service.js';
import { UPKEEP_EVERY_MS, UPKEEP_QUEUE, UPKEEP_SCHEDULER_ID } from './upkeep-queue.js';

/** The upkeep tick's consumer (see upkeep-queue.ts); closes with the worker, before the database. */
@Injectable()
export class UpkeepWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UpkeepWorkers.name);
  private worker?: Worker;

  constructor(
    @InjectQueue(UPKEEP_QUEUE) private readonly queue: Queue,
    private readonly replans: ReplanOutbox,
    private readonly tallies: TallyFold,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(UPKEEP_QUEUE, async () => ({ batches: await this.replans.drain(), folded: await this.tallies.fold() }), {
      connection: this.queue.opts.connection,
      prefix: this.queue.opts.prefix,
      concurrency: 1,
      lockDuration: this.config.REMINDER_JOB_LOCK_MS,
    });
    logConnectionErrors(this.worker, this.logger, UPKEEP_QUEUE);
    await this.queue.upsertJobScheduler(
      UPKEEP_SCHEDULER_ID,
      { every: UPKEEP_EVERY_MS },
      { name: 'tick', opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}
