// Shared by Jest's globalSetup (plain Node, so JavaScript) and every test file.
// Each test run gets its own database and Redis key prefix (chosen by global-setup.mjs), so test runs
// can share a machine with a dev server and with each other.
const run = process.env.FOLLOWTHROUGH_TEST_RUN;
const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/followthrough_test');
if (run) base.pathname = `/followthrough_test_${run}`;

const defaults = {
  NODE_ENV: 'test',
  DATABASE_URL: base.toString(),
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `followthrough-test-${run ?? 'default'}`,
  ADMIN_API_KEY: 'test-admin-key-0123456789',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Followthrough <followthrough@test.local>',
  PUBLIC_URL: 'http://dashboard.test',
  LOG_LEVEL: 'silent',
  CORS_ORIGINS: 'http://dashboard.test',
  ACTION_SECRET: 'test-action-secret-0123456789abcdef',
};
Object.assign(process.env, defaults);

const database = new URL(process.env.DATABASE_URL).pathname.slice(1);
if (!database.includes('test')) {
  throw new Error(`Refusing to run tests against database "${database}": its name must contain "test"`);
}
