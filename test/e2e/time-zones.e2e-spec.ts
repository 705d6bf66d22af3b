import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { badFields, expectProblem } from '../support/problem.js';

/**
 * Every name of the time zone database is a time zone, canonical or a link: extraction emits
 * Asia/Kolkata, and Kyiv was renamed in 2022. The runtime's Intl list holds one spelling per zone only.
 */
describe('time zones', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  let partyId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
    partyId = (await prisma.party.create({ data: { name: unique('India'), kind: 'COUNTRY' } })).id;
  });
  afterAll(async () => {
    await sut.close();
  });

  const zones = ['Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC', 'Asia/Calcutta', 'Europe/Kiev', 'America/Argentina/Buenos_Aires', 'UTC'];

  it.each(zones)('%s is accepted for a person, a meeting and a deadline, created and patched', async (timeZone) => {
    const email = `${unique('officer').replace(' ', '.')}@mea.test`;
    const person = await sut.http().post('/api/v1/people').set(ADMIN).send({ name: 'Officer', email, partyId, timeZone }).expect(201);
    expect(person.body.timeZone).toBe(timeZone);

    const meeting = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: unique('Round'), timeZone })
      .expect(201);
    expect(meeting.body.timeZone).toBe(timeZone);

    const created = await sut
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'Hold the round', deadline: { precision: 'YEAR', value: '2030', timeZone } })
      .expect(201);
    expect(created.body.deadline.timeZone).toBe(timeZone);
    const patched = await sut
      .http()
      .patch(`/api/v1/commitments/${created.body.id as string}`)
      .set(ADMIN)
      .set('If-Match', '"1"')
      .send({ deadline: { precision: 'MONTH', value: '2030-09', timeZone } })
      .expect(200);
    expect(patched.body.deadline).toMatchObject({ timeZone, label: 'September 2030' });
  });

  it('puts the window in the zone: Asia/Kolkata is UTC+05:30', async () => {
    const res = await sut
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'Report', deadline: { precision: 'DAY', value: '2030-01-15', timeZone: 'Asia/Kolkata' } })
      .expect(201);
    expect(res.body.deadline).toMatchObject({ start: '2030-01-15T00:00:00.000+05:30', end: '2030-01-15T23:59:59.999+05:30' });
  });

  it.each(['Mars/Olympus', 'Moscow', '+05:30', ''])('%j is refused with the field named', async (timeZone) => {
    const res = await sut
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: unique('Round'), timeZone });
    expectProblem(res, 400);
    expect(badFields(res)).toEqual(['timeZone']);
  });
});
