import pg from 'pg';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.schema.js';

const where = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
};

/**
 * First start on a new machine: creates the configured database when the server is up but has no
 * database of that name, so that migrations can run. Every other problem is left to
 * assertServicesReachable to report. Answers whether it created the database.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  const missing = await probe.connect().then(
    () => false,
    (error: unknown) => (error as { code?: string }).code === UNDEFINED_DATABASE,
  );
  await probe.end().catch(() => undefined);
  if (!missing) return false;
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  return true;
}

const UNDEFINED_DATABASE = '3D000';

/**
 * Fails fast, before Nest starts, when Postgres or Redis cannot be reached: one clear line saying
 * what to start and where, instead of a stack trace or a process that retries forever.
 */
export async function assertServicesReachable(config: AppConfig): Promise<void> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    problems.push(
      `PostgreSQL is not reachable at ${where(config.DATABASE_URL)} (DATABASE_URL): ${(error as Error).message}. ` +
        'Start PostgreSQL there (e.g. `docker compose up -d postgres`), point DATABASE_URL at a running server, or unset it to use the embedded database.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (config.REDIS_URL) problems.push(...(await redisProblems(config.REDIS_URL)));
  if (problems.length) throw new Error(problems.join('\n'));
}

async function redisProblems(redisUrl: string): Promise<string[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 5000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return [];
  } catch (error) {
    return [
      `Redis is not reachable at ${where(redisUrl)} (REDIS_URL): ${(error as Error).message}. ` +
        'Start Redis there (e.g. `docker compose up -d redis`), point REDIS_URL at a running server, or unset it to keep the queues in the database.',
    ];
  } finally {
    redis.disconnect();
  }
}
