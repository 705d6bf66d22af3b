import { z } from 'zod';

const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });

/** Every setting the service reads from its environment. Read once, at boot, by loadConfig(). */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres', 'postgresql']),
  REDIS_URL: url(['redis', 'rediss']),
  // Keeps the queues of several installs (or a test run beside a dev server) apart in one Redis.
  REDIS_PREFIX: z.string().regex(/^[\w-]+$/).default('followthrough'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters'),
  SMTP_URL: url(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3),
  PUBLIC_URL: url(['http', 'https']),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  // Messages sent over one SMTP connection before it is replaced (servers often cap this).
  SMTP_MAX_MESSAGES: z.coerce.number().int().min(1).default(500),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  // Serves this process's metrics on a separate port (no API key), e.g. for workers, which have no HTTP.
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Reminders: see README "Reminders". Offsets and ages are ISO-8601 durations.
  REMINDER_LOCAL_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm').default('09:00'),
  REMINDER_ESCALATE_AFTER: z.string().regex(/^P(?!$)(\d+[YMWD])*(T(\d+[HMS])+)?$/, 'expected an ISO-8601 duration like P7D').default('P7D'),
  REMINDER_DISPATCH_EVERY_MS: z.coerce.number().int().min(200).default(5000),
  // A claimed reminder not sent within the lease goes back to PENDING (lost Redis, killed worker).
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(5).default(300),
  REMINDER_CLAIM_BATCH: z.coerce.number().int().min(1).max(10000).default(500),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  // Chunks of reminders one worker delivers at once; their emails share the SMTP pool.
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  // Reminders per delivery job: one read, one attempt statement and few SENT marks for all of them.
  REMINDER_CHUNK_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  // No person gets more reminder emails than this in 24 hours; the rest are SKIPPED.
  REMINDER_DAILY_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  // How soon BullMQ notices a delivery whose worker died (the job's lock runs out).
  REMINDER_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  DIGEST_LOCAL_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm').default('08:00'),
  DIGEST_DUE_WITHIN_DAYS: z.coerce.number().int().min(1).max(365).default(14),
});

export type AppConfig = z.output<typeof configSchema>;
