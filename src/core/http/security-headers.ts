import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

/** Swagger UI's page and assets: the only responses whose policy allows inline scripts and styles. */
export const isSwaggerUi = (routeUrl: string | undefined) => routeUrl === '/docs' || routeUrl?.startsWith('/docs/') === true;

// Internal installs often serve plain HTTP: do not make browsers upgrade every request.
const api = helmet({
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null },
  },
});
const swaggerUi = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      upgradeInsecureRequests: null,
    },
  },
});

/**
 * Security headers for every response, built once (the Fastify plugin for helmet builds the
 * middleware again on every request, which showed up in the list's profile).
 */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
  const headers = isSwaggerUi(request.routeOptions.url) ? swaggerUi : api;
  headers(request.raw, reply.raw, (error) => done(error as Error | undefined));
}
