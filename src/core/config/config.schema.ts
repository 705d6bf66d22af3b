import { isIP } from 'node:net';
import { z } from 'zod';

/** The admin key .env.example ships with: anyone who has read the repository knows it. */
export const EXAMPLE_ADMIN_API_KEY = 'change-me-to-a-long-random-admin-key';
/** In production the bootstrap admin key must be at least this long (e.g. `openssl rand -hex 32`). */
export const PRODUCTION_ADMIN_KEY_LENGTH = 32;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string) => {
  const [address, prefix, ...rest] = entry.split('/');
  return PROXY_NAMES.has(entry) || (isIP(address) !== 0 && rest.length === 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix)));
};

/**
 * The proxies whose X-Forwarded-For is believed, as Fastify's trustProxy takes them: none (the
 * default: the client is the peer of the connection), a hop count, or addresses, CIDR ranges and
 * the names loopback, linklocal, uniquelocal. Trusting any sender would let a client name itself.
 */
const trustProxy = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .refine(
    (entries) => (entries.length === 1 && /^\d+$/.test(entries[0])) || entries.every(isProxyAddress),
    'expected a hop count, or proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  )
  .transform((entries): false | number | string[] => (entries.length === 0 ? false : /^\d+$/.test(entries[0]) ? Number(entries[0]) : entries));

const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });
// `NAME=` in .env means "not set", like leaving the line out.
const optionalUrl = (protocols: string[]) => z.preprocess((value) => (value === '' ? undefined : value), url(protocols).optional());

/** Every setting the service reads from its environment. Read once, at boot, by loadConfig(). */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Unset: an embedded PostgreSQL with its data under DATA_DIR (see src/core/embedded).
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    // Unset: BullMQ keeps its queues in PostgreSQL (schema `bullmq` of the same database).
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    // Keeps the queues of several installs (or a test run beside a dev server) apart in one Redis.
    REDIS_PREFIX: z
      .string()
      .regex(/^[\w-]+$/)
      .default('followthrough'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters'),
    // Unset: emails are written as .eml files to DATA_DIR/mail and listed at /api/v1/dev/mailbox.
    SMTP_URL: optionalUrl(['smtp', 'smtps']).refine(
      (value) => value === undefined || !new URL(value).searchParams.has('proxy'),
      'a proxy is not supported: give an SMTP server the workers reach directly',
    ),
    // Where the embedded parts keep what they store: the database files and the mailbox.
    DATA_DIR: z.string().min(1).default('.data'),
    MAIL_FROM: z.string().min(3),
    PUBLIC_URL: url(['http', 'https']),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    TRUST_PROXY: trustProxy,
    // Failed API keys per client address before it is refused (429) until the window ends.
    AUTH_FAILURE_BURST: z.coerce.number().int().min(1).max(10_000).default(10),
    AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
    // Messages sent over one SMTP connection before it is replaced (servers often cap this).
    SMTP_MAX_MESSAGES: z.coerce.number().int().min(1).default(500),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    // Serves this process's metrics on a separate port (no API key), e.g. for workers, which have no HTTP.
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // Reminders: see README "Reminders". Offsets and ages are ISO-8601 durations.
    REMINDER_LOCAL_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm')
      .default('09:00'),
    REMINDER_ESCALATE_AFTER: z
      .string()
      .regex(/^P(?!$)(\d+[YMWD])*(T(\d+[HMS])+)?$/, 'expected an ISO-8601 duration like P7D')
      .default('P7D'),
    REMINDER_DISPATCH_EVERY_MS: z.coerce.number().int().min(200).default(5000),
    // A claimed reminder not sent within the lease goes back to PENDING (lost Redis, killed worker).
    REMINDER_LEASE_SECONDS: z.coerce.number().int().min(5).default(300),
    REMINDER_CLAIM_BATCH: z.coerce.number().int().min(1).max(10000).default(500),
    REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
    // Chunks of reminders one worker delivers at once; their emails share the SMTP pool.
    REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
    // Reminders per delivery job: one read, one attempt statement and few SENT marks for all of them.
    REMINDER_CHUNK_SIZE: z.coerce.number().int().min(1).max(500).default(100),
    // No person gets more reminder emails than this in 24 hours; the rest are SKIPPED.
    REMINDER_DAILY_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    // How soon BullMQ notices a delivery whose worker died (the job's lock runs out).
    REMINDER_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    // HH:mm, or HH:mm:ss to the second.
    DIGEST_LOCAL_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected HH:mm or HH:mm:ss')
      .default('08:00'),
    DIGEST_DUE_WITHIN_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    // Email actions: links in reminders are signed with this secret and point at this service's own
    // public address (the API's, not the dashboard's PUBLIC_URL); unset means http://localhost:PORT.
    ACTION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    ACTIONS_URL: url(['http', 'https']).optional(),
    ACTION_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(45),
  })
  .superRefine(
    (config, ctx) => {
      if (config.NODE_ENV !== 'production') return;
      const key = config.ADMIN_API_KEY;
      const problem =
        key === EXAMPLE_ADMIN_API_KEY
          ? 'is the example key from .env.example, which anyone can read: set a long random key before running in production'
          : key.length < PRODUCTION_ADMIN_KEY_LENGTH
            ? `must be at least ${PRODUCTION_ADMIN_KEY_LENGTH} characters in production (e.g. openssl rand -hex 32)`
            : null;
      if (problem) ctx.addIssue({ code: 'custom', path: ['ADMIN_API_KEY'], message: problem });
    },
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'ADMIN_API_KEY' || issue.path?.[0] === 'NODE_ENV') },
  );

/** The environment as validated; DATABASE_URL may still be missing (the embedded database supplies it). */
export type EnvConfig = z.output<typeof configSchema>;

/** What the service runs with: the database is always known by now. */
export type AppConfig = EnvConfig & { DATABASE_URL: string };
