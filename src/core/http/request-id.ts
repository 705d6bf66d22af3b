import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a client's own `x-request-id` may look like to be kept: short, and safe in any log or header. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The client's `x-request-id` when it is in that form, so a caller can follow its request through our
 * logs; otherwise a new one. Anything else (long, spaces, control characters, JSON) is never logged.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}
