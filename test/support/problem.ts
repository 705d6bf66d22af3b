import { expect } from '@jest/globals';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'supertest';

/** Traces of the server's insides that must never reach a client. */
const INTERNALS = /\n\s+at |node_modules|[/\\]src[/\\]|\.[jt]s:\d+|FST_[A-Z_]+|prisma|stack|invalid input syntax|constraint "|relation "/i;

/**
 * Asserts an RFC 9457 answer: the status, the problem+json media type, the standard members and a
 * stable code, and that nothing internal leaked into it.
 */
export function expectProblem(res: Response, status: number, code?: string): Record<string, unknown> {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status, title: STATUS_CODES[status] });
  expect(typeof body.detail).toBe('string');
  expect((body.detail as string).length).toBeGreaterThan(0);
  expect(typeof body.code).toBe('string');
  if (code) expect(body.code).toBe(code);
  expect(body).not.toHaveProperty('stack');
  expect(JSON.stringify(body)).not.toMatch(INTERNALS);
  return body;
}

/** The fields a 400 names, in the order given. */
export function badFields(res: Response): string[] {
  return ((res.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
}
