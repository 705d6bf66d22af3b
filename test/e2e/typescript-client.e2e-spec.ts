import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { createFollowthroughClient, isProblem, type FollowthroughClient } from '../../clients/typescript/src/index.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

const CLIENT = 'clients/typescript';

describe('the TypeScript client generated from the OpenAPI document', () => {
  let sut: TestApp;
  let served: OpenAPI3;
  let client: FollowthroughClient;

  beforeAll(async () => {
    sut = await startTestApp();
    await sut.app.listen({ port: 0, host: '127.0.0.1' });
    served = (await sut.http().get('/docs-json').expect(200)).body as OpenAPI3;
    client = createFollowthroughClient({ baseUrl: await sut.app.getUrl(), apiKey: ADMIN.Authorization.slice('Bearer '.length) });
  });
  afterAll(async () => {
    await sut.close();
  });

  it('starts from a document that swagger-parser validates, served and committed alike', async () => {
    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeDefined();
    const committed: unknown = JSON.parse(readFileSync('openapi.json', 'utf8'));
    await expect(SwaggerParser.validate(committed as never)).resolves.toBeDefined();
  });

  it('is what openapi-typescript makes of the served document (run `npm run client:generate` after `npm run openapi`)', async () => {
    const generated = COMMENT_HEADER + astToString(await openapiTS(structuredClone(served), { defaultNonNullable: false }));
    expect(readFileSync(`${CLIENT}/src/schema.ts`, 'utf8')).toBe(generated);
  });

  it('compiles under strict tsc', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      `${CLIENT}/tsconfig.json`,
      { noEmit: true },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error(`${CLIENT}/tsconfig.json could not be read`);
    expect(config.options.strict).toBe(true);
    const program = ts.createProgram(config.fileNames, config.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('creates a party and commitments, lists them with a two-status filter and a cursor, and reads a problem code', async () => {
    const party = await client.POST('/api/v1/parties', { body: { name: unique('Client party'), kind: 'COUNTRY' } });
    expect(party.response.status).toBe(201);
    const ownerPartyId = party.data!.id;
    const tag = unique('client').replace(' ', '-');
    for (const [title, status] of [
      ['open', 'OPEN'],
      ['in progress', 'IN_PROGRESS'],
      ['done', 'DONE'],
      ['deferred', 'DEFERRED'],
    ] as const) {
      const created = await client.POST('/api/v1/commitments', {
        body: { title, status, ownerPartyId, tags: [tag], deadline: { precision: 'MONTH', value: '2020-09' } },
      });
      expect([title, created.response.status]).toEqual([title, 201]);
    }

    const first = await client.GET('/api/v1/commitments', { params: { query: { tag, status: ['OPEN', 'DONE'], limit: 1, sort: 'created', order: 'asc' } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.items.map((i) => i.title)).toEqual(['open']);
    expect(first.data!.items[0].deadline!.label).toBe('September 2020');
    expect(first.data!.nextCursor).toEqual(expect.any(String));

    const second = await client.GET('/api/v1/commitments', {
      params: { query: { tag, status: ['OPEN', 'DONE'], limit: 1, sort: 'created', order: 'asc', cursor: first.data!.nextCursor! } },
    });
    expect(second.data!.items.map((i) => i.title)).toEqual(['done']);
    expect(second.data!.items[0].ownerPartyId).toBe(ownerPartyId);

    const missing = await client.GET('/api/v1/commitments/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(isProblem(missing.error) && missing.error.code).toBe('not_found');
  });
});
