// Shared by Jest's globalSetup (plain Node, so JavaScript) and every test file.
// Each test run gets its own database and Redis key prefix (chosen by global-setup.mjs), so test runs
// can share a machine with a dev server and with each other. TEST_DATABASE_URL and TEST_REDIS_URL
// point the tests at servers; without them they run on an embedded PostgreSQL (started by
// global-setup.mjs) with the queues in PostgreSQL, as `npm start` does with no URLs set.
import { tmpdir } from 'node:os';
import path from 'node:path';

const run = process.env.FOLLOWTHROUGH_TEST_RUN;
const server = process.env.TEST_DATABASE_URL ?? process.env.FOLLOWTHROUGH_TEST_EMBEDDED_URL ?? 'postgresql://postgres@127.0.0.1:5432/followthrough_test';
const base = new URL(server);
if (run) base.pathname = `/followthrough_test_${run}`;

const defaults = {
  NODE_ENV: 'test',
  DATABASE_URL: base.toString(),
  REDIS_PREFIX: `followthrough-test-${run ?? 'default'}`,
  ADMIN_API_KEY: 'test-admin-key-0123456789',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Followthrough <followthrough@test.local>',
  PUBLIC_URL: 'http://dashboard.test',
  LOG_LEVEL: 'silent',
  CORS_ORIGINS: 'http://dashboard.test',
  ACTION_SECRET: 'test-action-secret-0123456789abcdef',
  DATA_DIR: path.join(tmpdir(), `followthrough-test-${run ?? 'default'}`),
};
Object.assign(process.env, defaults);
// Without TEST_REDIS_URL the queues live in PostgreSQL; a REDIS_URL from the shell must not leak in.
if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
else delete process.env.REDIS_URL;

const database = new URL(process.env.DATABASE_URL).pathname.slice(1);
if (!database.includes('test')) {
  throw new Error(`Refusing to run tests against database "${database}": its name must contain "test"`);
}

