import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { loadConfig } from '../config/config.js';
import pg from 'pg';
import { assertServicesReachable, ensureDatabase } from './preflight.js';

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const withPort = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

async function failure(env: Record<string, string | undefined>): Promise<string> {
  const started = Date.now();
  const error = await assertServicesReachable(loadConfig({ ...process.env, ...env })).then(
    () => new Error('the preflight passed'),
    (e: unknown) => e as Error,
  );
  // Refused connections fail at once: no retrying before saying so.
  expect(Date.now() - started).toBeLessThan(3000);
  return error.message;
}

describe('assertServicesReachable', () => {
  it('passes when Postgres and Redis answer', async () => {
    await expect(assertServicesReachable(loadConfig())).resolves.toBeUndefined();
  });

  it('says to start PostgreSQL, where, and which variable points there', async () => {
    const port = await closedPort();
    const message = await failure({ DATABASE_URL: withPort(process.env.DATABASE_URL!, port) });
    expect(message).toContain(`PostgreSQL is not reachable at 127.0.0.1:${port} (DATABASE_URL)`);
    expect(message).toMatch(/Start PostgreSQL there/);
    expect(message).not.toMatch(/Redis/);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('says to start Redis, where, and which variable points there', async () => {
    const port = await closedPort();
    const message = await failure({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(message).toContain(`Redis is not reachable at 127.0.0.1:${port} (REDIS_URL)`);
    expect(message).toMatch(/Start Redis there/);
    expect(message).not.toMatch(/PostgreSQL/);
  });

  it('reports both at once, one line each', async () => {
    const message = await failure({
      DATABASE_URL: withPort(process.env.DATABASE_URL!, await closedPort()),
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    const lines = message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^PostgreSQL is not reachable/);
    expect(lines[1]).toMatch(/^Redis is not reachable/);
  });

  it('checks no Redis when REDIS_URL is unset (the queues live in PostgreSQL)', async () => {
    await expect(assertServicesReachable(loadConfig({ ...process.env, REDIS_URL: undefined }))).resolves.toBeUndefined();
    const message = await failure({ DATABASE_URL: withPort(process.env.DATABASE_URL!, await closedPort()), REDIS_URL: '' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/or unset it to use the embedded database/);
  });

  it('does not print the database password', async () => {
    const url = new URL(withPort(process.env.DATABASE_URL!, await closedPort()));
    url.password = 'hunter2hunter2';
    const message = await failure({ DATABASE_URL: url.toString() });
    expect(message).not.toContain('hunter2hunter2');
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database once, and leaves an existing one alone', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${url.pathname.slice(1)}_created`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await expect(ensureDatabase(url.toString())).resolves.toBe(true);
      await expect(ensureDatabase(url.toString())).resolves.toBe(false);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [url.pathname.slice(1)]);
      expect(rowCount).toBe(1);
      await expect(ensureDatabase(process.env.DATABASE_URL!)).resolves.toBe(false);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(url.pathname.slice(1))}`);
      await admin.end();
    }
  });

  it('leaves an unreachable server to the reachability check', async () => {
    const port = await closedPort();
    await expect(ensureDatabase(withPort(process.env.DATABASE_URL!, port))).resolves.toBe(false);
  });
});
