import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { requestLogger } from './request-logs.js';
import { ROOT_LOGGER } from './root-logger.js';

/** A stack trace as Nest's own exception handlers pass it, in place of an error. */
const STACK = /\n\s*at /;

/**
 * Nest's logs (`app.useLogger`, `new Logger(X.name)`) written through pino: JSON with the class in
 * `context` and, while a request is handled, that request's `req`.
 */
@Injectable()
export class PinoNestLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the context (the name given to `new Logger`) as the last parameter. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = requestLogger() ?? this.root;
    const context = params.length ? { context: params.at(-1) } : {};
    const args = params.slice(0, -1) as [string?, ...unknown[]];
    if (message instanceof Error) logger[level]({ ...context, err: message }, ...args);
    // An object with a message: `logger.error({ err, reqId }, 'detail')`.
    else if (typeof message === 'object' && message !== null) logger[level]({ ...context, ...message }, ...args);
    else if (level === 'error' && args.length === 1 && typeof args[0] === 'string' && STACK.test(args[0])) {
      logger.error({ ...context, err: Object.assign(new Error(String(message)), { stack: args[0] }) });
    } else logger[level](context, message as string, ...args);
  }
}
