import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import type { MeetingSeriesJson } from '../../src/meeting-series/meeting-series.schemas.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

describe('meeting series', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  const createSeries = async (body: Record<string, unknown>): Promise<MeetingSeriesJson> =>
    (await sut.http().post('/api/v1/meeting-series').set(ADMIN).send(body).expect(201)).body as MeetingSeriesJson;

  it('creates, reads, lists, updates and deletes a series', async () => {
    const name = unique('Pakistan-Russia Joint Military Consultative Committee');
    const shortName = unique('JMCC');
    const created = await sut.http().post('/api/v1/meeting-series').set(ADMIN).send({ name, shortName }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      shortName,
      description: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;

    await sut.http().get(`/api/v1/meeting-series/${id}`).set(ADMIN).expect(200, created.body);
    const byShortName = await sut.http().get('/api/v1/meeting-series').query({ q: shortName.toLowerCase() }).set(ADMIN).expect(200);
    expect(byShortName.body).toEqual({ items: [created.body], nextCursor: null });

    const description = 'Defence consultations, alternating between Moscow and Rawalpindi';
    const updated = await sut.http().patch(`/api/v1/meeting-series/${id}`).set(ADMIN).send({ description, shortName: null }).expect(200);
    expect(updated.body).toMatchObject({ id, name, shortName: null, description });

    await sut.http().delete(`/api/v1/meeting-series/${id}`).set(ADMIN).expect(204);
    const gone = await sut.http().get(`/api/v1/meeting-series/${id}`).set(ADMIN).expect(404);
    expect(gone.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('pages through series with a cursor, skipping and repeating none', async () => {
    const prefix = unique('Consultative Committee');
    for (const n of [3, 1, 2, 5, 4]) await createSeries({ name: `${prefix} ${n}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sut
        .http()
        .get('/api/v1/meeting-series')
        .query({ q: prefix, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(ADMIN)
        .expect(200);
      seen.push(...page.body.items.map((s: MeetingSeriesJson) => s.name));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix} ${n}`));

    const badCursor = await sut.http().get('/api/v1/meeting-series').query({ cursor: 'not-ours' }).set(ADMIN).expect(400);
    expect(badCursor.body.code).toBe('invalid_cursor');
  });

  it('refuses a duplicate name or short name with 409', async () => {
    const series = await createSeries({ name: unique('JMCC'), shortName: unique('JMCC') });
    const sameName = await sut.http().post('/api/v1/meeting-series').set(ADMIN).send({ name: series.name }).expect(409);
    expect(sameName.body).toMatchObject({ code: 'already_exists' });
    const sameShortName = await sut
      .http()
      .post('/api/v1/meeting-series')
      .set(ADMIN)
      .send({ name: unique('JMCC'), shortName: series.shortName })
      .expect(409);
    expect(sameShortName.body).toMatchObject({ code: 'already_exists' });
  });

  it('answers 400 naming each bad field, 404 for a missing series', async () => {
    const bad = await sut.http().post('/api/v1/meeting-series').set(ADMIN).send({ name: '', chair: 'Pakistan' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['chair', 'name']);
    await sut.http().patch('/api/v1/meeting-series/42').set(ADMIN).send({ name: 'JMCC' }).expect(400);

    const missing = randomUUID();
    await sut.http().get(`/api/v1/meeting-series/${missing}`).set(ADMIN).expect(404);
    await sut.http().patch(`/api/v1/meeting-series/${missing}`).set(ADMIN).send({ shortName: 'JMCC' }).expect(404);
    await sut.http().delete(`/api/v1/meeting-series/${missing}`).set(ADMIN).expect(404);
  });

  it('refuses to delete a series that has meetings, with 409', async () => {
    const series = await createSeries({ name: unique('JMCC') });
    await sut.app.get(PrismaService).meeting.create({ data: { seriesId: series.id, round: 2, title: 'Second round of the JMCC' } });
    const refused = await sut.http().delete(`/api/v1/meeting-series/${series.id}`).set(ADMIN).expect(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'still_referenced' });
  });
});
