import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailureThrottle } from '../core/auth/auth-failure-throttle.js';
import { ApiKeyAuthentication } from './api-key-authentication.js';
import { ApiKeyCache, UnknownKeyCache } from './api-key-cache.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRevocations } from './api-key-revocations.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

@Module({
  controllers: [ApiKeysController],
  providers: [
    ApiKeyCache,
    UnknownKeyCache,
    AuthFailureThrottle,
    ApiKeyAuthentication,
    ApiKeyRevocations,
    ApiKeysRepository,
    ApiKeysService,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class ApiKeysModule {}
