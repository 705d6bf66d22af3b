import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

/**
 * A calendar feed's address and an email action link are their own secrets: request lines show which
 * route, never the token.
 */
const SECRET_IN_PATH = /(\/api\/v1\/calendar\/|\/actions\/)[^/?#]*/;

/**
 * Logs for a person at a terminal in development (pino-pretty: one coloured line per entry) and
 * JSON everywhere else (files, containers, log shippers). Every request line carries the request id
 * Fastify assigned.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The x-request-id header is logged as req.id once accepted (see requestIdOf), never as sent.
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-request-id"]'],
          serializers: { req: (req: { url: string }) => ({ ...req, url: req.url.replace(SECRET_IN_PATH, '$1[Redacted]') }) },
          customProps: () => ({ service: 'followthrough' }),
          ...(readableLogs(config)
            ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true } } }
            : {}),
        },
        // Without an explicit catch-all, platform-fastify 12 logs no requests at all.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      }),
    }),
  ],
})
export class LoggingModule {}

export const readableLogs = (config: Pick<AppConfig, 'NODE_ENV'>, stdout: { isTTY?: boolean } = process.stdout): boolean =>
  config.NODE_ENV === 'development' && stdout.isTTY === true;
