import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

describe('parties', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('creates, reads, lists, updates and deletes a party', async () => {
    const name = unique('Ministry of Defence');
    const created = await sut.http().post('/api/v1/parties').set(ADMIN).send({ name, kind: 'MINISTRY' }).expect(201);
    expect(created.body).toMatchObject({ name, kind: 'MINISTRY' });
    const id = created.body.id as string;

    await sut.http().get(`/api/v1/parties/${id}`).set(ADMIN).expect(200, created.body);
    const listed = await sut.http().get('/api/v1/parties').query({ q: name }).set(ADMIN).expect(200);
    expect(listed.body).toEqual({ items: [created.body], nextCursor: null });

    const updated = await sut.http().patch(`/api/v1/parties/${id}`).set(ADMIN).send({ kind: 'COUNTRY' }).expect(200);
    expect(updated.body).toMatchObject({ id, name, kind: 'COUNTRY' });

    await sut.http().delete(`/api/v1/parties/${id}`).set(ADMIN).expect(204);
    const gone = await sut.http().get(`/api/v1/parties/${id}`).set(ADMIN).expect(404);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a duplicate name with 409', async () => {
    const name = unique('Russia');
    await sut.http().post('/api/v1/parties').set(ADMIN).send({ name }).expect(201);
    const clash = await sut.http().post('/api/v1/parties').set(ADMIN).send({ name }).expect(409);
    expect(clash.body).toMatchObject({ code: 'already_exists' });
  });
});
