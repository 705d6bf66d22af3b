import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

type Schemas = components['schemas'];
export type Commitment = Schemas['Commitment'];
export type CommitmentPage = Schemas['CommitmentPage'];
export type CreateCommitment = Schemas['CreateCommitment'];
export type Party = Schemas['Party'];
export type CreateParty = Schemas['CreateParty'];
export type Problem = Schemas['Problem'];
export type CommitmentStatus = Commitment['status'];

export interface FollowthroughClientOptions {
  /** Where the service answers, e.g. `https://followthrough.example.org` (no `/api/v1`). */
  baseUrl: string;
  /** An API key; sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
  /** A fetch of your own (tests, instrumentation); the global fetch by default. */
  fetch?: (input: Request) => Promise<Response>;
}

export type FollowthroughClient = Client<paths>;

/**
 * A typed client for the Followthrough API. Every method takes the path as written in the API
 * reference and returns `{ data, error, response }`: `data` on success, `error` (a Problem with a
 * stable `code`) otherwise.
 */
export function createFollowthroughClient(options: FollowthroughClientOptions): FollowthroughClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${options.apiKey}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** True when an error answer is an RFC 9457 problem from the service (it carries a `code`). */
export function isProblem(error: unknown): error is Problem {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
