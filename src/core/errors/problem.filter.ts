import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Prisma } from '../../generated/prisma/client.js';
import { busyProblem, isBusy, RETRY_AFTER_SECONDS } from '../prisma/busy.js';
import { ProblemError, type Problem } from './problem.js';

// Fastify's own request errors arrive as HttpExceptions whose cause carries Fastify's code.
const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_content_length' },
};

/** Turns every error into an RFC 9457 problem+json answer; no stack trace leaves the server. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Also installed as the Fastify error handler of every route (see createApiApp). */
  send(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    // A single statement that met a lock or timeout (outside PrismaService.transaction) is busy too.
    const problem = this.toProblem(isBusy(exception) ? busyProblem() : exception);
    problem.instance = request.url;
    if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    // A ProblemError is answered on purpose and logged where it is raised, if at all.
    if (problem.status >= 500 && !(exception instanceof ProblemError)) this.logger.error({ err: exception, reqId: request.id }, problem.detail);
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemError) {
      return problem(exception.status, exception.code, exception.message, exception.extra);
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) return fromPrisma(exception);
    const fastifyCode = fastifyErrorCode(exception);
    if (fastifyCode && fastifyCodes[fastifyCode]) {
      const { status, code } = fastifyCodes[fastifyCode];
      return problem(status, code, (exception as Error).message);
    }
    // Other client errors Fastify raises before Nest sees the request (e.g. a malformed URL).
    const fastifyStatus = (exception as { statusCode?: unknown } | undefined)?.statusCode;
    if (fastifyCode && typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return problem(fastifyStatus, codeFor(fastifyStatus), (exception as Error).message);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const extra = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      // terminus puts which dependency failed in the body: keep it.
      const { message: _m, statusCode: _s, error: _e, ...details } = extra;
      return problem(status, codeFor(status), exception.message, details);
    }
    return problem(500, 'internal_error', 'An unexpected error occurred; it has been logged.');
  }
}

function fromPrisma(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>): Problem {
  switch (error.code) {
    case 'P2002':
      return problem(409, 'already_exists', `A record with the same ${uniqueTarget(error)} already exists`);
    case 'P2003':
    case 'P2014':
      return problem(409, 'still_referenced', 'The record is referenced by other records; remove those first');
    case 'P2025':
      return problem(404, 'not_found', 'The record does not exist');
    default:
      if (INVALID_TEXT.has(driverErrorCode(error) ?? '')) {
        return problem(400, 'invalid_text', 'A text contains a character that cannot be stored (such as U+0000)');
      }
      return problem(500, 'internal_error', 'An unexpected error occurred; it has been logged.');
  }
}

// Postgres refuses NUL and characters outside UTF-8 in text; that is the client's input, not a fault.
const INVALID_TEXT = new Set(['22021', '22P05']);

function driverErrorCode(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>): string | undefined {
  return (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause?.originalCode;
}

function uniqueTarget(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>): string {
  type Cause = { table?: string; constraint?: { fields?: string[]; index?: string } };
  const cause = (error.meta as { driverAdapterError?: { cause?: Cause } } | undefined)?.driverAdapterError?.cause;
  if (cause?.constraint?.fields) return cause.constraint.fields.join(', ').replaceAll('"', '');
  // Postgres names unique indexes <table>_<columns>_key.
  const index = cause?.constraint?.index;
  if (index && cause.table) return index.replace(`${cause.table}_`, '').replace(/_key$/, '').replaceAll('_', ' ');
  return 'key';
}

function fastifyErrorCode(exception: unknown): string | undefined {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const c of candidates) {
    const code = (c as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('FST_')) return code;
  }
  return undefined;
}

function codeFor(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
}

function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  // Extra members never replace the standard ones (terminus' body has a `status` of its own).
  const { type: _t, title: _ti, status: _s, detail: _d, code: _c, instance: _i, ...rest } = extra;
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...rest };
}
