import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import { onceAMinute } from '../core/logging/once-a-minute.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { reminderLeaseExpiries } from '../metrics/metrics.js';
import { claimBudget, type ClaimHistory } from './reminder-dispatch-budget.js';
import { chunkJob, DELIVERY_QUEUE, type DeliveryJob } from './reminder-queues.js';
import { ReminderDispatchRepository } from './reminder-dispatch.repository.js';

// A tick drains a backlog (after downtime, or 20,000 reminders due at once) in batches, then yields.
const MAX_BATCHES_PER_TICK = 100;

/**
 * One tick of the dispatcher: hands the queue the reminders that are due now, in chunks, and no more
 * than the workers can send while the claims are young (see claimBudget). A crash between the claim
 * and the enqueue leaves rows CLAIMED; their lease runs out and they come back.
 */
@Injectable()
export class ReminderDispatcher {
  private history: ClaimHistory | null = null;
  private readonly logger = new Logger(ReminderDispatcher.name);
  private readonly digestFailed = onceAMinute((message) => this.logger.error(`Planning daily digests failed, reminders go on: ${message}`));

  constructor(
    private readonly repository: ReminderDispatchRepository,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveries: Queue<DeliveryJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A person's time zone that PostgreSQL cannot read (saved before zones were checked, or edited in
   * SQL) fails the whole statement. The reminders that are due must go out all the same: the error is
   * logged (once a minute while it repeats) and the tick goes on.
   */
  private async planDigests(): Promise<void> {
    try {
      await this.repository.planDigests(this.config.DIGEST_LOCAL_TIME);
    } catch (error: unknown) {
      this.digestFailed(error instanceof Error ? error.message : String(error));
    }
  }

  async tick(): Promise<{ released: number; dispatched: number }> {
    const { REMINDER_CLAIM_BATCH: batch, REMINDER_LEASE_SECONDS: leaseSeconds, REMINDER_CHUNK_SIZE: chunkSize } = this.config;
    await this.planDigests();
    const released = await this.repository.releaseExpired(batch * 10);
    reminderLeaseExpiries.inc(released);
    // Most ticks find nothing due, and so does every tick while a burst that is already claimed is sent:
    // then counting the claimed rows (a scan of all of them, four times a second) would be for nothing.
    // The next tick that finds something due has no rate to go by and claims one batch, as after a pause.
    if (!(await this.repository.anyDue())) {
      this.history = null;
      return { released, dispatched: 0 };
    }
    const maxClaims = batch * MAX_BATCHES_PER_TICK;
    const claimed = await this.repository.claimedCount(maxClaims * 10);
    const now = Date.now();
    const oldestWaitingSeconds = await this.oldestWaitingSeconds(now);
    const budget = claimBudget({ claimed, oldestWaitingSeconds, now, leaseSeconds, batch, maxClaims, history: this.history });
    let dispatched = 0;
    while (dispatched < budget) {
      const { ids, lease } = await this.repository.claimDue(Math.min(batch, budget - dispatched), leaseSeconds);
      if (lease) {
        const chunks = Array.from({ length: Math.ceil(ids.length / chunkSize) }, (_, i) =>
          chunkJob(this.config, ids.slice(i * chunkSize, (i + 1) * chunkSize), lease),
        );
        await this.deliveries.addBulk(chunks);
      }
      dispatched += ids.length;
      if (ids.length < batch) break;
    }
    this.history = { at: now, claimedAfter: claimed + dispatched };
    return { released, dispatched };
  }

  /** The wait of the oldest chunk no worker has taken yet: what a new claim would queue behind. */
  private async oldestWaitingSeconds(now: number): Promise<number | null> {
    const [oldest] = await this.deliveries.getJobs(['waiting'], 0, 0, true);
    return oldest ? Math.max(0, now - oldest.timestamp) / 1000 : null;
  }
}
