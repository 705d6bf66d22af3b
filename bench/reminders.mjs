#!/usr/bin/env node
// Reminder benchmark: (1) plan future reminders (--planned, default 1,000,000) and show Redis does not
// grow with the plan; (2) the baseline: bare nodemailer sending --burst emails from the same number of
// processes with the same SMTP pools to the same sink; (3) make --burst reminders due at the same moment
// and time their delivery. Runs against its own database and Redis prefix; writes its figures to
// bench-results/reminders-<time>.json and docs/benchmarks.md.
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'dotenv/config';
import pg from 'pg';
import { Redis } from 'ioredis';
import { cpuPer, readCpu } from './process-cpu.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { planReminders } = await import(path.join(root, 'dist/reminders/reminder-plan.js'));
const { defaultPolicy } = await import(path.join(root, 'dist/reminders/reminder-policy.js'));
const { readConfig } = await import(path.join(root, 'dist/core/config/config.js'));

const { values: args } = parseArgs({ options: { planned: { type: 'string' }, burst: { type: 'string' }, workers: { type: 'string' } } });
const FUTURE = Number(args.planned ?? process.env.BENCH_FUTURE_REMINDERS ?? 1_000_000);
const BURST = Number(args.burst ?? process.env.BENCH_DUE_REMINDERS ?? 20_000);
const WORKERS = Number(args.workers ?? process.env.BENCH_WORKERS ?? Math.max(1, os.cpus().length));
const TICK_MS = 250;
const SMTP_POOL = 5;
const SMTP_MAX_MESSAGES = 500;
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
  REMINDER_DISPATCH_EVERY_MS: String(TICK_MS),
  REMINDER_CLAIM_BATCH: '1000',
  SMTP_POOL_SIZE: String(SMTP_POOL),
  SMTP_MAX_MESSAGES: String(SMTP_MAX_MESSAGES),
  // The burst sends each of its people about twenty reminders at once: measure delivery, not the limit.
  REMINDER_DAILY_LIMIT: '10000',
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
    Array.from({ length: peoplePerCommitment }, (_, k) => ({
      commitmentId: c.id,
      person: people[(i * peoplePerCommitment + k) % people.length],
      role: k === 0 ? 'RESPONSIBLE' : 'WATCHER',
    })),
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
      [
        part.map((r) => r.commitmentId),
        part.map((r) => r.recipientPersonId),
        part.map((r) => r.kind),
        part.map((r) => r.offset),
        part.map((r) => r.fireAt),
        part.map((r) => r.dedupeKey),
      ],
    );
  }
}

/** The SMTP sink in a child process, so the sampling and bookkeeping here do not slow it down. */
async function startSink() {
  const child = fork(path.join(root, 'bench/smtp-sink.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (type) =>
    new Promise((resolve) => {
      const onMessage = (m) => {
        if (m.type === type) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      if (type !== 'listening') child.send({ type });
    });
  const { port } = await ask('listening');
  return {
    port,
    pid: child.pid,
    count: async () => (await ask('count')).count,
    report: () => ask('report'),
    reset: () => ask('reset'),
    stop: () => child.send({ type: 'stop' }),
  };
}

/** Bare nodemailer in `processes` processes, `count` emails in all; resolves with the emails per second. */
async function runBaseline(sink, count, processes) {
  const { renderReminderEmail } = await import(path.join(root, 'dist/mail/reminder-email.js'));
  await import('reflect-metadata');
  const { EmailActionLinks } = await import(path.join(root, 'dist/email-actions/action-links.js'));
  const now = new Date();
  const commitmentId = '00000000-0000-4000-8000-000000000000';
  // The action links every reminder carries, signed as the workers sign them: the same message size.
  const actions = new EmailActionLinks(readConfig({ ...env, SMTP_URL: 'smtp://127.0.0.1:25' })).linksFor(
    '00000000-0000-4000-8000-000000000001',
    commitmentId,
    now,
  );
  const email = renderReminderEmail({
    kind: 'DUE',
    recipient: { name: 'Person 1', timeZone: 'Europe/Moscow' },
    commitment: {
      id: commitmentId,
      title: 'Burst 1',
      description: null,
      deadlineLabel: now.toISOString().slice(0, 10),
      deadlineEnd: now,
    },
    owedBy: { party: null, people: ['Person 1'] },
    owedTo: null,
    meeting: null,
    sourceQuote: null,
    notes: [],
    now,
    publicUrl: 'http://dashboard.bench',
    actions,
  });
  const file = path.join(os.tmpdir(), `followthrough-bench-email-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(email));
  await sink.reset();
  const senders = Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(count / processes) + (i < count % processes ? 1 : 0);
    const child = fork(
      path.join(root, 'bench/baseline-sender.mjs'),
      [String(share), `smtp://127.0.0.1:${sink.port}`, String(SMTP_POOL), String(SMTP_MAX_MESSAGES), file],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const cpu = new Promise((r) => child.on('message', (m) => m.type === 'cpu' && r(m.seconds)));
    return { child, ready: new Promise((r) => child.once('message', r)), cpu, exited: new Promise((r) => child.on('exit', r)) };
  });
  await Promise.all(senders.map((s) => s.ready));
  const before = readCpu({ sink: [sink.pid] });
  const start = Date.now();
  for (const s of senders) s.child.send('go');
  await Promise.all(senders.map((s) => s.exited));
  const { received } = await sink.report();
  const last = Math.max(...received.map(([, t]) => t));
  const after = readCpu({ sink: [sink.pid] });
  const senderSeconds = (await Promise.all(senders.map((s) => s.cpu))).reduce((a, b) => a + b, 0);
  await sink.reset();
  const seconds = (last - start) / 1000;
  const cpu = cpuPer(before, after, received.length, seconds, { senders: senderSeconds });
  return { delivered: received.length, seconds, rate: Math.round(received.length / seconds), cpu };
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
    for (const r of planReminders({
      commitmentId: c.id,
      status: 'OPEN',
      deadlineEnd: c.deadline_end,
      deadlineTimeZone: 'UTC',
      recipients,
      policy,
      escalateAfter: null,
      now,
    })) {
      if (r.fireAt > now) planned.push({ ...r, commitmentId: c.id });
    }
  }
  planned = planned.slice(0, FUTURE);
  const planMs = performance.now() - planStart;
  const insertStart = performance.now();
  await insertReminders(db, planned);
  const insertMs = performance.now() - insertStart;
  log(`planned ${planned.length} reminders in ${(planMs / 1000).toFixed(1)} s, inserted in ${(insertMs / 1000).toFixed(1)} s`);
  // Vacuumed and analysed now, as autovacuum would soon after such an insert: otherwise it runs during
  // the baseline or the burst, whichever it happens to meet, and the two are not measured alike.
  await db.query('VACUUM (ANALYZE) reminder');
  // And written out: a checkpoint flushing the plan's pages during the baseline or the burst made
  // either one slower, whichever it happened to meet. (Needs a superuser or pg_checkpoint.)
  await db.query('CHECKPOINT').catch((error) => log(`no checkpoint before measuring: ${error.message}`));
  await sleep(10_000);
  const withPlan = await redisFootprint(redis);
  log(`Redis, this install's keys: ${idle.keys} keys / ${mb(idle.bytes)} MB before, ${withPlan.keys} keys / ${mb(withPlan.bytes)} MB with the plan`);

  // 2. The baseline: bare nodemailer, the same processes and SMTP connections, the same sink.
  const loadBefore = os.loadavg();
  const baselineBefore = await runBaseline(sink, BURST, WORKERS);
  log(`baseline: bare nodemailer sent ${baselineBefore.delivered} in ${baselineBefore.seconds.toFixed(1)} s, ${baselineBefore.rate}/s`);

  // 3. The burst: reminders due at the same moment, each to a different person of its commitment.
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
  const processes = { workers: workers.map((w) => w.child.pid), sink: [sink.pid] };
  await sleep(Math.max(0, due.getTime() - Date.now()));
  const cpuBefore = readCpu(processes);
  let peak = withPlan;
  for (let tick = 0; (await sink.count()) < burstRows.length && Date.now() - due.getTime() < 900_000; tick += 1) {
    await sleep(1000);
    if (tick % 5 !== 0) continue;
    const sample = await redisFootprint(redis);
    if (sample.bytes > peak.bytes) peak = sample;
    if (tick % 20 === 0) log(`delivered ${await sink.count()}`);
  }
  const report = await sink.report();
  const burstSeconds = Math.max(...report.received.map(([, t]) => t)) / 1000 - due.getTime() / 1000;
  const burstCpu = cpuPer(cpuBefore, readCpu(processes), report.received.length, burstSeconds);
  await sleep(2000);
  const loadAfter = os.loadavg();
  const dueMs = due.getTime();
  const lateness = report.received
    .filter(([id]) => id.startsWith('reminder.'))
    .map(([, t]) => t - dueMs)
    .sort((a, b) => a - b);
  const duplicates = report.duplicates;
  const status = (await db.query(`SELECT status, count(*)::int AS n FROM reminder WHERE dedupe_key LIKE 'burst:%' GROUP BY status`)).rows;
  const after = await redisFootprint(redis);

  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  // The baseline again, the workers gone: on a shared machine one run can meet a busy neighbour, so the
  // product is compared with the faster of the two.
  const baselineAfter = await runBaseline(sink, BURST, WORKERS);
  log(`baseline again: ${baselineAfter.rate}/s`);
  const baseline = baselineAfter.rate > baselineBefore.rate ? baselineAfter : baselineBefore;
  sink.stop();
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
    baseline,
    loadBefore: loadBefore.map((l) => l.toFixed(2)).join(' '),
    loadAfter: loadAfter.map((l) => l.toFixed(2)).join(' '),
  };
  const result = {
    date: new Date().toISOString(),
    machine: figures.machine,
    loadAverage: { beforeBaseline: loadBefore, afterBurst: loadAfter },
    workers: WORKERS,
    smtpPoolPerProcess: SMTP_POOL,
    smtpMaxMessages: SMTP_MAX_MESSAGES,
    chunkSize: readConfig({ ...env, SMTP_URL: 'smtp://127.0.0.1:25' }).REMINDER_CHUNK_SIZE,
    planned: planned.length,
    burst: burstRows.length,
    delivered: lateness.length,
    duplicates,
    lost: burstRows.length - lateness.length,
    ledger: Object.fromEntries(status.map((s) => [s.status, s.n])),
    emailsPerSecond: figures.rate,
    baselineEmailsPerSecond: baseline.rate,
    baselineRuns: [baselineBefore.rate, baselineAfter.rate],
    ratio: Number((figures.rate / baseline.rate).toFixed(3)),
    latenessP50Ms: percentile(lateness, 50),
    latenessP99Ms: percentile(lateness, 99),
    latenessBoundMs: Math.round((burstRows.length / figures.rate) * 1000 + TICK_MS + 1000),
    tickMs: TICK_MS,
    // CPU milliseconds per email by process kind, and the cores kept busy, from /proc.
    cpu: { baseline: baseline.cpu, product: burstCpu },
    redis: { idle, withPlan, peak, after },
  };
  console.log(result);
  const resultsDir = path.join(root, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `reminders-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(root, resultsFile)}`);
  writeReport({ ...figures, result });
  process.exit(0);
}

function writeReport(f) {
  const file = path.join(root, 'docs/benchmarks.md');
  const r = f.result;
  const section = `## Reminders (npm run bench:reminders -- --planned ${f.future} --burst ${f.burst})

Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${f.machine}; load average ${f.loadBefore} before the baseline,
${f.loadAfter} after the burst. ${f.workers} worker processes (\`node dist/worker.js\`, ${r.smtpPoolPerProcess} pooled SMTP connections each,
at most ${r.smtpMaxMessages} messages per connection, chunks of ${r.chunkSize} reminders), dispatcher tick ${r.tickMs} ms, claim batch 1,000;
the SMTP sink (smtp-server) runs in a process of its own. Postgres, Redis, the workers and the sink share the machine.
Full figures: \`bench-results/reminders-<time>.json\` (not committed).

**1. Plan ${f.future.toLocaleString('en')} future reminders** (DAY deadlines over the next two years, two people each, default policy):

| | keys under the install's prefix | their memory | Redis used_memory (whole server) |
|---|---|---|---|
| workers idle, empty ledger | ${f.idle.keys} | ${mb(f.idle.bytes)} MB | ${mb(f.idle.used)} MB |
| ${f.future.toLocaleString('en')} reminders planned | ${f.withPlan.keys} | ${mb(f.withPlan.bytes)} MB | ${mb(f.withPlan.used)} MB |
| peak while delivering the burst below | ${f.peak.keys} | ${mb(f.peak.bytes)} MB | ${mb(f.peak.used)} MB |

Redis holds the dispatcher's job scheduler, the queues' capped event streams and the jobs of reminders
that are due now (one job per chunk), never the plan: its footprint does not depend on how many
reminders are planned. Planning took ${f.planS} s in the planner (pure function, luxon) and ${f.insertS} s to insert.

**2. ${f.burst.toLocaleString('en')} reminders due at the same moment**, with the planned ones still in the ledger, against the
baseline measured in the same run: bare nodemailer in ${f.workers} processes with the same pools sending the same number of
already-rendered emails of the same size to the same sink, with no queue and no database; it runs before the burst and again after
it (${r.baselineRuns.join(' and ')} emails/s), and the faster of the two counts.

| delivered | duplicates | lost | throughput | baseline | ratio | lateness p50 | lateness p99 | p99 bound (burst / rate + tick + 1 s) |
|---|---|---|---|---|---|---|---|---|
| ${f.delivered.toLocaleString('en')} | ${f.duplicates} | ${r.lost} | ${f.rate} emails/s | ${r.baselineEmailsPerSecond} emails/s | ${Math.round(r.ratio * 100)}% | ${f.p50} s | ${f.p99} s | ${(r.latenessBoundMs / 1000).toFixed(2)} s |

${cpuLine(r.cpu)}

Ledger afterwards: ${f.status}. Lateness is the time from the moment the reminders fell due to the sink
receiving each email; with a burst it is queueing: the last email waits for the ones before it.
Delivery works in chunks: per chunk one read of the emails' facts, one transaction to start the
attempts (the catch-up and daily-limit checks included, every row reached through the chunk's keys),
the emails through nodemailer's SMTP pool (each written in one pass, the bytes nodemailer's own
composer builds, and handed to the pool as built), and SENT marks written within about 20 ms of the
server accepting each email, the marks of those milliseconds in one statement; the hot statements are prepared once per
connection. The dispatcher claims no more than the workers send in half a lease. The ledger is vacuumed,
analysed and checkpointed after planning, before anything is measured.
`;
  // The figures above replace the last run's; the section's own subsections (### ...) stay.
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('## Reminders');
  const ends = start < 0 ? [] : [current.indexOf('\n## ', start + 1), current.indexOf('\n### ', start + 1)].filter((i) => i >= 0);
  const next = ends.length ? Math.min(...ends) : current.length;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, start)}${section}${current.slice(next)}`;
  writeFileSync(file, updated);
  log(`wrote ${path.relative(root, file)}`);
}

function cpuLine({ baseline, product }) {
  if (!baseline || !product) return 'CPU per email: not measured (no /proc on this system).';
  const pct = (share) => `${(share * 100).toFixed(1)}%`;
  const parts = (figures) =>
    Object.entries(figures.perUnitMs)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ');
  return (
    `CPU per email (ms, from /proc): the product ${parts(product)} (${product.coresBusy} cores busy, ${pct(product.steal)} of the machine's CPU time stolen by the hypervisor); ` +
    `the baseline ${parts(baseline)} (${baseline.coresBusy} cores busy, ${pct(baseline.steal)} stolen).`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
