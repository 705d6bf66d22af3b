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
      .send({ title: 'Agree the dates', responsiblePersonIds: [person.id], deadline: { precision: 'DATETIME', value: inSeconds(86_400).toISOString(), timeZone: 'UTC' } })
      .expect(201);
    const token = tokens.sign({ personId: person.id, commitmentId: res.body.id as string, action, expiresAt: inSeconds(3600) });
    return { commitmentId: res.body.id as string, path: `/actions/${token}` };
  }

  it('answers a client over the pages’ rate limit 429 with Retry-After, as a problem', async () => {
    const { path } = await linkFor('acknowledge');
    for (let i = 0; i < 60; i++) await t.http().get(path).expect(200);
    const res = await t.http().get(path).expect(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
