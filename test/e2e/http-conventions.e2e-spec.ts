import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BODY_LIMIT_BYTES } from '../../src/app.factory.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';
import { badFields, expectProblem } from '../support/problem.js';

const DASHBOARD = 'http://dashboard.test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HTTP conventions', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  describe('request bodies', () => {
    it('answers malformed JSON with 400 malformed_json', async () => {
      const res = await sut.http().post('/api/v1/parties').set(ADMIN).set('Content-Type', 'application/json').send('{"name": "Chile",');
      expectProblem(res, 400, 'malformed_json');
    });

    it('answers an empty JSON body on POST with 400', async () => {
      const res = await sut.http().post('/api/v1/parties').set(ADMIN).set('Content-Type', 'application/json');
      expectProblem(res, 400, 'malformed_json');
    });

    it('answers a body over 1 MiB with 413', async () => {
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) }));
      expectProblem(res, 413, 'body_too_large');
    });

    it('accepts a body just under the limit as far as size goes', async () => {
      // Reaches validation (name too long), so the limit is the documented one and not lower.
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .send({ name: 'x'.repeat(BODY_LIMIT_BYTES - 100) });
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual(['name']);
    });

    it.each([
      ['text/plain', 'name=Chile'],
      ['application/xml', '<party><name>Chile</name></party>'],
      ['application/x-www-form-urlencoded', 'name=Chile'],
    ])('answers a %s body with 415', async (type, body) => {
      const res = await sut.http().post('/api/v1/parties').set(ADMIN).set('Content-Type', type).send(body);
      expectProblem(res, 415, 'unsupported_media_type');
    });

    it('names an unknown field', async () => {
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .send({ name: unique('Chile'), colour: 'red' });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors).toEqual([{ field: 'colour', message: expect.any(String) }]);
    });

    it('names a field of the wrong type', async () => {
      const res = await sut.http().post('/api/v1/parties').set(ADMIN).send({ name: 42, kind: 'COUNTRY' });
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual(['name']);
    });

    it('names every bad field at once', async () => {
      const res = await sut.http().post('/api/v1/parties').set(ADMIN).send({ name: '', kind: 'PLANET', extra: 1 });
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res).sort()).toEqual(['extra', 'kind', 'name']);
    });

    it('refuses a JSON array where an object is expected', async () => {
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .send([{ name: 'Chile' }]);
      expectProblem(res, 400, 'validation_failed');
    });

    it('names a text field holding U+0000 (which Postgres cannot store) with 400, not 500', async () => {
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .send({ name: `Nul\u0000${unique('byte')}` });
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual(['name']);
      const query = await sut.http().get('/api/v1/parties').query({ q: 'a\u0000b' }).set(ADMIN);
      expectProblem(query, 400, 'validation_failed');
      expect(badFields(query)).toEqual(['query.q']);
    });

    it('refuses a prototype-poisoning body with 400', async () => {
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(ADMIN)
        .set('Content-Type', 'application/json')
        .send(`{"name": "${unique('Proto')}", "__proto__": {"role": "ADMIN"}}`);
      expectProblem(res, 400);
    });

    it('accepts JSON with a charset and odd casing in the media type', async () => {
      const name = unique('Charset');
      await sut.http().post('/api/v1/parties').set(ADMIN).set('Content-Type', 'Application/JSON; charset=utf-8').send(JSON.stringify({ name })).expect(201);
    });
  });

  describe('path and query', () => {
    it('answers a path id that is not a UUID with 400 path.id', async () => {
      const res = await sut.http().get('/api/v1/parties/not-a-uuid').set(ADMIN);
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual(['path.id']);
    });

    it('answers an unknown but well-formed id with 404', async () => {
      const res = await sut.http().get(`/api/v1/parties/${randomUUID()}`).set(ADMIN);
      expectProblem(res, 404, 'not_found');
    });

    it.each([
      ['limit', 'many'],
      ['limit', '0'],
      ['limit', '201'],
      ['limit', '2.5'],
    ])('answers a bad query value %s=%s with 400', async (name, value) => {
      const res = await sut
        .http()
        .get('/api/v1/parties')
        .query({ [name]: value })
        .set(ADMIN);
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual([`query.${name}`]);
    });

    it('answers an unknown query parameter with 400 naming it', async () => {
      const res = await sut.http().get('/api/v1/parties').query({ colour: 'red' }).set(ADMIN);
      expectProblem(res, 400, 'validation_failed');
      expect(badFields(res)).toEqual(['query.colour']);
    });

    it('answers a cursor it never issued with 400', async () => {
      const res = await sut.http().get('/api/v1/parties').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(ADMIN);
      expectProblem(res, 400, 'invalid_cursor');
    });
  });

  describe('routes', () => {
    it('answers an unknown route with 404 problem+json', async () => {
      const res = await sut.http().get('/api/v1/no-such-thing').set(ADMIN);
      const body = expectProblem(res, 404, 'not_found');
      expect(body.instance).toBe('/api/v1/no-such-thing');
    });

    it('answers an unknown route with 404 problem+json without a key too', async () => {
      expectProblem(await sut.http().post('/nowhere').send({}), 404, 'not_found');
    });

    it('answers a malformed URL with a 400 problem', async () => {
      expectProblem(await sut.http().get('/api/v1/parties/%E0%A4%A').set(ADMIN), 400);
      const long = await sut
        .http()
        .get(`/api/v1/parties/${'a'.repeat(500)}`)
        .set(ADMIN);
      expect(long.status).toBeGreaterThanOrEqual(400);
      expectProblem(long, long.status);
    });

    it('answers a method the route does not have with a problem', async () => {
      const res = await sut.http().put('/api/v1/parties').set(ADMIN).send({ name: 'Chile' });
      expect([404, 405]).toContain(res.status);
      expectProblem(res, res.status);
    });
  });

  describe('authentication and roles', () => {
    const noKeyCases: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['HTTP Basic', { Authorization: 'Basic x' }],
      ['Bearer without a key', { Authorization: 'Bearer' }],
      ['Bearer with blank key', { Authorization: 'Bearer    ' }],
      ['two tokens', { Authorization: 'Bearer a b' }],
      ['an unknown key', { Authorization: `Bearer ft_${randomUUID()}` }],
    ];
    it.each(noKeyCases)('answers %s with 401', async (_, headers) => {
      const res = await sut.http().get('/api/v1/parties').set(headers);
      expectProblem(res, 401, 'unauthenticated');
    });

    it('answers a write with a bad key with 401, not a validation error', async () => {
      const res = await sut.http().post('/api/v1/parties').set('Authorization', 'Bearer nope').send({ colour: 1 });
      expectProblem(res, 401, 'unauthenticated');
    });

    it('refuses a revoked key with 401', async () => {
      const created = await sut
        .http()
        .post('/api/v1/api-keys')
        .set(ADMIN)
        .send({ name: unique('revoked'), role: 'EDITOR' })
        .expect(201);
      const key = { Authorization: `Bearer ${created.body.key}` };
      await sut.http().get('/api/v1/parties').set(key).expect(200);

      const revoked = await sut.http().post(`/api/v1/api-keys/${created.body.id}/revoke`).set(ADMIN).expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      expectProblem(await sut.http().get('/api/v1/parties').set(key), 401, 'unauthenticated');
      expectProblem(
        await sut
          .http()
          .post('/api/v1/parties')
          .set(key)
          .send({ name: unique('x') }),
        401,
        'unauthenticated',
      );
    });

    it('lets a viewer read but not write (403)', async () => {
      const viewer = await sut.keyFor('VIEWER');
      await sut.http().get('/api/v1/parties').set(viewer).expect(200);
      const res = await sut
        .http()
        .post('/api/v1/parties')
        .set(viewer)
        .send({ name: unique('Peru') });
      expectProblem(res, 403, 'forbidden');
      expectProblem(await sut.http().get('/api/v1/api-keys').set(viewer), 403, 'forbidden');
    });

    it('keeps editors away from API keys (403)', async () => {
      const editor = await sut.keyFor('EDITOR');
      await sut
        .http()
        .post('/api/v1/parties')
        .set(editor)
        .send({ name: unique('Peru') })
        .expect(201);
      expectProblem(await sut.http().get('/api/v1/api-keys').set(editor), 403, 'forbidden');
      expectProblem(
        await sut
          .http()
          .post('/api/v1/api-keys')
          .set(editor)
          .send({ name: unique('k'), role: 'ADMIN' }),
        403,
        'forbidden',
      );
    });

    it('accepts the scheme name in any case', async () => {
      await sut.http().get('/api/v1/parties').set('Authorization', `bearer ${process.env.ADMIN_API_KEY}`).expect(200);
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin', async () => {
      const res = await sut
        .http()
        .options('/api/v1/commitments')
        .set('Origin', DASHBOARD)
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'authorization,content-type,if-match');
      expect(res.status).toBeLessThan(300);
      expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
      expect(res.headers['access-control-allow-methods']).toMatch(/PATCH/);
      expect(res.headers['access-control-allow-headers']?.toLowerCase()).toEqual(expect.stringContaining('if-match'));
      expect(res.headers['access-control-allow-headers']?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
    });

    it('lets an allowed origin read responses and their ETag and request id', async () => {
      const res = await sut.http().get('/api/v1/parties').set(ADMIN).set('Origin', DASHBOARD).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
      expect(res.headers['access-control-expose-headers']?.toLowerCase()).toEqual(expect.stringContaining('etag'));
      expect(res.headers['access-control-expose-headers']?.toLowerCase()).toEqual(expect.stringContaining('x-request-id'));
      expect(res.headers.vary?.toLowerCase()).toEqual(expect.stringContaining('origin'));
    });

    it('lets an allowed origin read error answers too', async () => {
      const res = await sut.http().get('/api/v1/parties').set('Origin', DASHBOARD);
      expectProblem(res, 401);
      expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
    });

    it.each(['http://evil.test', 'http://dashboard.test.evil.test', 'https://dashboard.test', 'null'])('gives no CORS headers to %s', async (origin) => {
      const preflight = await sut.http().options('/api/v1/parties').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const get = await sut.http().get('/api/v1/parties').set(ADMIN).set('Origin', origin).expect(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
      expect(get.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('security headers', () => {
    const expectSecurityHeaders = (headers: Record<string, string | undefined>) => {
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(headers['x-powered-by']).toBeUndefined();
    };

    it('sets them on API answers', async () => {
      expectSecurityHeaders((await sut.http().get('/api/v1/parties').set(ADMIN).expect(200)).headers);
    });

    it('sets them on errors', async () => {
      expectSecurityHeaders((await sut.http().get('/api/v1/parties')).headers);
      expectSecurityHeaders((await sut.http().get('/api/v1/nowhere').set(ADMIN)).headers);
      expectSecurityHeaders((await sut.http().post('/api/v1/parties').set(ADMIN).set('Content-Type', 'application/json').send('{')).headers);
    });

    it('sets them on health', async () => {
      expectSecurityHeaders((await sut.http().get('/health')).headers);
    });

    /** The Content-Security-Policy header as directive name -> sources. */
    const policyOf = (headers: Record<string, string | undefined>) =>
      new Map(
        (headers['content-security-policy'] ?? '')
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .filter(([name]) => name)
          .map(([name, ...sources]) => [name, sources]),
      );

    it('lets only Swagger UI run inline scripts and styles', async () => {
      for (const path of ['/api/v1/parties', '/health', '/docs-json', '/api/v1/nowhere', `/api/v1/calendar/${'a'.repeat(43)}.ics`]) {
        const policy = policyOf((await sut.http().get(path).set(ADMIN)).headers);
        expect({ path, script: policy.get('script-src'), style: policy.get('style-src') }).toEqual({ path, script: ["'self'"], style: ["'self'"] });
      }
      for (const path of ['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css']) {
        const res = await sut.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const policy = policyOf(res.headers);
        expect({ path, script: policy.get('script-src'), style: policy.get('style-src') }).toEqual({
          path,
          script: ["'self'", "'unsafe-inline'"],
          style: ["'self'", "'unsafe-inline'"],
        });
      }
    });
  });

  describe('request id', () => {
    it('echoes a given X-Request-Id', async () => {
      const id = `trace-${randomUUID()}`;
      const res = await sut.http().get('/api/v1/parties').set(ADMIN).set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toBe(id);
    });

    it('echoes it on errors as well', async () => {
      const id = `trace-${randomUUID()}`;
      const res = await sut.http().get('/api/v1/parties').set('X-Request-Id', id);
      expectProblem(res, 401);
      expect(res.headers['x-request-id']).toBe(id);
    });

    it.each([
      ['too long', 'x'.repeat(65)],
      ['with spaces', 'a b'],
      ['with a quote and braces', '{"level":60}'],
      ['not ASCII', 'trace-é'],
      ['with a slash', '../../etc'],
    ])('replaces one %s with a fresh UUID', async (_, id) => {
      const res = await sut.http().get('/api/v1/parties').set(ADMIN).set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('keeps one of 64 safe characters', async () => {
      const id = `${'A'.repeat(30)}.z_9-${'0'.repeat(29)}`;
      expect(id).toHaveLength(64);
      expect((await sut.http().get('/api/v1/parties').set(ADMIN).set('X-Request-Id', id).expect(200)).headers['x-request-id']).toBe(id);
    });

    it('generates a fresh UUID when none is given', async () => {
      const first = await sut.http().get('/api/v1/parties').set(ADMIN).expect(200);
      const second = await sut.http().get('/api/v1/nowhere');
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });
  });
});
