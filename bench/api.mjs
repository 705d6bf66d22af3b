#!/usr/bin/env node
// Dashboard API benchmark: HTTP load (autocannon, 127.0.0.1 only) on the list, a filtered list, a
// full-text search, the summary and the compliance report, first against the API (NestJS, Fastify,
// Prisma), then the same queries against a minimal node:http + pg server, so overhead is a ratio.
// Needs `npm run build` and `npm run bench:seed` first. Prints a Markdown table.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'dotenv/config';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabaseUrl } from './seed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const API_PORT = 3101;
const RAW_PORT = 3102;
const databaseUrl = benchDatabaseUrl();
const adminKey = 'bench-admin-key-0123456789';

async function pickParameters() {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  // The party owing the most overdue commitments: the heaviest filtered list.
  const { rows } = await db.query(`SELECT owner_party_id AS id FROM commitment
    WHERE status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND deadline_end < now() GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const total = (await db.query('SELECT count(*)::int AS n FROM commitment')).rows[0].n;
  const naval = (await db.query(`SELECT count(*)::int AS n FROM commitment WHERE search @@ websearch_to_tsquery('english', 'naval delegation')`)).rows[0].n;
  await db.end();
  return { partyId: rows[0].id, total, matches: naval };
}

function start(script, args, env) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  return child;
}

async function waitFor(url, headers = {}) {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function load(url, connections, headers) {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up: plans, caches, JIT
  const result = await autocannon({ url, connections, duration: DURATION, headers });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  const { partyId, total, matches } = await pickParameters();
  const cases = [
    { name: 'Dashboard list (open, by deadline, limit 50)', api: '/api/v1/commitments?status=PROPOSED&status=OPEN&status=IN_PROGRESS&status=DEFERRED&limit=50', raw: '/list', connections: 32, p99Target: 50 },
    { name: 'Filtered list (party + overdue)', api: `/api/v1/commitments?partyId=${partyId}&overdue=true&limit=50`, raw: `/overdue?partyId=${partyId}`, connections: 32, p99Target: 50 },
    { name: `Full-text search ("naval delegation", ${matches} matches)`, api: '/api/v1/commitments?q=naval%20delegation&limit=50', raw: '/search?q=naval%20delegation', connections: 32, p99Target: 50 },
    { name: 'Summary (all commitments)', api: '/api/v1/dashboard/summary', raw: '/summary', connections: 8, p99Target: 300 },
    { name: 'Compliance (all parties, 2020)', api: '/api/v1/dashboard/compliance?from=2020-01-01&to=2020-12-31', raw: '/compliance?from=2020-01-01T00:00:00Z&to=2020-12-31T23:59:59.999Z', connections: 8, p99Target: 300 },
  ];
  const env = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(API_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_API_KEY: adminKey, REDIS_PREFIX: 'followthrough-dashboard-bench' };
  const headers = { authorization: `Bearer ${adminKey}` };

  const results = [];
  const api = start('dist/main.js', ['--api'], env);
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/api/v1/commitments?limit=1`, headers);
    for (const c of cases) results.push({ ...c, stack: await load(`http://127.0.0.1:${API_PORT}${c.api}`, c.connections, headers) });
  } finally {
    api.kill('SIGTERM');
  }
  const raw = start('bench/raw-server.mjs', [], { DATABASE_URL: databaseUrl, PORT: String(RAW_PORT) });
  try {
    await waitFor(`http://127.0.0.1:${RAW_PORT}/list`);
    for (const r of results) r.raw = await load(`http://127.0.0.1:${RAW_PORT}${r.raw}`, r.connections, {});
  } finally {
    raw.kill('SIGTERM');
  }

  const pg15 = new pg.Client({ connectionString: databaseUrl });
  await pg15.connect();
  const version = (await pg15.query('SHOW server_version')).rows[0].server_version;
  await pg15.end();
  console.log(`\n${total} commitments; ${os.cpus().length} cores (${os.cpus()[0].model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL ${version}; ${DURATION} s per run\n`);
  console.log('| Query | Conn. | API req/s | API p50 / p99 ms | Raw req/s | Raw p50 / p99 ms | API / raw | p99 target |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const ratio = `${Math.round((100 * r.stack.rps) / r.raw.rps)}%`;
    const verdict = r.stack.p99 < r.p99Target ? 'met' : 'MISSED';
    console.log(`| ${r.name} | ${r.connections} | ${r.stack.rps.toFixed(0)} | ${r.stack.p50} / ${r.stack.p99} | ${r.raw.rps.toFixed(0)} | ${r.raw.p50} / ${r.raw.p99} | ${ratio} | < ${r.p99Target} ms: ${verdict} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
