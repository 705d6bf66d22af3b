import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { RANKED_CANDIDATES, RECENT_SCAN } from '../../src/commitments/commitment-list.sql.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

type Item = { id: string; title: string };

const randomLetters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

describe('commitment list', () => {
  let sut: TestApp;
  let prisma: PrismaService;

  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
  });
  afterAll(async () => {
    await sut.close();
  });

  const tagged = () => unique('t').replace(' ', '-');
  const create = async (body: Record<string, unknown>) => (await sut.http().post('/api/v1/commitments').set(ADMIN).send(body).expect(201)).body as Item;
  const list = async (query: Record<string, unknown>) =>
    (await sut.http().get('/api/v1/commitments').query(query).set(ADMIN).expect(200)).body as { items: Item[]; nextCursor: string | null; total?: number };
  const titles = async (query: Record<string, unknown>) => (await list({ limit: 200, ...query })).items.map((i) => i.title).sort();

  /** Every page until the end; `between` runs after each page (to insert rows while paging). */
  async function pageThrough(query: Record<string, unknown>, between: (page: number) => Promise<void> = async () => {}): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const body = await list({ ...query, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...body.items.map((i) => i.title));
      cursor = body.nextCursor;
      await between(page++);
    } while (cursor);
    return seen;
  }

  describe('dueFrom/dueTo match when the deadline window overlaps the range', () => {
    const tag = tagged();
    beforeAll(async () => {
      const meeting = await prisma.meeting.create({ data: { title: unique('Undated round') } });
      for (const [title, deadline] of [
        ['day', { precision: 'DAY', value: '2020-03-15' }],
        ['day-karachi', { precision: 'DAY', value: '2020-03-15', timeZone: 'Asia/Karachi' }],
        ['month', { precision: 'MONTH', value: '2020-03' }],
        ['quarter', { precision: 'QUARTER', value: '2020-Q1' }],
        ['year', { precision: 'YEAR', value: '2020' }],
        ['datetime', { precision: 'DATETIME', value: '2020-03-15T10:00:00Z' }],
        ['undated-meeting', { precision: 'MEETING', meetingId: meeting.id }],
      ] as const) {
        await create({ title, tags: [tag], deadline });
      }
    });

    it.each([
      ['2020-03-15', '2020-03-15', ['datetime', 'day', 'day-karachi', 'month', 'quarter', 'year']],
      ['2020-03-16', '2020-03-31', ['month', 'quarter', 'year']],
      ['2020-04-01', '2020-06-30', ['year']],
      ['2020-03-15T10:00:00.001Z', '2020-03-15T11:00:00Z', ['day', 'day-karachi', 'month', 'quarter', 'year']],
      ['2020-03-15T09:00:00Z', '2020-03-15T10:00:00Z', ['datetime', 'day', 'day-karachi', 'month', 'quarter', 'year']],
      // ... and ends at 19:00 UTC on the 15th.
      ['2020-03-15T19:00:00Z', '2020-03-15T20:00:00Z', ['day', 'month', 'quarter', 'year']],
      // Karachi's 15 March begins at 19:00 UTC on the 14th.
      ['2020-03-14', '2020-03-14', ['day-karachi', 'month', 'quarter', 'year']],
      ['2021-01-01', '2021-12-31', []],
    ])('%s..%s', async (dueFrom, dueTo, expected) => {
      expect(await titles({ tag, dueFrom, dueTo })).toEqual([...expected].sort());
    });

    it('labels each deadline in the list as a single commitment is labelled', async () => {
      const items = (await list({ tag, limit: 50 })).items as (Item & { deadline: { label: string } })[];
      for (const item of items) {
        const one = (await sut.http().get(`/api/v1/commitments/${item.id}`).set(ADMIN).expect(200)).body as { deadline: unknown };
        expect(item.deadline).toEqual(one.deadline);
      }
      expect(items.find((i) => i.title === 'undated-meeting')?.deadline.label).toMatch(/^at .*Undated round/);
    });

    it('takes either bound alone; undated commitments never match', async () => {
      expect(await titles({ tag, dueFrom: '2020-12-31' })).toEqual(['year']);
      expect(await titles({ tag, dueTo: '2020-01-01' })).toEqual(['quarter', 'year']);
    });
  });

  describe('filters', () => {
    const tag = tagged();
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const party = async (name: string) => (await prisma.party.create({ data: { name: unique(name) } })).id;
      Object.assign(ids, { pakistan: await party('Pakistan'), russia: await party('Russia'), china: await party('China') });
      const series = await prisma.meetingSeries.create({ data: { name: unique('JMCC') } });
      const other = await prisma.meetingSeries.create({ data: { name: unique('Forum') } });
      ids.round2 = (await prisma.meeting.create({ data: { title: 'Round 2', seriesId: series.id, round: 2 } })).id;
      ids.round3 = (await prisma.meeting.create({ data: { title: 'Round 3', seriesId: series.id, round: 3 } })).id;
      ids.forum = (await prisma.meeting.create({ data: { title: 'Forum', seriesId: other.id, round: 1 } })).id;
      ids.series = series.id;
      ids.ikram = (await prisma.person.create({ data: { name: 'Ikram', email: `${tag}.ikram@mod.test` } })).id;
      ids.fomin = (await prisma.person.create({ data: { name: 'Fomin', email: `${tag}.fomin@mil.test` } })).id;
      const past = { precision: 'YEAR', value: '2019' };
      const future = { precision: 'YEAR', value: '2999' };
      await create({
        title: 'a',
        tags: [tag, 'visit'],
        status: 'OPEN',
        deadline: past,
        ownerPartyId: ids.pakistan,
        counterpartyId: ids.russia,
        meetingId: ids.round2,
        responsiblePersonIds: [ids.ikram],
      });
      await create({
        title: 'b',
        tags: [tag],
        status: 'IN_PROGRESS',
        deadline: future,
        ownerPartyId: ids.pakistan,
        counterpartyId: ids.china,
        meetingId: ids.round3,
        watcherPersonIds: [ids.ikram],
      });
      await create({
        title: 'c',
        tags: [tag],
        status: 'DONE',
        deadline: past,
        ownerPartyId: ids.russia,
        counterpartyId: ids.pakistan,
        meetingId: ids.round2,
        responsiblePersonIds: [ids.fomin],
      });
      await create({
        title: 'd',
        tags: [tag, 'visit'],
        status: 'DEFERRED',
        deadline: past,
        ownerPartyId: ids.russia,
        meetingId: ids.forum,
        responsiblePersonIds: [ids.ikram, ids.fomin],
      });
      await create({ title: 'e', tags: [tag], status: 'PROPOSED' });
    });

    it.each([
      [{ status: 'OPEN' }, ['a']],
      [{ status: ['OPEN', 'DONE'] }, ['a', 'c']],
      [{ overdue: 'true' }, ['a', 'd']],
      [{ overdue: 'false' }, ['b', 'c', 'e']],
      [{ partyKey: 'pakistan' }, ['a', 'b']],
      [{ counterpartyKey: 'pakistan' }, ['c']],
      [{ personKey: 'ikram' }, ['a', 'd']],
      [{ meetingKey: 'round2' }, ['a', 'c']],
      [{ seriesKey: 'series' }, ['a', 'b', 'c']],
      [{ extraTag: 'visit' }, ['a', 'd']],
      [{ partyKey: 'russia', overdue: 'true' }, ['d']],
      [{ seriesKey: 'series', status: ['OPEN', 'IN_PROGRESS', 'DONE'], personKey: 'fomin' }, ['c']],
    ])('%j', async (spec, expected) => {
      const { partyKey, counterpartyKey, personKey, meetingKey, seriesKey, extraTag, ...rest } = spec as Record<string, string>;
      const query: Record<string, unknown> = { ...rest, tag: extraTag ?? tag };
      if (partyKey) query.partyId = ids[partyKey];
      if (counterpartyKey) query.counterpartyId = ids[counterpartyKey];
      if (personKey) query.personId = ids[personKey];
      if (meetingKey) query.meetingId = ids[meetingKey];
      if (seriesKey) query.seriesId = ids[seriesKey];
      expect(await titles(query)).toEqual(expected);
    });

    it('adds the total on request', async () => {
      const body = await list({ tag, limit: 2, includeTotal: 'true' });
      expect(body.total).toBe(5);
      expect(body.items).toHaveLength(2);
      expect((await list({ tag })).total).toBeUndefined();
    });

    it('orders by deadline end (undated last) by default, and by created or updated on request', async () => {
      expect((await list({ tag })).items.map((i) => i.title).slice(-2)).toEqual(['b', 'e']);
      expect((await list({ tag, sort: 'deadline', order: 'desc' })).items[0].title).toBe('e');
      expect((await list({ tag, sort: 'created' })).items.map((i) => i.title)).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect((await list({ tag, sort: 'created', order: 'asc' })).items.map((i) => i.title)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });
  });

  describe('full-text search', () => {
    const tag = tagged();
    beforeAll(async () => {
      await create({ title: 'Hold the third consultative round in Pakistan', tags: [tag] });
      await create({ title: 'Exchange delegations', description: 'Prepare a consultative visit of cadets', tags: [tag] });
      await create({ title: 'Report on training', sourceQuote: 'The sides agreed to hold consultative meetings.', tags: [tag] });
      await create({ title: 'Sign the naval agreement', tags: [tag] });
    });

    it('searches title, description and source quote, title matches first', async () => {
      const found = (await list({ tag, q: 'consultative' })).items.map((i) => i.title);
      expect(found).toEqual(['Hold the third consultative round in Pakistan', expect.any(String), expect.any(String)]);
      expect(found.slice(1).sort()).toEqual(['Exchange delegations', 'Report on training']);
      expect((await list({ tag, q: 'consultations' })).items).toHaveLength(3);
      expect((await list({ tag, q: 'naval -pakistan' })).items.map((i) => i.title)).toEqual(['Sign the naval agreement']);
      expect((await list({ tag, q: '"consultative round"' })).items).toHaveLength(1);
    });

    /**
     * Relevance ranks the newest RANKED_CANDIDATES matches: found among the newest RECENT_SCAN
     * commitments when the term is common there, through the full-text index otherwise. Both
     * paths must give the same set.
     */
    it.each([
      ['common among the newest commitments', 0],
      ['behind thousands of newer commitments', RECENT_SCAN],
    ])('ranks the newest matches of a term %s', async (_, newerOthers) => {
      const tag = tagged();
      const word = `quor${randomLetters()}`;
      // 260 matches: every fourth a strong one (the word in title and quote), the others weak (quote only).
      await prisma.$executeRaw`INSERT INTO commitment (id, title, source_quote, tags, created_at, updated_at)
        SELECT gen_random_uuid(), CASE WHEN i % 4 = 0 THEN ${word} || ' strong ' || i ELSE 'weak ' || i END, 'We agreed: ' || ${word},
          ARRAY[${tag}], timestamptz '2020-01-01' + i * interval '1 minute', now()
        FROM generate_series(1, 260) i`;
      await prisma.$executeRaw`INSERT INTO commitment (id, title, tags, created_at, updated_at)
        SELECT gen_random_uuid(), 'other ' || i, ARRAY[${tag}], timestamptz '2021-01-01' + i * interval '1 minute', now()
        FROM generate_series(1, ${newerOthers}::int) i`;
      const ranked: { title: string }[] = [];
      let cursor: string | null = null;
      do {
        const body = await list({ tag, q: word, limit: 70, ...(cursor ? { cursor } : {}) });
        ranked.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      const newest = Array.from({ length: RANKED_CANDIDATES }, (_, i) => 260 - i).map((i) => (i % 4 === 0 ? `${word} strong ${i}` : `weak ${i}`));
      expect(ranked.map((i) => i.title).sort()).toEqual(newest.sort());
      const strong = newest.filter((t) => t.startsWith(word)).length;
      expect(ranked.slice(0, strong).every((i) => i.title.startsWith(word))).toBe(true);
    });

    it('pages through ranked matches without skipping any while newer matches are added', async () => {
      const tag = tagged();
      const word = `quor${randomLetters()}`;
      const prefix = Array.from({ length: 8 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
      // Equal ranks, so ids decide the order; the oldest matches get the highest ids and come last,
      // where a newer match pushing them out of the ranked set would make them vanish.
      await prisma.$executeRaw`INSERT INTO commitment (id, title, tags, created_at, updated_at)
        SELECT (${prefix} || '-0000-4000-8000-' || lpad(to_hex(1000 - i), 12, '0'))::uuid, ${word} || ' ' || i, ARRAY[${tag}],
          timestamptz '2020-01-01' + i * interval '1 minute', now()
        FROM generate_series(1, 210) i`;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const body = await list({ tag, q: word, limit: 50, ...(cursor ? { cursor } : {}) });
        seen.push(...body.items.map((i) => i.title));
        cursor = body.nextCursor;
        await prisma.$executeRaw`INSERT INTO commitment (id, title, tags, updated_at) SELECT gen_random_uuid(), ${word} || ' added', ARRAY[${tag}], now() FROM generate_series(1, 20)`;
      } while (cursor);
      const newest = Array.from({ length: RANKED_CANDIDATES }, (_, i) => `${word} ${210 - i}`);
      expect(seen.sort()).toEqual(newest.sort());
    });

    it('filters by q in any other order', async () => {
      expect((await list({ tag, q: 'consultative', sort: 'created', order: 'asc' })).items.map((i) => i.title)[0]).toBe(
        'Hold the third consultative round in Pakistan',
      );
    });
  });

  describe('the cursor neither skips nor repeats, even while rows are added', () => {
    it.each([
      [{}],
      [{ sort: 'deadline', order: 'desc' }],
      [{ sort: 'created' }],
      [{ sort: 'created', order: 'asc' }],
      [{ sort: 'updated' }],
      [{ q: 'promise' }],
      [{ q: 'promise', sort: 'deadline' }],
      [{ status: ['OPEN', 'IN_PROGRESS'], overdue: 'true' }],
    ])('%j', async (order) => {
      const tag = tagged();
      const originals: string[] = [];
      const values = ['2019', '2020', '2020', '2021', '2999', null, null];
      for (const [i, year] of values.entries()) {
        const title = `promise ${i}`;
        originals.push(title);
        await create({ title, tags: [tag], status: i % 2 ? 'OPEN' : 'IN_PROGRESS', ...(year ? { deadline: { precision: 'YEAR', value: year } } : {}) });
      }
      const expected = (await titles({ tag, ...order })).filter((t) => originals.includes(t));
      const seen = await pageThrough({ tag, ...order }, async (page) => {
        await create({ title: `promise added ${page}`, tags: [tag], status: 'OPEN', deadline: { precision: 'YEAR', value: page % 2 ? '2018' : '3000' } });
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((t) => originals.includes(t)).sort()).toEqual(expected);
    });
  });

  it('refuses unknown filters, bad values and a cursor from another order', async () => {
    const bad = async (query: Record<string, unknown>, field: string) => {
      const res = await sut.http().get('/api/v1/commitments').query(query).set(ADMIN).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ colour: 'red' }, 'query.colour');
    await bad({ status: 'LATE' }, 'query.status');
    await bad({ overdue: 'yes' }, 'query.overdue');
    await bad({ dueFrom: '2020-13-01' }, 'query.dueFrom');
    await bad({ partyId: 'pakistan' }, 'query.partyId');
    await bad({ sort: 'title' }, 'query.sort');
    await bad({ sort: 'relevance' }, 'query.sort');
    await bad({ limit: 0 }, 'query.limit');
    const tag = tagged();
    for (let i = 0; i < 3; i++) await create({ title: `x${i}`, tags: [tag] });
    const { nextCursor } = await list({ tag, limit: 1 });
    await bad({ tag, cursor: nextCursor, sort: 'created' }, 'cursor');
  });

  it('is readable with a viewer key', async () => {
    await sut
      .http()
      .get('/api/v1/commitments')
      .set(await sut.keyFor('VIEWER'))
      .expect(200);
  });
});
