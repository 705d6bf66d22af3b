import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { replansDone } from '../support/replans.js';
import { startWorker } from '../support/reminder-worker.js';

describe('commitments', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  let pakistan: string;
  let russia: string;
  let secretary: string;
  let watcher: string;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    sut = await startTestApp();
    worker = await startWorker({});
    prisma = sut.app.get(PrismaService);
    pakistan = (await prisma.party.create({ data: { name: unique('Pakistan'), kind: 'COUNTRY' } })).id;
    russia = (await prisma.party.create({ data: { name: unique('Russia'), kind: 'COUNTRY' } })).id;
    secretary = (await prisma.person.create({ data: { name: 'Ikram-ul-Haq', email: `${unique('ikram').replace(' ', '.')}@mod.test`, partyId: pakistan } })).id;
    watcher = (await prisma.person.create({ data: { name: 'Alexander V. Fomin', email: `${unique('fomin').replace(' ', '.')}@mil.test`, partyId: russia } }))
      .id;
  });
  afterAll(async () => {
    await worker?.close();
    await sut.close();
  });

  const create = (body: Record<string, unknown>, headers: Record<string, string> = ADMIN) => sut.http().post('/api/v1/commitments').set(headers).send(body);

  describe('deadlines', () => {
    it.each([
      [{ precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi' }, '2020-01-01T00:00:00.000+05:00', '2020-12-31T23:59:59.999+05:00', '2020'],
      [{ precision: 'MONTH', value: '2019-09' }, '2019-09-01T00:00:00.000Z', '2019-09-30T23:59:59.999Z', 'September 2019'],
      [{ precision: 'MONTH', value: '2020-02', timeZone: 'Europe/Moscow' }, '2020-02-01T00:00:00.000+03:00', '2020-02-29T23:59:59.999+03:00', 'February 2020'],
      [{ precision: 'QUARTER', value: '2021-Q3' }, '2021-07-01T00:00:00.000Z', '2021-09-30T23:59:59.999Z', 'Q3 2021'],
      [
        { precision: 'DAY', value: '2019-09-05/2019-09-06', timeZone: 'Asia/Vladivostok' },
        '2019-09-05T00:00:00.000+10:00',
        '2019-09-06T23:59:59.999+10:00',
        '5–6 September 2019',
      ],
      [{ precision: 'DAY', value: '2024-02-29' }, '2024-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '29 February 2024'],
      [
        { precision: 'DATETIME', value: '2019-09-05T10:00:00+03:00', timeZone: 'Europe/Moscow' },
        '2019-09-05T10:00:00.000+03:00',
        '2019-09-05T10:00:00.000+03:00',
        '5 September 2019, 10:00 (Europe/Moscow)',
      ],
    ])('%j has its window and label', async (deadline, start, end, label) => {
      const res = await create({ title: 'Hold the third round', deadline: { ...deadline, phrase: 'as said' } }).expect(201);
      expect(res.body.deadline).toMatchObject({ ...deadline, start, end, label, phrase: 'as said' });
      expect(res.body.overdue).toBe(true);
    });

    it('is not overdue before the window closes, nor once done', async () => {
      const future = await create({ title: 'Future', deadline: { precision: 'YEAR', value: '2999' } }).expect(201);
      expect(future.body.overdue).toBe(false);
      const done = await create({ title: 'Done', status: 'DONE', deadline: { precision: 'YEAR', value: '2000' } }).expect(201);
      expect(done.body.overdue).toBe(false);
    });

    it('takes a MEETING deadline from the meeting, open until it has a date', async () => {
      const series = await prisma.meetingSeries.create({ data: { name: unique('Joint Military Consultative Committee'), shortName: unique('JMCC') } });
      const undated = await prisma.meeting.create({ data: { seriesId: series.id, round: 3, title: 'Third round', timeZone: 'Asia/Karachi' } });
      const dated = await prisma.meeting.create({
        data: {
          seriesId: series.id,
          round: 4,
          title: 'Fourth round',
          timeZone: 'Asia/Karachi',
          startsAt: new Date('2021-03-10T04:00:00Z'),
          endsAt: new Date('2021-03-11T12:00:00Z'),
        },
      });
      const open = await create({
        title: 'Report on the decisions',
        deadline: { precision: 'MEETING', meetingId: undated.id, phrase: 'at the next round' },
      }).expect(201);
      expect(open.body.deadline).toMatchObject({
        precision: 'MEETING',
        meetingId: undated.id,
        timeZone: 'Asia/Karachi',
        start: null,
        end: null,
        label: `at ${series.shortName} round 3`,
      });
      expect(open.body.overdue).toBe(false);
      expect((await sut.http().get(`/api/v1/commitments/${open.body.id}`).set(ADMIN).expect(200)).body).toEqual(open.body);
      const due = await create({ title: 'Report again', deadline: { precision: 'MEETING', meetingId: dated.id } }).expect(201);
      expect(due.body.deadline).toMatchObject({ start: '2021-03-10T09:00:00.000+05:00', end: '2021-03-11T17:00:00.000+05:00' });
    });

    it('follows its meeting when the meeting gets a date, with a history entry', async () => {
      const meeting = await sut
        .http()
        .post('/api/v1/meetings')
        .set(ADMIN)
        .send({ title: unique('Third round'), timeZone: 'Asia/Karachi' })
        .expect(201);
      const meetingId = meeting.body.id as string;
      const due = await create({ title: 'Report on the decisions', deadline: { precision: 'MEETING', meetingId } }).expect(201);
      const id = due.body.id as string;
      expect(due.body.deadline).toMatchObject({ start: null, end: null });

      await sut
        .http()
        .patch(`/api/v1/meetings/${meetingId}`)
        .set(ADMIN)
        .send({ startsAt: '2020-03-10T09:00:00+05:00', endsAt: '2020-03-11T17:00:00+05:00' })
        .expect(200);
      await replansDone(); // the worker moves commitments due at the meeting
      const moved = await sut.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200);
      expect(moved.body.deadline).toMatchObject({ start: '2020-03-10T09:00:00.000+05:00', end: '2020-03-11T17:00:00.000+05:00' });
      expect(moved.body).toMatchObject({ overdue: true, version: 2 });
      expect(moved.headers.etag).toBe('"2"');
      const events = await sut.http().get(`/api/v1/commitments/${id}/events`).set(ADMIN).expect(200);
      expect(events.body.items.at(-1)).toMatchObject({
        type: 'UPDATED',
        actor: 'bootstrap admin',
        changes: { deadlineWindow: { from: { start: null, end: null }, to: { start: '2020-03-10T04:00:00.000Z', end: '2020-03-11T12:00:00.000Z' } } },
      });

      // Renaming the meeting does not touch the commitments due at it.
      await sut.http().patch(`/api/v1/meetings/${meetingId}`).set(ADMIN).send({ location: 'Rawalpindi' }).expect(200);
      expect((await sut.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200)).body.version).toBe(2);
    });

    it.each([
      [{ precision: 'YEAR' }, 'deadline.value'],
      [{ precision: 'MONTH', value: '2019-13' }, 'deadline.value'],
      [{ precision: 'DAY', value: '2019-02-29' }, 'deadline.value'],
      [{ precision: 'MEETING' }, 'deadline.meetingId'],
      [{ precision: 'YEAR', value: '2020', timeZone: 'Mars/Olympus' }, 'deadline.timeZone'],
      [{ precision: 'FORTNIGHT', value: '2020' }, 'deadline.precision'],
    ])('refuses %j naming %s', async (deadline, field) => {
      const res = await create({ title: 'x', deadline }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  it('creates, reads with an ETag, updates with If-Match and refuses a stale one with 412', async () => {
    const created = await create({
      title: 'Ensure effective follow-up and implementation of the decisions',
      ownerPartyId: pakistan,
      counterpartyId: russia,
      responsiblePersonIds: [secretary],
      watcherPersonIds: [watcher],
      tags: ['jmcc', 'jmcc'],
      sourceQuote: 'They agreed to ensure effective follow-up and implementation of the decisions taken during the meeting.',
    }).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      status: 'OPEN',
      responsiblePersonIds: [secretary],
      watcherPersonIds: [watcher],
      tags: ['jmcc'],
      deadline: null,
      overdue: false,
      version: 1,
    });
    const id = created.body.id as string;

    const read = await sut.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200);
    expect(read.headers.etag).toBe('"1"');
    // A write answers from its own transaction's read, a GET from another query: the same commitment.
    expect(read.body).toEqual(created.body);
    const updated = await sut
      .http()
      .patch(`/api/v1/commitments/${id}`)
      .set(ADMIN)
      .set('If-Match', '"1"')
      .send({ status: 'IN_PROGRESS', title: 'Follow up the decisions' })
      .expect(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.body).toMatchObject({ status: 'IN_PROGRESS', title: 'Follow up the decisions', version: 2 });

    const stale = await sut.http().patch(`/api/v1/commitments/${id}`).set(ADMIN).set('If-Match', '"1"').send({ title: 'Lost update' }).expect(412);
    expect(stale.body).toMatchObject({ status: 412, code: 'precondition_failed' });
    const after = await sut.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200);
    expect(after.body.title).toBe('Follow up the decisions');
    expect(after.body).toEqual(updated.body);
  });

  it('records DONE with its time, allows assessment only when closed, and follows the status rules', async () => {
    const { body } = await create({ title: 'Attend the Eastern Economic Forum' }).expect(201);
    const path = `/api/v1/commitments/${body.id as string}`;
    const early = await sut.http().patch(path).set(ADMIN).send({ assessment: 'FULL' }).expect(400);
    expect(early.body.errors).toEqual([{ field: 'assessment', message: expect.any(String) }]);

    const done = await sut.http().patch(path).set(ADMIN).send({ status: 'DONE', assessment: 'FULL' }).expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', assessment: 'FULL' });
    expect(Date.parse(done.body.completedAt as string)).toBeGreaterThan(Date.now() - 10_000);
    expect(done.body.closedAt).not.toBeNull();

    const bad = await sut.http().patch(path).set(ADMIN).send({ status: 'PROPOSED' }).expect(409);
    expect(bad.body).toMatchObject({ code: 'invalid_transition' });

    const reopened = await sut.http().patch(path).set(ADMIN).send({ status: 'OPEN' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'OPEN', completedAt: null, closedAt: null, assessment: null });
  });

  it('keeps a full history: creation, changes with old and new values, status changes, notes, deletion', async () => {
    const { body } = await create({ title: 'Sign the agreement', deadline: { precision: 'YEAR', value: '2020' } }).expect(201);
    const id = body.id as string;
    const viewer = await sut.keyFor('VIEWER');
    const editor = await sut.keyFor('EDITOR');
    await sut
      .http()
      .patch(`/api/v1/commitments/${id}`)
      .set(editor)
      .send({ deadline: { precision: 'MONTH', value: '2020-06' }, status: 'DEFERRED' })
      .expect(200);
    await sut.http().post(`/api/v1/commitments/${id}/notes`).set(editor).send({ text: 'Draft exchanged' }).expect(201);
    await sut.http().delete(`/api/v1/commitments/${id}`).set(editor).expect(204);
    await sut.http().get(`/api/v1/commitments/${id}`).set(viewer).expect(404);

    const events = await sut.http().get(`/api/v1/commitments/${id}/events`).set(viewer).expect(200);
    const items = events.body.items as Array<Record<string, unknown>>;
    expect(items.map((e) => e.type)).toEqual(['CREATED', 'UPDATED', 'STATUS_CHANGED', 'NOTE', 'DELETED']);
    expect(items[0]).toMatchObject({ actor: 'bootstrap admin', changes: { title: { from: null, to: 'Sign the agreement' } } });
    expect(items[1]).toMatchObject({
      actor: 'api-key:EDITOR key',
      changes: { deadline: { from: { precision: 'YEAR', value: '2020', timeZone: 'UTC' }, to: { precision: 'MONTH', value: '2020-06', timeZone: 'UTC' } } },
    });
    expect(items[2]).toMatchObject({ changes: { status: { from: 'OPEN', to: 'DEFERRED' } } });
    expect(items[3]).toMatchObject({ note: 'Draft exchanged' });
  });

  it('approves and rejects PROPOSED candidates only', async () => {
    const proposed = await create({ title: 'Candidate', status: 'PROPOSED' }).expect(201);
    const approved = await sut
      .http()
      .post(`/api/v1/commitments/${proposed.body.id as string}/approve`)
      .set(ADMIN)
      .expect(200);
    expect(approved.body.status).toBe('OPEN');
    await sut
      .http()
      .post(`/api/v1/commitments/${proposed.body.id as string}/approve`)
      .set(ADMIN)
      .expect(409);

    const other = await create({ title: 'Background fact', status: 'PROPOSED' }).expect(201);
    await sut
      .http()
      .post(`/api/v1/commitments/${other.body.id as string}/reject`)
      .set(ADMIN)
      .send({ reason: 'not a promise' })
      .expect(204);
    await sut
      .http()
      .get(`/api/v1/commitments/${other.body.id as string}`)
      .set(ADMIN)
      .expect(404);
    const history = await sut
      .http()
      .get(`/api/v1/commitments/${other.body.id as string}/events`)
      .set(ADMIN)
      .expect(200);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'DELETED', note: 'rejected: not a promise' });
  });

  it('refuses unknown references, unknown fields and wrong types with field errors', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const refs = await create({ title: 'x', ownerPartyId: ghost, responsiblePersonIds: [secretary, ghost] }).expect(400);
    expect(refs.body).toMatchObject({ code: 'unknown_reference' });
    expect(refs.body.errors.map((e: { field: string }) => e.field)).toEqual(['ownerPartyId', 'responsiblePersonIds.1']);

    const shape = await create({ title: 42, colour: 'red', tags: 'x' }).expect(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'tags', 'title']);
    await sut.http().patch(`/api/v1/commitments/${ghost}`).set(ADMIN).send({ title: 'x' }).expect(404);
    await sut.http().patch('/api/v1/commitments/not-a-uuid').set(ADMIN).send({ title: 'x' }).expect(400);
  });

  it('lists by status with a cursor, without skipping or repeating', async () => {
    const tag = unique('page').replace(' ', '-');
    const meeting = await prisma.meeting.create({ data: { title: unique('Paging meeting') } });
    for (let i = 0; i < 5; i++) await create({ title: `Item ${i}`, tags: [tag], meetingId: meeting.id, status: i % 2 ? 'OPEN' : 'IN_PROGRESS' }).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await sut
        .http()
        .get('/api/v1/commitments')
        .query({ meetingId: meeting.id, sort: 'created', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(ADMIN)
        .expect(200);
      seen.push(...page.body.items.map((c: { title: string }) => c.title));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(['Item 4', 'Item 3', 'Item 2', 'Item 1', 'Item 0']);
    const open = await sut.http().get('/api/v1/commitments').query({ meetingId: meeting.id, status: 'OPEN', sort: 'created' }).set(ADMIN).expect(200);
    expect(open.body.items.map((c: { title: string }) => c.title)).toEqual(['Item 3', 'Item 1']);
    await sut.http().get('/api/v1/commitments').query({ cursor: 'garbage' }).set(ADMIN).expect(400);
  });

  it('needs a key, and a role that may write', async () => {
    await sut.http().get('/api/v1/commitments').expect(401);
    await sut.http().get('/api/v1/commitments').set({ Authorization: 'Bearer nope' }).expect(401);
    const viewer = await sut.keyFor('VIEWER');
    await sut.http().get('/api/v1/commitments').set(viewer).expect(200);
    const denied = await create({ title: 'x' }, viewer).expect(403);
    expect(denied.body).toMatchObject({ status: 403, code: 'forbidden' });
  });
});
