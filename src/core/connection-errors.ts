import type { Logger } from '@nestjs/common';
import { onceAMinute } from './logging/once-a-minute.js';

/**
 * Logs the errors a connection emits (ioredis client, BullMQ queue or worker, pg pool) through the app's
 * logger. Without a listener they reach stderr as bare stack traces, or end the process; and while a
 * server stays away they repeat once per reconnect attempt: here the same message is logged at most
 * once a minute.
 */
export function logConnectionErrors(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, logger: Logger, what: string): void {
  const warn = onceAMinute((message) => logger.warn(message));
  emitter.on('error', (error: Error) => warn(`${what}: ${error.message}`));
}
