import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config/config.schema.js';

/** The process's one pino logger: Nest's own logs, the services' and every request line go through it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Logs for a person at a terminal in development (pino-pretty: one coloured line per entry) and
 * JSON everywhere else (files, containers, log shippers).
 */
export function createRootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { pid: process.pid, hostname: hostname(), service: 'followthrough' },
      // The x-request-id header is logged as req.id once accepted (see requestIdOf), never as sent.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-request-id"]'],
      ...(readableLogs(config)
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true } } }
        : {}),
    },
    destination,
  );
}

export const readableLogs = (config: Pick<AppConfig, 'NODE_ENV'>, stdout: { isTTY?: boolean } = process.stdout): boolean =>
  config.NODE_ENV === 'development' && stdout.isTTY === true;
