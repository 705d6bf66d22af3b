import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { hasRole, PUBLIC_KEY, ROLE_KEY, type Principal, type Role } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The role check: every route needs a key unless marked @Public(); writes need EDITOR by default.
 * The key itself was checked before the body was read (ApiKeyAuthentication), which left the principal.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = request.principal;
    if (!principal) throw new ProblemError(401, 'unauthenticated', 'Send an API key as "Authorization: Bearer <key>"');
    const needed: Role = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? (SAFE_METHODS.has(request.method) ? 'VIEWER' : 'EDITOR');
    if (!hasRole(principal.role, needed)) {
      throw new ProblemError(403, 'forbidden', `This needs the ${needed} role; the key has ${principal.role}`);
    }
    return true;
  }
}
