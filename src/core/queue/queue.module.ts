import { BullModule } from '@nestjs/bullmq';
import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { logConnectionErrors } from '../connection-errors.js';
import { queueConnection } from './queue-connection.js';

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

/** BullMQ's connection: Redis (REDIS_PREFIX keeps installs and test runs apart) or PostgreSQL. */
@Module({
  imports: [DiscoveryModule, BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => queueConnection(config) })],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueueModule {}
