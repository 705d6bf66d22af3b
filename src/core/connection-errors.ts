import type { Logger } from '@nestjs/common';

const REPEAT_AFTER_MS = 60_000;

/**
 * A log line that repeats (a server away, a bad row met on every tick) is written at most once a
 * minute while it stays the same: the returned function takes each occurrence.
 */
export function onceAMinute(log: (message: string) => void): (message: string) => void {
  let last = { message: '', at: 0 };
  return (message: string) => {
    const now = Date.now();
    if (message === last.message && now - last.at < REPEAT_AFTER_MS) return;
    last = { message, at: now };
    log(message);
  };
}

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
