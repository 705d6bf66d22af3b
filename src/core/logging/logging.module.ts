import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { PinoNestLogger } from './nest-logger.js';
import { createRootLogger, ROOT_LOGGER } from './root-logger.js';

/** The process's pino logger and Nest's logger on top of it; the API adds its request lines (logRequests). */
@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [APP_CONFIG], useFactory: createRootLogger }, PinoNestLogger],
  exports: [ROOT_LOGGER, PinoNestLogger],
})
export class LoggingModule {}
