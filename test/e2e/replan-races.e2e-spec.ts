import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { ReminderDelivery } from '../../src/reminders/reminder-delivery.service.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createPerson, remindersOf } from '../support/reminder-fixtures.js';
import { replansDone } from '../support/replans.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

/**
 * Races between writers of a commitment and the work that re-plans or sends its reminders, forced
 * into their worst order by a transaction that holds one row for a moment.
 */
describe('re-planning races', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext;
  let db: pg.Client;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
    worker = await startWorker({ SMTP_URL: smtp.url });
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const deadlocks = async () => (await db.query<{ n: string }>('SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n;

  /** Waits until `n` backends of this database wait for a lock: the race is then set up as intended. */
  async function lockWaiters(n: number): Promise<void> {
    const until = Date.now() + 15_000;
    for (;;) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n >= n) return;
      if (Date.now() > until) throw new Error(`${rows[0].n} of ${n} expected lock waits`);
      await sleep(20);
    }
  }

  /** A second connection holding some rows (FOR UPDATE) until release(). */
  async function hold(sql: string, params: unknown[]): Promise<{ release: () => Promise<void> }> {
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    const { rowCount } = await holder.query(sql, params);
    expect(rowCount).toBeGreaterThan(0);
    return {
      release: async () => {
        await holder.query('ROLLBACK');
        await holder.end();
      },
    };
  }

  it('closes a commitment while its overdue reminder is being sent, without a deadlock and without leaving the reminder claimed', async () => {
    const [ali, omar] = [await createPerson(t), await createPerson(t)];
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const created = await t.http().post('/api/v1/commitments').set(ADMIN).send({ title: 'Send the minutes', responsiblePersonIds: [ali.id], deadline: { precision: 'DAY', value: day } }).expect(201);
    const commitmentId = created.body.id as string;
    // An overdue repeat claimed by a worker (its lease far away, so the dispatcher leaves it to us).
    const { rows } = await db.query<{ id: string; lease_until: Date }>(
      `INSERT INTO reminder (id, commitment_id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, lease_until, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'OVERDUE', 'P1D', now() - interval '1 minute', 'CLAIMED', 'race:' || gen_random_uuid(), date_trunc('milliseconds', now() + interval '1 hour'), now())
       RETURNING id, lease_until`,
      [commitmentId, ali.id],
    );
    const [{ id: reminderId, lease_until: lease }] = rows;
    const before = await deadlocks();

    // The writer locks the commitment, then waits on its people (held), before it cancels reminders.
    const people = await hold('SELECT 1 FROM commitment_person WHERE commitment_id = $1 FOR UPDATE', [commitmentId]);
    const closing = t.http().patch(`/api/v1/commitments/${commitmentId}`).set(ADMIN).send({ status: 'DONE', responsiblePersonIds: [omar.id] }).then((r) => r);
    await lockWaiters(1);
    // The sender sends, then records it: it needs the commitment the writer holds.
    const sending = worker.get(ReminderDelivery).deliver({ reminderIds: [reminderId], lease: lease.toISOString() });
    await lockWaiters(2);
    await people.release();

    const [closed, delivered] = await Promise.allSettled([closing, sending]);
    expect(closed.status === 'fulfilled' && closed.value.status).toBe(200);
    expect(delivered.status).toBe('fulfilled');
    const reminder = (await remindersOf(t, commitmentId)).find((r) => r.id === reminderId)!;
    expect(reminder.status).not.toBe('CLAIMED');
    expect(await deadlocks()).toBe(before);
  }, 30_000);

  it('re-plans a person’s new time zone and a concurrent deadline change into one plan, with no stale reminder left', async () => {
    const person = await createPerson(t, 'Asia/Karachi');
    const year = new Date().getUTCFullYear();
    const created = await t.http().post('/api/v1/commitments').set(ADMIN).send({ title: 'Report back', responsiblePersonIds: [person.id], deadline: { precision: 'YEAR', value: String(year + 2) } }).expect(201);
    const commitmentId = created.body.id as string;
    expect((await remindersOf(t, commitmentId)).some((r) => r.status === 'PENDING')).toBe(true);

    // One of the commitment's reminders is held: whoever re-plans waits there, after reading what it plans from.
    const reminder = await hold(`SELECT id FROM reminder WHERE commitment_id = $1 AND status = 'PENDING' ORDER BY fire_at LIMIT 1 FOR UPDATE`, [commitmentId]);
    const moved = t.http().patch(`/api/v1/people/${person.id}`).set(ADMIN).send({ timeZone: 'Europe/Moscow' }).then((r) => r);
    await lockWaiters(1); // the time zone's re-plan (in the request, or in the worker) waits at the held reminder
    const postponed = t.http().patch(`/api/v1/commitments/${commitmentId}`).set(ADMIN).send({ deadline: { precision: 'YEAR', value: String(year + 3) } }).then((r) => r);
    await lockWaiters(2);
    await reminder.release();
    expect((await moved).status).toBe(200);
    expect((await postponed).status).toBe(200);
    await replansDone();

    // What is still waiting is exactly the plan a commitment made now from the settled facts has.
    const control = await t.http().post('/api/v1/commitments').set(ADMIN).send({ title: 'Control', responsiblePersonIds: [person.id], deadline: { precision: 'YEAR', value: String(year + 3) } }).expect(201);
    const planOf = async (id: string) =>
      (await remindersOf(t, id)).filter((r) => r.status === 'PENDING').map((r) => `${r.kind} ${r.offset} ${r.fireAt}`).sort();
    const expected = await planOf(control.body.id as string);
    expect(expected.length).toBeGreaterThan(0);
    expect(await planOf(commitmentId)).toEqual(expected);
  }, 30_000);
});
