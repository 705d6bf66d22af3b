import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, inSeconds, remindersOf, type ReminderRow, type TestPerson } from '../support/reminder-fixtures.js';
import { itWithRedis } from '../support/queue-backend.js';
import { buildWorker, flushQueues, sleep, spawnWorker, startWorker, type WorkerProcess } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

describe('Reminders: faults lose nothing and double nothing', () => {
  // Worker processes, retries and leases take real time, more so on a loaded CI machine.
  jest.setTimeout(150_000);
  let t: TestApp;
  let smtp: SmtpHarness;
  const processes: WorkerProcess[] = [];
  const contexts: INestApplicationContext[] = [];

  beforeAll(async () => {
    buildWorker();
    smtp = await startSmtp();
    t = await startTestApp();
  }, 120_000);

  afterEach(async () => {
    for (const p of processes.splice(0)) {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }
    for (const c of contexts.splice(0)) await c.close();
    smtp.slowDown(0);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const spawn = () => {
    const p = spawnWorker({ SMTP_URL: smtp.url });
    processes.push(p);
    return p;
  };

  /** One commitment due in a moment, with `count` people on it: `count` reminders due at once. */
  async function batchDueSoon(count: number): Promise<{ people: TestPerson[]; commitmentId: string }> {
    const people: TestPerson[] = [];
    for (let i = 0; i < count; i += 1) people.push(await createPerson(t));
    const { id } = await createCommitment(t, { due: inSeconds(2), responsible: people.slice(0, 1), watchers: people.slice(1), offsets: ['P0D'] });
    return { people, commitmentId: id };
  }

  const receivedBy = (people: TestPerson[]) => smtp.messages.filter((m) => people.some((p) => m.envelopeTo.includes(p.email)));

  /** Every reminder SENT, and exactly one message for each, carrying that reminder's Message-ID. */
  async function expectEachSentOnce(commitmentId: string, people: TestPerson[]): Promise<ReminderRow[]> {
    await smtp.waitFor(() => receivedBy(people).length >= people.length, 60_000);
    await sleep(2000);
    const rows = await remindersOf(t, commitmentId);
    expect(rows).toHaveLength(people.length);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    const ids = receivedBy(people)
      .map((m) => m.messageId)
      .sort();
    expect(ids).toEqual(rows.map((r) => `<reminder.${r.id}@test.local>`).sort());
    for (const person of people) expect(smtp.to(person.email)).toHaveLength(1);
    return rows;
  }

  it('retries while the SMTP server refuses, then delivers once', async () => {
    contexts.push(await startWorker({ SMTP_URL: smtp.url }));
    smtp.refuseNext(3, 451);
    const refusedBefore = smtp.refused;
    const { people, commitmentId } = await batchDueSoon(1);
    const [row] = await expectEachSentOnce(commitmentId, people);
    expect(smtp.refused - refusedBefore).toBe(3);
    expect(row.attempts).toBe(4);
  });

  it('marks a reminder FAILED after a permanent refusal; an admin sees it and retries it', async () => {
    contexts.push(await startWorker({ SMTP_URL: smtp.url }));
    smtp.refuseNext(1, 550);
    const { people, commitmentId } = await batchDueSoon(1);
    let [row] = await remindersOf(t, commitmentId);
    for (let i = 0; i < 60 && row.status !== 'FAILED'; i += 1) [row] = (await sleep(100), await remindersOf(t, commitmentId));
    expect(row.status).toBe('FAILED');
    expect(row.lastError).toMatch(/550/);

    const failed = await t.http().get('/api/v1/reminders').query({ status: 'FAILED' }).set(ADMIN).expect(200);
    expect(failed.body.items.map((r: { id: string }) => r.id)).toContain(row.id);
    const viewer = await t.keyFor('VIEWER');
    await t.http().get('/api/v1/reminders').set(viewer).expect(403);
    await t.http().post(`/api/v1/reminders/${row.id}/retry`).set(viewer).expect(403);

    const retried = await t.http().post(`/api/v1/reminders/${row.id}/retry`).set(ADMIN).expect(200);
    // Back to PENDING, or already claimed again by a quick dispatcher tick.
    expect(['PENDING', 'CLAIMED']).toContain(retried.body.status);
    await expectEachSentOnce(commitmentId, people);
    await t.http().post(`/api/v1/reminders/${row.id}/retry`).set(ADMIN).expect(409);
  });

  it('finishes the batch of a worker killed with SIGKILL in the middle of it on another worker', async () => {
    smtp.slowDown(300);
    const first = spawn();
    const { people, commitmentId } = await batchDueSoon(24);
    await smtp.waitFor(() => receivedBy(people).length >= 4, 30_000);
    // Killed while sends are in flight, but not between the server accepting a message and the worker
    // marking it SENT: no client can tell that message apart from a lost one, and it is sent again with
    // the same Message-ID (at-least-once at the SMTP boundary). So replies stop, and the kill waits until
    // every accepted message is marked.
    const release = smtp.holdReplies();
    for (let i = 0; i < 200; i += 1) {
      const sent = (await remindersOf(t, commitmentId)).filter((r) => r.status === 'SENT').length;
      if (sent === receivedBy(people).length) break;
      await sleep(100);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    release();
    const beforeKill = receivedBy(people).length;
    expect(beforeKill).toBeLessThan(people.length);
    spawn();
    await smtp.waitFor(() => new Set(receivedBy(people).map((m) => m.messageId)).size >= people.length, 60_000);
    await sleep(2000);
    const rows = await remindersOf(t, commitmentId);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    // Each reminder arrived with its own Message-ID; a repeat is only one the server had accepted from
    // the killed worker before its SENT mark was written (at most one per SMTP connection).
    const ids = receivedBy(people).map((m) => m.messageId);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => `<reminder.${r.id}@test.local>`)));
    expect(ids.length - people.length).toBeLessThanOrEqual(5);
  });

  it('keeps a worker and the api running when PostgreSQL drops their connections, and they reconnect', async () => {
    const worker = spawn();
    const first = await batchDueSoon(1);
    await expectEachSentOnce(first.commitmentId, first.people);
    // What a database restart or failover does to every open connection (error 57P01), the queues'
    // own ones included when they live in PostgreSQL.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const killed = await admin.query<{ done: boolean }>(
        'SELECT pg_terminate_backend(pid, 5000) AS done FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(killed.rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    const { people, commitmentId } = await batchDueSoon(3);
    await expectEachSentOnce(commitmentId, people);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.output()).not.toMatch(/uncaught|unhandled/i);
  });

  itWithRedis('re-dispatches claimed reminders after Redis loses every queue key', async () => {
    smtp.slowDown(300);
    spawn();
    const { people, commitmentId } = await batchDueSoon(20);
    await smtp.waitFor(() => receivedBy(people).length >= 3, 30_000);
    expect(await flushQueues()).toBeGreaterThan(0);
    expect(receivedBy(people).length).toBeLessThan(people.length);
    await expectEachSentOnce(commitmentId, people);
  });

  it('sends each reminder once with three workers running at once', async () => {
    spawn();
    spawn();
    spawn();
    await sleep(1500);
    const { people, commitmentId } = await batchDueSoon(40);
    await expectEachSentOnce(commitmentId, people);
  });

  it('lets a worker stopped with SIGTERM finish what it holds; the next one sends the rest', async () => {
    smtp.slowDown(400);
    const first = spawn();
    const { people, commitmentId } = await batchDueSoon(15);
    await smtp.waitFor(() => receivedBy(people).length >= 2, 30_000);
    // Signal while the server holds a message mid-send, so there is something in flight to finish.
    await smtp.quietWhileHolding(0, 30_000);
    const atSignal = receivedBy(people).length;
    first.child.kill('SIGTERM');
    await first.exited;
    const afterStop = receivedBy(people).length;
    // The sends in flight at the signal completed: a killed worker's would have been dropped.
    expect(afterStop).toBeGreaterThan(atSignal);
    expect(afterStop).toBeLessThan(people.length);
    const rows = await remindersOf(t, commitmentId);
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(afterStop);
    spawn();
    await expectEachSentOnce(commitmentId, people);
  });
});
