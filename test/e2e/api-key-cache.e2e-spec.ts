import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Response } from 'supertest';
import { LISTENER_NAME } from '../../src/api-keys/api-key-revocations.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problem.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check() answers something truthy, and returns it; fails after timeoutMs. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000, what = 'the condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

const LISTENERS = `
  SELECT pid FROM pg_stat_activity
  WHERE application_name = '${LISTENER_NAME}' AND state = 'idle' AND datname = current_database()`;

/**
 * Two API processes on one database, as in production behind a load balancer: keys used on one are
 * cached there, and revocations made through the other must still reach it.
 */
describe('API key cache', () => {
  let a: TestApp;
  let b: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    a = await startTestApp();
    b = await startTestApp();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.end();
  });

  const listeners = async () => (await db.query<{ pid: number }>(LISTENERS)).rows.map((r) => r.pid);
  const bothListening = () => eventually(async () => (await listeners()).length === 2, 5000, 'both processes to listen');
  beforeEach(bothListening);

  const createKey = async (role: string) => {
    const res = await a
      .http()
      .post('/api/v1/api-keys')
      .set(ADMIN)
      .send({ name: unique(`${role} key`), role })
      .expect(201);
    const body = res.body as { id: string; key: string };
    return { id: body.id, auth: { Authorization: `Bearer ${body.key}` } };
  };

  const listKeys = (app: TestApp, auth: Record<string, string>): Promise<Response> => app.http().get('/api/v1/api-keys').query({ limit: 1 }).set(auth);

  /**
   * Uses an admin key on `app` until `app` answers it from its cache. What shows it: a downgrade made
   * in the database behind the API's back (no notification) goes unseen by a process that cached the key.
   */
  const cachedOn = (app: TestApp, key: { id: string; auth: Record<string, string> }) =>
    eventually(
      async () => {
        await db.query(`UPDATE api_key SET role = 'ADMIN' WHERE id = $1`, [key.id]);
        expect((await listKeys(app, key.auth)).status).toBe(200);
        await db.query(`UPDATE api_key SET role = 'VIEWER' WHERE id = $1`, [key.id]);
        return (await listKeys(app, key.auth)).status === 200;
      },
      5000,
      'the key to be cached',
    );

  /** The first answer that is not 200, within a few seconds. */
  const refusedSoon = (app: TestApp, auth: Record<string, string>) =>
    eventually(
      async () => {
        const res = await listKeys(app, auth);
        return res.status === 200 ? null : res;
      },
      3000,
      'the key to be refused',
    );

  it('a key revoked through one process is refused by another that has it cached', async () => {
    const key = await createKey('ADMIN');
    await cachedOn(b, key);

    await a.http().post(`/api/v1/api-keys/${key.id}/revoke`).set(ADMIN).expect(200);
    expectProblem(await refusedSoon(b, key.auth), 401, 'unauthenticated');
    expectProblem(await listKeys(a, key.auth), 401, 'unauthenticated');
  });

  it('while the listener is down nothing is answered from the cache, and it comes back', async () => {
    const key = await createKey('ADMIN');
    await cachedOn(b, key);

    const before = await listeners();
    // Waits until the backends have gone, so both processes have been told their connection died.
    const killed = await db.query<{ done: boolean }>(
      `SELECT pg_terminate_backend(pid, 5000) AS done FROM pg_stat_activity
       WHERE application_name = '${LISTENER_NAME}' AND datname = current_database()`,
    );
    expect(killed.rows).toEqual([{ done: true }, { done: true }]);
    // Revoked behind the API's back: no notification, so only the database knows.
    await db.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [key.id]);
    expectProblem(await listKeys(b, key.auth), 401, 'unauthenticated');

    await bothListening();
    const after = await listeners();
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);

    // Caching has resumed, and so has revocation across processes.
    const next = await createKey('ADMIN');
    await cachedOn(b, next);
    await a.http().post(`/api/v1/api-keys/${next.id}/revoke`).set(ADMIN).expect(200);
    expectProblem(await refusedSoon(b, next.auth), 401, 'unauthenticated');
  });

  it('revoking a key revoked by hand tells every process again', async () => {
    const key = await createKey('ADMIN');
    await cachedOn(b, key);
    await db.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [key.id]);
    expect((await listKeys(b, key.auth)).status).toBe(200); // b has not heard of it

    await a.http().post(`/api/v1/api-keys/${key.id}/revoke`).set(ADMIN).expect(200);
    expectProblem(await refusedSoon(b, key.auth), 401, 'unauthenticated');
  });

  it('still records when a cached key was last used, at most once a minute', async () => {
    const key = await createKey('VIEWER');
    const lastUsed = async () => (await db.query<{ at: Date }>('SELECT last_used_at AS at FROM api_key WHERE id = $1', [key.id])).rows[0].at;
    // As if it had last been used 57 s ago: the next use is not recorded, the one after a minute is.
    const { rows } = await db.query<{ at: Date }>(
      `UPDATE api_key SET last_used_at = now() - interval '57 seconds' WHERE id = $1 RETURNING last_used_at AS at`,
      [key.id],
    );
    const marked = rows[0].at;

    await b.http().get('/api/v1/parties').set(key.auth).expect(200);
    expect(await lastUsed()).toEqual(marked);

    await sleep(marked.getTime() + 60_500 - Date.now());
    const used = Date.now();
    await b.http().get('/api/v1/parties').set(key.auth).expect(200);
    const recorded = await eventually(async () => {
      const at = await lastUsed();
      return at.getTime() > marked.getTime() ? at : null;
    });
    expect(recorded.getTime()).toBeGreaterThanOrEqual(used - 1000);
    const listed = await a.http().get('/api/v1/api-keys').query({ limit: 200 }).set(ADMIN).expect(200);
    expect((listed.body.items as { id: string; lastUsedAt: string }[]).find((k) => k.id === key.id)?.lastUsedAt).toBe(recorded.toISOString());

    await b.http().get('/api/v1/parties').set(key.auth).expect(200);
    await sleep(300);
    expect(await lastUsed()).toEqual(recorded);
  });
});
