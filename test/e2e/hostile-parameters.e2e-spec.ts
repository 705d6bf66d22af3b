import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { badFields, expectProblem } from '../support/problem.js';

describe('hostile and careless parameters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const email = () => `${unique('tz').replace(/\W+/g, '.')}@example.org`;

  describe('a person’s time zone', () => {
    // The browser's time zone data knows these; PostgreSQL, which times digests in the person's zone,
    // does not (removed names, Java's three-letter ids) or reads them as abbreviations meaning
    // something else (IST is Israel there, India here; CET a fixed +01:00 there, with summer time
    // here). One such person stopped every digest; CET would have timed them an hour off in summer.
    it.each(['US/Pacific-New', 'Canada/East-Saskatchewan', 'IST', 'AET', 'PRT', 'CET', 'wet'])('refuses %s with a 400 naming timeZone', async (timeZone) => {
      const created = await t.http().post('/api/v1/people').set(ADMIN).send({ name: 'Careless', email: email(), timeZone });
      expectProblem(created, 400, 'validation_failed');
      expect(badFields(created)).toEqual(['timeZone']);

      const person = await t.http().post('/api/v1/people').set(ADMIN).send({ name: 'Careful', email: email() }).expect(201);
      const updated = await t.http().patch(`/api/v1/people/${person.body.id}`).set(ADMIN).send({ timeZone });
      expectProblem(updated, 400, 'validation_failed');
      expect(badFields(updated)).toEqual(['timeZone']);
    });

    it.each(['Asia/Calcutta', 'asia/kolkata', 'Europe/Kyiv', 'Etc/GMT-14', 'UTC', 'EST'])('still takes %s', async (timeZone) => {
      const created = await t.http().post('/api/v1/people').set(ADMIN).send({ name: 'Traveller', email: email(), timeZone }).expect(201);
      expect(created.body.timeZone).toBe(timeZone);
    });
  });

  describe('a full-text query', () => {
    const dashes = `${'-'.repeat(40)} a`;

    it.each(['/api/v1/commitments', '/api/v1/commitments/export.csv', '/api/v1/dashboard/summary'])(
      'answers %s 400 naming q for a line of dashes',
      async (path) => {
        const res = await t.http().get(path).query({ q: dashes }).set(ADMIN);
        expectProblem(res, 400, 'validation_failed');
        expect(badFields(res)).toEqual(['query.q']);
      },
    );

    it('refuses a calendar feed whose filter has a line of dashes, which every read of the feed would fail on', async () => {
      const res = await t
        .http()
        .post('/api/v1/calendar-feeds')
        .set(ADMIN)
        .send({ filter: { q: `${'- '.repeat(40)}a` } });
      expectProblem(res, 400, 'validation_failed');
    });

    it.each([`${'-'.repeat(30)}a`, `${'x-'.repeat(90)}ray`, 'forum -cancelled -postponed "third round"'])('still searches for %s', async (q) => {
      await t.http().get('/api/v1/commitments').query({ q }).set(ADMIN).expect(200);
    });
  });

  describe('forged cursors', () => {
    const cursor = (position: Record<string, unknown>) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const nobody = '00000000-0000-0000-0000-000000000000';
    const createCommitment = () =>
      t
        .http()
        .post('/api/v1/commitments')
        .set(ADMIN)
        .send({ title: unique('Hold the third round') })
        .expect(201);

    it('answers 400 invalid_cursor, not 500, for positions the database cannot hold', async () => {
      const created = await createCommitment();
      const yearZero = '0000-01-01T00:00:00.000Z';
      const forged = [
        `/api/v1/commitments/${created.body.id}/events?cursor=${cursor({ seq: '9999999999999999999' })}`,
        `/api/v1/reminders?cursor=${cursor({ fireAt: yearZero, id: nobody })}`,
        `/api/v1/reminder-opt-outs?cursor=${cursor({ createdAt: yearZero, id: nobody })}`,
        `/api/v1/meetings?cursor=${cursor({ startsAt: yearZero, id: nobody })}`,
        `/api/v1/commitments?cursor=${cursor({ s: 'deadline', o: 'asc', v: yearZero, id: nobody })}`,
        `/api/v1/commitments?q=round&cursor=${cursor({ s: 'relevance', r: 0.5, id: nobody, t: yearZero })}`,
      ];
      for (const path of forged) expectProblem(await t.http().get(path).set(ADMIN), 400, 'invalid_cursor');
    });

    it('still follows cursors at the edges it writes itself', async () => {
      const created = await createCommitment();
      await t
        .http()
        .get(`/api/v1/commitments/${created.body.id}/events?cursor=${cursor({ seq: '9223372036854775807' })}`)
        .set(ADMIN)
        .expect(200);
      await t
        .http()
        .get(`/api/v1/reminders?cursor=${cursor({ fireAt: '+010009-12-31T23:59:59.999Z', id: nobody })}`)
        .set(ADMIN)
        .expect(200);
    });
  });

  it('answers a request past the header limit as a problem, whether the headers or the query string are long', async () => {
    const longHeader = await t.http().get('/api/v1/commitments').set(ADMIN).set('X-Note', 'a'.repeat(20_000));
    expectProblem(longHeader, 431, 'headers_too_large');
    const longQuery = await t
      .http()
      .get(`/api/v1/commitments?${'status=OPEN&'.repeat(2_000)}`)
      .set(ADMIN);
    expectProblem(longQuery, 431, 'headers_too_large');
    await t.http().get('/health').expect(200);
  });

  it('answers a plain OPTIONS, without the headers of a browser’s preflight, with what the API allows', async () => {
    for (const path of ['/api/v1/people', '/actions/not-a-token']) {
      const res = await t.http().options(path);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-methods']).toMatch(/PATCH/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('searches names for % and _ as the characters they are, not as wildcards', async () => {
    const tag = unique('').trim();
    const names = [`Wild_card ${tag}`, `WildXcard ${tag}`, `Hundred% ${tag}`, `Hundred percent ${tag}`];
    for (const name of names) {
      await t.http().post('/api/v1/parties').set(ADMIN).send({ name, kind: 'MINISTRY' }).expect(201);
      await t.http().post('/api/v1/meeting-series').set(ADMIN).send({ name }).expect(201);
      await t.http().post('/api/v1/people').set(ADMIN).send({ name, email: email() }).expect(201);
    }
    for (const resource of ['parties', 'meeting-series', 'people']) {
      const found = async (q: string) =>
        ((await t.http().get(`/api/v1/${resource}`).query({ q, limit: 200 }).set(ADMIN).expect(200)).body.items as { name: string }[])
          .map((i) => i.name)
          .filter((n) => n.endsWith(tag));
      expect(await found(`Wild_card ${tag}`)).toEqual([`Wild_card ${tag}`]);
      expect(await found(`Hundred% ${tag}`)).toEqual([`Hundred% ${tag}`]);
      expect(await found(`Wild\\card`)).toEqual([]);
    }
  });
});
