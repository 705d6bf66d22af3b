import 'dotenv/config';
import { loadConfig } from './core/config/config.js';
import { assertServicesReachable } from './core/startup/preflight.js';

/** Run before migrations at start: a missing setting or service gets one clear message, not a trace. */
try {
  await assertServicesReachable(loadConfig());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
