import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import type { AppConfig } from '../config/config.schema.js';
import { describeEmbeddedParts, type EmbeddedParts } from '../embedded/embedded-parts.js';

/**
 * What a person who just ran `npm start` needs, in plain words, printed once when the service is up:
 * where Swagger UI is, where the admin key is, and what runs embedded.
 */
export function startedMessage(config: AppConfig, embedded: EmbeddedParts, withWorker: boolean): string {
  const host = ['0.0.0.0', '::', '127.0.0.1'].includes(config.HOST) ? 'localhost' : config.HOST;
  const embeddedLines = describeEmbeddedParts(embedded);
  return [
    '',
    `Followthrough is running${withWorker ? ' (api and worker)' : ' (api only)'}.`,
    `  Swagger UI: http://${host}:${config.PORT}/docs (press Authorize and paste the admin key)`,
    `  Admin key:  ${whereIsTheKey(config.ADMIN_API_KEY)}`,
    ...(embeddedLines.length ? ['  Embedded:', ...embeddedLines.map((line) => `    - ${line}`)] : ['  Embedded:   nothing (PostgreSQL, Redis and SMTP are servers from the configuration)']),
    '',
  ].join('\n');
}

function whereIsTheKey(key: string): string {
  const file = path.resolve('.env');
  const fromFile = existsSync(file) ? parse(readFileSync(file)).ADMIN_API_KEY : undefined;
  return fromFile === key ? `ADMIN_API_KEY in ${file}` : 'ADMIN_API_KEY in the environment (it takes precedence over .env)';
}
