import 'dotenv/config';
import { loadConfig } from './core/config/config.js';
import { assertServicesReachable, ensureDatabase } from './core/startup/preflight.js';

/**
 * Run before migrations at start: creates the database on first start, and a missing setting or
 * service gets one clear message, not a trace.
 */
try {
  const config = loadConfig();
  if (await ensureDatabase(config.DATABASE_URL)) console.log(`Created the database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  await assertServicesReachable(config);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
