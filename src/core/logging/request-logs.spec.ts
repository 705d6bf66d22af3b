import { describe, expect, it } from '@jest/globals';
import fastify from 'fastify';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './nest-logger.js';
import { logRequests } from './request-logs.js';
import { createRootLogger } from './root-logger.js';

type Line = Record<string, unknown> & { msg?: string; req?: { id: string; url: string; headers: Record<string, string> } };

/** A root logger as the app builds it, writing its JSON lines into `lines`. */
function capturedLogs() {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      callback();
    },
  });
  return { lines, root: createRootLogger({ LOG_LEVEL: 'trace', NODE_ENV: 'test' }, destination) };
}

describe(PinoNestLogger.name, () => {
  it('writes what Nest passes (message, extra fields, context last) as one JSON line', () => {
    const { lines, root } = capturedLogs();
    const sut = new PinoNestLogger(root);
    sut.log('Nest application successfully started', 'NestApplication');
    sut.error({ err: new Error('connection lost'), reqId: 'r-1' }, 'An unexpected error occurred', 'ProblemFilter');
    sut.error('Boom', 'Error: Boom\n    at handler (app.js:1:1)', 'ExceptionsHandler');
    sut.verbose(new Error('retrying'), 'Queue');
    expect(lines).toMatchObject([
      { level: 30, service: 'followthrough', context: 'NestApplication', msg: 'Nest application successfully started' },
      { level: 50, context: 'ProblemFilter', reqId: 'r-1', err: { message: 'connection lost' }, msg: 'An unexpected error occurred' },
      { level: 50, context: 'ExceptionsHandler', err: { message: 'Boom', stack: 'Error: Boom\n    at handler (app.js:1:1)' } },
      { level: 10, context: 'Queue', err: { message: 'retrying' } },
    ]);
  });
});

describe(logRequests.name, () => {
  async function served() {
    const { lines, root } = capturedLogs();
    const nest = new PinoNestLogger(root);
    const app = fastify({ genReqId: () => 'assigned-id' });
    logRequests(app, root);
    // Answers before any route runs, as the CORS preflight and the API key check do.
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization === 'Bearer refused') await reply.code(401).send();
    });
    app.get('/api/v1/calendar/:file', () => {
      nest.warn('Calendar feed has a filter that cannot be read', 'CalendarFeedsService');
      return 'BEGIN:VCALENDAR';
    });
    await app.ready();
    return { app, lines };
  }

  it('writes one line per request with the assigned id, its status and time, the feed token and secrets redacted', async () => {
    const { app, lines } = await served();
    const headers = { authorization: 'Bearer secret-key', cookie: 'session=secret', 'x-request-id': 'sent-id' };
    const res = await app.inject({ url: '/api/v1/calendar/token-abc.ics?x=1', headers });
    expect(res.statusCode).toBe(200);
    const line = lines.find((l) => l.msg === 'request completed');
    expect(line).toMatchObject({
      level: 30,
      service: 'followthrough',
      req: { id: 'assigned-id', method: 'GET', url: '/api/v1/calendar/[Redacted]?x=1', query: { x: '1' } },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(line!.req!.headers).toMatchObject({ authorization: '[Redacted]', cookie: '[Redacted]', 'x-request-id': '[Redacted]' });
    expect(JSON.stringify(lines)).not.toMatch(/token-abc|secret|sent-id/);
  });

  it('redacts the token of an email action link', async () => {
    const { app, lines } = await served();
    await app.inject({ url: '/actions/action-token-xyz' });
    expect(lines.find((l) => l.msg === 'request completed')).toMatchObject({ req: { url: '/actions/[Redacted]' } });
    expect(JSON.stringify(lines)).not.toMatch(/action-token-xyz/);
  });

  it("logs Nest's lines made while handling a request with that request", async () => {
    const { app, lines } = await served();
    await app.inject({ url: '/api/v1/calendar/token-abc.ics' });
    expect(lines.find((l) => l.context === 'CalendarFeedsService')).toMatchObject({
      level: 40,
      req: { id: 'assigned-id', url: '/api/v1/calendar/[Redacted]' },
    });
  });

  it('logs requests that a later hook answers', async () => {
    const { app, lines } = await served();
    const res = await app.inject({ url: '/api/v1/calendar/x.ics', headers: { authorization: 'Bearer refused' } });
    expect(res.statusCode).toBe(401);
    expect(lines).toMatchObject([{ msg: 'request completed', req: { id: 'assigned-id' }, res: { statusCode: 401 } }]);
  });
});
