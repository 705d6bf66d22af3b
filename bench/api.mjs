#!/usr/bin/env node
// Dashboard API benchmark: HTTP load (autocannon, 127.0.0.1 only, fixed durations) on the list, a
// filtered list, a full-text search, the summary and the compliance report, against the built API
// (`node dist/main.js --api`, logging as deployed) and a minimal node:http + pg server running the
// same SQL, case by case in the same run, so the ratio compares like with like.
// Needs `npm run bench:seed` first (bench:api builds). Writes bench-results/dashboard-<time>.{json,md}.
// BENCH_SECONDS (default 10) per measured run, after a 3 s warm-up (and a first 3 s pass over every
// case); LOG_LEVEL (default info).
// Writes: each read case is measured a second time while 4 writers PATCH random open commitments
// (a new deadline: re-planned, re-counted) as fast as they can, with the worker running beside the
// API as deployed; then the write throughput of 16 writers on 16 distinct commitments and of 1 writer on the same 16 in turn.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'dotenv/config';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabaseUrl } from './seed.mjs';
import { cpuPer, readCpu } from './process-cpu.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = 3;
const LOG_LEVEL = process.env.LOG_LEVEL ?? 'info';
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3101);
const RAW_PORT = Number(process.env.BENCH_RAW_PORT ?? 3102);
const databaseUrl = benchDatabaseUrl();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = path.join(root, 'bench-results');

async function prepare(db) {
  // Earlier runs' writes leave dead rows behind; vacuumed first, as autovacuum would have between runs
  // (a server with autovacuum off would otherwise measure each run against more bloat than the last).
  await db.query('VACUUM (ANALYZE) commitment, commitment_event, reminder');
  // The party owing the most overdue commitments: the heaviest filtered list.
  const { rows } = await db.query(`SELECT owner_party_id AS id FROM commitment
    WHERE status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED') AND deadline_end < now() GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const total = (await db.query('SELECT count(*)::int AS n FROM commitment')).rows[0].n;
  const matches = (await db.query(`SELECT count(*)::int AS n FROM commitment WHERE search @@ websearch_to_tsquery('english', 'naval delegation')`)).rows[0].n;
  // A stored VIEWER key, as a dashboard would use: every request looks it up like any real key.
  const key = `ft_${randomBytes(32).toString('base64url')}`;
  await db.query(`DELETE FROM api_key WHERE name IN ('dashboard benchmark', 'dashboard benchmark writer')`);
  await db.query(`INSERT INTO api_key (id, name, role, key_hash, key_prefix) VALUES (gen_random_uuid(), 'dashboard benchmark', 'VIEWER', $1, $2)`, [
    createHash('sha256').update(key).digest('hex'),
    key.slice(0, 7),
  ]);
  const writerKey = `ft_${randomBytes(32).toString('base64url')}`;
  await db.query(`INSERT INTO api_key (id, name, role, key_hash, key_prefix) VALUES (gen_random_uuid(), 'dashboard benchmark writer', 'EDITOR', $1, $2)`, [
    createHash('sha256').update(writerKey).digest('hex'),
    writerKey.slice(0, 7),
  ]);
  // Open commitments to write to, drawn at random from the whole table.
  const targets = (
    await db.query(`SELECT id FROM commitment TABLESAMPLE SYSTEM (5) WHERE status IN ('OPEN', 'IN_PROGRESS') AND deleted_at IS NULL LIMIT 20000`)
  ).rows.map((r) => r.id);
  return { partyId: rows[0].id, total, matches, key, writerKey, targets };
}

function start(script, args, env, logFile) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.pipe(createWriteStream(logFile));
  return child;
}

async function waitFor(url, headers = {}) {
  for (let i = 0; i < 1200; i++) {
    // up to 2 minutes: a busy machine starts slowly
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
  await autocannon({ url, connections, duration: WARMUP, headers }); // warm-up: plans, caches, JIT
  const result = await autocannon({ url, connections, duration: DURATION, headers });
  if (result.non2xx || result.errors || result.timeouts)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
  };
}

/**
 * `writers` loops PATCHing commitments until `until()` says stop: each gives the commitment it picks
 * (`pick(writer, n)` for its n-th write) a new DAY deadline. Returns requests per second, latency percentiles and the statuses seen.
 */
async function write(writers, pick, headers, seconds) {
  const latencies = [];
  const statuses = {};
  const started = Date.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let n = 0; Date.now() < stopAt; n++) {
        const day = `2027-${String(1 + ((w + n) % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
        const sent = performance.now();
        const res = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/commitments/${pick(w, n)}`, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ deadline: { precision: 'DAY', value: day } }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - sent);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { writers, rps: Math.round(latencies.length / ((Date.now() - started) / 1000)), p50: at(0.5), p99: at(0.99), statuses };
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { partyId, total, matches, key, writerKey, targets } = await prepare(db);
  const postgres = (await db.query('SHOW server_version')).rows[0].server_version;
  await db.end();

  const cases = [
    {
      name: 'Dashboard list (open, by deadline, limit 50)',
      api: '/api/v1/commitments?status=PROPOSED&status=OPEN&status=IN_PROGRESS&status=DEFERRED&limit=50',
      raw: '/list',
      connections: 32,
      p99Target: 50,
    },
    {
      name: 'Filtered list (party + overdue)',
      api: `/api/v1/commitments?partyId=${partyId}&overdue=true&limit=50`,
      raw: `/overdue?partyId=${partyId}`,
      connections: 32,
      p99Target: 50,
    },
    {
      name: `Full-text search ("naval delegation", ${matches} matches)`,
      api: '/api/v1/commitments?q=naval%20delegation&limit=50',
      raw: '/search?q=naval%20delegation',
      connections: 32,
      p99Target: 75,
    },
    { name: 'Summary (all commitments)', api: '/api/v1/dashboard/summary', raw: '/summary', connections: 8, p99Target: 300 },
    {
      name: 'Compliance (all parties, 2020)',
      api: '/api/v1/dashboard/compliance?from=2020-01-01&to=2020-12-31',
      raw: '/compliance?from=2020-01-01T00:00:00Z&to=2020-12-31T23:59:59.999Z',
      connections: 8,
      p99Target: 300,
    },
  ];
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL,
    ADMIN_API_KEY: randomBytes(24).toString('base64url'),
    ACTION_SECRET: randomBytes(32).toString('base64url'),
    // Queues in Redis, as deployed (without REDIS_URL they would live in the benchmark's own database and
    // add their polling to what is measured); its own prefix per benchmark database, so two benchmarks
    // on one Redis never take each other's jobs.
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `followthrough-bench-${new URL(databaseUrl).pathname.slice(1)}`,
  };
  const headers = { authorization: `Bearer ${key}` };
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0].model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    postgres,
    commitments: total,
    loadBefore: os.loadavg().map((l) => l.toFixed(2)),
  };
  if (os.loadavg()[0] > 2.5) console.warn(`Load average ${os.loadavg()[0].toFixed(2)}: the machine is busy, figures will be low`);

  const api = start('dist/main.js', ['--api'], env, path.join(outDir, `dashboard-${stamp}-api.log`));
  const worker = start('dist/worker.js', [], env, path.join(outDir, `dashboard-${stamp}-worker.log`));
  const raw = start('bench/raw-server.mjs', [], { DATABASE_URL: databaseUrl, PORT: String(RAW_PORT) }, path.join(outDir, `dashboard-${stamp}-raw.log`));
  const stop = () => {
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    raw.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  const results = [];
  const writeResults = [];
  const writerHeaders = { authorization: `Bearer ${writerKey}` };
  const random = () => targets[Math.floor(Math.random() * targets.length)];
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/api/v1/commitments?limit=1`, headers);
    await waitFor(`http://127.0.0.1:${RAW_PORT}/list`);
    // A pass over every case first, so the first case measured does not also pay for the processes'
    // start (compiling the hot paths, growing the heap) which the later ones would not.
    for (const c of cases) {
      await autocannon({ url: `http://127.0.0.1:${API_PORT}${c.api}`, connections: c.connections, duration: WARMUP, headers });
      await autocannon({ url: `http://127.0.0.1:${RAW_PORT}${c.raw}`, connections: c.connections, duration: WARMUP });
    }
    for (const c of cases) {
      const stack = await load(`http://127.0.0.1:${API_PORT}${c.api}`, c.connections, headers);
      const bare = await load(`http://127.0.0.1:${RAW_PORT}${c.raw}`, c.connections, {});
      // The same reads again while 4 writers write as fast as they can.
      const writing = write(4, random, writerHeaders, WARMUP + DURATION);
      const mixed = await load(`http://127.0.0.1:${API_PORT}${c.api}`, c.connections, headers);
      const writes = await writing;
      results.push({
        ...c,
        stack,
        raw: bare,
        mixed,
        writes,
        ratio: stack.rps / bare.rps,
        met: stack.p99 < c.p99Target,
        metWithWrites: mixed.p99 < c.p99Target,
      });
      console.log(
        `${c.name}: API ${stack.rps} req/s p99 ${stack.p99} ms; raw ${bare.rps} req/s p99 ${bare.p99} ms; with 4 writers ${mixed.rps} req/s p99 ${mixed.p99} ms (writes ${writes.rps}/s p99 ${writes.p99} ms ${JSON.stringify(writes.statuses)})`,
      );
    }
    // Write throughput: 16 writers each on its own commitment, against one writer doing the same work
    // (the same 16 commitments, in turn): commitments differ in people and reminders, so one writer on
    // one commitment would measure a different cost.
    await write(16, (w) => targets[w], writerHeaders, WARMUP);
    for (const writers of [1, 16]) {
      const processes = { api: [api.pid], worker: [worker.pid], generator: [process.pid] };
      const before = readCpu(processes);
      const started = Date.now();
      const result = await write(writers, (w, n) => targets[writers === 1 ? n % 16 : w], writerHeaders, DURATION);
      const writes = Object.values(result.statuses).reduce((a, b) => a + b, 0);
      const cpu = cpuPer(before, readCpu(processes), writes, (Date.now() - started) / 1000);
      if (cpu) Object.assign(result, { cpuMsPerWrite: cpu.perUnitMs, coresBusy: cpu.coresBusy, steal: cpu.steal });
      writeResults.push(result);
      console.log(
        `${writers} writer(s) on the 16 commitments: ${result.rps} writes/s p50 ${result.p50} ms p99 ${result.p99} ms ${JSON.stringify(result.statuses)}`,
      );
    }
  } finally {
    stop();
  }
  machine.loadAfter = os.loadavg().map((l) => l.toFixed(2));

  const [one, sixteen] = writeResults;
  const lines = [
    `${new Date().toISOString()}: ${total} commitments; ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${postgres}; ` +
      `LOG_LEVEL=${LOG_LEVEL}; ${WARMUP} s warm-up + ${DURATION} s per run; load average before ${machine.loadBefore.join(' ')}, after ${machine.loadAfter.join(' ')}`,
    '',
    '| Query | Conn. | API req/s | API p50 / p99 ms | Raw req/s | Raw p50 / p99 ms | API / raw | p99 target |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.stack.rps} | ${r.stack.p50} / ${r.stack.p99} | ${r.raw.rps} | ${r.raw.p50} / ${r.raw.p99} | ${Math.round(100 * r.ratio)}% | < ${r.p99Target} ms: ${r.met ? 'met' : 'MISSED'} |`,
    ),
    '',
    'The same reads while 4 writers PATCH random open commitments (new deadline) as fast as they can:',
    '',
    '| Query | Conn. | API req/s | API p50 / p99 ms | Writes/s | Write p50 / p99 ms | Write answers | p99 target |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.mixed.rps} | ${r.mixed.p50} / ${r.mixed.p99} | ${r.writes.rps} | ${r.writes.p50} / ${r.writes.p99} | ${JSON.stringify(r.writes.statuses)} | < ${r.p99Target} ms: ${r.metWithWrites ? 'met' : 'MISSED'} |`,
    ),
    '',
    `Writes alone: 1 writer on 16 commitments in turn ${one.rps}/s (p50 ${one.p50} ms, p99 ${one.p99} ms); 16 writers on 16 distinct commitments ${sixteen.rps}/s ` +
      `(p50 ${sixteen.p50} ms, p99 ${sixteen.p99} ms): ${(sixteen.rps / one.rps).toFixed(2)}x. Answers: ${JSON.stringify(one.statuses)}, ${JSON.stringify(sixteen.statuses)}`,
    ...(one.coresBusy
      ? [
          '',
          `CPU per write (ms): 1 writer ${JSON.stringify(one.cpuMsPerWrite)}, 16 writers ${JSON.stringify(sixteen.cpuMsPerWrite)}. ` +
            `One writer kept ${one.coresBusy} of ${machine.cores} cores busy, sixteen ${sixteen.coresBusy}: ` +
            `on this machine sixteen can reach at most about ${(machine.cores / one.coresBusy).toFixed(1)}x one writer's throughput. ` +
            `CPU time the hypervisor took for other guests meanwhile: ${(one.steal * 100).toFixed(1)}% and ${(sixteen.steal * 100).toFixed(1)}% ` +
            '(the same work costs more CPU when it is high: compare runs only when it is low).',
        ]
      : []),
  ];
  writeFileSync(
    path.join(outDir, `dashboard-${stamp}.json`),
    JSON.stringify({ machine, logLevel: LOG_LEVEL, warmup: WARMUP, duration: DURATION, results, writes: writeResults }, null, 2),
  );
  writeFileSync(path.join(outDir, `dashboard-${stamp}.md`), lines.join('\n') + '\n');
  console.log(`\n${lines.join('\n')}\n\nWritten to bench-results/dashboard-${stamp}.{json,md}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
