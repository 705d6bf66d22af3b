import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DELIVERY_QUEUE, type DeliveryJob } from '../../src/reminders/reminder-queues.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createMeetingContext, createPerson, inSeconds, remindersOf, type TestPerson } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type ReceivedMail, type SmtpHarness } from '../support/smtp.js';

// Escalate as soon as a commitment is a second late, so the test sees an escalation within seconds.
process.env.REMINDER_ESCALATE_AFTER = 'PT1S';

describe('Reminders: delivery', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
    worker = await startWorker({ SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const mailTo = (...people: TestPerson[]) => smtp.messages.filter((m) => people.some((p) => m.envelopeTo.includes(p.email)));
  const kinds = (mails: ReceivedMail[]) => mails.map((m) => m.subject.split(':')[0]).sort();

  it('sends exactly the planned emails, once each, to the right people, saying what is owed', async () => {
    const boss = await createPerson(t, 'UTC');
    const ali = await createPerson(t, 'Asia/Karachi', boss.id);
    const ivan = await createPerson(t, 'Europe/Moscow');
    const context = await createMeetingContext(t);
    const due = inSeconds(6);
    const quote = 'A third round of the consultative committee will be held next year in Pakistan.';
    const commitment = await createCommitment(t, {
      title: 'Hold the third round of the JMCC in Pakistan',
      due,
      responsible: [ali],
      watchers: [ivan],
      offsets: ['-PT4S', 'P0D', 'PT2S'],
      extra: { meetingId: context.meetingId, ownerPartyId: context.ownerPartyId, counterpartyId: context.counterpartyId, sourceQuote: quote },
    });
    await t.http().post(`/api/v1/commitments/${commitment.id}/notes`).set(ADMIN).send({ text: 'Dates proposed to the Russian side' }).expect(201);

    const plan = await remindersOf(t, commitment.id);
    expect(
      plan.map((r) => `${r.recipientPersonId === ali.id ? 'ali' : r.recipientPersonId === ivan.id ? 'ivan' : 'boss'} ${r.kind} ${r.offset}`).sort(),
    ).toEqual([
      'ali BEFORE_DUE -PT4S',
      'ali DUE P0D',
      'ali OVERDUE PT2S',
      'boss ESCALATION PT2S',
      'ivan BEFORE_DUE -PT4S',
      'ivan DUE P0D',
      'ivan OVERDUE PT2S',
    ]);
    expect(plan.every((r) => r.status === 'PENDING')).toBe(true);

    await smtp.waitFor(() => mailTo(ali, ivan, boss).length >= 7, 20_000);
    await sleep(1500);
    expect(kinds(mailTo(ali))).toEqual(['Overdue', 'Reminder', 'Reminder']);
    expect(kinds(mailTo(ivan))).toEqual(['Overdue', 'Reminder', 'Reminder']);
    expect(kinds(mailTo(boss))).toEqual(['Escalation']);

    const rows = await remindersOf(t, commitment.id);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'SENT'));
    expect(
      mailTo(ali, ivan, boss)
        .map((m) => m.messageId)
        .sort(),
    ).toEqual(rows.map((r) => `<reminder.${r.id}@test.local>`).sort());
    for (const row of rows)
      expect(new Date(smtp.messages.find((m) => m.messageId.includes(row.id))!.receivedAt).getTime()).toBeGreaterThanOrEqual(new Date(row.fireAt).getTime());

    const dueMail = mailTo(ali).find((m) => m.messageId.includes(rows.find((r) => r.kind === 'DUE' && r.recipientPersonId === ali.id)!.id))!;
    expect(dueMail.subject).toMatch(/^Reminder: Hold the third round of the JMCC in Pakistan \(due \d+ \w+ \d{4}, \d\d:\d\d \(UTC\)\)$/);
    expect(dueMail.text).toContain(`Hello ${ali.name},`);
    expect(dueMail.text).toMatch(/Owed by: +Pakistan \w+: /);
    expect(dueMail.text).toContain(ali.name);
    expect(dueMail.text).toMatch(/Owed to: +Russia/);
    expect(mailTo(ali).find((m) => m.messageId.includes(rows.find((r) => r.kind === 'BEFORE_DUE' && r.recipientPersonId === ali.id)!.id))!.text).toMatch(
      /Deadline: .*\(\d seconds? left\)/,
    );
    expect(dueMail.text).toContain(`Made at:  ${context.seriesName}, round 2 (Second round), Moscow, 20 August 2019`);
    expect(dueMail.text).toContain(quote);
    expect(dueMail.text).toContain('Dates proposed to the Russian side');
    expect(dueMail.text).toContain(`http://dashboard.test/commitments/${commitment.id}`);
    expect(dueMail.html).toContain(`<a href="http://dashboard.test/commitments/${commitment.id}">`);
    expect(mailTo(ali).find((m) => m.subject.startsWith('Overdue'))!.text).toMatch(/\(\d+ seconds? late\)/);
  });

  it('re-plans when the deadline moves: nothing for the old date, reminders for the new one', async () => {
    const ann = await createPerson(t, 'UTC');
    const commitment = await createCommitment(t, { due: inSeconds(5), responsible: [ann], offsets: ['-PT3S', 'P0D'] });
    const moved = await t
      .http()
      .patch(`/api/v1/commitments/${commitment.id}`)
      .set(ADMIN)
      .set('If-Match', commitment.etag)
      .send({ deadline: { precision: 'DATETIME', value: inSeconds(600).toISOString(), timeZone: 'UTC' } })
      .expect(200);
    const rows = await remindersOf(t, commitment.id);
    expect(rows.filter((r) => r.status === 'CANCELLED').map((r) => r.skipReason)).toEqual(['plan changed', 'plan changed']);
    expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(2);
    await sleep(6500);
    expect(mailTo(ann)).toHaveLength(0);

    await t
      .http()
      .patch(`/api/v1/commitments/${commitment.id}`)
      .set(ADMIN)
      .set('If-Match', moved.headers.etag)
      .send({ deadline: { precision: 'DATETIME', value: inSeconds(2).toISOString(), timeZone: 'UTC' } })
      .expect(200);
    await smtp.waitFor(() => mailTo(ann).length >= 1);
    await sleep(1500);
    expect(kinds(mailTo(ann))).toEqual(['Reminder']);
    const after = await remindersOf(t, commitment.id);
    expect(after.filter((r) => r.status === 'SENT').map((r) => r.offset)).toEqual(['P0D']);
    expect(after.filter((r) => r.status === 'PENDING')).toHaveLength(0);
  });

  it('sends what is due even when one person’s time zone fails the digest planning', async () => {
    const prisma = t.app.get((await import('../../src/core/prisma/prisma.service.js')).PrismaService);
    // Written in SQL, as a row saved before zones were checked could be: PostgreSQL cannot read it.
    const broken = await createPerson(t, 'UTC');
    await prisma.$executeRaw`UPDATE person SET time_zone = 'Mars/Olympus_Mons', reminder_delivery = 'DIGEST' WHERE id = ${broken.id}::uuid`;
    try {
      await expect(prisma.$executeRaw`SELECT now() AT TIME ZONE 'Mars/Olympus_Mons'`).rejects.toThrow();
      const ada = await createPerson(t, 'UTC');
      await createCommitment(t, { due: inSeconds(3), responsible: [ada], offsets: ['-PT1S'] });
      await smtp.waitFor(() => mailTo(ada).length >= 1);
      expect(kinds(mailTo(ada))).toEqual(['Reminder']);
    } finally {
      await prisma.$executeRaw`UPDATE person SET time_zone = 'UTC', reminder_delivery = 'EACH' WHERE id = ${broken.id}::uuid`;
    }
  });

  it('stops every further email once the commitment is closed', async () => {
    const bo = await createPerson(t, 'UTC');
    const commitment = await createCommitment(t, { due: inSeconds(4), responsible: [bo], offsets: ['-PT3S', 'P0D', 'PT2S'], repeatOverdueEvery: 'PT1H' });
    await smtp.waitFor(() => mailTo(bo).length >= 1);
    const current = await t.http().get(`/api/v1/commitments/${commitment.id}`).set(ADMIN).expect(200);
    await t.http().patch(`/api/v1/commitments/${commitment.id}`).set(ADMIN).set('If-Match', current.headers.etag).send({ status: 'DONE' }).expect(200);
    await sleep(7000);
    expect(kinds(mailTo(bo))).toEqual(['Reminder']);
    const rows = await remindersOf(t, commitment.id);
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(1);
    expect(rows.filter((r) => r.status !== 'SENT').every((r) => r.status === 'CANCELLED' && r.skipReason === 'commitment closed')).toBe(true);
  });

  it('skips a reminder whose commitment was closed while its job waited in the queue', async () => {
    const cy = await createPerson(t, 'UTC');
    const queue = worker.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    await queue.pause();
    try {
      const commitment = await createCommitment(t, { due: inSeconds(1), responsible: [cy], offsets: ['P0D'] });
      const waiting = async () => (await remindersOf(t, commitment.id))[0];
      for (let i = 0; i < 40 && (await waiting()).status !== 'CLAIMED'; i += 1) await sleep(100);
      const { id } = await waiting();
      const queued = await queue.getJobs(['waiting']);
      expect(queued.some((job) => (job.data as DeliveryJob).reminderIds.includes(id))).toBe(true);
      await t.http().patch(`/api/v1/commitments/${commitment.id}`).set(ADMIN).send({ status: 'CANCELLED' }).expect(200);
    } finally {
      await queue.resume();
    }
    await sleep(1500);
    expect(mailTo(cy)).toHaveLength(0);
  });

  it('skips, and says why, a claimed reminder whose commitment is no longer open when it is delivered', async () => {
    const di = await createPerson(t, 'UTC');
    const queue = worker.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    await queue.pause();
    const commitment = await createCommitment(t, { due: inSeconds(1), responsible: [di], offsets: ['P0D'] });
    const [{ id }] = await remindersOf(t, commitment.id);
    try {
      for (let i = 0; i < 40 && (await remindersOf(t, commitment.id))[0].status !== 'CLAIMED'; i += 1) await sleep(100);
      // Behind the API's back, as a database restore or a manual fix would: the ledger is not re-planned.
      const prisma = t.app.get((await import('../../src/core/prisma/prisma.service.js')).PrismaService);
      await prisma.commitment.update({ where: { id: commitment.id }, data: { status: 'DONE' } });
    } finally {
      await queue.resume();
    }
    await sleep(1500);
    expect(mailTo(di)).toHaveLength(0);
    const res = await t.http().get('/api/v1/reminders').query({ recipientPersonId: di.id }).set(ADMIN).expect(200);
    expect(res.body.items.map((r: { id: string; status: string; skipReason: string }) => [r.id, r.status, r.skipReason])).toEqual([
      [id, 'SKIPPED', 'commitment closed'],
    ]);
  });
});
