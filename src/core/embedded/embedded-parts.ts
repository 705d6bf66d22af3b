import path from 'node:path';
import type { AppConfig, EnvConfig } from '../config/config.schema.js';
import { ensureDatabase } from '../startup/preflight.js';
import { databaseUrl, startEmbeddedPostgres } from './embedded-postgres.js';

const DATABASE_NAME = 'followthrough';

/** What runs inside the service because its URL was not set. */
export interface EmbeddedParts {
  /** The embedded PostgreSQL's data directory, when DATABASE_URL was not set. */
  database: string | null;
  /** The queues live in PostgreSQL (REDIS_URL not set). */
  queuesInPostgres: boolean;
  /** The built-in mailbox's directory, when SMTP_URL was not set. */
  mailbox: string | null;
}

export interface Started {
  config: AppConfig;
  embedded: EmbeddedParts;
  /** Stops the embedded database if this process started it. */
  stop: () => Promise<void>;
}

/**
 * Fills in what the environment leaves out: without DATABASE_URL the embedded PostgreSQL starts (or
 * the one an `npm start` already runs from DATA_DIR is used) and the service's database is created
 * on it. Redis and SMTP need nothing started: their stand-ins live in that database and in DATA_DIR.
 */
export async function startEmbeddedParts(env: EnvConfig): Promise<Started> {
  const embedded: EmbeddedParts = {
    database: null,
    queuesInPostgres: env.REDIS_URL === undefined,
    mailbox: env.SMTP_URL === undefined ? path.resolve(env.DATA_DIR, 'mail') : null,
  };
  if (env.DATABASE_URL !== undefined) return { config: { ...env, DATABASE_URL: env.DATABASE_URL }, embedded, stop: () => Promise.resolve() };
  const cluster = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, durable: true });
  const url = databaseUrl(cluster.serverUrl, DATABASE_NAME);
  await ensureDatabase(url);
  embedded.database = path.resolve(env.DATA_DIR, 'postgres');
  return { config: { ...env, DATABASE_URL: url }, embedded, stop: cluster.stop };
}

/** One line per embedded part, in plain words, for the start-up message. */
export function describeEmbeddedParts(parts: EmbeddedParts): string[] {
  const lines: string[] = [];
  if (parts.database) lines.push(`PostgreSQL: embedded, data in ${parts.database} (set DATABASE_URL to use a server)`);
  if (parts.queuesInPostgres) lines.push('Job queues: in PostgreSQL, no Redis (set REDIS_URL to use Redis, the production choice)');
  if (parts.mailbox) lines.push(`Email: built-in mailbox, files in ${parts.mailbox}, listed at GET /api/v1/dev/mailbox (set SMTP_URL to send)`);
  return lines;
}
