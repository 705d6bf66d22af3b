import 'reflect-metadata';
import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { createApiApp } from '../app.factory.js';
import { loadConfig } from '../core/config/config.js';
import { buildOpenApiDocument } from './openapi.js';

/** `npm run openapi`: writes the OpenAPI document the code describes to openapi.json (committed). */
async function main(): Promise<void> {
  const app = await createApiApp(loadConfig());
  try {
    writeFileSync('openapi.json', `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
