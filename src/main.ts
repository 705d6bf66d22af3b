import 'reflect-metadata';
import 'dotenv/config';
import { createApiApp } from './app.factory.js';
import { loadConfig } from './core/config/config.js';
import { assertServicesReachable } from './core/startup/preflight.js';
import { createWorker } from './worker.factory.js';

/**
 * Starts the HTTP api and, unless `--api` is given, the worker in the same process (small installs).
 * Each can also run alone: `node dist/main.js --api` and `node dist/worker.js`.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await assertServicesReachable(config);
  const app = await createApiApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  if (!process.argv.includes('--api')) await createWorker(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
