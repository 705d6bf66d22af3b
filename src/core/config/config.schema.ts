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
});

export type AppConfig = z.output<typeof configSchema>;
