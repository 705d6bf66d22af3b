import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, remindersOf, type ReminderRow } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

const local = (row: ReminderRow, zone: string) => DateTime.fromISO(row.fireAt, { zone });

describe('Reminders: time zones', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp();
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('plans 09:00 in each person’s own zone, across the daylight-saving changes of 2027', async () => {
    const zones = ['Asia/Karachi', 'Europe/Moscow', 'America/New_York', 'Europe/Berlin'];
    const people = await Promise.all(zones.map((zone) => createPerson(t, zone)));
    const res = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({
        title: 'Forum on energy cooperation',
        responsiblePersonIds: [people[0].id],
        watcherPersonIds: people.slice(1).map((p) => p.id),
        deadline: { precision: 'DAY', value: '2027-03-30', timeZone: 'America/New_York' },
      })
      .expect(201);
    const plan = await t.http().get(`/api/v1/commitments/${res.body.id}/reminders`).set(ADMIN).expect(200);
    expect(plan.body.policy).toEqual({ offsets: ['-P30D', '-P7D', '-P1D', 'P0D', 'P1D', 'P7D'], localTime: '09:00', repeatOverdueEvery: 'P7D' });
    const rows = plan.body.items as ReminderRow[];
    for (const [i, zone] of zones.entries()) {
      const mine = rows.filter((r) => r.recipientPersonId === people[i].id);
      expect(mine.map((r) => local(r, zone).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
        '2027-02-28 09:00',
        '2027-03-23 09:00',
        '2027-03-29 09:00',
        '2027-03-30 09:00',
        '2027-03-31 09:00',
        '2027-04-06 09:00',
        '2027-04-13 09:00',
      ]);
    }
    const utcHours = (zone: string) =>
      rows
        .filter((r) => r.recipientPersonId === people[zones.indexOf(zone)].id)
        .slice(0, 3)
        .map((r) => new Date(r.fireAt).getUTCHours());
    expect(utcHours('Asia/Karachi')).toEqual([4, 4, 4]);
    expect(utcHours('Europe/Moscow')).toEqual([6, 6, 6]);
    // New York moves its clocks on 14 March, Berlin on 28 March: same 09:00, an hour earlier in UTC.
    expect(utcHours('America/New_York')).toEqual([14, 13, 13]);
    expect(utcHours('Europe/Berlin')).toEqual([8, 8, 7]);
  });

  it('fires at the local hour in Karachi while the Moscow reminder waits for Moscow’s same hour; a digest reader gets one digest', async () => {
    // The next whole minute, at least 8 seconds away, is "the local hour" of this test in Karachi.
    const fireAt = DateTime.utc().plus({ seconds: 8 }).endOf('minute').plus({ milliseconds: 1 });
    const hour = fireAt.setZone('Asia/Karachi').toFormat('HH:mm');
    worker = await startWorker({ SMTP_URL: smtp.url, DIGEST_LOCAL_TIME: hour });

    const ali = await createPerson(t, 'Asia/Karachi');
    const ivan = await createPerson(t, 'Europe/Moscow');
    const sana = await createPerson(t, 'Asia/Karachi');
    await t.http().put(`/api/v1/people/${sana.id}/reminder-delivery`).set(ADMIN).send({ delivery: 'DIGEST' }).expect(200);
    const commitment = await createCommitment(t, {
      due: fireAt.plus({ minutes: 1 }).toJSDate(),
      timeZone: 'Asia/Karachi',
      responsible: [ali, sana],
      watchers: [ivan],
      offsets: ['-PT1M'],
      localTime: hour,
    });
    const rows = await remindersOf(t, commitment.id);
    expect(rows.map((r) => r.recipientPersonId).sort()).toEqual([ali.id, ivan.id].sort());
    const ivanRow = rows.find((r) => r.recipientPersonId === ivan.id)!;
    expect(local(ivanRow, 'Europe/Moscow').toFormat('HH:mm')).toBe(hour);
    expect(new Date(ivanRow.fireAt).getTime() - fireAt.toMillis()).toBe(2 * 3600_000);

    await smtp.waitFor((m) => m.some((x) => x.envelopeTo.includes(ali.email)) && m.some((x) => x.envelopeTo.includes(sana.email)), 90_000);
    const aliMail = smtp.to(ali.email)[0];
    expect(aliMail.receivedAt.getTime()).toBeGreaterThanOrEqual(fireAt.toMillis());
    expect(aliMail.receivedAt.getTime()).toBeLessThan(fireAt.toMillis() + 5000);
    await sleep(1500);
    expect(smtp.to(ali.email)).toHaveLength(1);
    expect(smtp.to(ivan.email)).toHaveLength(0);

    const [digest, ...more] = smtp.to(sana.email);
    expect(more).toHaveLength(0);
    expect(digest.subject).toBe('Your commitments: 1 due soon');
    expect(digest.messageId).toMatch(/^<digest\.[0-9a-f-]{36}@test\.local>$/);
    expect(digest.text).toContain(`http://dashboard.test/commitments/${commitment.id}`);
    const ledger = await t.http().get('/api/v1/reminders').query({ recipientPersonId: sana.id, kind: 'DIGEST' }).set(ADMIN).expect(200);
    const [next, sent] = ledger.body.items as ReminderRow[];
    expect(sent.status).toBe('SENT');
    expect(next.status).toBe('PENDING');
    expect(DateTime.fromISO(next.fireAt).diff(DateTime.fromISO(sent.fireAt), 'hours').hours).toBe(24);
  }, 120_000);

  it('gives a deadline’s time on the recipient’s clock as well when their zone differs from the deadline’s', async () => {
    worker ??= await startWorker({ SMTP_URL: smtp.url });
    const ali = await createPerson(t, 'Asia/Karachi');
    const bob = await createPerson(t, 'UTC');
    const due = DateTime.utc().plus({ seconds: 70 }).startOf('second');
    await createCommitment(t, { due: due.toJSDate(), timeZone: 'UTC', responsible: [ali, bob], offsets: ['-PT1M'] });

    await smtp.waitFor((m) => m.some((x) => x.envelopeTo.includes(ali.email)) && m.some((x) => x.envelopeTo.includes(bob.email)), 90_000);
    const deadline = `${due.setLocale('en-GB').toFormat('d LLLL yyyy, HH:mm')} (UTC)`;
    const karachi = due.setZone('Asia/Karachi').setLocale('en-GB');
    const aliTime = karachi.toISODate() === due.toISODate() ? karachi.toFormat('HH:mm') : karachi.toFormat('d LLLL yyyy, HH:mm');
    expect(smtp.to(ali.email)[0].text).toContain(`Deadline: ${deadline}; ${aliTime} your time (Asia/Karachi) (`);
    expect(smtp.to(bob.email)[0].text).toContain(`Deadline: ${deadline} (`);
    expect(smtp.to(bob.email)[0].text).not.toContain('your time');
  }, 120_000);
});
