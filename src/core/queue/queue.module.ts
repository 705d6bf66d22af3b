import { BullModule } from '@nestjs/bullmq';
import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { logConnectionErrors } from '../redis/connection-errors.js';

/** Gives every BullMQ queue, whichever module registers it, an error listener that logs through pino. */
@Injectable()
class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queue');

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof Queue) logConnectionErrors(instance, this.logger, `Queue ${instance.name}`);
    }
  }
}

/** BullMQ's Redis connection; REDIS_PREFIX keeps installs (and test runs) apart in one Redis. */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const url = new URL(config.REDIS_URL);
        return {
          prefix: config.REDIS_PREFIX,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: decodeURIComponent(url.username) || undefined,
            password: decodeURIComponent(url.password) || undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            // BullMQ workers block on Redis; they must not give up on a slow command.
            maxRetriesPerRequest: null,
          },
        };
      },
    }),
  ],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueueModule {}
