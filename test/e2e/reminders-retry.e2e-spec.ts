import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, inSeconds, remindersOf, type ReminderRow, type TestPerson } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

describe('Reminders: admin retry', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const messageIdOf = (row: ReminderRow) => `<reminder.${row.id}@test.local>`;
  const retry = (row: ReminderRow, query: Record<string, string> = {}) => t.http().post(`/api/v1/reminders/${row.id}/retry`).query(query).set(ADMIN);

  /** A commitment whose first reminder (in 3 seconds) is refused for good, FAILED, and whose second is due `secondIn` seconds later. */
  async function firstFails(person: TestPerson, secondIn: number): Promise<{ commitmentId: string; failed: ReminderRow; later: ReminderRow }> {
    smtp.refuseNext(1, 550);
    const { id } = await createCommitment(t, { due: inSeconds(3 + secondIn), responsible: [person], offsets: [`-PT${secondIn}S`, 'P0D'] });
    let rows = await remindersOf(t, id);
    for (let i = 0; i < 100 && rows[0].status !== 'FAILED'; i += 1) rows = (await sleep(100), await remindersOf(t, id));
    expect(rows[0].status).toBe('FAILED');
    return { commitmentId: id, failed: rows[0], later: rows[1] };
  }

  /** The ledger once no SENT mark is on its way: a mark follows the SMTP server's answer by a few milliseconds. */
  async function afterMarks(commitmentId: string): Promise<ReminderRow[]> {
    let rows = await remindersOf(t, commitmentId);
    for (let i = 0; i < 50 && rows.some((r) => r.status === 'CLAIMED'); i += 1) rows = (await sleep(100), await remindersOf(t, commitmentId));
    return rows;
  }

  it('answers 409 naming the later reminder already sent, and sends the old one when forced', async () => {
    worker = await startWorker({ SMTP_URL: smtp.url });
    const person = await createPerson(t);
    const { commitmentId, failed, later } = await firstFails(person, 4);
    await smtp.waitFor(() => smtp.to(person.email).length === 1, 20_000);
    expect(smtp.to(person.email)[0].messageId).toBe(messageIdOf(later));
    expect((await afterMarks(commitmentId)).map((r) => r.status)).toEqual(['FAILED', 'SENT']);

    const refused = await retry(failed).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'superseded', supersededBy: later.id });
    expect(refused.body.detail).toContain(later.id);
    expect(refused.body.detail).toContain('SENT');
    await sleep(1500);
    expect(smtp.to(person.email)).toHaveLength(1);

    await retry(failed, { force: 'maybe' }).expect(400);
    const forced = await retry(failed, { force: 'true' }).expect(200);
    expect(forced.body).toMatchObject({ id: failed.id, status: 'PENDING', attempts: 0 });
    await smtp.waitFor(() => smtp.to(person.email).length === 2, 20_000);
    expect(smtp.to(person.email)[1].messageId).toBe(messageIdOf(failed));
    expect((await afterMarks(commitmentId))[0]).toMatchObject({ id: failed.id, status: 'SENT', skipReason: null });
  }, 60_000);

  it('sends a retried reminder even if a later one comes due before it goes out', async () => {
    worker = await startWorker({ SMTP_URL: smtp.url });
    const person = await createPerson(t);
    const { commitmentId, failed, later } = await firstFails(person, 6);
    await worker.close();
    worker = undefined;
    // Nothing later is due yet: the retry is accepted.
    await retry(failed).expect(200);
    await sleep(new Date(later.fireAt).getTime() + 500 - Date.now());

    worker = await startWorker({ SMTP_URL: smtp.url });
    await smtp.waitFor(() => smtp.to(person.email).length === 2, 20_000);
    await sleep(1000);
    expect(
      smtp
        .to(person.email)
        .map((m) => m.messageId)
        .sort(),
    ).toEqual([messageIdOf(failed), messageIdOf(later)].sort());
    expect((await remindersOf(t, commitmentId)).map((r) => r.status)).toEqual(['SENT', 'SENT']);
  }, 60_000);

  it('answers 409 for a reminder of a commitment that is no longer open', async () => {
    worker = await startWorker({ SMTP_URL: smtp.url });
    const person = await createPerson(t);
    const { commitmentId, failed } = await firstFails(person, 30);
    await t.http().patch(`/api/v1/commitments/${commitmentId}`).set(ADMIN).send({ status: 'DONE' }).expect(200);
    const refused = await retry(failed, { force: 'true' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'commitment_not_open' });
    expect(refused.body.detail).toContain('DONE');
    expect((await remindersOf(t, commitmentId))[0]).toMatchObject({ id: failed.id, status: 'FAILED' });
  }, 30_000);
});
