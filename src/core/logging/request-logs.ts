import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * A calendar feed's address and an email action link are their own secrets: request lines show
 * which route, never the token.
 */
const SECRET_PATH = /(\/api\/v1\/calendar\/|\/actions\/)[^/?#]*/;

const handling = new AsyncLocalStorage<Logger>();

/** The logger of the request being handled, whose lines carry that request (`req`); none outside one. */
export const requestLogger = (): Logger | undefined => handling.getStore();

/**
 * One line per request, written when its response is finished or the client went away, with the id
 * Fastify assigned (genReqId), the status and the time taken. Add it before any other hook, so that
 * requests a hook answers (CORS preflights, refused keys) are logged as well.
 */
export function logRequests(fastify: FastifyInstance, root: Logger): void {
  const logRequest = pinoHttp({
    logger: root,
    serializers: { req: (req: { url: string }) => ({ ...req, url: req.url.replace(SECRET_PATH, '$1[Redacted]') }) },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // pino-http reads the id and the query from the Node request.
    Object.assign(request.raw, { id: request.id, query: request.query });
    logRequest(request.raw, reply.raw);
    handling.run(request.raw.allLogs.at(-1) ?? root, done);
  });
}
