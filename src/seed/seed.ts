import 'reflect-metadata';
import 'dotenv/config';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../core/config/config.js';
import { SeedModule } from './seed.module.js';
import { SeedService } from './seed.service.js';

/** `npm run db:seed`: loads the example meeting and its commitments (safe to run again). */
async function main(): Promise<void> {
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['log', 'error', 'warn'] });
  try {
    await context.get(SeedService).loadExample();
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
