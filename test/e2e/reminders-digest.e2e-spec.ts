import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, remindersOf, type ReminderRow, type TestPerson } from '../support/reminder-fixtures.js';
import { sleep, startWorker } from '../support/reminder-worker.js';
import { replansDone } from '../support/replans.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

const DAY = 24 * 3600_000;

/**
 * The digest hour of a test: the whole UTC second `seconds` from now, time enough for the test's
 * set-up to finish before it (DIGEST_LOCAL_TIME takes seconds, so no test waits for a whole minute).
 */
function digestIn(seconds: number): DateTime {
  return DateTime.utc().plus({ seconds }).startOf('second');
}

describe('Reminders: daily digest', () => {
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

  // The switch re-plans the person's commitments in the worker: wait for it, as a client would see it.
  const chooseDigest = async (person: TestPerson, delivery: 'DIGEST' | 'EACH') => {
    await t.http().put(`/api/v1/people/${person.id}/reminder-delivery`).set(ADMIN).send({ delivery }).expect(200);
    await replansDone();
  };
  const digestsOf = async (person: TestPerson) =>
    (await t.http().get('/api/v1/reminders').query({ recipientPersonId: person.id, kind: 'DIGEST' }).set(ADMIN).expect(200)).body.items as ReminderRow[];
  const sectionOf = (text: string, heading: string) => (text.split(`${heading}:\n`)[1] ?? '').split('\n\n')[0];

  it('sends the watcher, the escalation contact and the responsible reader one digest each, with the right sections', async () => {
    const digestAt = digestIn(15);
    worker = await startWorker({ SMTP_URL: smtp.url, DIGEST_LOCAL_TIME: digestAt.toFormat('HH:mm:ss'), REMINDER_ESCALATE_AFTER: 'P7D' });

    const boss = await createPerson(t);
    const owner = await createPerson(t, 'UTC', boss.id);
    const watcher = await createPerson(t);
    const third = await createPerson(t);
    const idle = await createPerson(t);
    for (const reader of [boss, watcher, third, idle]) await chooseDigest(reader, 'DIGEST');
    const longOverdue = await createCommitment(t, {
      title: 'Hold the third round in Pakistan',
      due: new Date(Date.now() - 20 * DAY),
      responsible: [owner],
      watchers: [watcher],
      offsets: ['P1D'],
    });
    const justLate = await createCommitment(t, {
      title: 'Send the list of participants',
      due: new Date(Date.now() - 2 * DAY),
      responsible: [owner],
      watchers: [watcher],
      offsets: ['P1D'],
    });
    const thirdsOwn = await createCommitment(t, { title: 'Book the venue', due: new Date(Date.now() - 3 * DAY), responsible: [third], offsets: ['P1D'] });
    const farOff = await createCommitment(t, {
      title: 'Report on the forum',
      due: new Date(Date.now() + 60 * DAY),
      responsible: [third],
      watchers: [watcher],
      offsets: ['-P30D'],
    });

    const readers = [boss, watcher, third];
    await smtp.waitFor(() => readers.every((p) => smtp.to(p.email).length > 0), 90_000);
    await sleep(2000);
    for (const reader of readers) expect(smtp.to(reader.email)).toHaveLength(1);
    const [bossMail] = smtp.to(boss.email);
    const [watcherMail] = smtp.to(watcher.email);
    const [thirdMail] = smtp.to(third.email);
    for (const mail of [bossMail, watcherMail, thirdMail]) expect(mail.messageId).toMatch(/^<digest\./);

    expect(bossMail.subject).toBe('Your commitments: 1 escalated to you');
    expect(sectionOf(bossMail.text, 'Escalated to you (overdue)')).toContain(`Hold the third round in Pakistan`);
    expect(sectionOf(bossMail.text, 'Escalated to you (overdue)')).toContain(`20 days late; responsible: ${owner.name}`);
    expect(bossMail.text).toContain(`/commitments/${longOverdue.id}`);
    // Two days late is not yet REMINDER_ESCALATE_AFTER (P7D) late: the contact does not hear of it yet.
    expect(bossMail.text).not.toContain(justLate.id);
    expect(bossMail.text).not.toContain('You are');

    expect(watcherMail.subject).toBe('Your commitments: 2 overdue');
    const watching = sectionOf(watcherMail.text, 'You are watching');
    expect(watching).toContain(`/commitments/${longOverdue.id}`);
    expect(watching).toContain(`/commitments/${justLate.id}`);
    expect(watcherMail.text).not.toContain(farOff.id);
    expect(watcherMail.text).not.toContain('You are responsible for');
    expect(watcherMail.text).not.toContain('Escalated to you');

    expect(thirdMail.subject).toBe('Your commitments: 1 overdue');
    expect(sectionOf(thirdMail.text, 'You are responsible for')).toContain(`/commitments/${thirdsOwn.id}`);
    expect(thirdMail.text).not.toContain(farOff.id);
    expect(thirdMail.text).not.toContain('You are watching');

    // Nothing to tell: no email, and the ledger says why.
    expect(smtp.to(idle.email)).toHaveLength(0);
    const idleDigest = (await digestsOf(idle)).find((r) => r.fireAt === digestAt.toISO());
    expect(idleDigest).toMatchObject({ status: 'SKIPPED', skipReason: 'nothing due' });
  }, 120_000);

  it('delivers each reminder exactly once to a person who switches to the digest and back mid-plan', async () => {
    const digestAt = digestIn(25);
    worker = await startWorker({ SMTP_URL: smtp.url, DIGEST_LOCAL_TIME: digestAt.toFormat('HH:mm:ss') });
    const sana = await createPerson(t);
    const ivan = await createPerson(t);
    // Offsets count back from a deadline two minutes after the digest: the first reminder goes out in a
    // few seconds, singly; one comes due while both read the digest (-PT130S, ten seconds before it);
    // two come after Sana has switched back.
    const due = digestAt.plus({ minutes: 2 });
    const first = Math.floor(due.diff(DateTime.utc().plus({ seconds: 4 }), 'seconds').seconds);
    const commitment = await createCommitment(t, {
      title: 'Agree the agenda of the third round',
      due: due.toJSDate(),
      responsible: [sana],
      watchers: [ivan],
      offsets: [`-PT${first}S`, '-PT130S', '-PT100S', '-PT90S'],
    });

    // Before the switch: the first reminder reaches both, singly.
    await smtp.waitFor(() => smtp.to(sana.email).length === 1 && smtp.to(ivan.email).length === 1, 20_000);
    await chooseDigest(sana, 'DIGEST');
    await chooseDigest(ivan, 'DIGEST');
    const switched = await remindersOf(t, commitment.id);
    const replaced = switched.filter((r) => r.status === 'CANCELLED');
    expect(replaced.map((r) => r.skipReason)).toEqual(replaced.map(() => 'replaced by the daily digest'));
    expect(replaced).toHaveLength(6);

    // Ivan switches back before his digest: the reminder that came due meanwhile reaches him once, now,
    // and he gets no digest (the ledger says what replaced it).
    const missedByIvan = switched.find((r) => r.recipientPersonId === ivan.id && r.offset === '-PT130S')!;
    await sleep(new Date(missedByIvan.fireAt).getTime() + 1000 - Date.now());
    expect(smtp.to(ivan.email)).toHaveLength(1);
    await chooseDigest(ivan, 'EACH');
    await smtp.waitFor(() => smtp.to(ivan.email).length === 2, 10_000);
    expect(smtp.to(ivan.email)[1].messageId).toBe(`<reminder.${missedByIvan.id}@test.local>`);

    // Sana's digest carries the reminder that came due while she read it, and the commitment.
    await smtp.waitFor(() => smtp.to(sana.email).length === 2, 30_000);
    const digest = smtp.to(sana.email)[1];
    expect(digest.messageId).toMatch(/^<digest\./);
    expect(sectionOf(digest.text, 'You are responsible for')).toContain(`/commitments/${commitment.id}`);
    await chooseDigest(sana, 'EACH');

    // Back on single reminders: the two still ahead come singly, once each.
    await smtp.waitFor(() => smtp.to(sana.email).length === 4 && smtp.to(ivan.email).length === 4, 60_000);
    await sleep(2000);
    const rows = await remindersOf(t, commitment.id);
    const sentTo = (person: TestPerson) =>
      rows.filter((r) => r.recipientPersonId === person.id && r.status === 'SENT').map((r) => `<reminder.${r.id}@test.local>`);
    expect(smtp.to(sana.email).map((m) => m.messageId)).toEqual([sentTo(sana)[0], digest.messageId, ...sentTo(sana).slice(1)]);
    expect(
      smtp
        .to(ivan.email)
        .map((m) => m.messageId)
        .sort(),
    ).toEqual(sentTo(ivan).sort());
    expect(rows.filter((r) => r.recipientPersonId === sana.id).map((r) => `${r.status} ${r.skipReason}`)).toEqual([
      'SENT null',
      'CANCELLED replaced by the daily digest',
      'SENT null',
      'SENT null',
    ]);
    const ivansDigests = await digestsOf(ivan);
    expect(ivansDigests.find((r) => r.fireAt === digestAt.toISO())).toMatchObject({ status: 'CANCELLED', skipReason: 'replaced by single reminders' });
    expect((await digestsOf(sana)).find((r) => r.fireAt === digestAt.toISO())).toMatchObject({ status: 'SENT' });
    expect(smtp.messages.filter((m) => m.text.includes(commitment.id) || m.subject.includes('Agree the agenda')).length).toBe(8);
  }, 150_000);
});
