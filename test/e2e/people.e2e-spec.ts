import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import type { PersonJson } from '../../src/people/person.schemas.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

describe('people', () => {
  let sut: TestApp;
  let pakistanId: string;
  beforeAll(async () => {
    sut = await startTestApp();
    const party = await sut
      .http()
      .post('/api/v1/parties')
      .set(ADMIN)
      .send({ name: unique('Pakistan'), kind: 'COUNTRY' })
      .expect(201);
    pakistanId = party.body.id;
  });
  afterAll(async () => {
    await sut.close();
  });

  const emailFor = (name: string) => `${name.replace(/\W+/g, '.')}@MOD.example.pk`;
  const createPerson = async (body: Record<string, unknown>): Promise<PersonJson> =>
    (await sut.http().post('/api/v1/people').set(ADMIN).send(body).expect(201)).body as PersonJson;

  it('creates, reads, lists, updates and deletes a person', async () => {
    const name = unique('Ikram-ul-Haq');
    const email = emailFor(name);
    const created = await sut
      .http()
      .post('/api/v1/people')
      .set(ADMIN)
      .send({ name, title: 'Defence Secretary', email, partyId: pakistanId, timeZone: 'Asia/Karachi' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      title: 'Defence Secretary',
      email: email.toLowerCase(),
      partyId: pakistanId,
      timeZone: 'Asia/Karachi',
      escalationContactId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;

    await sut.http().get(`/api/v1/people/${id}`).set(ADMIN).expect(200, created.body);
    const byName = await sut.http().get('/api/v1/people').query({ q: name }).set(ADMIN).expect(200);
    expect(byName.body).toEqual({ items: [created.body], nextCursor: null });
    const byEmail = await sut.http().get('/api/v1/people').query({ q: email.toUpperCase(), partyId: pakistanId }).set(ADMIN).expect(200);
    expect(byEmail.body.items).toEqual([created.body]);

    const updated = await sut.http().patch(`/api/v1/people/${id}`).set(ADMIN).send({ title: null, partyId: null }).expect(200);
    expect(updated.body).toMatchObject({ id, name, title: null, partyId: null, timeZone: 'Asia/Karachi' });
    const otherParty = await sut.http().get('/api/v1/people').query({ q: name, partyId: pakistanId }).set(ADMIN).expect(200);
    expect(otherParty.body.items).toEqual([]);

    await sut.http().delete(`/api/v1/people/${id}`).set(ADMIN).expect(204);
    const gone = await sut.http().get(`/api/v1/people/${id}`).set(ADMIN).expect(404);
    expect(gone.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('defaults the time zone to UTC and the optional fields to null', async () => {
    const name = unique('Alexander V. Fomin');
    const created = await createPerson({ name, email: emailFor(name) });
    expect(created).toMatchObject({ timeZone: 'UTC', title: null, partyId: null, escalationContactId: null });
  });

  it('pages through people with a cursor, skipping and repeating no one', async () => {
    const prefix = unique('Delegate');
    const ids: string[] = [];
    for (const n of [4, 1, 3, 5, 2]) ids.push((await createPerson({ name: `${prefix} ${n}`, email: emailFor(`${prefix} ${n}`) })).id);
    const expected = [1, 2, 3, 4, 5].map((n) => `${prefix} ${n}`);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sut
        .http()
        .get('/api/v1/people')
        .query({ q: prefix, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(ADMIN)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { name: string }) => p.name));
      cursor = page.body.nextCursor ?? undefined;
      // A person added before the cursor's position must not shift the pages that follow.
      if (seen.length === 2) await createPerson({ name: `${prefix} 0`, email: emailFor(`${prefix} 0`) });
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('refuses a duplicate email in any case with 409', async () => {
    const name = unique('Fomin');
    await createPerson({ name, email: emailFor(name) });
    const clash = await sut
      .http()
      .post('/api/v1/people')
      .set(ADMIN)
      .send({ name, email: emailFor(name).toLowerCase() })
      .expect(409);
    expect(clash.body).toMatchObject({ status: 409, code: 'already_exists' });
  });

  it('answers 400 naming each bad field', async () => {
    const bad = await sut
      .http()
      .post('/api/v1/people')
      .set(ADMIN)
      .send({ name: 'Ikram-ul-Haq', email: 'not-an-email', timeZone: 'Asia/Lahore', rank: 'General' })
      .expect(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'rank', 'timeZone']);

    const badId = await sut.http().get('/api/v1/people/not-a-uuid').set(ADMIN).expect(400);
    expect(badId.body.errors).toEqual([{ field: 'path.id', message: 'Must be a UUID' }]);
    const badQuery = await sut.http().get('/api/v1/people').query({ partyId: 'pakistan' }).set(ADMIN).expect(400);
    expect(badQuery.body.errors[0].field).toBe('query.partyId');
  });

  it('answers 400 unknown_reference for a missing party or escalation contact', async () => {
    const name = unique('Ikram-ul-Haq');
    const missing = randomUUID();
    const noParty = await sut
      .http()
      .post('/api/v1/people')
      .set(ADMIN)
      .send({ name, email: emailFor(name), partyId: missing })
      .expect(400);
    expect(noParty.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'partyId' }] });

    const person = await createPerson({ name, email: emailFor(name) });
    const noContact = await sut.http().patch(`/api/v1/people/${person.id}`).set(ADMIN).send({ escalationContactId: missing }).expect(400);
    expect(noContact.body).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'escalationContactId' }] });
    const self = await sut.http().patch(`/api/v1/people/${person.id}`).set(ADMIN).send({ escalationContactId: person.id }).expect(400);
    expect(self.body.errors).toEqual([{ field: 'escalationContactId', message: expect.any(String) }]);
  });

  it('answers 404 for a person that does not exist', async () => {
    const id = randomUUID();
    await sut.http().get(`/api/v1/people/${id}`).set(ADMIN).expect(404);
    await sut.http().patch(`/api/v1/people/${id}`).set(ADMIN).send({ title: 'Minister' }).expect(404);
    await sut.http().delete(`/api/v1/people/${id}`).set(ADMIN).expect(404);
  });

  it('refuses to delete a person still referenced, with 409', async () => {
    const bossName = unique('Minister of Defence');
    const boss = await createPerson({ name: bossName, email: emailFor(bossName) });
    const aideName = unique('Defence Secretary');
    const aide = await createPerson({ name: aideName, email: emailFor(aideName), escalationContactId: boss.id });
    expect(aide.escalationContactId).toBe(boss.id);

    const escalation = await sut.http().delete(`/api/v1/people/${boss.id}`).set(ADMIN).expect(409);
    expect(escalation.body).toMatchObject({ status: 409, code: 'still_referenced' });

    await sut.app.get(PrismaService).commitment.create({
      data: { title: 'Hold the third round of the JMCC in Pakistan', people: { create: { personId: aide.id, role: 'RESPONSIBLE' } } },
    });
    const commitment = await sut.http().delete(`/api/v1/people/${aide.id}`).set(ADMIN).expect(409);
    expect(commitment.body).toMatchObject({ code: 'still_referenced' });
  });
});
