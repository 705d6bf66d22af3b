import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config.schema.js';
import { SeedModule } from '../../seed/seed.module.js';
import { SeedService } from '../../seed/seed.service.js';

// Two levels up from src/core/startup and dist/core/startup alike.
const prismaScript = fileURLToPath(new URL('../../../scripts/prisma.mjs', import.meta.url));

/**
 * `npm start`'s first steps, on whichever database the service got (a server's or the embedded one):
 * apply the committed migrations, then load the example meeting (a second run changes nothing).
 */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const migrate = spawnSync(process.execPath, [prismaScript, 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`Applying the database migrations failed:\n${migrate.stdout}${migrate.stderr}`);
  const context = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await context.get(SeedService).loadExample();
  } finally {
    await context.close();
  }
}
