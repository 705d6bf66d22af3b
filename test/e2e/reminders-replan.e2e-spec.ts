import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createPerson, remindersOf } from '../support/reminder-fixtures.js';
import { replansDone } from '../support/replans.js';
import { startWorker } from '../support/reminder-worker.js';

describe('Reminders: re-planning', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorker({});
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('plans reminders for a MEETING deadline once the meeting gets a date', async () => {
    const person = await createPerson(t, 'Asia/Karachi');
    const meeting = await t.http().post('/api/v1/meetings').set(ADMIN).send({ title: 'Third round', timeZone: 'Asia/Karachi' }).expect(201);
    const commitment = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'Agree the agenda', responsiblePersonIds: [person.id], deadline: { precision: 'MEETING', meetingId: meeting.body.id } })
      .expect(201);
    expect(await remindersOf(t, commitment.body.id)).toEqual([]);

    const startsAt = DateTime.now().setZone('Asia/Karachi').plus({ days: 60 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await t.http().patch(`/api/v1/meetings/${meeting.body.id}`).set(ADMIN).send({ startsAt: startsAt.toISO() }).expect(200);
    await replansDone();
    const rows = await remindersOf(t, commitment.body.id);
    expect(rows.map((r) => r.offset)).toEqual(['-P30D', '-P7D', '-P1D', 'P1D', 'P7D', 'P14D']);
    expect(rows.every((r) => r.status === 'PENDING' && DateTime.fromISO(r.fireAt, { zone: 'Asia/Karachi' }).toFormat('HH:mm') === '09:00')).toBe(true);
    expect(DateTime.fromISO(rows[2].fireAt, { zone: 'Asia/Karachi' }).toISODate()).toBe(startsAt.minus({ days: 1 }).toISODate());
  });

  it('moves a person’s reminders to their new time zone', async () => {
    const person = await createPerson(t, 'Asia/Karachi');
    const commitment = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'Send the draft', responsiblePersonIds: [person.id], deadline: { precision: 'YEAR', value: String(new Date().getUTCFullYear() + 2) } })
      .expect(201);
    const before = await remindersOf(t, commitment.body.id);
    expect(before.every((r) => new Date(r.fireAt).getUTCHours() === 4)).toBe(true);

    await t.http().patch(`/api/v1/people/${person.id}`).set(ADMIN).send({ timeZone: 'Europe/Moscow' }).expect(200);
    await replansDone();
    const after = await remindersOf(t, commitment.body.id);
    const pending = after.filter((r) => r.status === 'PENDING');
    expect(pending).toHaveLength(before.length);
    expect(pending.every((r) => new Date(r.fireAt).getUTCHours() === 6)).toBe(true);
    expect(after.filter((r) => r.status === 'CANCELLED').map((r) => r.skipReason)).toEqual(before.map(() => 'plan changed'));
  });

  it('sends a digest reader no single reminders, and gives them back when they switch', async () => {
    const person = await createPerson(t);
    const commitment = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'Report back', responsiblePersonIds: [person.id], deadline: { precision: 'MONTH', value: `${new Date().getUTCFullYear() + 1}-06` } })
      .expect(201);
    const count = (await remindersOf(t, commitment.body.id)).length;
    expect(count).toBeGreaterThan(0);

    await t.http().put(`/api/v1/people/${person.id}/reminder-delivery`).set(ADMIN).send({ delivery: 'DIGEST' }).expect(200);
    await replansDone();
    expect((await remindersOf(t, commitment.body.id)).filter((r) => r.status === 'PENDING')).toEqual([]);
    await t.http().put(`/api/v1/people/${person.id}/reminder-delivery`).set(ADMIN).send({ delivery: 'EACH' }).expect(200);
    await replansDone();
    expect((await remindersOf(t, commitment.body.id)).filter((r) => r.status === 'PENDING')).toHaveLength(count);
    await t.http().put(`/api/v1/people/${person.id}/reminder-delivery`).set(ADMIN).send({ delivery: 'WEEKLY' }).expect(400);
  });
});
