import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/core/config/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { closedPort } from '../support/ports.js';
import { expectProblem } from '../support/problem.js';
import { queuesInRedis } from '../support/queue-backend.js';

/** Redis is checked only when the queues use it. */
const redisUp = queuesInRedis ? { redis: { status: 'up' } } : {};

/** The real app with one setting changed; it must boot even when a dependency is down. */
async function appWith(env: Record<string, string | undefined>): Promise<NestFastifyApplication> {
  const app = await createApiApp(loadConfig({ ...process.env, ...env }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Closing must not wait for a dependency that is gone (ioredis retrying, a pool draining). */
async function closesPromptly(app: NestFastifyApplication): Promise<void> {
  const started = Date.now();
  await app.close();
  expect(Date.now() - started).toBeLessThan(3000);
}

describe('health', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('answers 200 without a key when Postgres and Redis are up', async () => {
    const res = await sut.http().get('/health').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, ...redisUp } });
  });

  it('checks PostgreSQL alone when the queues live there (no REDIS_URL)', async () => {
    const app = await appWith({ REDIS_URL: undefined });
    try {
      const res = await request(app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok' });
      expect(Object.keys(res.body.details as object)).toEqual(['postgres']);
    } finally {
      await closesPromptly(app);
    }
  });

  it('ignores a bad key (health is public)', async () => {
    await sut.http().get('/health').set('Authorization', 'Bearer nope').expect(200);
  });

  it('answers 503 naming Redis when Redis is unreachable, and the app still boots and closes', async () => {
    // Connection errors go through the app's logger, not as bare stack traces on stderr.
    const stderr = jest.spyOn(console, 'error');
    const app = await appWith({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    try {
      const started = Date.now();
      const res = await request(app.getHttpServer()).get('/health');
      expect(Date.now() - started).toBeLessThan(2500);
      const body = expectProblem(res, 503, 'dependency_down');
      expect(body.detail).toMatch(/redis/);
      expect(body.detail).not.toMatch(/postgres/);
      expect(body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'down' } });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|retries/);
      // Other routes still answer (they do not need Redis).
      await request(app.getHttpServer()).get('/api/v1/parties').set('Authorization', `Bearer ${process.env.ADMIN_API_KEY}`).expect(200);
      // Long enough for ioredis and BullMQ to retry a few times.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      await closesPromptly(app);
    }
  });

  it('answers 503 naming Postgres when Postgres is unreachable', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(await closedPort());
    const app = await appWith({ DATABASE_URL: url.toString() });
    try {
      const res = await request(app.getHttpServer()).get('/health');
      const body = expectProblem(res, 503, 'dependency_down');
      expect(body.detail).toMatch(/postgres/);
      expect(body.details).toEqual({ postgres: { status: 'down' }, ...redisUp });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|reach database/i);
      // A route that needs the database fails cleanly, without the driver's message.
      const list = await request(app.getHttpServer()).get('/api/v1/parties').set('Authorization', `Bearer ${process.env.ADMIN_API_KEY}`);
      expect(list.status).toBeGreaterThanOrEqual(500);
      expectProblem(list, list.status);
    } finally {
      await closesPromptly(app);
    }
  });

  it('answers 503 naming both when both are down', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(await closedPort());
    const app = await appWith({ DATABASE_URL: url.toString(), REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    try {
      const body = expectProblem(await request(app.getHttpServer()).get('/health'), 503, 'dependency_down');
      expect(body.detail).toMatch(/postgres and redis are down/);
      expect(body.details).toEqual({ postgres: { status: 'down' }, redis: { status: 'down' } });
    } finally {
      await closesPromptly(app);
    }
  });
});
