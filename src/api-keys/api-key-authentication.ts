import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureThrottle } from '../core/auth/auth-failure-throttle.js';
import { clientKey } from '../core/auth/client-address.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * Checks the bearer key of every route that needs one as the request arrives, before its body is
 * read: a request without a valid key costs no parsing. Failed keys are counted per client address
 * (AuthFailureThrottle); a client over its burst is answered 429 without a database lookup, though a
 * key this process already knows still gets through. ApiKeyGuard then checks the role.
 */
@Injectable()
export class ApiKeyAuthentication {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly throttle: AuthFailureThrottle,
  ) {}

  readonly onRequest = async (request: FastifyRequest & { principal?: Principal }, reply: FastifyReply): Promise<void> => {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!key) throw new ProblemError(401, 'unauthenticated', 'Send an API key as "Authorization: Bearer <key>"');
    const client = clientKey(request.ip);
    const retryAfter = await this.throttle.retryAfter(client);
    const principal = await this.apiKeys.authenticate(key, { lookUp: retryAfter === 0 });
    if (principal) {
      request.principal = principal;
      return;
    }
    if (retryAfter > 0) {
      void reply.header('Retry-After', String(retryAfter));
      throw new ProblemError(429, 'too_many_failed_keys', `Too many unknown or revoked API keys from this address: try again in ${retryAfter} s`);
    }
    await this.throttle.recordFailure(client);
    throw new ProblemError(401, 'unauthenticated', 'The API key is unknown or revoked');
  };
}
