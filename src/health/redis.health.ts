import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '../core/redis/redis.module.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    // Absent when the queues live in PostgreSQL (no REDIS_URL): then there is no Redis to check.
    @Optional() @Inject(REDIS) private readonly redis: Redis | undefined,
    private readonly health: HealthIndicatorService,
  ) {}

  get inUse(): boolean {
    return this.redis !== undefined;
  }

  async pingCheck(key: string) {
    const indicator = this.health.check(key);
    const redis = this.redis;
    if (!redis) return indicator.down({ message: 'not configured (REDIS_URL is not set)' });
    // While ioredis is reconnecting, a command would wait for the next attempt: answer at once.
    if (redis.status === 'reconnecting' || redis.status === 'end' || redis.status === 'close') {
      return indicator.down({ message: `not connected (${redis.status})` });
    }
    try {
      const answer: string = await Promise.race([
        redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000).unref()),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${answer}` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
