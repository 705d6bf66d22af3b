import type { RouteOptions } from 'fastify';
import { isSwaggerUi } from '../http/security-headers.js';

/**
 * Which routes need an API key: all but those marked @Public() (health, calendar feeds), the API
 * documents (Swagger UI and /docs-json) and CORS preflights, which browsers send without credentials.
 */
export function needsApiKey(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): boolean {
  const methods = [route.method].flat();
  if (methods.every((method) => method === 'OPTIONS')) return false;
  if (route.config?.public) return false;
  return !(route.url === '/docs-json' || isSwaggerUi(route.url));
}
