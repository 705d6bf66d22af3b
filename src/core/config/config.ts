import { configSchema, type AppConfig, type EnvConfig } from './config.schema.js';

export class ConfigError extends Error {}

/** Validates the environment; the message names every missing or bad variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined ? `  ${name}: missing` : `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
}

/**
 * The configuration of a process that is given its database (tests, and whatever runs beside a
 * started service). Entry points that may start the embedded database use startEmbeddedParts().
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = readConfig(env);
  if (!config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration (see .env.example):\n  DATABASE_URL: missing (only `npm start` and dist/main.js start the embedded database)');
  }
  return { ...config, DATABASE_URL: config.DATABASE_URL };
}
