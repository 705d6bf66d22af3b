import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { sleep } from '../support/reminder-worker.js';

describe('concurrent writes', () => {
  let t: TestApp;
  let db: pg.Client;

  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const create = async (title = unique('Commitment')) => {
    const res = await t.http().post('/api/v1/commitments').set(ADMIN).send({ title, deadline: { precision: 'DAY', value: '2031-05-01' } }).expect(201);
    return res.body.id as string;
  };
  const patch = (id: string, body: Record<string, unknown>) => t.http().patch(`/api/v1/commitments/${id}`).set(ADMIN).send(body);

  it('never makes writers of different commitments wait for each other (no lock request is ever left waiting)', async () => {
    const ids = await Promise.all(Array.from({ length: 16 }, () => create()));
    let writing = true;
    let samples = 0;
    let waiting = 0;
    const watcher = (async () => {
      while (writing) {
        // Row, transaction and advisory locks a backend of this database waits for.
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND a.datname = current_database()`,
        );
        samples += 1;
        waiting += rows[0].n;
        await sleep(5);
      }
    })();
    // Each writer moves its own commitment's deadline and status back and forth: every write changes
    // what the summary counts, and re-plans the commitment's reminders.
    const statuses = await Promise.all(
      ids.map(async (id, i) => {
        const answers: number[] = [];
        for (let round = 0; round < 4; round++) {
          const body = round % 2 ? { status: 'IN_PROGRESS', deadline: { precision: 'DAY', value: `2031-06-${10 + i}` } } : { status: 'OPEN', ownerPartyId: null };
          answers.push((await patch(id, body)).status);
        }
        return answers;
      }),
    );
    writing = false;
    await watcher;
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    expect(samples).toBeGreaterThan(5);
    expect(waiting).toBe(0);
  });

  it('keeps other commitments writable and lists readable while one commitment is held, and answers its own writer 503 busy', async () => {
    const held = await create();
    const others = await Promise.all(Array.from({ length: 12 }, () => create()));
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM commitment WHERE id = $1 FOR UPDATE', [held]);
      let released = false;
      const before = <T>(p: PromiseLike<T>) => Promise.resolve(p).then((value) => ({ value, beforeRelease: !released }));

      // A writer of the held commitment queues first, as in the incident: it must not make anyone else wait.
      const blocked = before(patch(held, { title: 'Waits for the held row' }));
      await sleep(200);
      const writes = others.map((id) => before(patch(id, { title: unique('Written meanwhile') })));
      const reads = Array.from({ length: 8 }, () => before(t.http().get('/api/v1/commitments?limit=5').set(ADMIN)));
      const settled = await Promise.all([...writes, ...reads]);
      expect(settled.map((s) => [s.value.status, s.beforeRelease])).toEqual(settled.map(() => [200, true]));

      // The held commitment's own writer gives up with a clear, retryable answer while the row is still held.
      const own = await blocked;
      expect(own.beforeRelease).toBe(true);
      expect(own.value.status).toBe(503);
      expect(own.value.headers['content-type']).toContain('application/problem+json');
      expect(own.value.headers['retry-after']).toBe('1');
      expect(own.value.body).toMatchObject({ status: 503, code: 'busy' });
      released = true;
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    // Once the row is free, the same change goes through.
    await patch(held, { title: 'Written after the hold' }).expect(200);
  }, 30_000);

  it('applies every concurrent change sent without If-Match, one after the other, each in the history', async () => {
    const id = await create();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => patch(id, { description: `Version ${i}` })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const final = await t.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200);
    expect(final.body.version).toBe(21);
    const events = await t.http().get(`/api/v1/commitments/${id}/events?limit=100`).set(ADMIN).expect(200);
    const updates = (events.body.items as { type: string; changes: { description?: { from: string | null; to: string } } }[]).filter((e) => e.type === 'UPDATED');
    expect(updates).toHaveLength(20);
    // Each change starts from what the one before left: the history is one unbroken chain.
    updates.forEach((e, i) => expect(e.changes.description!.from).toBe(i === 0 ? null : updates[i - 1].changes.description!.to));
    expect(final.body.description).toBe(updates.at(-1)!.changes.description!.to);
  });

  it('keeps the summary exact while writers only add deltas and the worker folds them in', async () => {
    const summary = async () => (await t.http().get('/api/v1/dashboard/summary').set(ADMIN).expect(200)).body.totals as Record<string, unknown>;
    const before = await summary();
    const id = await create();
    await patch(id, { status: 'IN_PROGRESS' }).expect(200);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM commitment_tally_delta');
    expect(rows[0].n).toBeGreaterThan(0);
    const unfolded = await summary();
    expect(unfolded).toMatchObject({ total: (before.total as number) + 1 });
    await db.query('SELECT commitment_tally_fold()');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM commitment_tally_delta')).rows[0].n).toBe(0);
    expect(await summary()).toEqual(unfolded);
  });

  it('still refuses a stale If-Match with 412', async () => {
    const id = await create();
    await patch(id, { title: 'Moved on' }).expect(200);
    const stale = await t.http().patch(`/api/v1/commitments/${id}`).set(ADMIN).set('If-Match', '"1"').send({ title: 'Lost update' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'precondition_failed' });
  });
});
