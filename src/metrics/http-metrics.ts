import type { FastifyInstance } from 'fastify';
import { httpRequests } from './metrics.js';

/** Times every HTTP request by its route pattern (`/api/v1/commitments/:id`), never its raw URL. */
export function observeHttpRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
