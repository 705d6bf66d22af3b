import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { closedPort as freePort } from '../support/ports.js';
import { createCommitment, createPerson, inSeconds, remindersOf } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)) : false);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Metrics', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext;
  let metricsPort: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
    metricsPort = await freePort();
    worker = await startWorker({ SMTP_URL: smtp.url, METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('serves Prometheus metrics to admins only: deliveries, the backlog, queues and HTTP requests by route', async () => {
    const person = await createPerson(t);
    const { id } = await createCommitment(t, { due: inSeconds(4), responsible: [person], offsets: ['P0D'] });
    await smtp.waitFor(() => smtp.to(person.email).length === 1);
    for (let i = 0; i < 40 && (await remindersOf(t, id))[0].status !== 'SENT'; i += 1) await sleep(100);
    await t.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200);

    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set(await t.keyFor('VIEWER')).expect(403);
    const res = await t.http().get('/metrics').set(ADMIN).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'followthrough_reminders_sent_total', { kind: 'DUE' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'followthrough_reminder_delivery_seconds_count', { kind: 'DUE' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'followthrough_reminders_due_unsent')).toBe(0);
    expect(sample(text, 'followthrough_reminders_oldest_due_seconds')).toBe(0);
    expect(sample(text, 'followthrough_queue_jobs', { queue: 'reminder-delivery', state: 'waiting' })).toBe(0);
    expect(text).toMatch(/^# TYPE followthrough_reminder_lease_expiries_total counter$/m);
    expect(text).toMatch(/^# TYPE followthrough_reminders_skipped_total counter$/m);
    expect(text).toMatch(/^# TYPE followthrough_reminders_failed_total counter$/m);
    // By route pattern, never by raw URL (ids would make a series per commitment).
    expect(sample(text, 'followthrough_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/commitments/:id', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(id);

    // The worker has no HTTP server: METRICS_PORT serves the same registry, without a key.
    const direct = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(direct.status).toBe(200);
    expect(sample(await direct.text(), 'followthrough_reminders_sent_total', { kind: 'DUE' })).toBeGreaterThanOrEqual(1);
  });

  it('reports a due reminder that is not being sent, and how long it has waited', async () => {
    const person = await createPerson(t);
    const { id } = await createCommitment(t, { due: inSeconds(3600), responsible: [person], offsets: ['P0D'] });
    // Due ten minutes ago and claimed by a worker that never sends it, as a hung worker would leave it.
    const prisma = t.app.get((await import('../../src/core/prisma/prisma.service.js')).PrismaService);
    const [row] = await remindersOf(t, id);
    await prisma.$executeRaw`UPDATE reminder SET status = 'CLAIMED', fire_at = now() - interval '10 minutes', lease_until = now() + interval '1 hour' WHERE id = ${row.id}::uuid`;
    const text = (await t.http().get('/metrics').set(ADMIN).expect(200)).text;
    expect(sample(text, 'followthrough_reminders_due_unsent')).toBe(1);
    expect(sample(text, 'followthrough_reminders_oldest_due_seconds')).toBeGreaterThanOrEqual(600);
    await prisma.$executeRaw`UPDATE reminder SET status = 'CANCELLED', lease_until = NULL WHERE id = ${row.id}::uuid`;
  });
});
