import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { logConnectionErrors } from '../connection-errors.js';

export const REDIS = Symbol('REDIS');

/**
 * One shared ioredis connection for health checks and light commands (BullMQ opens its own). Imported
 * only when REDIS_URL is set: without it the queues live in PostgreSQL and nothing talks to Redis.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.REDIS_URL) throw new Error('RedisModule is imported only when REDIS_URL is set');
        const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: false });
        logConnectionErrors(redis, new Logger('Redis'), 'Redis');
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
