import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { buildApi, spawnApi, type ApiProcess } from '../support/api-process.js';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
  responseTime?: number;
  [key: string]: unknown;
}

const ADMIN_KEY = process.env.ADMIN_API_KEY!;

/** The built API, run as in production, logging to its stdout. */
describe('request logs', () => {
  let api: ApiProcess;
  beforeAll(async () => {
    buildApi();
    api = await spawnApi({ LOG_LEVEL: 'info' });
  }, 240_000);
  afterAll(async () => {
    await api?.stop();
  });

  const lines = (): LogLine[] =>
    api
      .stdout()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as LogLine);

  /** The line logged when the request with this id completed (logging is asynchronous). */
  async function completed(id: string): Promise<LogLine> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const line = lines().find((l) => l.req?.id === id && l.res);
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`No request line for ${id} in:\n${api.stdout()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('writes one JSON line per request with the request id, method, url and status, and the key redacted', async () => {
    const id = `req-${randomUUID()}`;
    const res = await fetch(`${api.url}/api/v1/parties?limit=5`, { headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'X-Request-Id': id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);

    const line = await completed(id);
    expect(line).toMatchObject({
      level: 30,
      service: 'followthrough',
      req: { id, method: 'GET', url: '/api/v1/parties?limit=5' },
      res: { statusCode: 200 },
    });
    expect(line.responseTime).toEqual(expect.any(Number));
    expect(line.req!.headers.authorization).toBe('[Redacted]');
    expect(lines().filter((l) => l.req?.id === id && l.res)).toHaveLength(1);
  });

  it('logs the generated id when the client sends none', async () => {
    const res = await fetch(`${api.url}/api/v1/parties`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await completed(id)).toMatchObject({ req: { id, method: 'GET', url: '/api/v1/parties' }, res: { statusCode: 200 } });
  });

  it('logs refused requests with their status', async () => {
    const id = `req-${randomUUID()}`;
    const res = await fetch(`${api.url}/api/v1/parties`, {
      method: 'POST',
      headers: { Authorization: 'Bearer not-a-real-key', 'Content-Type': 'application/json', 'X-Request-Id': id },
      body: '{"name":',
    });
    // The key is checked before the body is read: a bad key is the answer, not the broken body.
    expect(res.status).toBe(401);
    const line = await completed(id);
    expect(line).toMatchObject({ req: { id, method: 'POST', url: '/api/v1/parties' }, res: { statusCode: 401 } });
    expect(line.req!.headers.authorization).toBe('[Redacted]');
  });

  it('never writes a calendar feed token: the path is logged with the token redacted', async () => {
    const created = await fetch(`${api.url}/api/v1/calendar-feeds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filter: { status: 'OPEN' } }),
    });
    expect(created.status).toBe(201);
    const path = new URL(((await created.json()) as { url: string }).url).pathname;
    const token = path.split('/').pop()!.replace('.ics', '');
    for (const suffix of ['', '?x=1']) {
      const id = `feed-${randomUUID()}`;
      const res = await fetch(`${api.url}${path}${suffix}`, { headers: { 'X-Request-Id': id } });
      expect(res.status).toBe(200);
      expect((await completed(id)).req!.url).toBe(`/api/v1/calendar/[Redacted]${suffix}`);
    }
    const unknown = `unknown-${randomUUID()}`;
    await fetch(`${api.url}/api/v1/calendar/${'b'.repeat(43)}.ics`, { headers: { 'X-Request-Id': unknown } });
    expect((await completed(unknown)).req!.url).toBe('/api/v1/calendar/[Redacted]');
    expect(api.stdout()).not.toContain(token);
    expect(api.stdout()).not.toContain('b'.repeat(43));
    expect(api.stderr()).not.toContain(token);
  });

  it('never writes an email action token: the link is logged with the token redacted', async () => {
    const token = `AQ${'c'.repeat(70)}`;
    for (const method of ['GET', 'POST']) {
      const id = `action-${randomUUID()}`;
      await fetch(`${api.url}/actions/${token}`, { method, headers: { 'X-Request-Id': id } });
      expect((await completed(id)).req!.url).toBe('/actions/[Redacted]');
    }
    expect(api.stdout()).not.toContain(token);
    expect(api.stderr()).not.toContain(token);
  });

  it('logs a generated id, not what the client sent, when its x-request-id is not a short safe token', async () => {
    const sent = `forged","level":60,"msg":"${'x'.repeat(80)}`;
    const res = await fetch(`${api.url}/api/v1/parties`, { headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'X-Request-Id': sent } });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await completed(id);
    expect(api.stdout()).not.toContain('forged');
  });

  it('never writes an API key, and writes nothing that is not JSON', async () => {
    await fetch(`${api.url}/api/v1/api-keys`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.stdout()).not.toContain(ADMIN_KEY);
    expect(api.stdout()).not.toContain('not-a-real-key');
    expect(api.stderr()).not.toContain(ADMIN_KEY);
    expect(() => lines()).not.toThrow();
    // Startup messages go through the same logger.
    expect(lines().some((l) => /started|listening|ready/i.test(l.msg))).toBe(true);
  });
});
