import { z } from 'zod';

/** One bad field of a request: where it is and what is wrong with it. */
export const fieldErrorSchema = z.object({
  field: z.string().meta({ example: 'deadline.value' }),
  message: z.string().meta({ example: 'Expected a month like 2019-09' }),
});

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Not Found' }),
    status: z.number().int().meta({ example: 404 }),
    detail: z.string().meta({ example: 'Commitment 6f1c... does not exist' }),
    code: z.string().meta({ example: 'not_found' }),
    instance: z.string().optional().meta({ example: '/api/v1/commitments/6f1c...' }),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** An error the API answers with on purpose; anything else becomes a 500 without details. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
  }

  static badRequest(code: string, detail: string, errors?: FieldError[]): ProblemError {
    return new ProblemError(400, code, detail, errors ? { errors } : {});
  }
  static notFound(what: string, id: string): ProblemError {
    return new ProblemError(404, 'not_found', `${what} ${id} does not exist`);
  }
  /** A body field names a record that does not exist (e.g. an unknown partyId). */
  static unknownReference(field: string, what: string, id: string): ProblemError {
    return ProblemError.badRequest('unknown_reference', `${what} ${id} does not exist`, [{ field, message: `${what} ${id} does not exist` }]);
  }
  static conflict(code: string, detail: string): ProblemError {
    return new ProblemError(409, code, detail);
  }
  static preconditionFailed(detail: string): ProblemError {
    return new ProblemError(412, 'precondition_failed', detail);
  }
}
