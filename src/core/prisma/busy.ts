import { ProblemError } from '../errors/problem.js';

/**
 * Postgres errors that mean "the database was busy", not "the request was wrong": a serialization
 * failure, a deadlock, a lock or statement timeout (lock_timeout, statement_timeout), and Prisma's
 * own transaction timeouts. Worth one retry; after that the client is told to come back.
 */
const BUSY_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014']);
/** P2034: write conflict or deadlock; P2028: the transaction could not start or ran out of time. */
const BUSY_PRISMA_CODES = new Set(['P2034', 'P2028']);

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

export function isBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string' && (BUSY_PRISMA_CODES.has(code) || BUSY_SQLSTATES.has(code))) return true;
    const cause = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (cause && [cause.originalCode, cause.code].some((c) => typeof c === 'string' && BUSY_SQLSTATES.has(c))) return true;
    if (cause && (cause as { kind?: unknown }).kind === 'TransactionWriteConflict') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function busyProblem(): ProblemError {
  return new ProblemError(503, 'busy', 'The database is busy with conflicting work; try again shortly', { retryAfter: RETRY_AFTER_SECONDS });
}
