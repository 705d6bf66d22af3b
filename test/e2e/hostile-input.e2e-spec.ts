import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { badFields, expectProblem } from '../support/problem.js';
import { createPerson, remindersOf, type TestPerson } from '../support/reminder-fixtures.js';

const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 24 * 3600_000);

describe('hostile and unusual input', () => {
  let t: TestApp;
  let ann: TestPerson;
  let meetingId: string;

  const createCommitment = (body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: unique('Hold the third round'), ...body });
  const overdue = (years: number, repeatOverdueEvery: string) =>
    createCommitment({
      responsiblePersonIds: [ann.id],
      deadline: { precision: 'DATETIME', value: yearsAgo(years).toISOString(), timeZone: 'UTC' },
      reminderPolicy: { offsets: ['P0D'], localTime: null, repeatOverdueEvery },
    });

  beforeAll(async () => {
    t = await startTestApp();
    ann = await createPerson(t, 'UTC');
    const meeting = await t
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: unique('Second round'), startsAt: '2019-08-20T10:00:00+03:00', timeZone: 'Europe/Moscow', status: 'HELD' })
      .expect(201);
    meetingId = meeting.body.id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps /health under a second while the worst extraction and overdue policies are being processed', async () => {
    const latencies: number[] = [];
    let busy = true;
    const poll = async () => {
      while (busy) {
        const started = Date.now();
        await t.http().get('/health').expect(200);
        latencies.push(Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const polling = poll();
    try {
      const [extraction, everySecond, hourly] = await Promise.all([
        t
          .http()
          .post(`/api/v1/meetings/${meetingId}/extractions`)
          .set(ADMIN)
          .send({ text: 'A. '.repeat(66_000) }),
        overdue(1, 'PT1S'),
        overdue(20, 'PT1H'),
      ]);
      expect(extraction.status).toBe(201);
      expect(extraction.body.items).toEqual([]);
      expectProblem(everySecond, 400, 'validation_failed');
      expect(hourly.status).toBe(201);
    } finally {
      busy = false;
      await polling;
    }
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('plans an hourly repeat twenty years overdue as the next hour’s, not a backlog', async () => {
    const res = await overdue(20, 'PT1H').expect(201);
    const repeats = (await remindersOf(t, res.body.id as string)).filter((r) => r.offset !== 'P0D');
    expect(repeats.length).toBeGreaterThanOrEqual(1);
    expect(repeats.length).toBeLessThanOrEqual(2);
    const next = Math.max(...repeats.map((r) => new Date(r.fireAt).getTime()));
    expect(next).toBeGreaterThan(Date.now() - 60_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it.each([
    ['a repeat every second', { repeatOverdueEvery: 'PT1S' }, 'reminderPolicy.repeatOverdueEvery'],
    ['a repeat every millisecond', { repeatOverdueEvery: 'PT0.001S' }, 'reminderPolicy.repeatOverdueEvery'],
    ['a repeat of 10^23 years', { repeatOverdueEvery: 'P99999999999999999999999Y' }, 'reminderPolicy.repeatOverdueEvery'],
    ['an offset of 10^11 years', { offsets: ['P99999999999Y'] }, 'reminderPolicy.offsets.0'],
    ['an offset beyond ten years', { offsets: ['-P11Y'] }, 'reminderPolicy.offsets.0'],
  ])('answers 400 naming the field for %s', async (_name, policy, field) => {
    const res = await createCommitment({
      responsiblePersonIds: [ann.id],
      deadline: { precision: 'DAY', value: '2030-01-01' },
      reminderPolicy: policy,
    });
    expectProblem(res, 400, 'validation_failed');
    expect(badFields(res)).toContain(field);
  });

  it.each([
    ['YEAR', '0000'],
    ['YEAR', '99999'],
    ['MONTH', '0000-01'],
    ['DAY', '0000-01-01'],
    ['DATETIME', '0000-01-01T00:00:00-12:00'],
    ['DATETIME', '9999-12-31T23:00:00-12:00'],
  ])('answers 400 naming the field for a %s deadline %s', async (precision, value) => {
    const res = await createCommitment({ deadline: { precision, value } });
    expectProblem(res, 400, 'validation_failed');
    expect(badFields(res)).toEqual(['deadline.value']);
  });

  it('answers 400 for a year 0000 elsewhere: meeting dates, completion, filters', async () => {
    const meeting = await t
      .http()
      .post('/api/v1/meetings')
      .set(ADMIN)
      .send({ title: unique('Round'), startsAt: '0000-01-01T00:00:00-12:00', timeZone: 'UTC', status: 'PLANNED' });
    expectProblem(meeting, 400, 'validation_failed');
    expect(badFields(meeting)).toEqual(['startsAt']);
    const completed = await createCommitment({ status: 'DONE', completedAt: '0000-06-01T00:00:00Z' });
    expectProblem(completed, 400, 'validation_failed');
    expect(badFields(completed)).toEqual(['completedAt']);
    for (const query of [{ dueFrom: '0000-01-01' }, { dueTo: '0000-01-01T00:00:00-12:00' }]) {
      expectProblem(await t.http().get('/api/v1/commitments').query(query).set(ADMIN), 400, 'validation_failed');
    }
  });

  it.each([
    ['title', { title: 'a\ud800b' }],
    ['description', { description: 'half a pair \udc00' }],
    ['tags.0', { tags: ['\ud83d'] }],
    ['deadline.phrase', { deadline: { precision: 'DAY', value: '2030-01-01', phrase: 'next \ud800year' } }],
  ])('answers 400 naming %s for a lone surrogate, and stores emoji and other scripts as sent', async (field, body) => {
    const res = await createCommitment(body);
    expectProblem(res, 400, 'validation_failed');
    expect(badFields(res)).toEqual([field]);
    const title = `🙂 Третий раунд ${unique('第三轮')} \u202e`;
    expect((await createCommitment({ title }).expect(201)).body.title).toBe(title.trim());
  });

  it('answers every creating route with success or a 4xx problem for hostile values in each text field', async () => {
    const person = await createPerson(t, 'UTC');
    const commitment = (await createCommitment({}).expect(201)).body.id as string;
    const fields: [string, (value: unknown) => Record<string, unknown>][] = [
      ['/api/v1/parties', (v) => ({ name: v, kind: 'COUNTRY' })],
      ['/api/v1/people', (v) => ({ name: v, email: `${randomBytes(6).toString('hex')}@example.org` })],
      ['/api/v1/people', (v) => ({ name: 'Ann', email: v })],
      ['/api/v1/meeting-series', (v) => ({ name: v })],
      ['/api/v1/meetings', (v) => ({ title: 'Round', timeZone: 'UTC', status: 'HELD', sourceText: v })],
      ['/api/v1/commitments', (v) => ({ title: 'Hold it', description: v })],
      ['/api/v1/commitments', (v) => ({ title: 'Hold it', tags: [v] })],
      ['/api/v1/commitments', (v) => ({ title: 'Hold it', deadline: { precision: 'DAY', value: v } })],
      [`/api/v1/commitments/${commitment}/notes`, (v) => ({ text: v })],
      [`/api/v1/meetings/${meetingId}/extractions`, (v) => ({ text: v })],
      [`/api/v1/meetings/${meetingId}/participants`, (v) => ({ personId: person.id, role: v })],
      ['/api/v1/api-keys', (v) => ({ name: v, role: 'viewer' })],
    ];
    // Arrays nested 5,000 deep, written as text: serialising them would exhaust this process's own stack.
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const DEEP = '\u0000deep';
    const values: unknown[] = ['a\u0000b', 'a\ud800b', 'x'.repeat(300_000), DEEP, 1e308, -1, {}, []];
    const answers: string[] = [];
    for (const [path, body] of fields) {
      for (const value of values) {
        const json = JSON.stringify(body(value)).replace(JSON.stringify(DEEP), deep);
        const res = await t.http().post(path).set(ADMIN).set('content-type', 'application/json').send(json);
        if (res.status >= 400) expectProblem(res, res.status);
        answers.push(`${res.status}`);
      }
    }
    expect(answers.filter((status) => Number(status) >= 500)).toEqual([]);
  });

  describe('long descriptions', () => {
    /** Random nine-letter words: they neither repeat nor compress, as real text of this length would not. */
    const words = (length: number) => {
      const letters = [...randomBytes(length)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
      return (letters.match(/.{9}/g) ?? []).slice(0, Math.floor((length + 1) / 10)).join(' ');
    };
    const search = async (q: string) => (await t.http().get('/api/v1/commitments').query({ q }).set(ADMIN).expect(200)).body.items as { id: string }[];

    it.each([
      ['150 distinct words', 1_500],
      ['3,000 characters', 3_000],
      ['the documented 10,000 characters', 10_000],
    ])('stores %s and finds them by full-text search', async (_name, length) => {
      const description = words(length);
      const res = await createCommitment({ description });
      expect(res.status).toBe(201);
      expect(res.body.description).toBe(description);
      const all = description.split(' ');
      expect((await search(all[0])).map((c) => c.id)).toContain(res.body.id);
      expect((await search(all.at(-1)!)).map((c) => c.id)).toContain(res.body.id);
    });

    it('keeps finding short commitments made after a long one', async () => {
      await createCommitment({ description: words(9_900) }).expect(201);
      const marker = words(9);
      const short = await createCommitment({ description: marker }).expect(201);
      expect((await search(marker)).map((c) => c.id)).toEqual([short.body.id]);
    });
  });
});
