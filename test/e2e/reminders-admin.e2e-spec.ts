import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, inSeconds } from '../support/reminder-fixtures.js';

const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('Reminders: admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('guards the queue dashboard and its API with the admin key, as Bearer or HTTP Basic', async () => {
    const page = await t.http().get('/admin/queues').expect(401);
    expect(page.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(page.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http().get('/admin/queues/api/queues').expect(401);
    await t.http().put('/admin/queues/api/queues/reminder-delivery/retry/failed').expect(401);
    await t.http().get('/admin/queues').set('Authorization', basic('wrong-key')).expect(401);
    await t
      .http()
      .get('/admin/queues')
      .set(await t.keyFor('EDITOR'))
      .expect(403);

    const html = await t.http().get('/admin/queues').set(ADMIN).expect(200);
    expect(html.text).toContain('<html');
    await t.http().get('/admin/queues').set('Authorization', basic(process.env.ADMIN_API_KEY!)).expect(200);
    const api = await t.http().get('/admin/queues/api/queues').set(ADMIN).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['reminder-delivery', 'reminder-dispatch']);
  });

  it('filters the ledger and refuses to retry what has not failed', async () => {
    const person = await createPerson(t);
    const { id } = await createCommitment(t, { due: inSeconds(3600), responsible: [person], offsets: ['-PT30M', 'P0D'] });
    const page = await t.http().get('/api/v1/reminders').query({ commitmentId: id, status: 'PENDING', limit: 1 }).set(ADMIN).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].offset).toBe('P0D');
    const next = await t
      .http()
      .get('/api/v1/reminders')
      .query({ commitmentId: id, status: 'PENDING', limit: 1, cursor: page.body.nextCursor })
      .set(ADMIN)
      .expect(200);
    expect(next.body.items[0].offset).toBe('-PT30M');
    expect(next.body.nextCursor).toBeNull();
    const retry = await t.http().post(`/api/v1/reminders/${next.body.items[0].id}/retry`).set(ADMIN).expect(409);
    expect(retry.body.code).toBe('not_failed');
    await t.http().post('/api/v1/reminders/00000000-0000-4000-8000-000000000000/retry').set(ADMIN).expect(404);
    await t.http().get('/api/v1/commitments/00000000-0000-4000-8000-000000000000/reminders').set(ADMIN).expect(404);
  });

  it('refuses a malformed reminder policy on the commitment, naming the field', async () => {
    const person = await createPerson(t);
    const res = await t
      .http()
      .post('/api/v1/commitments')
      .set(ADMIN)
      .send({ title: 'x', responsiblePersonIds: [person.id], reminderPolicy: { offsets: ['7 days'], localTime: '9am' } })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reminderPolicy.localTime', 'reminderPolicy.offsets.0']);
  });
});
