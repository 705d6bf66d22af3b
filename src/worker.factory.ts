import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './core/config/config.schema.js';
import { WorkerModule } from './worker.module.js';

export async function createWorker(config: AppConfig, { shutdownHooks = true } = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  if (shutdownHooks) worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
