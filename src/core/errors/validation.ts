import type { StandardSchemaV1 } from '@standard-schema/spec';
import { StandardSchemaValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ProblemError, type FieldError } from './problem.js';

type Issue = StandardSchemaV1.Issue & { code?: string; keys?: string[] };

/** One entry per bad field; an unknown key is named itself rather than its parent object. */
export function fieldErrors(issues: readonly StandardSchemaV1.Issue[], prefix: string[] = []): FieldError[] {
  return (issues as readonly Issue[]).flatMap((issue) => {
    const path = [...prefix, ...(issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p))];
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unknown field' }));
    }
    return [{ field: path.join('.') || '(root)', message: issue.message }];
  });
}

/**
 * Validates every @Body/@Query/@Param that carries a schema. The field names in the answer say
 * where the value was: `title` for a body field, `query.limit`, `path.id`.
 */
class ProblemValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const prefix = metadata.type === 'body' ? [] : [metadata.type === 'param' ? 'path' : metadata.type];
    if (metadata.data) prefix.push(metadata.data);
    const errors = metadata.schema ? nulFields(value, prefix) : [];
    try {
      const result = await super.transform(value, metadata);
      if (!errors.length) return result;
    } catch (error) {
      if (!(error instanceof ValidationIssues)) throw error;
      const invalid = fieldErrors(error.issues, prefix);
      const named = new Set(invalid.map((e) => e.field));
      throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', [...invalid, ...errors.filter((e) => !named.has(e.field))]);
    }
    throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', errors);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Postgres cannot store U+0000 in text, nor a lone half of a UTF-16 surrogate pair (it is no character
 * at all, and will not encode as UTF-8): name such a field here rather than fail at the database.
 */
function nulFields(value: unknown, path: string[], depth = 0): FieldError[] {
  if (typeof value === 'string') {
    const field = path.join('.') || '(root)';
    if (value.includes('\u0000')) return [{ field, message: 'Must not contain the character U+0000' }];
    return LONE_SURROGATE.test(value) ? [{ field, message: 'Must be well-formed Unicode: a lone surrogate (U+D800 to U+DFFF) is not a character' }] : [];
  }
  // No schema of ours nests this deep; the schema refuses such a body anyway.
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  return Object.entries(value).flatMap(([key, item]) => nulFields(item, [...path, key], depth + 1));
}

class ValidationIssues extends Error {
  constructor(readonly issues: readonly StandardSchemaV1.Issue[]) {
    super('validation failed');
  }
}

export function validationPipe(): StandardSchemaValidationPipe {
  return new ProblemValidationPipe({ exceptionFactory: (issues) => new ValidationIssues(issues) });
}
