import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../core/config/config.schema.js';

/** The scheduler tick that claims due reminders; one job at a time, produced by a job scheduler. */
export const DISPATCH_QUEUE = 'reminder-dispatch';
export const DISPATCH_SCHEDULER_ID = 'reminder-dispatch-tick';
/** One job per chunk of claimed reminders, and one per reminder being retried. */
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
  reminderIds: string[];
  /** The lease the rows were given for this job (ISO instant): a row leased again since is not its own. */
  lease: string;
  /** An admin's retry: sent even if superseded or over the person's daily limit. */
  forced?: boolean;
}

interface QueuedJob {
  name: string;
  data: DeliveryJob;
  opts: JobsOptions;
}

/**
 * A chunk the dispatcher claimed. Its id comes from the rows it holds, so the same chunk is never
 * queued twice. Finished jobs are removed at once: the ledger in Postgres is the record. Attempts
 * cover a failure of the job itself (the database unreachable); a refused email is retried alone.
 */
export function chunkJob(config: AppConfig, reminderIds: string[], lease: Date): QueuedJob {
  const digest = createHash('sha1').update(reminderIds.join(',')).update(lease.toISOString()).digest('hex');
  return {
    name: 'deliver',
    data: { reminderIds, lease: lease.toISOString() },
    opts: { jobId: `chunk-${digest}`, attempts: config.REMINDER_ATTEMPTS, backoff: { type: 'exponential', delay: config.REMINDER_BACKOFF_MS }, removeOnComplete: true, removeOnFail: true },
  };
}

/** The next attempt of one reminder whose email was refused, after the backoff for `attemptsMade`. */
export function retryJob(config: AppConfig, reminderId: string, attemptsMade: number, lease: Date, delay: number, forced: boolean): QueuedJob {
  return {
    name: 'retry',
    data: { reminderIds: [reminderId], lease: lease.toISOString(), ...(forced ? { forced } : {}) },
    opts: { jobId: `retry-${reminderId}-${attemptsMade}`, delay, attempts: config.REMINDER_ATTEMPTS, backoff: { type: 'exponential', delay: config.REMINDER_BACKOFF_MS }, removeOnComplete: true, removeOnFail: true },
  };
}

/** The delay before the attempt after `attemptsMade` failed ones: REMINDER_BACKOFF_MS, doubling. */
export function backoffAfter(config: AppConfig, attemptsMade: number): number {
  return 2 ** Math.max(0, attemptsMade - 1) * config.REMINDER_BACKOFF_MS;
}
