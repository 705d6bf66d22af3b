import { expect } from '@jest/globals';
import type { TestApp } from './app.js';
import { ADMIN, unique } from './app.js';

export interface TestPerson {
  id: string;
  email: string;
  name: string;
}

export async function createPerson(t: TestApp, timeZone = 'UTC', escalationContactId: string | null = null): Promise<TestPerson> {
  const name = unique('Person');
  const email = `${name.replace(/\W+/g, '.').toLowerCase()}@example.test`;
  const res = await t.http().post('/api/v1/people').set(ADMIN).send({ name, email, timeZone, escalationContactId });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email, name };
}

export interface MeetingContext {
  meetingId: string;
  ownerPartyId: string;
  counterpartyId: string;
  seriesName: string;
}

/** A round of a series, with the two parties, for emails that say where a commitment was made. */
export async function createMeetingContext(t: TestApp): Promise<MeetingContext> {
  const seriesName = unique('Joint Military Consultative Committee');
  const series = await t.http().post('/api/v1/meeting-series').set(ADMIN).send({ name: seriesName }).expect(201);
  const meeting = await t
    .http()
    .post('/api/v1/meetings')
    .set(ADMIN)
    .send({
      seriesId: series.body.id,
      round: 2,
      title: 'Second round',
      startsAt: '2019-08-20T10:00:00.000+03:00',
      location: 'Moscow',
      timeZone: 'Europe/Moscow',
      status: 'HELD',
    })
    .expect(201);
  const owner = await t
    .http()
    .post('/api/v1/parties')
    .set(ADMIN)
    .send({ name: unique('Pakistan'), kind: 'COUNTRY' })
    .expect(201);
  const counterparty = await t
    .http()
    .post('/api/v1/parties')
    .set(ADMIN)
    .send({ name: unique('Russia'), kind: 'COUNTRY' })
    .expect(201);
  return { meetingId: meeting.body.id, ownerPartyId: owner.body.id, counterpartyId: counterparty.body.id, seriesName };
}

export interface CommitmentInput {
  title?: string;
  due: Date;
  responsible: TestPerson[];
  watchers?: TestPerson[];
  offsets: string[];
  localTime?: string | null;
  repeatOverdueEvery?: string | null;
  timeZone?: string;
  extra?: Record<string, unknown>;
}

/** A commitment with an exact DATETIME deadline and its own reminder policy. */
export async function createCommitment(t: TestApp, input: CommitmentInput): Promise<{ id: string; etag: string; body: Record<string, unknown> }> {
  const res = await t
    .http()
    .post('/api/v1/commitments')
    .set(ADMIN)
    .send({
      title: input.title ?? unique('Hold the third round'),
      responsiblePersonIds: input.responsible.map((p) => p.id),
      watcherPersonIds: (input.watchers ?? []).map((p) => p.id),
      deadline: { precision: 'DATETIME', value: input.due.toISOString(), timeZone: input.timeZone ?? 'UTC' },
      reminderPolicy: { offsets: input.offsets, localTime: input.localTime ?? null, repeatOverdueEvery: input.repeatOverdueEvery ?? null },
      ...input.extra,
    });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, etag: res.headers.etag, body: res.body as Record<string, unknown> };
}

export interface ReminderRow {
  id: string;
  recipientPersonId: string;
  kind: string;
  offset: string;
  fireAt: string;
  status: string;
  attempts: number;
  skipReason: string | null;
  messageId: string | null;
  lastError: string | null;
}

export async function remindersOf(t: TestApp, commitmentId: string): Promise<ReminderRow[]> {
  const res = await t.http().get(`/api/v1/commitments/${commitmentId}/reminders`).set(ADMIN).expect(200);
  return res.body.items as ReminderRow[];
}

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
