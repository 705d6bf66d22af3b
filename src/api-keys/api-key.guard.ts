import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { hasRole, PUBLIC_KEY, ROLE_KEY, type Principal, type Role } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { ApiKeysService } from './api-keys.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every route needs a bearer API key unless marked @Public(); writes need EDITOR by default. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new ProblemError(401, 'unauthenticated', 'Send an API key as "Authorization: Bearer <key>"');
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw new ProblemError(401, 'unauthenticated', 'The API key is unknown or revoked');
    const needed: Role =
      this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? (SAFE_METHODS.has(request.method) ? 'VIEWER' : 'EDITOR');
    if (!hasRole(principal.role, needed)) {
      throw new ProblemError(403, 'forbidden', `This needs the ${needed} role; the key has ${principal.role}`);
    }
    request.principal = principal;
    return true;
  }
}
