import { z } from 'zod';

const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });
// `NAME=` in .env means "not set", like leaving the line out.
const optionalUrl = (protocols: string[]) => z.preprocess((value) => (value === '' ? undefined : value), url(protocols).optional());

/** Every setting the service reads from its environment. Read once, at boot, by loadConfig(). */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Unset: an embedded PostgreSQL with its data under DATA_DIR (see src/core/embedded).
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  // Unset: BullMQ keeps its queues in PostgreSQL (schema `bullmq` of the same database).
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  // Keeps the queues of several installs (or a test run beside a dev server) apart in one Redis.
  REDIS_PREFIX: z.string().regex(/^[\w-]+$/).default('followthrough'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters'),
  // Unset: emails are written as .eml files to DATA_DIR/mail and listed at /api/v1/dev/mailbox.
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  // Where the embedded parts keep what they store: the database files and the mailbox.
  DATA_DIR: z.string().min(1).default('.data'),
  MAIL_FROM: z.string().min(3),
  PUBLIC_URL: url(['http', 'https']),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  // Reminders: see README "Reminders". Offsets and ages are ISO-8601 durations.
  REMINDER_LOCAL_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm').default('09:00'),
  REMINDER_ESCALATE_AFTER: z.string().regex(/^P(?!$)(\d+[YMWD])*(T(\d+[HMS])+)?$/, 'expected an ISO-8601 duration like P7D').default('P7D'),
  REMINDER_DISPATCH_EVERY_MS: z.coerce.number().int().min(200).default(5000),
  // A claimed reminder not sent within the lease goes back to PENDING (lost Redis, killed worker).
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(5).default(300),
  REMINDER_CLAIM_BATCH: z.coerce.number().int().min(1).max(10000).default(500),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  // How soon BullMQ notices a delivery whose worker died (the job's lock runs out).
  REMINDER_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  DIGEST_LOCAL_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm').default('08:00'),
  DIGEST_DUE_WITHIN_DAYS: z.coerce.number().int().min(1).max(365).default(14),
});

/** The environment as validated; DATABASE_URL may still be missing (the embedded database supplies it). */
export type EnvConfig = z.output<typeof configSchema>;

/** What the service runs with: the database is always known by now. */
export type AppConfig = EnvConfig & { DATABASE_URL: string };
