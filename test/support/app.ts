import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/core/config/config.js';
import type { Role } from '../../src/core/auth/roles.js';

export const ADMIN = { Authorization: `Bearer ${process.env.ADMIN_API_KEY}` };

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  keyFor: (role: Role) => Promise<Record<string, string>>;
  close: () => Promise<void>;
}

/** The real HTTP app on the test database; requests go through Fastify like in production. */
export async function startTestApp(): Promise<TestApp> {
  const app = await createApiApp(loadConfig());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    keyFor: async (role) => {
      const res = await http()
        .post('/api/v1/api-keys')
        .set(ADMIN)
        .send({ name: `${role} key`, role })
        .expect(201);
      return { Authorization: `Bearer ${(res.body as { key: string }).key}` };
    },
    close: () => app.close(),
  };
}

/** A name no other test uses, so tests never collide on unique columns. */
export const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 10)}`;
