import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import type { MeetingJson } from '../../src/meetings/meeting.schemas.js';
import type { ParticipantJson } from '../../src/meetings/participant.schemas.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

describe('meetings', () => {
  let sut: TestApp;
  let pakistanId: string;
  let russiaId: string;
  let ikramId: string;
  let fominId: string;

  const post = async <T>(path: string, body: Record<string, unknown>): Promise<T> => (await sut.http().post(path).set(ADMIN).send(body).expect(201)).body as T;
  const newSeries = async () => (await post<{ id: string }>('/api/v1/meeting-series', { name: unique('JMCC') })).id;
  const newPerson = async (name: string, partyId: string | null) =>
    (await post<{ id: string }>('/api/v1/people', { name, email: `${unique('p').replace(' ', '.')}@example.org`, partyId })).id;

  beforeAll(async () => {
    sut = await startTestApp();
    pakistanId = (await post<{ id: string }>('/api/v1/parties', { name: unique('Pakistan'), kind: 'COUNTRY' })).id;
    russiaId = (await post<{ id: string }>('/api/v1/parties', { name: unique('Russia'), kind: 'COUNTRY' })).id;
    ikramId = await newPerson('Ikram-ul-Haq', pakistanId);
    fominId = await newPerson('Alexander V. Fomin', russiaId);
  });
  afterAll(async () => {
    await sut.close();
  });

  it('creates a meeting with its participants, then reads, lists, updates and deletes it', async () => {
    const seriesId = await newSeries();
    const created = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({
        seriesId,
        round: 2,
        title: 'Second round of the Pakistan-Russia Joint Military Consultative Committee',
        startsAt: '2019-08-20T07:00:00Z',
        endsAt: '2019-08-20T18:00:00+03:00',
        location: 'Moscow',
        timeZone: 'Europe/Moscow',
        status: 'HELD',
        sourceText: 'Pakistan and Russia at the second round of Joint Military Consultative Committee in Moscow discussed defense cooperation.',
        sourceUrl: 'https://example.org/news/2019-08-20-pakistan-russia-jmcc',
        participants: [
          { personId: ikramId, role: 'Head of delegation' },
          { personId: fominId, partyId: null },
        ],
      })
      .expect(201);
    const meeting = created.body as MeetingJson;
    expect(meeting).toMatchObject({
      seriesId,
      round: 2,
      startsAt: '2019-08-20T10:00:00.000+03:00',
      endsAt: '2019-08-20T18:00:00.000+03:00',
      location: 'Moscow',
      timeZone: 'Europe/Moscow',
      status: 'HELD',
    });
    expect(meeting.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ meetingId: meeting.id, personId: ikramId, partyId: pakistanId, role: 'Head of delegation' }),
        expect.objectContaining({ meetingId: meeting.id, personId: fominId, partyId: null, role: null }),
      ]),
    );
    expect(meeting.participants).toHaveLength(2);

    await sut.http().get(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(200, meeting);
    const listed = await sut.http().get('/api/v1/meetings').query({ seriesId, status: 'HELD' }).set(ADMIN).expect(200);
    expect(listed.body).toEqual({ items: [meeting], nextCursor: null });
    const planned = await sut.http().get('/api/v1/meetings').query({ seriesId, status: 'PLANNED' }).set(ADMIN).expect(200);
    expect(planned.body.items).toEqual([]);

    const updated = await sut
      .http()
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(ADMIN)
      .send({ location: 'Moscow, Ministry of Defence', endsAt: null, sourceUrl: null })
      .expect(200);
    expect(updated.body).toMatchObject({ location: 'Moscow, Ministry of Defence', startsAt: meeting.startsAt, endsAt: null, sourceUrl: null });
    expect(updated.body.participants).toEqual(meeting.participants);

    await sut.http().delete(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(204);
    const gone = await sut.http().get(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(404);
    expect(gone.body).toMatchObject({ status: 404, code: 'not_found' });
    await sut.http().get(`/api/v1/meetings/${meeting.id}/participants`).set(ADMIN).expect(404);
  });

  it('defaults to a planned, undated meeting in UTC without participants', async () => {
    const meeting = await post<MeetingJson>('/api/v1/meetings', { title: 'Third round of the JMCC' });
    expect(meeting).toMatchObject({
      seriesId: null,
      round: null,
      startsAt: null,
      endsAt: null,
      location: null,
      timeZone: 'UTC',
      status: 'PLANNED',
      sourceText: null,
      sourceUrl: null,
      participants: [],
    });
  });

  it('adds, lists, changes and removes participants', async () => {
    const meeting = await post<MeetingJson>('/api/v1/meetings', { title: 'Second round of the JMCC', location: 'Moscow' });
    const base = `/api/v1/meetings/${meeting.id}/participants`;

    const ikram = await post<ParticipantJson>(base, { personId: ikramId, role: 'Head of delegation' });
    expect(ikram).toMatchObject({ meetingId: meeting.id, personId: ikramId, partyId: pakistanId, role: 'Head of delegation' });
    const fomin = await post<ParticipantJson>(base, { personId: fominId, partyId: russiaId });

    const listed = await sut.http().get(base).set(ADMIN).expect(200);
    expect(listed.body).toEqual([ikram, fomin]);

    const changed = await sut.http().patch(`${base}/${fomin.id}`).set(ADMIN).send({ role: 'Head of delegation' }).expect(200);
    expect(changed.body).toEqual({ ...fomin, role: 'Head of delegation' });
    const shown = await sut.http().get(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(200);
    expect(shown.body.participants).toEqual([ikram, changed.body]);

    const twice = await sut.http().post(base).set(ADMIN).send({ personId: ikramId }).expect(409);
    expect(twice.body).toMatchObject({ status: 409, code: 'already_exists' });

    await sut.http().delete(`${base}/${ikram.id}`).set(ADMIN).expect(204);
    await sut.http().delete(`${base}/${ikram.id}`).set(ADMIN).expect(404);
    expect((await sut.http().get(base).set(ADMIN).expect(200)).body).toEqual([changed.body]);

    // A participant is only reachable through its own meeting.
    const other = await post<MeetingJson>('/api/v1/meetings', { title: 'Eastern Economic Forum' });
    await sut.http().patch(`/api/v1/meetings/${other.id}/participants/${fomin.id}`).set(ADMIN).send({ role: 'Guest' }).expect(404);
    await sut.http().delete(`/api/v1/meetings/${other.id}/participants/${fomin.id}`).set(ADMIN).expect(404);
  });

  it('pages by start, undated meetings last, skipping and repeating none', async () => {
    const seriesId = await newSeries();
    const starts = ['2020-09-15T10:00:00+05:00', null, '2019-08-20T10:00:00+03:00', '2019-08-20T07:00:00Z', null, '2021-01-10T09:00:00Z'];
    const made: MeetingJson[] = [];
    for (const [i, startsAt] of starts.entries())
      made.push(await post<MeetingJson>('/api/v1/meetings', { seriesId, round: i + 1, title: `Round ${i + 1}`, startsAt }));
    const time = (m: MeetingJson) => (m.startsAt ? Date.parse(m.startsAt) : Infinity);
    const expected = [...made].sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : 1)).map((m) => m.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sut
        .http()
        .get('/api/v1/meetings')
        .query({ seriesId, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(ADMIN)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((m: MeetingJson) => m.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('answers 400 naming each bad field', async () => {
    const backwards = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: 'JMCC', startsAt: '2019-08-20T10:00:00+03:00', endsAt: '2019-08-19T10:00:00+03:00' })
      .expect(400);
    expect(backwards.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'endsAt' }] });

    const bad = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: 'JMCC', startsAt: '2019-08-20T10:00:00', round: 0, timeZone: 'Moscow', status: 'POSTPONED', sourceUrl: 'ftp://x', venue: 'Moscow' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['round', 'sourceUrl', 'startsAt', 'status', 'timeZone', 'venue']);

    const meeting = await post<MeetingJson>('/api/v1/meetings', { title: 'JMCC', startsAt: '2019-08-20T10:00:00+03:00' });
    const earlierEnd = await sut.http().patch(`/api/v1/meetings/${meeting.id}`).set(ADMIN).send({ endsAt: '2019-08-20T06:59:59Z' }).expect(400);
    expect(earlierEnd.body.errors).toEqual([{ field: 'endsAt', message: 'Must not be before startsAt' }]);

    const badPath = await sut.http().get('/api/v1/meetings/jmcc-2/participants').set(ADMIN).expect(400);
    expect(badPath.body.errors).toEqual([{ field: 'path.id', message: 'Must be a UUID' }]);
    const badParticipant = await sut.http().delete(`/api/v1/meetings/${meeting.id}/participants/1`).set(ADMIN).expect(400);
    expect(badParticipant.body.errors).toEqual([{ field: 'path.participantId', message: 'Must be a UUID' }]);
    const badQuery = await sut.http().get('/api/v1/meetings').query({ status: 'held', limit: 1000 }).set(ADMIN).expect(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.status']);
  });

  it('answers 400 unknown_reference for a missing series, person or party', async () => {
    const missing = randomUUID();
    const noSeries = await sut.http().post('/api/v1/meetings').set(ADMIN).send({ title: 'JMCC', seriesId: missing }).expect(400);
    expect(noSeries.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'seriesId' }] });

    const noPerson = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: 'JMCC', participants: [{ personId: ikramId }, { personId: missing }] })
      .expect(400);
    expect(noPerson.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'participants.1.personId' }] });

    const meeting = await post<MeetingJson>('/api/v1/meetings', { title: 'JMCC' });
    const noParty = await sut.http().post(`/api/v1/meetings/${meeting.id}/participants`).set(ADMIN).send({ personId: fominId, partyId: missing }).expect(400);
    expect(noParty.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'partyId' }] });
    const patchSeries = await sut.http().patch(`/api/v1/meetings/${meeting.id}`).set(ADMIN).send({ seriesId: missing }).expect(400);
    expect(patchSeries.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'seriesId' }] });
  });

  it('answers 404 for a meeting that does not exist', async () => {
    const id = randomUUID();
    await sut.http().get(`/api/v1/meetings/${id}`).set(ADMIN).expect(404);
    await sut.http().patch(`/api/v1/meetings/${id}`).set(ADMIN).send({ status: 'HELD' }).expect(404);
    await sut.http().delete(`/api/v1/meetings/${id}`).set(ADMIN).expect(404);
    await sut.http().get(`/api/v1/meetings/${id}/participants`).set(ADMIN).expect(404);
    await sut.http().post(`/api/v1/meetings/${id}/participants`).set(ADMIN).send({ personId: ikramId }).expect(404);
  });

  it('refuses a second meeting with the same round of a series, or a person twice, with 409', async () => {
    const seriesId = await newSeries();
    const second = await post<MeetingJson>('/api/v1/meetings', { seriesId, round: 2, title: 'Second round' });
    const clash = await sut.http().post('/api/v1/meetings').set(ADMIN).send({ seriesId, round: 2, title: 'Second round again' }).expect(409);
    expect(clash.body).toMatchObject({ status: 409, code: 'already_exists' });
    const third = await post<MeetingJson>('/api/v1/meetings', { seriesId, round: 3, title: 'Third round' });
    await sut.http().patch(`/api/v1/meetings/${third.id}`).set(ADMIN).send({ round: second.round }).expect(409);

    const title = unique('JMCC with a person listed twice');
    const twice = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title, participants: [{ personId: ikramId }, { personId: ikramId, role: 'Head of delegation' }] })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'already_exists' });
    const nothingLeft = await sut.app.get(PrismaService).meeting.count({ where: { title } });
    expect(nothingLeft).toBe(0);
  });

  it('refuses to delete what a meeting still depends on, and a meeting commitments depend on, with 409', async () => {
    const seriesId = await newSeries();
    const attendee = await newPerson(unique('Delegate'), pakistanId);
    const meeting = await post<MeetingJson>('/api/v1/meetings', { seriesId, round: 1, title: 'First round', participants: [{ personId: attendee }] });

    const series = await sut.http().delete(`/api/v1/meeting-series/${seriesId}`).set(ADMIN).expect(409);
    expect(series.body).toMatchObject({ code: 'still_referenced' });
    const person = await sut.http().delete(`/api/v1/people/${attendee}`).set(ADMIN).expect(409);
    expect(person.body).toMatchObject({ code: 'still_referenced' });

    await sut.app.get(PrismaService).commitment.create({ data: { title: 'Hold the third round in Pakistan next year', meetingId: meeting.id } });
    const withCommitment = await sut.http().delete(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(409);
    expect(withCommitment.body).toMatchObject({ status: 409, code: 'still_referenced' });
    await sut.http().get(`/api/v1/meetings/${meeting.id}`).set(ADMIN).expect(200);
  });
});
