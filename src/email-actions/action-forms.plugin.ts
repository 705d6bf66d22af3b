import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from '../core/errors/problem.js';

/** A form is a few fields of text; anything larger is not one of ours. */
const FORM_LIMIT_BYTES = 16 * 1024;

const isActionRoute = (request: FastifyRequest) => request.url.startsWith('/actions/');

/**
 * HTML forms post url-encoded bodies, and RFC 8058 lets mail clients post one-click unsubscribes as
 * multipart; only the action pages take either. The API itself stays JSON only (415 elsewhere).
 */
export function acceptActionForms(fastify: FastifyInstance): void {
  const refuse = () => new ProblemError(415, 'unsupported_media_type', 'This endpoint takes application/json');
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (request, body, done) => {
    if (!isActionRoute(request)) return done(refuse());
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (request, body, done) => {
    if (!isActionRoute(request)) return done(refuse());
    // Only the one field RFC 8058 sends is read: `List-Unsubscribe` with the value `One-Click`.
    const oneClick = /name="List-Unsubscribe"\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body as string);
    done(null, oneClick ? { 'List-Unsubscribe': 'One-Click' } : {});
  });
}
