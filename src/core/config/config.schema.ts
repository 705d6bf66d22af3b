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
  // Email actions: links in reminders are signed with this secret and point at this service's own
  // public address (the API's, not the dashboard's PUBLIC_URL); unset means http://localhost:PORT.
  ACTION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACTIONS_URL: url(['http', 'https']).optional(),
  ACTION_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(45),
});

export type AppConfig = z.output<typeof configSchema>;
