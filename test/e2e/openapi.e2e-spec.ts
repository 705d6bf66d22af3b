import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../../src/openapi/openapi.js';
import { startTestApp, type TestApp } from '../support/app.js';

type Operation = {
  summary?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

describe('OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenAPIObject;
  beforeAll(async () => {
    sut = await startTestApp();
    document = buildOpenApiDocument(sut.app);
  });
  afterAll(async () => {
    await sut.close();
  });

  it('is the committed openapi.json (run `npm run openapi` after changing the API)', () => {
    const committed: unknown = JSON.parse(readFileSync('openapi.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is served at /docs-json', async () => {
    const res = await sut.http().get('/docs-json').expect(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('documents every operation: summary, auth, request and response schemas, problem answers', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, path, method, op } of operations) {
      expect([name, Boolean(op.summary)]).toEqual([name, true]);
      const codes = Object.keys(op.responses);
      // Health and calendar feeds (the secret address is the credential) need no API key.
      if (!['/health', '/api/v1/calendar/{file}'].includes(path)) {
        expect([name, op.security]).toEqual([name, [{ bearer: [] }]]);
        expect([name, codes.includes('401'), codes.includes('400')]).toEqual([name, true, true]);
        expect([name, op.responses['401'].content?.['application/problem+json']?.schema]).toEqual([name, { $ref: '#/components/schemas/Problem' }]);
      }
      if (['post', 'patch', 'put'].includes(method) && !path.endsWith('/approve') && !path.endsWith('/revoke') && !path.endsWith('/retry')) {
        expect([name, Boolean(op.requestBody?.content?.['application/json']?.schema)]).toEqual([name, true]);
      }
      for (const [code, response] of Object.entries(op.responses)) {
        if (/^2/.test(code) && code !== '204') expect([name, code, Boolean(response.content)]).toEqual([name, code, true]);
      }
    }
  });

  it('describes multi-value filters as arrays sent as repeated parameters (form, exploded)', () => {
    for (const path of ['/api/v1/commitments', '/api/v1/commitments/export.csv', '/api/v1/dashboard/summary']) {
      const parameters = (document.paths[path].get?.parameters ?? []) as {
        name: string;
        in: string;
        style?: string;
        explode?: boolean;
        schema?: { type?: string; items?: { enum?: string[] } };
      }[];
      const status = parameters.find((p) => p.in === 'query' && p.name === 'status');
      expect([path, status?.schema?.type, status?.style, status?.explode]).toEqual([path, 'array', 'form', true]);
      expect([path, status?.schema?.items?.enum]).toEqual([path, ['PROPOSED', 'OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'DEFERRED']]);
    }
  });

  it('names its schemas and gives examples for what clients send', () => {
    const schemas = document.components?.schemas ?? {};
    for (const name of ['Problem', 'CreateCommitment', 'Commitment', 'Deadline', 'DeadlineInput', 'CreateParty', 'Party']) {
      expect([name, name in schemas]).toEqual([name, true]);
    }
    expect(schemas.CreateCommitment).toHaveProperty('example');
    expect(schemas.DeadlineInput).toHaveProperty('example');
  });
});
