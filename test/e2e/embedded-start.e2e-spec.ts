import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildApi } from '../support/api-process.js';
import { closedPort } from '../support/ports.js';
import { sleep } from '../support/reminder-worker.js';

const KEY = 'embedded-start-admin-key-0123456789';
const auth = { Authorization: `Bearer ${KEY}` };

interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The built service as `npm start` runs it on a machine with nothing but Node.js: no DATABASE_URL,
 * REDIS_URL or SMTP_URL, so an embedded PostgreSQL with its data in dataDir, the queues in it, and
 * the built-in mailbox.
 */
function startService(dataDir: string, port: number): Service {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(DATABASE_URL|REDIS_URL|SMTP_URL)$/.test(name)) env[name] = value;
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_API_KEY: KEY,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    REMINDER_DISPATCH_EVERY_MS: '500',
  });
  const child = spawn(process.execPath, ['dist/main.js', '--prepare'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, service: Service, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`The service exited with ${service.child.exitCode}:\n${service.output()}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${service.output()}`);
    await sleep(250);
  }
}

async function api<T>(base: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('Started with no server URLs (embedded PostgreSQL, queues in PostgreSQL, built-in mailbox)', () => {
  let dataDir: string;
  let service: Service | undefined;

  beforeAll(() => {
    buildApi();
    dataDir = mkdtempSync(path.join(tmpdir(), 'followthrough-embedded-'));
    // As root the embedded PostgreSQL runs as the `postgres` user, which must be able to enter it.
    chmodSync(dataDir, 0o755);
  }, 120_000);

  afterAll(async () => {
    // SIGTERM, so that the service stops its embedded PostgreSQL too.
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the example, delivers a reminder into the mailbox, stops cleanly and keeps its data', async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}`;
    service = startService(dataDir, port);
    const started = service;
    const health = await waitUntil('health', async () => {
      const res = await fetch(`${base}/health`);
      return res.ok ? ((await res.json()) as { details: Record<string, unknown> }) : undefined;
    }, started, 150_000);
    // Redis is not used, so not checked.
    expect(Object.keys(health.details)).toEqual(['postgres']);
    await waitUntil('the start-up message', () => Promise.resolve(/Followthrough is running/.test(started.output()) ? true : undefined), started, 10_000);
    expect(started.output()).toContain(`Swagger UI: http://localhost:${port}/docs`);
    expect(started.output()).toMatch(/PostgreSQL: embedded, data in .*postgres/);
    expect(started.output()).toMatch(/Job queues: in PostgreSQL, no Redis/);
    expect(started.output()).toMatch(/Email: built-in mailbox/);

    // The example meeting was loaded.
    const example = await api<{ items: { title: string }[] }>(base, 'GET', '/api/v1/commitments?limit=10');
    expect(example.items.length).toBeGreaterThanOrEqual(3);

    const party = await api<{ id: string }>(base, 'POST', '/api/v1/parties', { name: 'Harbour Authority', kind: 'ORGANISATION' });
    const person = await api<{ id: string }>(base, 'POST', '/api/v1/people', { name: 'Amina Rahman', email: 'amina@example.test', timeZone: 'Asia/Karachi' });
    const commitment = await api<{ id: string }>(base, 'POST', '/api/v1/commitments', {
      title: 'Dredge the north channel',
      ownerPartyId: party.id,
      responsiblePersonIds: [person.id],
      // Fires ten seconds from now: a reminder whose time has passed when it is planned is not planned.
      deadline: { precision: 'DATETIME', value: new Date(Date.now() + 30_000).toISOString(), timeZone: 'UTC' },
      reminderPolicy: { offsets: ['-PT20S'], localTime: null, repeatOverdueEvery: null },
    });

    const listed = await waitUntil('the reminder in the mailbox', async () => {
      const page = await api<{ items: { id: string; to: string[]; subject: string; messageId: string }[] }>(base, 'GET', '/api/v1/dev/mailbox');
      return page.items.find((m) => m.to.includes('amina@example.test'));
    }, started, 90_000);
    expect(listed.subject).toMatch(/^Reminder: Dredge the north channel/);
    const [reminder] = await api<{ items: { id: string }[] }>(base, 'GET', `/api/v1/commitments/${commitment.id}/reminders`).then((r) => r.items);
    expect(listed.messageId).toBe(`<reminder.${reminder.id}@test.local>`);
    const message = await api<{ text: string }>(base, 'GET', `/api/v1/dev/mailbox/${listed.id}`);
    expect(message.text).toContain('Hello Amina Rahman,');
    expect(readdirSync(path.join(dataDir, 'mail'))).toContain(`${listed.id}.eml`);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output()).not.toMatch(/terminating connection|Error:/);

    // Started again on the same data: everything is still there.
    service = startService(dataDir, port);
    const again = service;
    await waitUntil('health after restart', async () => ((await fetch(`${base}/health`)).ok ? true : undefined), again, 150_000);
    const kept = await api<{ id: string; email: string }>(base, 'GET', `/api/v1/people/${person.id}`);
    expect(kept.email).toBe('amina@example.test');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 400_000);
});
