import { describe, it } from '@jest/globals';

/**
 * Which store this run's queues live in: Redis when TEST_REDIS_URL is set, PostgreSQL otherwise
 * (test-env.mjs). Tests about Redis itself run only with Redis, and say so in their name when skipped.
 */
export const queuesInRedis = Boolean(process.env.REDIS_URL);

/** An `it` that runs only when the queues are in Redis. */
export const itWithRedis = (name: string, fn: () => Promise<void>, timeout?: number) =>
  (queuesInRedis ? it : it.skip)(`${name} (needs Redis: runs when TEST_REDIS_URL is set)`, fn, timeout);

export const describeWithRedis = (name: string, fn: () => void) => (queuesInRedis ? describe : describe.skip)(`${name} (needs Redis: runs when TEST_REDIS_URL is set)`, fn);
