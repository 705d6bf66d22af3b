import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, inSeconds } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

const LIMIT = 3;

describe('Reminders: a daily limit per person', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
    worker = await startWorker({ SMTP_URL: smtp.url, REMINDER_DAILY_LIMIT: String(LIMIT) });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  interface ListedReminder {
    id: string;
    status: string;
    skipReason: string | null;
  }

  const listFor = async (personId: string): Promise<ListedReminder[]> =>
    (await t.http().get('/api/v1/reminders').query({ recipientPersonId: personId }).set(ADMIN).expect(200)).body.items as ListedReminder[];

  it('sends a person no more than the limit in a day and shows the rest as SKIPPED, saying why', async () => {
    const busy = await createPerson(t);
    const other = await createPerson(t);
    // Five commitments fall due for one person at the same moment; a colleague is on one of them.
    for (let i = 0; i < 5; i += 1) {
      await createCommitment(t, { due: inSeconds(3), responsible: [busy], watchers: i === 0 ? [other] : [], offsets: ['P0D'] });
    }
    await smtp.waitFor(() => smtp.to(busy.email).length >= LIMIT && smtp.to(other.email).length >= 1, 30_000);
    let rows = await listFor(busy.id);
    for (let i = 0; i < 50 && rows.some((r) => r.status === 'PENDING' || r.status === 'CLAIMED'); i += 1) rows = (await sleep(200), await listFor(busy.id));
    await sleep(1000);

    expect(smtp.to(busy.email)).toHaveLength(LIMIT);
    expect(smtp.to(other.email)).toHaveLength(1);
    rows = await listFor(busy.id);
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(LIMIT);
    const skipped = rows.filter((r) => r.status === 'SKIPPED');
    expect(skipped).toHaveLength(5 - LIMIT);
    for (const r of skipped) expect(r.skipReason).toBe(`daily limit reached: ${LIMIT} reminder emails to this person within 24 hours`);
    // The SKIPPED ones are listed by status too, where an admin looks for what was not sent.
    const bySkipped = await t.http().get('/api/v1/reminders').query({ status: 'SKIPPED', recipientPersonId: busy.id }).set(ADMIN).expect(200);
    expect(bySkipped.body.items.map((r: ListedReminder) => r.id).sort()).toEqual(skipped.map((r) => r.id).sort());

    // The limit is per person and counts the whole day: a later reminder for the same person is skipped too.
    await createCommitment(t, { due: inSeconds(2), responsible: [busy], offsets: ['P0D'] });
    for (let i = 0; i < 60 && (await listFor(busy.id)).filter((r) => r.status === 'SKIPPED').length < 5 - LIMIT + 1; i += 1) await sleep(200);
    expect((await listFor(busy.id)).filter((r) => r.status === 'SKIPPED')).toHaveLength(5 - LIMIT + 1);
    expect(smtp.to(busy.email)).toHaveLength(LIMIT);
  });
});
