import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../core/config/config.schema.js';

/** The scheduler tick that claims due reminders; one job at a time, produced by a job scheduler. */
export const DISPATCH_QUEUE = 'reminder-dispatch';
export const DISPATCH_SCHEDULER_ID = 'reminder-dispatch-tick';
/** One job per claimed reminder, its id the reminder's id. */
export const DELIVERY_QUEUE = 'reminder-delivery';

/**
 * Both queues as the api and the worker register them. BullMQ keeps an event stream per queue; its
 * default length (10,000 events) is more Redis than these queues' history is worth.
 */
export const reminderQueues = [
  { name: DISPATCH_QUEUE, streams: { events: { maxLen: 500 } } },
  { name: DELIVERY_QUEUE, streams: { events: { maxLen: 2000 } } },
];

export interface DeliveryJob {
  reminderId: string;
}

/**
 * Finished jobs are removed at once: the ledger in Postgres is the record, and a job left behind would
 * block re-adding the same id when the row is retried or re-dispatched.
 */
export function deliveryJobOptions(config: AppConfig, reminderId: string): JobsOptions {
  return {
    jobId: reminderId,
    attempts: config.REMINDER_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.REMINDER_BACKOFF_MS },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** The delay BullMQ's exponential backoff waits before the attempt after `attemptsMade`. */
export function backoffAfter(config: AppConfig, attemptsMade: number): number {
  return 2 ** Math.max(0, attemptsMade - 1) * config.REMINDER_BACKOFF_MS;
}
