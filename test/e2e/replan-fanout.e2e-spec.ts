import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import pg from 'pg';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createPerson, remindersOf } from '../support/reminder-fixtures.js';
import { replansDone } from '../support/replans.js';
import { startWorker } from '../support/reminder-worker.js';

const COMMITMENTS = 10_000;

describe('fan-out re-plans', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let db: pg.Client;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorker({});
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await t?.close();
  });

  it(`moves and re-plans ${COMMITMENTS} commitments due at one meeting and owed by one person, in the worker`, async () => {
    const person = await createPerson(t, 'Asia/Karachi');
    const meeting = await t.http().post('/api/v1/meetings').set(ADMIN).send({ title: 'Fourth round', timeZone: 'Asia/Karachi' }).expect(201);
    const meetingId = meeting.body.id as string;
    // As one long extraction leaves them: open, due "at the next round", which has no date yet.
    await db.query(
      `WITH c AS (
         INSERT INTO commitment (id, title, status, deadline_precision, deadline_meeting_id, deadline_time_zone, deadline_phrase, updated_at)
         SELECT gen_random_uuid(), 'Agreed item ' || i, 'OPEN', 'MEETING', $1, 'Asia/Karachi', 'at the next round', now() FROM generate_series(1, $3::int) i
         RETURNING id)
       INSERT INTO commitment_person (commitment_id, person_id, role) SELECT id, $2, 'RESPONSIBLE' FROM c`,
      [meetingId, person.id, COMMITMENTS],
    );

    const startsAt = DateTime.now().setZone('Asia/Karachi').plus({ days: 60 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await t.http().patch(`/api/v1/meetings/${meetingId}`).set(ADMIN).send({ startsAt: startsAt.toISO() }).expect(200);
    await t.http().patch(`/api/v1/people/${person.id}`).set(ADMIN).send({ timeZone: 'Europe/Moscow' }).expect(200);
    await replansDone(180_000);

    const window = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM commitment c JOIN meeting m ON m.id = c.deadline_meeting_id
       WHERE m.id = $1 AND c.deadline_start = m.starts_at AND c.deadline_end IS NOT NULL`,
      [meetingId],
    );
    expect(window.rows[0].n).toBe(COMMITMENTS);
    const history = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM commitment_event e JOIN commitment c ON c.id = e.commitment_id
       WHERE c.deadline_meeting_id = $1 AND e.note = 'the meeting it is due at was rescheduled'`,
      [meetingId],
    );
    expect(history.rows[0].n).toBe(COMMITMENTS);

    // Each has the plan a commitment made now, due at the meeting, has for the person in Moscow.
    const control = await t.http().post('/api/v1/commitments').set(ADMIN).send({ title: 'Control', responsiblePersonIds: [person.id], deadline: { precision: 'MEETING', meetingId } }).expect(201);
    const plan = (await remindersOf(t, control.body.id as string)).filter((r) => r.status === 'PENDING');
    expect(plan.length).toBeGreaterThan(0);
    const pending = await db.query<{ commitments: number; rows: number; hours: number[] }>(
      `SELECT count(DISTINCT r.commitment_id)::int AS commitments, count(*)::int AS rows, array_agg(DISTINCT extract(hour FROM r.fire_at AT TIME ZONE 'UTC')::int) AS hours
       FROM reminder r JOIN commitment c ON c.id = r.commitment_id
       WHERE c.deadline_meeting_id = $1 AND c.id <> $2 AND r.status = 'PENDING'`,
      [meetingId, control.body.id],
    );
    expect(pending.rows[0]).toEqual({ commitments: COMMITMENTS, rows: COMMITMENTS * plan.length, hours: [6] });
  }, 240_000);
});
