import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ActionTokens, type EmailAction } from '../../src/email-actions/action-token.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createPerson, inSeconds } from '../support/reminder-fixtures.js';

/** The action pages under abuse: floods, odd requests and hostile form input, never a 500. */
describe('Email action pages under abuse', () => {
  let t: TestApp;
  const tokens = new ActionTokens(process.env.ACTION_SECRET!);

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  async function linkFor(action: EmailAction) {
    const person = await createPerson(t, 'UTC');
    const res = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({
        title: 'Agree the dates',
        responsiblePersonIds: [person.id],
        deadline: { precision: 'DATETIME', value: inSeconds(86_400).toISOString(), timeZone: 'UTC' },
      })
      .expect(201);
    const token = tokens.sign({ personId: person.id, commitmentId: res.body.id as string, action, expiresAt: inSeconds(3600) });
    return { commitmentId: res.body.id as string, path: `/actions/${token}` };
  }

  /** Opens the page as a browser would: its cookie and the form's CSRF value. */
  async function open(path: string) {
    const page = await t.http().get(path).expect(200);
    return { cookie: (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0], csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1] };
  }

  const post = (path: string, form: { cookie: string; csrf: string }, fields: Record<string, string>) =>
    t
      .http()
      .post(path)
      .set('Cookie', form.cookie)
      .type('form')
      .send({ csrf: form.csrf, ...fields });

  const submit = async (path: string, fields: Record<string, string>) => post(path, await open(path), fields);

  it('refuses more time that is no more time: a deadline in the past or before the current one', async () => {
    const { path, commitmentId } = await linkFor('extend');
    for (const deadline of ['1000', '2020', new Date().toISOString().slice(0, 10)]) {
      const res = await submit(path, { deadline, reason: 'the venue fell through' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('More time means a deadline ending after');
    }
    const later = await submit(path, { deadline: String(new Date().getUTCFullYear() + 1), reason: 'the venue fell through' });
    expect(later.status).toBe(303);
    const requests = await t.http().get(`/api/v1/commitments/${commitmentId}/extension-requests`).set(ADMIN).expect(200);
    expect(requests.body.items).toHaveLength(1);
  });

  it('takes a repeated stop or acknowledgement once: one history event, not one per retry or double click', async () => {
    const unsubscribe = await linkFor('unsubscribe');
    for (let i = 0; i < 3; i++) await t.http().post(unsubscribe.path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const acknowledge = await linkFor('acknowledge');
    // Two tabs with the same form, both submitted.
    const form = await open(acknowledge.path);
    expect((await post(acknowledge.path, form, {})).status).toBe(303);
    expect((await post(acknowledge.path, form, {})).status).toBe(303);
    const notes = async (id: string) => {
      const events = await t.http().get(`/api/v1/commitments/${id}/events?limit=200`).set(ADMIN).expect(200);
      return (events.body.items as { note: string | null }[]).map((e) => e.note).filter((n) => n !== null);
    };
    expect(await notes(unsubscribe.commitmentId)).toEqual(['the recipient stopped reminders for this commitment']);
    expect(await notes(acknowledge.commitmentId)).toEqual(['acknowledged']);
  });

  it('takes simultaneous one-click stops without a 500 (no deadlock between them)', async () => {
    const { path, commitmentId } = await linkFor('unsubscribe');
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.http().post(path).type('form').send('List-Unsubscribe=One-Click')));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    const optOuts = await t.http().get('/api/v1/reminder-opt-outs').set(ADMIN).expect(200);
    expect((optOuts.body.items as { commitmentId: string }[]).filter((o) => o.commitmentId === commitmentId)).toHaveLength(1);
  });

  it('answers a client over the pages’ rate limit 429 with Retry-After, as a problem', async () => {
    const { path } = await linkFor('acknowledge');
    // 60 a minute per address, counted across the pages (earlier tests here used some).
    let res = await t.http().get(path);
    for (let i = 0; i < 60 && res.status === 200; i++) res = await t.http().get(path);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
