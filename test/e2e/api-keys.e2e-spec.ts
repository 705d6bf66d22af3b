import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { badFields, expectProblem } from '../support/problem.js';

interface ApiKeyJson {
  id: string;
  name: string;
  role: string;
  keyPrefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

describe('API keys', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
  });
  afterAll(async () => {
    await sut.close();
  });

  const create = async (role: string) => {
    const name = unique(`${role} key`);
    const res = await sut.http().post('/api/v1/api-keys').set(ADMIN).send({ name, role }).expect(201);
    return res.body as ApiKeyJson & { key: string };
  };

  /** Every key the admin can list, following the cursor (other tests add keys too). */
  const listAll = async (limit = 200) => {
    const items: ApiKeyJson[] = [];
    let cursor: string | null = null;
    do {
      const res = await sut
        .http()
        .get('/api/v1/api-keys')
        .query(cursor ? { limit, cursor } : { limit })
        .set(ADMIN)
        .expect(200);
      items.push(...(res.body.items as ApiKeyJson[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return items;
  };

  it('shows the key once, at creation, and only its prefix afterwards', async () => {
    const created = await create('VIEWER');
    expect(created).toMatchObject({ role: 'VIEWER', lastUsedAt: null, revokedAt: null });
    expect(created.key).toMatch(/^ft_[A-Za-z0-9_-]{40,}$/);
    expect(created.key.startsWith(created.keyPrefix)).toBe(true);
    expect(created.keyPrefix.length).toBeLessThan(created.key.length / 2);

    const all = await listAll();
    const listed = all.find((k) => k.id === created.id);
    expect(listed).toEqual({ ...created, key: undefined });
    expect(listed).not.toHaveProperty('key');
    for (const item of all) expect(item).not.toHaveProperty('key');
    expect(JSON.stringify(all)).not.toContain(created.key);
  });

  it('stores a hash of the key, never the key itself', async () => {
    const created = await create('EDITOR');
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.keyHash).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(created.keyPrefix.length));
  });

  it('records when a key was last used', async () => {
    const created = await create('VIEWER');
    const before = Date.now();
    await sut.http().get('/api/v1/parties').set('Authorization', `Bearer ${created.key}`).expect(200);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const listed = (await listAll()).find((k) => k.id === created.id);
    expect(listed?.lastUsedAt).toBe(row.lastUsedAt!.toISOString());
  });

  it('revokes a key: it stops working at once, and revoking again changes nothing', async () => {
    const created = await create('ADMIN');
    const auth = { Authorization: `Bearer ${created.key}` };
    await sut.http().get('/api/v1/api-keys').query({ limit: 1 }).set(auth).expect(200);

    const revoked = await sut.http().post(`/api/v1/api-keys/${created.id}/revoke`).set(ADMIN).expect(200);
    expect(revoked.body).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
    expect(revoked.body).not.toHaveProperty('key');
    expectProblem(await sut.http().get('/api/v1/api-keys').set(auth), 401, 'unauthenticated');
    // A revoked admin key cannot revoke anything either.
    expectProblem(await sut.http().post(`/api/v1/api-keys/${created.id}/revoke`).set(auth), 401, 'unauthenticated');

    const again = await sut.http().post(`/api/v1/api-keys/${created.id}/revoke`).set(ADMIN).expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('answers revoking an unknown key with 404 and a bad id with 400 path.id', async () => {
    expectProblem(await sut.http().post(`/api/v1/api-keys/${randomUUID()}/revoke`).set(ADMIN), 404, 'not_found');
    const bad = await sut.http().post('/api/v1/api-keys/42/revoke').set(ADMIN);
    expectProblem(bad, 400, 'validation_failed');
    expect(badFields(bad)).toEqual(['path.id']);
  });

  it('refuses a bad role, a blank name and unknown fields', async () => {
    const res = await sut.http().post('/api/v1/api-keys').set(ADMIN).send({ name: ' ', role: 'ROOT', key: 'chosen-by-me' });
    expectProblem(res, 400, 'validation_failed');
    expect(badFields(res).sort()).toEqual(['key', 'name', 'role']);
  });

  it('lets only admins manage keys', async () => {
    const key = await create('VIEWER');
    for (const role of ['VIEWER', 'EDITOR'] as const) {
      const auth = await sut.keyFor(role);
      expectProblem(await sut.http().get('/api/v1/api-keys').set(auth), 403, 'forbidden');
      expectProblem(
        await sut
          .http()
          .post('/api/v1/api-keys')
          .set(auth)
          .send({ name: unique('k'), role: 'ADMIN' }),
        403,
        'forbidden',
      );
      expectProblem(await sut.http().post(`/api/v1/api-keys/${key.id}/revoke`).set(auth), 403, 'forbidden');
    }
    const stillActive = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stillActive.revokedAt).toBeNull();
  });

  it('a key made by an admin key can act as admin', async () => {
    const admin = await create('ADMIN');
    const made = await sut
      .http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin.key}`)
      .send({ name: unique('second'), role: 'VIEWER' })
      .expect(201);
    await sut.http().get('/api/v1/parties').set('Authorization', `Bearer ${made.body.key}`).expect(200);
  });

  it('pages through keys with a stable order', async () => {
    await create('VIEWER');
    await create('VIEWER');
    const first = await sut.http().get('/api/v1/api-keys').query({ limit: 1 }).set(ADMIN).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await sut.http().get('/api/v1/api-keys').query({ limit: 1, cursor: first.body.nextCursor }).set(ADMIN).expect(200);
    expect(second.body.items[0].id > first.body.items[0].id).toBe(true);
    const ids = (await listAll(2)).map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
