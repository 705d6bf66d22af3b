import { configSchema, type AppConfig } from './config.schema.js';

export class ConfigError extends Error {}

/** Validates the environment; the message names every missing or bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined ? `  ${name}: missing` : `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
}
