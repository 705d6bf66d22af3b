import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

interface ClientError extends Error {
  code?: string;
}

const answers: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', detail: 'The request line and headers together may be at most 16 KB' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', detail: 'The request took too long to arrive' },
};
const malformed = { status: 400, code: 'malformed_request', detail: 'The request is not valid HTTP' };

/**
 * Answers a request Node's HTTP parser refused (a URL or headers past 16 KB, a malformed request line)
 * as a problem, like every other error. It never reaches Fastify's routes, so it is written straight
 * to the socket, which is then closed: the parser cannot read on past the bad request.
 */
export function answerClientError(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, detail } = answers[error.code ?? ''] ?? malformed;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
