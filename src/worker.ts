import 'reflect-metadata';
import 'dotenv/config';
import { readConfig } from './core/config/config.js';
import { startEmbeddedParts } from './core/embedded/embedded-parts.js';
import { assertServicesReachable } from './core/startup/preflight.js';
import { createWorker } from './worker.factory.js';

async function main(): Promise<void> {
  const { config } = await startEmbeddedParts(readConfig());
  await assertServicesReachable(config);
  await createWorker(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
