/**
 * The worker's upkeep tick: carries out recorded fan-out re-plans and folds the summary's count
 * deltas. One job at a time, produced by a job scheduler.
 */
export const UPKEEP_QUEUE = 'upkeep';
export const UPKEEP_SCHEDULER_ID = 'upkeep-tick';
export const UPKEEP_EVERY_MS = 1_000;
export const upkeepQueue = { name: UPKEEP_QUEUE, streams: { events: { maxLen: 200 } } };
