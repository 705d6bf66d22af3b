#!/usr/bin/env node
// Checks that a fresh clone runs with nothing but Node.js: inside an empty network namespace (only
// loopback, nothing listening; needs root and `unshare` from util-linux), with no DATABASE_URL,
// REDIS_URL or SMTP_URL, `npm start` must come up, serve Swagger UI and the API with the example
// meeting, and deliver a reminder to the built-in mailbox; then `npm test` must pass.
// Run it after `npm ci` (which needs the network): `node scripts/check-offline.mjs`.
// `--start-only` skips `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const INSIDE = '--inside-namespace';
const args = process.argv.slice(2);

if (!args.includes(INSIDE)) {
  // Re-run this script in a new network namespace of its own.
  const result = spawnSync('unshare', ['-n', process.execPath, fileURLToPath(import.meta.url), INSIDE, ...args], { stdio: 'inherit' });
  if (result.error) fail(`cannot run unshare (root and util-linux are needed): ${result.error.message}`);
  process.exit(result.status ?? 1);
}

const env = { ...process.env };
for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']) delete env[name];

run('ip', ['link', 'set', 'lo', 'up']);
const interfaces = spawnSync('ip', ['-o', 'link', 'show', 'up'], { encoding: 'utf8' }).stdout.trim().split('\n');
if (interfaces.length !== 1 || !interfaces[0].includes(' lo:')) fail(`expected only loopback to be up, found:\n${interfaces.join('\n')}`);
step('In an empty network namespace: only loopback, no DATABASE_URL, REDIS_URL or SMTP_URL');

// A failure while the service runs stops it first: it would keep the namespace (and its database) alive.
await checkStart().catch((error) => fail(error.message));
if (!args.includes('--start-only')) {
  step('npm test');
  run('npm', ['test'], { env });
}
step('Passed');

async function checkStart() {
  step('npm start');
  const service = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  service.stdout.on('data', (chunk) => (output += chunk));
  service.stderr.on('data', (chunk) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  const exited = new Promise((resolve) => service.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    await until(
      () => {
        if (service.exitCode !== null) problem(`npm start ended (${service.exitCode}):\n${output.slice(-3000)}`);
        return output.includes('Followthrough is running');
      },
      600_000,
      () => `npm start did not come up:\n${output.slice(-3000)}`,
    );
    const port = /localhost:(\d+)\/docs/.exec(output)?.[1] ?? '3000';
    const base = `http://127.0.0.1:${port}`;

    const docs = await fetch(`${base}/docs`);
    const html = await docs.text();
    if (docs.status !== 200 || !html.includes('<title>Swagger UI')) problem(`GET /docs answered ${docs.status} without Swagger UI`);
    step('Swagger UI answers at /docs');

    const key = /^ADMIN_API_KEY=(.*)$/m.exec(readFileSync('.env', 'utf8'))?.[1]?.trim();
    if (!key) problem('no ADMIN_API_KEY in .env');
    const api = async (method, path, body) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) problem(`${method} /api/v1${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const meetings = await api('GET', '/meetings');
    if (!meetings.items.some((m) => m.title.includes('JMCC'))) problem('the example meeting (JMCC) is not there');
    const commitments = await api('GET', `/commitments?meetingId=${meetings.items.find((m) => m.title.includes('JMCC')).id}`);
    if (commitments.items.length === 0) problem("the example meeting's commitments are not there");
    step(`The API serves the example meeting and its ${commitments.items.length} commitments`);

    const stamp = Date.now().toString(36);
    const email = `check.${stamp}@example.test`;
    const person = await api('POST', '/people', { name: `Offline check ${stamp}`, email, timeZone: 'UTC' });
    await api('POST', '/commitments', {
      title: `Offline check ${stamp}`,
      responsiblePersonIds: [person.id],
      deadline: { precision: 'DATETIME', value: new Date(Date.now() + 40_000).toISOString(), timeZone: 'UTC' },
      reminderPolicy: { offsets: ['-PT30S'], localTime: null },
    });
    const created = Date.now();
    await until(
      async () => (await api('GET', '/dev/mailbox')).items.some((m) => m.to.includes(email)),
      120_000,
      () => 'no reminder reached the mailbox',
    );
    step(`A reminder due 10 s after it was planned reached the built-in mailbox after ${Math.round((Date.now() - created) / 1000)} s`);
  } finally {
    if (service.exitCode === null) process.kill(-service.pid, 'SIGTERM');
    await exited;
  }
}

async function until(predicate, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) problem(message());
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`${command} ${commandArgs.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

function problem(message) {
  throw new Error(message);
}

function step(message) {
  console.log(`\n== ${message}`);
}

function fail(message) {
  console.error(`\nOffline check failed: ${message}`);
  process.exit(1);
}
