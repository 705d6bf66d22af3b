#!/usr/bin/env node
// Reminder benchmark: (1) plan 1,000,000 future reminders and show Redis does not grow with the plan;
// (2) make 20,000 reminders due at the same moment and time their delivery to a local SMTP sink.
// Runs against its own database and Redis prefix; writes its figures to docs/benchmarks.md.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'dotenv/config';
import pg from 'pg';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { planReminders } = await import(path.join(root, 'dist/reminders/reminder-plan.js'));
const { defaultPolicy } = await import(path.join(root, 'dist/reminders/reminder-policy.js'));

const FUTURE = Number(process.env.BENCH_FUTURE_REMINDERS ?? 1_000_000);
const BURST = Number(process.env.BENCH_DUE_REMINDERS ?? 20_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.max(1, os.cpus().length));
const PEOPLE = 1000;
const ZONES = ['UTC', 'Asia/Karachi', 'Europe/Moscow', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];

const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/followthrough');
const databaseUrl = new URL(baseUrl);
databaseUrl.pathname = '/followthrough_bench';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = 'followthrough-bench';
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? 'bench-admin-key-0123456789',
  MAIL_FROM: 'Followthrough <followthrough@bench.local>',
  PUBLIC_URL: 'http://dashboard.bench',
  ACTION_SECRET: process.env.ACTION_SECRET ?? 'bench-action-secret-0123456789abcdef',
  LOG_LEVEL: 'warn',
  REMINDER_DISPATCH_EVERY_MS: '250',
  REMINDER_CLAIM_BATCH: '1000',
  REMINDER_CONCURRENCY: '20',
  SMTP_POOL_SIZE: '5',
};

const log = (...args) => console.log(new Date().toISOString().slice(11, 19), ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2);

async function freshDatabase() {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(baseUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS followthrough_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE followthrough_bench');
  await admin.end();
  execFileSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { cwd: root, env, stdio: 'pipe' });
}

async function redisFootprint(redis) {
  const keys = await redis.keys(`${prefix}:*`);
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.call('MEMORY', 'USAGE', key);
  const bytes = ((await pipeline.exec()) ?? []).reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
  const info = await redis.info('memory');
  const used = Number(/used_memory:(\d+)/.exec(info)[1]);
  return { keys: keys.length, bytes, used };
}

async function clearRedis(redis) {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
}

/** People, and commitments with deadlines spread over the next two years, in plain SQL. */
async function seed(db, commitments, peoplePerCommitment, label) {
  const ids = await db.query(
    `INSERT INTO commitment (id, title, status, deadline_precision, deadline_value, deadline_time_zone, deadline_start, deadline_end, updated_at)
     SELECT gen_random_uuid(), $1 || ' ' || g, 'OPEN', 'DAY', to_char(d, 'YYYY-MM-DD'), 'UTC', d, d + interval '1 day' - interval '1 millisecond', now()
     FROM generate_series(1, $2) g, LATERAL (SELECT (current_date + 10 + (g % 700))::timestamptz AS d) x
     RETURNING id, deadline_end`,
    [label, commitments],
  );
  const people = (await db.query('SELECT id, time_zone FROM person ORDER BY id')).rows;
  const links = ids.rows.flatMap((c, i) =>
    Array.from({ length: peoplePerCommitment }, (_, k) => ({ commitmentId: c.id, person: people[(i * peoplePerCommitment + k) % people.length], role: k === 0 ? 'RESPONSIBLE' : 'WATCHER' })),
  );
  for (let i = 0; i < links.length; i += 20_000) {
    const part = links.slice(i, i + 20_000);
    await db.query(
      `INSERT INTO commitment_person (commitment_id, person_id, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::"CommitmentRole"[]) ON CONFLICT DO NOTHING`,
      [part.map((l) => l.commitmentId), part.map((l) => l.person.id), part.map((l) => l.role)],
    );
  }
  return { commitments: ids.rows, links };
}

async function insertReminders(db, rows) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    await db.query(
      `INSERT INTO reminder (id, commitment_id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, updated_at)
       SELECT gen_random_uuid(), c, p, k::"ReminderKind", o, f, 'PENDING', d, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS t(c, p, k, o, f, d)`,
      [part.map((r) => r.commitmentId), part.map((r) => r.recipientPersonId), part.map((r) => r.kind), part.map((r) => r.offset), part.map((r) => r.fireAt), part.map((r) => r.dedupeKey)],
    );
  }
}

function startSink() {
  const received = new Map();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<reminder\.([0-9a-f-]{36})@/im.exec(head)?.[1];
        if (id && !received.has(id)) received.set(id, Date.now());
        else if (id) received.set(`${id}#dup${received.size}`, Date.now());
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, received, port: server.server.address().port })));
}

function startWorkers(count, smtpUrl) {
  return Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['dist/worker.js'], { cwd: root, env: { ...env, SMTP_URL: smtpUrl }, stdio: ['ignore', 'inherit', 'inherit'] });
    return { child, exited: new Promise((r) => child.on('exit', r)) };
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  if (!existsSync(path.join(root, 'dist/worker.js'))) throw new Error('Run `npm run build` first (npm run bench:reminders does)');
  log(`fresh database ${databaseUrl.pathname.slice(1)}, Redis prefix ${prefix}`);
  await freshDatabase();
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  const redis = new Redis(redisUrl);
  await clearRedis(redis);
  await db.query(
    `INSERT INTO person (id, name, email, time_zone, updated_at)
     SELECT gen_random_uuid(), 'Person ' || g, 'person' || g || '@bench.local', ($1::text[])[1 + g % ${ZONES.length}], now() FROM generate_series(1, ${PEOPLE}) g`,
    [ZONES],
  );

  // 1. A million future reminders, planned by the real planner, in Postgres only.
  const sink = await startSink();
  const workers = startWorkers(WORKERS, `smtp://127.0.0.1:${sink.port}`);
  // Measure once the workers are up: their dispatcher tick has created its scheduler.
  for (let i = 0; i < 120 && (await redis.keys(`${prefix}:*`)).length < 5; i += 1) await sleep(500);
  await sleep(5000);
  const idle = await redisFootprint(redis);
  const perCommitment = 2 * 7;
  const { commitments } = await seed(db, Math.ceil((FUTURE / perCommitment) * 1.1), 2, 'Future');
  const people = new Map((await db.query('SELECT id, time_zone FROM person')).rows.map((p) => [p.id, p.time_zone]));
  const links = (await db.query(`SELECT commitment_id, person_id, role FROM commitment_person`)).rows;
  const byCommitment = new Map();
  for (const l of links) (byCommitment.get(l.commitment_id) ?? byCommitment.set(l.commitment_id, []).get(l.commitment_id)).push(l);
  const now = new Date();
  const policy = defaultPolicy('DAY', '09:00');
  const planStart = performance.now();
  let planned = [];
  for (const c of commitments) {
    const recipients = byCommitment.get(c.id).map((l) => ({ personId: l.person_id, timeZone: people.get(l.person_id), role: l.role, escalationContact: null }));
    for (const r of planReminders({ commitmentId: c.id, status: 'OPEN', deadlineEnd: c.deadline_end, deadlineTimeZone: 'UTC', recipients, policy, escalateAfter: null, now })) {
      if (r.fireAt > now) planned.push({ ...r, commitmentId: c.id });
    }
  }
  planned = planned.slice(0, FUTURE);
  const planMs = performance.now() - planStart;
  const insertStart = performance.now();
  await insertReminders(db, planned);
  const insertMs = performance.now() - insertStart;
  log(`planned ${planned.length} reminders in ${(planMs / 1000).toFixed(1)} s, inserted in ${(insertMs / 1000).toFixed(1)} s`);
  await sleep(10_000);
  const withPlan = await redisFootprint(redis);
  log(`Redis, this install's keys: ${idle.keys} keys / ${mb(idle.bytes)} MB before, ${withPlan.keys} keys / ${mb(withPlan.bytes)} MB with the plan`);

  // 2. 20,000 reminders due at the same moment, each to a different person of its commitment.
  const burstPeople = 10;
  const burst = await seed(db, Math.ceil(BURST / burstPeople), burstPeople, 'Burst');
  const due = new Date(Date.now() + 15_000);
  const burstRows = burst.links.slice(0, BURST).map((l) => ({
    commitmentId: l.commitmentId,
    recipientPersonId: l.person.id,
    kind: 'DUE',
    offset: 'P0D',
    fireAt: due,
    dedupeKey: `burst:${l.commitmentId}:${l.person.id}`,
  }));
  await insertReminders(db, burstRows);
  log(`${burstRows.length} reminders due at ${due.toISOString()}`);
  let peak = withPlan;
  for (let tick = 0; sink.received.size < burstRows.length && Date.now() - due.getTime() < 900_000; tick += 1) {
    await sleep(1000);
    if (tick % 5 !== 0) continue;
    const sample = await redisFootprint(redis);
    if (sample.bytes > peak.bytes) peak = sample;
    if (tick % 20 === 0) log(`delivered ${sink.received.size}`);
  }
  const dueMs = due.getTime();
  const lateness = [...sink.received.entries()].filter(([k]) => !k.includes('#')).map(([, t]) => t - dueMs).sort((a, b) => a - b);
  const duplicates = [...sink.received.keys()].filter((k) => k.includes('#')).length;
  const status = (await db.query(`SELECT status, count(*)::int AS n FROM reminder WHERE dedupe_key LIKE 'burst:%' GROUP BY status`)).rows;
  const after = await redisFootprint(redis);

  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  sink.server.close();
  await clearRedis(redis);
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))[1];
  redis.disconnect();
  const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
  await db.end();

  const figures = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${pgVersion}, Redis ${redisVersion}`,
    workers: WORKERS,
    future: planned.length,
    planS: (planMs / 1000).toFixed(1),
    insertS: (insertMs / 1000).toFixed(1),
    idle,
    withPlan,
    peak,
    after,
    burst: burstRows.length,
    delivered: lateness.length,
    duplicates,
    status: status.map((s) => `${s.status} ${s.n}`).join(', '),
    allDeliveredS: (lateness.at(-1) / 1000).toFixed(1),
    p50: (percentile(lateness, 50) / 1000).toFixed(2),
    p99: (percentile(lateness, 99) / 1000).toFixed(2),
    rate: Math.round(lateness.length / (lateness.at(-1) / 1000)),
  };
  console.log(figures);
  writeReport(figures);
  process.exit(0);
}

function writeReport(f) {
  const file = path.join(root, 'docs/benchmarks.md');
  const section = `## Reminders (npm run bench:reminders)

Measured ${f.date} on ${f.machine}; ${f.workers} worker processes (\`node dist/worker.js\`, 20 concurrent
deliveries each, 5 pooled SMTP connections each), dispatcher tick 250 ms, claim batch 1,000, a local SMTP sink
(smtp-server) in the benchmark process. Postgres, Redis, the workers and the sink share the machine.

**1. Plan ${f.future.toLocaleString('en')} future reminders** (DAY deadlines over the next two years, two people each, default policy):

| | keys under the install's prefix | their memory | Redis used_memory (whole server) |
|---|---|---|---|
| workers idle, empty ledger | ${f.idle.keys} | ${mb(f.idle.bytes)} MB | ${mb(f.idle.used)} MB |
| ${f.future.toLocaleString('en')} reminders planned | ${f.withPlan.keys} | ${mb(f.withPlan.bytes)} MB | ${mb(f.withPlan.used)} MB |
| peak while delivering the burst below | ${f.peak.keys} | ${mb(f.peak.bytes)} MB | ${mb(f.peak.used)} MB |

Redis holds the dispatcher's job scheduler, the queues' capped event streams and the jobs of reminders
that are due now, never the plan: its footprint does not depend on how many reminders are planned. At the
peak each due reminder costs one job (about ${Math.round(f.peak.bytes / Math.max(1, f.peak.keys))} bytes); the jobs are removed as they finish.
Planning took ${f.planS} s in the planner (pure function, luxon) and ${f.insertS} s to insert.

**2. ${f.burst.toLocaleString('en')} reminders due at the same moment**, with the million future ones still in the ledger:

| delivered | duplicates | all delivered after | throughput | lateness p50 | lateness p99 |
|---|---|---|---|---|---|
| ${f.delivered.toLocaleString('en')} | ${f.duplicates} | ${f.allDeliveredS} s | ${f.rate} emails/s | ${f.p50} s | ${f.p99} s |

Ledger afterwards: ${f.status}. Lateness is the time from the moment the reminders fell due to the sink
receiving each email; with a burst it is queueing: the last email waits for the ${f.burst.toLocaleString('en')} before it.
Each delivery costs three queries (the email's facts in one, the attempt with the catch-up check, the SENT
mark), rendering and an SMTP transaction; with the database, Redis, the sink and the workers on ${os.cpus().length} cores it is
CPU-bound, so more cores or more worker machines raise the rate (the claim is safe for any number of workers).
`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('## Reminders');
  let next = start < 0 ? -1 : current.indexOf('\n## ', start + 1);
  if (next < 0) next = current.length;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, start)}${section}${current.slice(next)}`;
  writeFileSync(file, updated);
  log(`wrote ${path.relative(root, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
