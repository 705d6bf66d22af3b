import { createPostgresBackend, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';
import type { AppConfig } from '../config/config.schema.js';

// Connections each queue or worker keeps in its own pool on the PostgreSQL backend (plus one LISTEN
// connection each); a process has four of them, beside Prisma's pool.
const POSTGRES_POOL_SIZE = 3;

/** Which store BullMQ keeps its queues in: Redis when REDIS_URL is set, PostgreSQL otherwise. */
export const queueBackend = (config: AppConfig): 'redis' | 'postgres' => (config.REDIS_URL ? 'redis' : 'postgres');

/**
 * Picks BullMQ's backend for every Queue and Worker this process builds and answers their
 * connection options. @nestjs/bullmq constructs queues without a backend argument, so the choice is
 * BullMQ's process-wide default; it is made here, in the factory every queue waits for. On
 * PostgreSQL the queues live in schema `bullmq` of the application's database, created by BullMQ's
 * own migrations on first connect.
 */
export function queueConnection(config: AppConfig): { connection: ConnectionOptions; prefix?: string } {
  if (!config.REDIS_URL) {
    setDefaultBackendFactory(createPostgresBackend);
    // A pg pool config, where the Redis backend takes ioredis options.
    return { connection: { connectionString: config.DATABASE_URL, migrate: true, max: POSTGRES_POOL_SIZE } };
  }
  setDefaultBackendFactory();
  const url = new URL(config.REDIS_URL);
  return {
    prefix: config.REDIS_PREFIX,
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      // BullMQ workers block on Redis; they must not give up on a slow command.
      maxRetriesPerRequest: null,
    },
  };
}
