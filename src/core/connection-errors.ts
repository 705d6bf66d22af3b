import type { Logger } from '@nestjs/common';

const REPEAT_AFTER_MS = 60_000;

/**
 * Logs the errors a connection emits (ioredis client, BullMQ queue or worker, pg pool) through the app's
 * logger. Without a listener they reach stderr as bare stack traces, or end the process; and while a
 * server stays away they repeat once per reconnect attempt: here the same message is logged at most
 * once a minute.
 */
export function logConnectionErrors(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, logger: Logger, what: string): void {
  let last = { message: '', at: 0 };
  emitter.on('error', (error: Error) => {
    const now = Date.now();
    if (error.message === last.message && now - last.at < REPEAT_AFTER_MS) return;
    last = { message: error.message, at: now };
    logger.warn(`${what}: ${error.message}`);
  });
}
