import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

/**
 * The export as a spreadsheet reads it: quote-aware, with `,` as the separator, or with `;` as well
 * (the list separator of German, French or Russian locales): both readers must see the same cells.
 */
const parseCsv = (text: string, delimiter: string | string[] = ',') => {
  const rows: string[][] = parse(text, { delimiter, bom: true });
  return rows;
};

/** A cell a spreadsheet would run as a formula: it starts with = + - @, a tab or CR, after any spaces. */
const FORMULA = /^ *[=+\-@\t\r]/;

describe('exports', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
    viewer = await sut.keyFor('VIEWER');
  });
  afterAll(async () => {
    await sut.close();
  });

  const create = async (body: Record<string, unknown>) =>
    (await sut.http().post('/api/v1/commitments').set(ADMIN).send(body).expect(201)).body as { id: string };
  const csvText = async (query: Record<string, unknown>) => {
    const res = await sut
      .http()
      .get('/api/v1/commitments/export.csv')
      .query(query)
      .set(viewer)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    return text;
  };
  const csv = async (query: Record<string, unknown>) => parseCsv(await csvText(query));

  describe('CSV', () => {
    it('quotes per RFC 4180, keeps UTF-8 and neutralises formulas', async () => {
      const tag = unique('csv').replace(' ', '-');
      const titles = ['Plain', 'Comma, and "quotes"', 'Two\nlines', 'Урду و اردو ✓', '=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)'];
      for (const [i, title] of titles.entries())
        await create({
          title,
          tags: [tag],
          deadline: { precision: 'DAY', value: `2020-01-0${i + 1}` },
          description: i === 1 ? 'x;y,z' : null,
          sourceQuote: i === 0 ? '\t=cmd|calc' : null,
        });
      const [header, ...rows] = parseCsv(await csvText({ tag }));
      expect(header.slice(0, 5)).toEqual(['id', 'title', 'status', 'overdue', 'deadline']);
      expect(rows.map((r) => r[header.indexOf('title')])).toEqual([
        'Plain',
        'Comma, and "quotes"',
        'Two\nlines',
        'Урду و اردو ✓',
        `'=HYPERLINK("http://evil")`,
        "'+1+2",
        "'-2+3",
        "'@SUM(A1)",
      ]);
      expect(rows[0][header.indexOf('source_quote')]).toBe("'\t=cmd|calc");
      expect(rows.every((r) => r.length === header.length)).toBe(true);
      expect(rows[1][header.indexOf('description')]).toBe('x;y,z');
      expect(rows[0][header.indexOf('deadline')]).toBe('1 January 2020');
      expect(rows[0][header.indexOf('tags')]).toBe(tag);
    });

    it('quotes every field, so a reader splitting on `;` too sees the same cells and no formula', async () => {
      const tag = unique('csv').replace(' ', '-');
      // Titles are trimmed when saved; source quotes are kept exactly as said.
      const cases = [
        { title: "Status report;=cmd|' /C calc'!A0", sourceQuote: 'Minutes; =see annex' },
        { title: 'a,@b', sourceQuote: '  =1+1' },
        { title: 'Tab', sourceQuote: '\t=2+2' },
        { title: 'CR', sourceQuote: '\r=3+3' },
        { title: 'Dash', sourceQuote: ' - note' },
      ];
      for (const c of cases) await create({ ...c, tags: [tag], deadline: { precision: 'YEAR', value: '2031' } });
      const text = await csvText({ tag });
      expect(text.slice(1).split('\r\n')[0]).toMatch(/^"id","title",/);
      const byComma = parseCsv(text);
      const bySemicolon = parseCsv(text, [';', ',']);
      expect(bySemicolon).toEqual(byComma);
      const [header, ...rows] = byComma;
      expect(rows.every((r) => r.length === header.length)).toBe(true);
      const read = (title: string, column: string) => rows.find((r) => r[header.indexOf('title')] === title)?.[header.indexOf(column)];
      expect(read("Status report;=cmd|' /C calc'!A0", 'source_quote')).toBe('Minutes; =see annex');
      expect(['a,@b', 'Tab', 'CR', 'Dash'].map((title) => read(title, 'source_quote'))).toEqual(["'  =1+1", "'\t=2+2", "'\r=3+3", "' - note"]);
      for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA);
      // Empty values are quoted too, and the numbers and flags.
      expect(text).toContain('"false"');
      expect(text).not.toMatch(/(^|,)(,|\r\n)/m);
    });

    it('streams every matching row across batches, with the list filters', async () => {
      const tag = unique('bulk').replace(' ', '-');
      const data = Array.from({ length: 2345 }, (_, i) => ({ title: `Bulk ${i}`, tags: [tag], status: i % 3 ? ('OPEN' as const) : ('DONE' as const) }));
      await prisma.commitment.createMany({ data });
      const rows = (await csv({ tag })).slice(1);
      expect(rows).toHaveLength(2345);
      expect(new Set(rows.map((r) => r[0])).size).toBe(2345);
      expect((await csv({ tag, status: 'DONE' })).slice(1)).toHaveLength(782);
      // Relevance ranks only the newest matches; an export with q still holds every match.
      expect((await csv({ tag, q: 'bulk' })).slice(1)).toHaveLength(2345);
      expect((await csv({ tag, q: 'bulk', sort: 'relevance' })).slice(1)).toHaveLength(2345);
      await sut.http().get('/api/v1/commitments/export.csv').query({ limit: 5 }).set(viewer).expect(400);
      await sut.http().get('/api/v1/commitments/export.csv').expect(401);
    });
  });

  describe('calendar feeds', () => {
    let person: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      person = (await prisma.person.create({ data: { name: 'Ikram-ul-Haq', email: `${unique('ikram').replace(' ', '.')}@mod.test` } })).id;
      const year = new Date().getUTCFullYear() + 1;
      const mine = async (key: string, deadline: Record<string, unknown> | null, extra: Record<string, unknown> = {}) =>
        (ids[key] = (await create({ title: key, responsiblePersonIds: [person], ...(deadline ? { deadline } : {}), ...extra })).id);
      await mine('day', { precision: 'DAY', value: `${year}-09-05`, timeZone: 'Asia/Karachi' });
      await mine('span', { precision: 'DAY', value: `${year}-09-05/${year}-09-06` });
      await mine('month', { precision: 'MONTH', value: `${year}-02` });
      await mine('quarter', { precision: 'QUARTER', value: `${year}-Q3` });
      await mine('datetime', { precision: 'DATETIME', value: `${year}-09-05T10:00:00+03:00`, timeZone: 'Europe/Moscow' });
      await mine('undated', null);
      await mine(
        'long',
        { precision: 'YEAR', value: String(year) },
        {
          title: `Ensure effective follow-up; implementation, of the decisions taken — “all of them” — ${'x'.repeat(120)}`,
          sourceQuote: 'They agreed, in Moscow; to meet again.\nNext year.',
        },
      );
    });

    const fetchFeed = async (url: string) => {
      const res = await sut.http().get(new URL(url).pathname).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      return res.text;
    };

    it('serves each deadline as an event with an alarm, valid for a real iCalendar parser', async () => {
      const created = await sut.http().post('/api/v1/calendar-feeds').set(viewer).send({ personId: person }).expect(201);
      expect(created.body.url).toMatch(/^http:\/\/dashboard\.test\/api\/v1\/calendar\/[\w-]{43}\.ics$/);
      const text = await fetchFeed(created.body.url as string);
      expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);

      const vcalendar = new ICAL.Component(ICAL.parse(text));
      const events = vcalendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const byUid = new Map(events.map((e) => [e.uid, e]));
      const event = (key: string) => byUid.get(`commitment-${ids[key]}@followthrough`)!;
      expect(events).toHaveLength(6);
      expect(byUid.has(`commitment-${ids.undated}@followthrough`)).toBe(false);

      const year = new Date().getUTCFullYear() + 1;
      expect([event('day').startDate.isDate, event('day').startDate.toString(), event('day').endDate.toString()]).toEqual([
        true,
        `${year}-09-05`,
        `${year}-09-06`,
      ]);
      expect([event('span').startDate.toString(), event('span').endDate.toString()]).toEqual([`${year}-09-05`, `${year}-09-07`]);
      expect([event('month').startDate.toString(), event('month').endDate.toString()]).toEqual([`${year}-02-01`, `${year}-03-01`]);
      expect([event('quarter').startDate.toString(), event('quarter').endDate.toString()]).toEqual([`${year}-07-01`, `${year}-10-01`]);
      expect(event('datetime').startDate.isDate).toBe(false);
      expect(event('datetime').startDate.toJSDate().toISOString()).toBe(`${year}-09-05T07:00:00.000Z`);

      const long = events.find((e) => e.summary.startsWith('Ensure'))!;
      expect(long.summary).toBe(`Ensure effective follow-up; implementation, of the decisions taken — “all of them” — ${'x'.repeat(120)}`);
      expect(long.description).toContain('“They agreed, in Moscow; to meet again.\nNext year.”');
      expect(long.description).toContain('Status: OPEN');
      expect(long.component.getFirstPropertyValue('url')).toBe(`http://dashboard.test/api/v1/commitments/${ids.long}`);
      expect(long.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

      for (const e of events) {
        const alarm = e.component.getFirstSubcomponent('valarm')!;
        expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
        expect(alarm.getFirstProperty('trigger')!.getFirstValue()!.toString()).toBe(
          ['month', 'quarter'].some((k) => e.uid.includes(ids[k])) || e === long ? '-P7D' : '-P1D',
        );
      }
      expect(event('month').component.getFirstSubcomponent('valarm')!.getFirstProperty('trigger')!.getParameter('related')).toBe('END');

      // Stable: the same UIDs, and a status change shows up in the next fetch.
      await sut.http().patch(`/api/v1/commitments/${ids.day}`).set(ADMIN).send({ status: 'CANCELLED' }).expect(200);
      const again = new ICAL.Component(ICAL.parse(await fetchFeed(created.body.url as string)));
      const cancelled = again.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `commitment-${ids.day}@followthrough`)!;
      expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(again.getAllSubcomponents('vevent')).toHaveLength(6);
    });

    it('serves a feed for list filters', async () => {
      const tag = unique('cal').replace(' ', '-');
      await create({ title: 'Tagged', tags: [tag], deadline: { precision: 'YEAR', value: String(new Date().getUTCFullYear() + 2) } });
      const created = await sut
        .http()
        .post('/api/v1/calendar-feeds')
        .set(viewer)
        .send({ filter: { tag, status: ['OPEN'] } })
        .expect(201);
      const events = new ICAL.Component(ICAL.parse(await fetchFeed(created.body.url as string))).getAllSubcomponents('vevent');
      expect(events.map((v) => v.getFirstPropertyValue('summary'))).toEqual(['Tagged']);
    });

    it('answers 404 once revoked or for an unknown token, and refuses bad bodies', async () => {
      const created = await sut.http().post('/api/v1/calendar-feeds').set(viewer).send({ personId: person }).expect(201);
      const path = new URL(created.body.url as string).pathname;
      await sut.http().get(path).expect(200);
      await sut.http().delete(`/api/v1/calendar-feeds/${created.body.id}`).set(viewer).expect(204);
      await sut.http().get(path).expect(404);
      await sut.http().delete(`/api/v1/calendar-feeds/${created.body.id}`).set(viewer).expect(404);
      await sut
        .http()
        .get(`/api/v1/calendar/${'a'.repeat(43)}.ics`)
        .expect(404);
      await sut.http().get('/api/v1/calendar/nope').expect(404);
      await sut.http().post('/api/v1/calendar-feeds').set(viewer).send({}).expect(400);
      await sut
        .http()
        .post('/api/v1/calendar-feeds')
        .set(viewer)
        .send({ filter: { colour: 'red' } })
        .expect(400);
      await sut.http().post('/api/v1/calendar-feeds').set(viewer).send({ personId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      await sut.http().post('/api/v1/calendar-feeds').send({ personId: person }).expect(401);
      const other = await sut.http().post('/api/v1/calendar-feeds').set(ADMIN).send({ personId: person }).expect(201);
      await sut.http().delete(`/api/v1/calendar-feeds/${other.body.id}`).set(viewer).expect(403);
    });
  });
});
