import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { problemSchema } from '../errors/problem.js';

const problemDescriptions: Record<number, string> = {
  400: 'Invalid request: the `errors` list names each bad field',
  401: 'Missing, unknown or revoked API key',
  403: 'The API key’s role may not do this',
  404: 'Not found',
  409: 'Conflicts with existing data',
  412: 'The If-Match ETag is stale: re-read and try again',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many unknown or revoked API keys from this address: wait for Retry-After seconds',
};

/** Documents one operation: its summary, success answer and the problem answers it can give. */
export function ApiOperationDoc(options: {
  summary: string;
  description?: string;
  status?: number;
  response?: StandardSchemaV1;
  responseDescription?: string;
  errors?: number[];
}): MethodDecorator {
  const status = options.status ?? 200;
  const errors = [...new Set([400, 401, 429, ...(options.errors ?? [])])].sort();
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiResponse({
      status,
      description: options.responseDescription ?? (status === 204 ? 'Done; no content' : 'Success'),
      ...(options.response ? { standardSchema: options.response } : {}),
    }),
    ...errors.map((code) =>
      ApiResponse({
        status: code,
        description: problemDescriptions[code] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}

export { problemSchema };
