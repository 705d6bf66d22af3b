import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiKeysRepository } from '../../src/api-keys/api-keys.repository.js';
import { createApiApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/core/config/config.js';
import { ADMIN } from '../support/app.js';
import { expectProblem } from '../support/problem.js';

/** The real app with some settings of its own (each app counts failures in its own memory). */
async function startWith(env: Record<string, string>): Promise<{ app: NestFastifyApplication; http: () => ReturnType<typeof request> }> {
  const app = await createApiApp(loadConfig({ ...process.env, ...env }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: () => request(app.getHttpServer()) };
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const randomKey = () => `ft_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

describe('authentication', () => {
  describe('failed keys from one address', () => {
    let sut: Awaited<ReturnType<typeof startWith>>;
    let lookups: ReturnType<typeof jest.spyOn>;
    beforeAll(async () => {
      sut = await startWith({ AUTH_FAILURE_BURST: '5', AUTH_FAILURE_WINDOW_SECONDS: '60' });
      lookups = jest.spyOn(sut.app.get(ApiKeysRepository), 'useActiveByHash');
    });
    afterAll(async () => {
      await sut.app.close();
    });

    it('are looked up once: an unknown key repeated is answered from memory', async () => {
      const key = randomKey();
      for (let i = 0; i < 3; i++) expectProblem(await sut.http().get('/api/v1/parties').set(bearer(key)), 401, 'unauthenticated');
      expect(lookups).toHaveBeenCalledTimes(1);
    });

    it('are refused with 429 and Retry-After after a small burst, without a database lookup', async () => {
      const before = lookups.mock.calls.length;
      // Three failures were counted above (a repeated key counts each time); the burst is five.
      for (let i = 0; i < 2; i++) expectProblem(await sut.http().get('/api/v1/parties').set(bearer(randomKey())), 401, 'unauthenticated');
      for (let i = 0; i < 3; i++) {
        const res = await sut.http().post('/api/v1/parties').set(bearer(randomKey())).send({ name: 'x' });
        expectProblem(res, 429, 'too_many_failed_keys');
        const retryAfter = Number(res.headers['retry-after']);
        expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      }
      expect(lookups.mock.calls.length - before).toBe(2);
    });

    it('still lets a key the process knows through, and a request without a key is told to send one', async () => {
      await sut.http().get('/api/v1/parties').set(ADMIN).expect(200);
      expectProblem(await sut.http().get('/api/v1/parties'), 401, 'unauthenticated');
      await sut
        .http()
        .get('/health')
        .expect((res) => expect([200, 503]).toContain(res.status));
    });
  });

  describe('behind a proxy', () => {
    const exhaust = async (sut: Awaited<ReturnType<typeof startWith>>, client: string) => {
      for (let i = 0; i < 3; i++) await sut.http().get('/api/v1/parties').set(bearer(randomKey())).set('X-Forwarded-For', client).expect(401);
      expectProblem(await sut.http().get('/api/v1/parties').set(bearer(randomKey())).set('X-Forwarded-For', client), 429);
    };

    it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy: a client cannot pick its own address', async () => {
      const sut = await startWith({ AUTH_FAILURE_BURST: '3' });
      try {
        await exhaust(sut, '198.51.100.1');
        expectProblem(await sut.http().get('/api/v1/parties').set(bearer(randomKey())).set('X-Forwarded-For', '198.51.100.2'), 429);
      } finally {
        await sut.app.close();
      }
    });

    it('counts each forwarded client apart when the proxy is trusted', async () => {
      const sut = await startWith({ AUTH_FAILURE_BURST: '3', TRUST_PROXY: 'loopback' });
      try {
        await exhaust(sut, '198.51.100.1');
        expectProblem(await sut.http().get('/api/v1/parties').set(bearer(randomKey())).set('X-Forwarded-For', '198.51.100.2'), 401, 'unauthenticated');
      } finally {
        await sut.app.close();
      }
    });
  });

  describe('an unauthenticated request', () => {
    let sut: Awaited<ReturnType<typeof startWith>>;
    let port: number;
    beforeAll(async () => {
      sut = await startWith({});
      await sut.app.listen({ port: 0, host: '127.0.0.1' });
      port = (sut.app.getHttpServer().address() as AddressInfo).port;
    });
    afterAll(async () => {
      await sut.app.close();
    });

    /** Sends the headers of a large body and only its first bytes, and waits for an answer. */
    const answerWithoutBody = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/parties',
          headers: { 'Content-Type': 'application/json', 'Content-Length': '900000', ...headers },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.write('{"name":"');
        setTimeout(() => {
          req.destroy();
          reject(new Error('No answer while the body was still being sent: the server waited to read it'));
        }, 5000).unref();
      });

    it('is refused before its body is read', async () => {
      for (const headers of [{}, bearer(randomKey())]) {
        const res = await answerWithoutBody(headers);
        expect(res.status).toBe(401);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'unauthenticated' });
      }
    });

    it('with a broken body gets 401, not a complaint about the body', async () => {
      const res = await sut.http().post('/api/v1/parties').set(bearer(randomKey())).set('Content-Type', 'application/json').send('{"name":');
      expectProblem(res, 401, 'unauthenticated');
    });
  });

  it('needs a key on every documented route but health, the calendar feed and the API documents', async () => {
    const sut = await startWith({});
    try {
      const document = (await sut.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      await sut.http().get('/docs').expect(200);
      const open: string[] = [];
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const method of Object.keys(operations)) {
          const url = path.replace('{file}', `${'a'.repeat(43)}.ics`).replace(/\{\w+\}/g, '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b');
          const agent = sut.http();
          const res = await agent[method as 'get'](url)
            .set('Content-Type', 'application/json')
            .send(method === 'get' ? undefined : '{}');
          if (res.status !== 401) open.push(`${method.toUpperCase()} ${path} ${res.status}`);
        }
      }
      expect(open.sort()).toEqual(['GET /api/v1/calendar/{file} 404', expect.stringMatching(/^GET \/health (200|503)$/)]);
    } finally {
      await sut.app.close();
    }
  });
});
