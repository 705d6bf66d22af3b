import { SetMetadata } from '@nestjs/common';

export const roles = ['VIEWER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof roles)[number];

/** Who made a request: recorded as the actor of every change. */
export interface Principal {
  keyId: string | null;
  name: string;
  role: Role;
}

export const ROLE_KEY = 'followthrough:role';
export const PUBLIC_KEY = 'followthrough:public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @Public(): the route needs no API key. */
    public?: boolean;
  }
}

/** The least role a route needs. Without it: VIEWER to read, EDITOR to write. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

/** The metadata key of @nestjs/platform-fastify's RouteConfig (not exported from its entry point). */
const ROUTE_CONFIG = '__fastify_route_config__';

/** Adds `public: true` to a handler's Fastify route config, keeping what RouteConfig set (a rate limit). */
function markPublic(handler: object): void {
  const config = (Reflect.getMetadata(ROUTE_CONFIG, handler) as object | undefined) ?? {};
  Reflect.defineMetadata(ROUTE_CONFIG, { ...config, public: true }, handler);
}

/**
 * A route (or every route of a controller) that needs no API key. Fastify learns it through the
 * route's config, so the key check can run before the request body is read (ApiKeyAuthentication).
 * Put it above a method's @RouteConfig (decorators apply bottom-up), or on the controller.
 */
export const Public = (): ClassDecorator & MethodDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      SetMetadata(PUBLIC_KEY, true)(target, key!, descriptor);
      markPublic(descriptor.value as object);
      return;
    }
    const controller = target as abstract new (...args: never[]) => unknown;
    SetMetadata(PUBLIC_KEY, true)(controller);
    const prototype = controller.prototype as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof method?.value === 'function') markPublic(method.value as object);
    }
  };

export function hasRole(actual: Role, needed: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(needed);
}
