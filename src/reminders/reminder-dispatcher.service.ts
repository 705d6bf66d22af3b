import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { DELIVERY_QUEUE, deliveryJobOptions, type DeliveryJob } from './reminder-queues.js';
import { ReminderDispatchRepository } from './reminder-dispatch.repository.js';

// A tick drains a backlog (after downtime, or 20,000 reminders due at once) in batches, then yields.
const MAX_BATCHES_PER_TICK = 100;

/**
 * One tick of the dispatcher: hands Redis the reminders that are due now, and nothing else. A crash
 * between the claim and the enqueue leaves rows CLAIMED; their lease runs out and they come back.
 */
@Injectable()
export class ReminderDispatcher {
  constructor(
    private readonly repository: ReminderDispatchRepository,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveries: Queue<DeliveryJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(): Promise<{ released: number; dispatched: number }> {
    const batch = this.config.REMINDER_CLAIM_BATCH;
    await this.repository.planDigests(this.config.DIGEST_LOCAL_TIME);
    const released = await this.repository.releaseExpired(batch * 10);
    let dispatched = 0;
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i += 1) {
      const ids = await this.repository.claimDue(batch, this.config.REMINDER_LEASE_SECONDS);
      if (ids.length) {
        await this.deliveries.addBulk(ids.map((id) => ({ name: 'deliver', data: { reminderId: id }, opts: deliveryJobOptions(this.config, id) })));
      }
      dispatched += ids.length;
      if (ids.length < batch) break;
    }
    return { released, dispatched };
  }
}
