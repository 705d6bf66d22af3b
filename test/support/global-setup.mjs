import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startTestPostgres } from './embedded-postgres.mjs';

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * Gives this test run its own database, brought to the current schema by the committed migrations:
 * on the server TEST_DATABASE_URL names, or on an embedded PostgreSQL started for this run.
 * The run id and the embedded server reach the test files through the environment (they inherit it).
 */
export default async function globalSetup() {
  process.env.FOLLOWTHROUGH_TEST_RUN = `${Date.now().toString(36)}_${process.pid}`;
  if (!process.env.TEST_DATABASE_URL) {
    const embedded = await startTestPostgres();
    globalThis.followthroughTestPostgres = embedded;
    process.env.FOLLOWTHROUGH_TEST_EMBEDDED_URL = embedded.url;
  }
  await import(`./test-env.mjs?run=${process.env.FOLLOWTHROUGH_TEST_RUN}`);
  const database = new URL(process.env.DATABASE_URL).pathname.slice(1);
  await withAdmin(async (admin) => {
    // Runs that were killed leave their database behind; clear those that are clearly abandoned.
    const { rows } = await admin.query("select datname from pg_database where datname like 'followthrough\\_test\\_%'");
    for (const { datname } of rows) {
      const started = parseInt(datname.split('_')[2], 36);
      if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${database}"`);
  });
  execFileSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { stdio: 'pipe', env: process.env });
}

export async function withAdmin(fn) {
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
