import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

type Item = {
  id: string;
  title: string;
  description: string | null;
  overdue: boolean;
  responsiblePersonIds: string[];
  deadline: { label: string } | null;
};

/**
 * Lists keep the JSON of the rows they served and reuse it while a row's version stays the same:
 * whatever changes a listed commitment, by whatever route, the next list must show it.
 */
describe('commitment lists never show a changed commitment as it was', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  const tag = unique('fresh').replace(' ', '-');

  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
  });
  afterAll(async () => {
    await sut.close();
  });

  const create = async (body: Record<string, unknown>) => (await sut.http().post('/api/v1/commitments').set(ADMIN).send({ tags: [tag], ...body }).expect(201)).body as Item;
  const listed = async (id: string, query: Record<string, unknown> = { tag }) => {
    const { items } = (await sut.http().get('/api/v1/commitments').query({ limit: 200, ...query }).set(ADMIN).expect(200)).body as { items: Item[] };
    const item = items.find((i) => i.id === id);
    if (!item) throw new Error(`${id} is not in the list`);
    return item;
  };

  it('shows an edit made in SQL, outside the API, that left the version as it was', async () => {
    const { id } = await create({ title: unique('Edited outside') });
    await listed(id);
    await prisma.$executeRaw`UPDATE commitment SET title = 'Renamed in SQL' WHERE id = ${id}::uuid`;
    expect((await listed(id)).title).toBe('Renamed in SQL');
  });

  it('shows people added or removed in SQL', async () => {
    const person = await prisma.person.create({ data: { name: 'Desk officer', email: `${unique('desk').replace(' ', '.')}@example.org` } });
    const { id } = await create({ title: unique('People change') });
    expect((await listed(id)).responsiblePersonIds).toEqual([]);
    await prisma.$executeRaw`INSERT INTO commitment_person (commitment_id, person_id, role) VALUES (${id}::uuid, ${person.id}::uuid, 'RESPONSIBLE')`;
    expect((await listed(id)).responsiblePersonIds).toEqual([person.id]);
    await prisma.$executeRaw`DELETE FROM commitment_person WHERE commitment_id = ${id}::uuid`;
    expect((await listed(id)).responsiblePersonIds).toEqual([]);
  });

  it('labels a deadline at a meeting with the meeting’s and its series’ current names', async () => {
    const series = await prisma.meetingSeries.create({ data: { name: unique('Joint Commission') } });
    const meeting = await prisma.meeting.create({ data: { title: unique('Round'), round: 3, seriesId: series.id } });
    const { id } = await create({ title: unique('Due at a meeting'), deadline: { precision: 'MEETING', meetingId: meeting.id } });
    expect((await listed(id)).deadline?.label).toContain(series.name);

    await prisma.meetingSeries.update({ where: { id: series.id }, data: { name: `${series.name} renamed` } });
    expect((await listed(id)).deadline?.label).toContain(`${series.name} renamed`);
    await prisma.meeting.update({ where: { id: meeting.id }, data: { round: 4 } });
    const label = (await listed(id)).deadline?.label;
    const single = (await sut.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200)).body as Item;
    expect(label).toBe(single.deadline?.label);
    expect(label).toBe(`at ${series.name} renamed round 4`);
  });

  it('turns overdue when the deadline passes, with nothing written', async () => {
    const due = new Date(Date.now() + 1500);
    const { id } = await create({ title: unique('Due in a moment'), deadline: { precision: 'DATETIME', value: due.toISOString() } });
    expect((await listed(id)).overdue).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now() + 100));
    expect((await listed(id)).overdue).toBe(true);
  });

  describe('a search ranked before', () => {
    const search = async (query: Record<string, unknown>) =>
      ((await sut.http().get('/api/v1/commitments').query({ limit: 50, ...query }).set(ADMIN).expect(200)).body as { items: Item[] }).items.map((i) => i.title).sort();

    it('finds commitments added, and loses those deleted, in SQL since', async () => {
      const word = unique('zr').replace(' ', '');
      await create({ title: `Consult on ${word}` });
      expect(await search({ q: word })).toEqual([`Consult on ${word}`]);
      expect(await search({ q: word })).toEqual([`Consult on ${word}`]);
      await prisma.$executeRaw`INSERT INTO commitment (id, title, updated_at) VALUES (gen_random_uuid(), ${`Report on ${word}`}, now())`;
      expect(await search({ q: word })).toEqual([`Consult on ${word}`, `Report on ${word}`]);
      await prisma.$executeRaw`UPDATE commitment SET deleted_at = now() WHERE title = ${`Consult on ${word}`}`;
      expect(await search({ q: word })).toEqual([`Report on ${word}`]);
    });

    it('follows a meeting moved to another series', async () => {
      const word = unique('zs').replace(' ', '');
      const [from, to] = [await prisma.meetingSeries.create({ data: { name: unique('From') } }), await prisma.meetingSeries.create({ data: { name: unique('To') } })];
      const meeting = await prisma.meeting.create({ data: { title: unique('Moved'), seriesId: from.id } });
      await create({ title: `Brief on ${word}`, meetingId: meeting.id });
      expect(await search({ q: word, seriesId: from.id })).toEqual([`Brief on ${word}`]);
      await prisma.$executeRaw`UPDATE meeting SET series_id = ${to.id}::uuid WHERE id = ${meeting.id}::uuid`;
      expect(await search({ q: word, seriesId: from.id })).toEqual([]);
      expect(await search({ q: word, seriesId: to.id })).toEqual([`Brief on ${word}`]);
    });
  });

  it('lets a writer of a commitment go ahead while another transaction writes a meeting', async () => {
    const { id } = await create({ title: unique('Uncontended') });
    const meeting = await prisma.meeting.create({ data: { title: unique('Busy meeting') } });
    const [first, second] = [new pg.Client({ connectionString: process.env.DATABASE_URL }), new pg.Client({ connectionString: process.env.DATABASE_URL })];
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('BEGIN');
      await first.query('UPDATE meeting SET title = title WHERE id = $1', [meeting.id]);
      // Nothing shared: the commitment's write commits while the meeting's transaction is still open.
      await second.query('UPDATE commitment SET title = $2 WHERE id = $1', [id, 'second']);
      expect((await listed(id)).title).toBe('second');
      await first.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('serves search results as current as lists', async () => {
    const word = unique('zq').replace(' ', '');
    const { id } = await create({ title: `Consult on ${word}` });
    expect((await listed(id, { q: word })).description).toBeNull();
    await prisma.$executeRaw`UPDATE commitment SET description = 'Added in SQL' WHERE id = ${id}::uuid`;
    expect((await listed(id, { q: word })).description).toBe('Added in SQL');
  });
});
