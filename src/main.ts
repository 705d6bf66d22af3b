import 'reflect-metadata';
import 'dotenv/config';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from './app.factory.js';
import { readConfig } from './core/config/config.js';
import { startEmbeddedParts } from './core/embedded/embedded-parts.js';
import { assertServicesReachable } from './core/startup/preflight.js';
import { prepareDatabase } from './core/startup/prepare.js';
import { closeOnSignal } from './core/startup/shutdown.js';
import { startedMessage } from './core/startup/started-message.js';
import { createWorker } from './worker.factory.js';

/**
 * Starts the HTTP api and, unless `--api` is given, the worker in the same process (small installs).
 * Each can also run alone: `node dist/main.js --api` and `node dist/worker.js`. `--prepare` (what
 * `npm start` passes) first migrates the database and loads the example meeting.
 */
async function main(): Promise<void> {
  const { config, embedded, stop } = await startEmbeddedParts(readConfig());
  const running: { api?: NestFastifyApplication; worker?: INestApplicationContext } = {};
  closeOnSignal(async () => {
    await running.worker?.close();
    await running.api?.close();
    await stop();
  });
  await assertServicesReachable(config);
  if (process.argv.includes('--prepare')) await prepareDatabase(config);
  running.api = await createApiApp(config, { shutdownHooks: false });
  await running.api.listen({ port: config.PORT, host: config.HOST });
  const withWorker = !process.argv.includes('--api');
  if (withWorker) running.worker = await createWorker(config, { shutdownHooks: false });
  // On stderr: stdout carries the JSON log lines, one per line, for whatever collects them.
  process.stderr.write(`${startedMessage(config, embedded, withWorker)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
