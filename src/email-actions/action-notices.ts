import type { JobsOptions } from 'bullmq';

/** Short emails about what a person did from a link: to watchers, and decisions to requesters. */
export const NOTICE_QUEUE = 'email-action-notices';
export const noticeQueues = [{ name: NOTICE_QUEUE, streams: { events: { maxLen: 500 } } }];

export interface NoticeJob {
  to: string;
  subject: string;
  text: string;
}

/** One job per recipient, its id fixed by what it is about, so a retried request does not send twice. */
export function noticeJobOptions(id: string): JobsOptions {
  return { jobId: id, attempts: 5, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: true, removeOnFail: 1000 };
}
