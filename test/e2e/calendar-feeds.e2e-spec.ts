import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problem.js';

describe('calendar feeds', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  const keyNamed = async (name: string, role = 'VIEWER') => {
    const res = await sut.http().post('/api/v1/api-keys').set(ADMIN).send({ name, role }).expect(201);
    return { id: res.body.id as string, headers: { Authorization: `Bearer ${res.body.key as string}` } };
  };
  const createFeed = async (headers: Record<string, string>, body: Record<string, unknown>) => {
    const res = await sut.http().post('/api/v1/calendar-feeds').set(headers).send(body).expect(201);
    return { id: res.body.id as string, url: res.body.url as string, path: new URL(res.body.url as string).pathname };
  };
  /** The feed's events as a real iCalendar parser reads them, by summary. */
  const summaries = async (path: string) => {
    const res = await sut.http().get(path).expect(200);
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    return events.map((e) => e.summary).sort();
  };
  const commit = async (body: Record<string, unknown>) =>
    (await sut.http().post('/api/v1/commitments').set(ADMIN).send(body).expect(201)).body as { id: string };

  it('belongs to the key that made it, by id: a key of the same name can neither revoke it nor end it', async () => {
    const name = unique('Dashboard');
    const first = await keyNamed(name);
    const second = await keyNamed(name);
    const tag = unique('own').replace(' ', '-');
    await commit({ title: 'Owned', tags: [tag], deadline: { precision: 'YEAR', value: '2099' } });
    const feed = await createFeed(first.headers, { filter: { tag } });

    expectProblem(await sut.http().delete(`/api/v1/calendar-feeds/${feed.id}`).set(second.headers), 403, 'forbidden');
    await sut.http().post(`/api/v1/api-keys/${second.id}/revoke`).set(ADMIN).expect(200);
    expect(await summaries(feed.path)).toEqual(['Owned']);

    // Revoking the key that made it ends the feed.
    await sut.http().post(`/api/v1/api-keys/${first.id}/revoke`).set(ADMIN).expect(200);
    expectProblem(await sut.http().get(feed.path), 404, 'not_found');
  });

  it('lets admins list feeds without their addresses, each saying whether it serves', async () => {
    const viewer = await keyNamed(unique('Viewer'));
    const tag = unique('list').replace(' ', '-');
    const serving = await createFeed(viewer.headers, { filter: { tag, status: ['OPEN', 'DONE'] } });
    const revoked = await createFeed(viewer.headers, { filter: { tag } });
    await sut.http().delete(`/api/v1/calendar-feeds/${revoked.id}`).set(viewer.headers).expect(204);
    const byAdmin = await createFeed(ADMIN, { filter: { tag } });

    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page = await sut
        .http()
        .get('/api/v1/calendar-feeds')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(ADMIN)
        .expect(200);
      items.push(...(page.body.items as Record<string, unknown>[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const byId = new Map(items.map((f) => [f.id, f]));
    expect(byId.get(serving.id)).toMatchObject({
      personId: null,
      filter: { tag, status: ['OPEN', 'DONE'] },
      createdBy: expect.stringContaining('Viewer'),
      createdByKeyId: viewer.id,
      revokedAt: null,
      active: true,
    });
    expect(byId.get(revoked.id)).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(byId.get(byAdmin.id)).toMatchObject({ createdBy: 'bootstrap admin', createdByKeyId: null, active: true });
    const listed = JSON.stringify(items);
    for (const feed of [serving, revoked, byAdmin]) expect(listed).not.toContain(new URL(feed.url).pathname.split('/').pop()!.replace('.ics', ''));
    expect(listed).not.toMatch(/calendar\/|url|token/i);

    expectProblem(await sut.http().get('/api/v1/calendar-feeds').set(viewer.headers), 403, 'forbidden');
    const editor = await keyNamed(unique('Editor'), 'EDITOR');
    expectProblem(await sut.http().get('/api/v1/calendar-feeds').set(editor.headers), 403, 'forbidden');
  });

  it('serves whatever filter it was made with, flags included', async () => {
    const tag = unique('late').replace(' ', '-');
    await commit({ title: 'Late', tags: [tag], deadline: { precision: 'DAY', value: '2020-03-01' } });
    await commit({ title: 'Ahead', tags: [tag], deadline: { precision: 'YEAR', value: '2099' } });
    const overdue = await createFeed(ADMIN, { filter: { tag, overdue: 'true' } });
    expect(await summaries(overdue.path)).toEqual(['Late']);
    const notOverdue = await createFeed(ADMIN, { filter: { tag, overdue: 'false', status: 'OPEN', dueFrom: '2021-01-01' } });
    expect(await summaries(notOverdue.path)).toEqual(['Ahead']);
  });

  it('shows open commitments however old their deadline, closed ones for a year back', async () => {
    const tag = unique('old').replace(' ', '-');
    const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await commit({ title: 'Open since 2015', tags: [tag], deadline: { precision: 'YEAR', value: '2015' } });
    await commit({ title: 'In progress since 2019', tags: [tag], status: 'IN_PROGRESS', deadline: { precision: 'MONTH', value: '2019-09' } });
    await commit({ title: 'Done in 2015', tags: [tag], status: 'DONE', deadline: { precision: 'YEAR', value: '2015' } });
    await commit({ title: 'Done last month', tags: [tag], status: 'DONE', deadline: { precision: 'DAY', value: lastMonth } });
    await commit({ title: 'Cancelled last month', tags: [tag], status: 'CANCELLED', deadline: { precision: 'DAY', value: lastMonth } });
    await commit({ title: 'Next year', tags: [tag], deadline: { precision: 'YEAR', value: String(new Date().getUTCFullYear() + 1) } });

    const all = await createFeed(ADMIN, { filter: { tag } });
    expect(await summaries(all.path)).toEqual(['Cancelled last month', 'Done last month', 'In progress since 2019', 'Next year', 'Open since 2015']);
    const doneOnly = await createFeed(ADMIN, { filter: { tag, status: 'DONE' } });
    expect(await summaries(doneOnly.path)).toEqual(['Done last month']);
    const openOnly = await createFeed(ADMIN, { filter: { tag, status: ['OPEN'] } });
    expect(await summaries(openOnly.path)).toEqual(['Next year', 'Open since 2015']);
  });
});
