import 'reflect-metadata';
import 'dotenv/config';
import type { INestApplicationContext } from '@nestjs/common';
import { readConfig } from './core/config/config.js';
import { startEmbeddedParts } from './core/embedded/embedded-parts.js';
import { assertServicesReachable } from './core/startup/preflight.js';
import { closeOnSignal } from './core/startup/shutdown.js';
import { createWorker } from './worker.factory.js';

async function main(): Promise<void> {
  const { config, stop } = await startEmbeddedParts(readConfig());
  const running: { worker?: INestApplicationContext } = {};
  closeOnSignal(async () => {
    await running.worker?.close();
    await stop();
  });
  await assertServicesReachable(config);
  running.worker = await createWorker(config, { shutdownHooks: false });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
