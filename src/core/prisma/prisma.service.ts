import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { APP_CONFIG } from '../config/config.module.js';
import { logConnectionErrors } from '../connection-errors.js';
import { busyProblem, isBusy } from './busy.js';
import { readTypes } from './timestamptz.js';
import type { AppConfig } from '../config/config.schema.js';

const MAX_PREPARED = 100;
/** Query shapes Prisma's own queries may prepare per process (see statementName). */
const MAX_PRISMA_PREPARED = 400;
const TRANSACTION_TIMEOUT = '10s';

/**
 * Limits every connection runs under. A statement waits at most LOCK_TIMEOUT_MS for a row another
 * transaction holds, so a stuck writer cannot pile the others up behind it; a transaction left idle
 * (a crashed caller) lets go of its locks after IDLE_IN_TRANSACTION_MS.
 */
export const LOCK_TIMEOUT_MS = 2_000;
const IDLE_IN_TRANSACTION_MS = 30_000;
const SESSION_OPTIONS = `-c lock_timeout=${LOCK_TIMEOUT_MS} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`;

export interface TransactionLimits {
  /** The most the work may take, start to commit (Prisma rolls back after it). */
  timeoutMs: number;
  /** The most it may wait for a connection. */
  maxWaitMs?: number;
}

/** A request's write: a few statements on one commitment and its reminders. */
export const REQUEST_TRANSACTION: TransactionLimits = { timeoutMs: 5_000, maxWaitMs: 2_000 };

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  /**
   * The pool read() runs on, apart from the one Prisma's adapter (every write) runs on: writers
   * waiting for a row can fill their pool, and the dashboard's reads must not queue behind them.
   */
  private readonly pool: pg.Pool;
  /** The statements read() prepares on its connections: text to name. */
  private readonly prepared = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger('PostgreSQL');
    // An idle connection the server closes (a restart, a failover, pg_terminate_backend: error 57P01)
    // makes its pool emit 'error'; unheard, that would end the process. The pool drops the connection
    // and opens a new one for the next query, so a warning is all it takes.
    const pool = (what: string) => {
      const created = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, options: SESSION_OPTIONS });
      logConnectionErrors(created, logger, what);
      return created;
    };
    // Prisma sends its queries unnamed unless told otherwise, so PostgreSQL parsed and planned every
    // statement of every write again: about 3 ms of the 8 it spent on a deadline change.
    const prismaPrepared = new Map<string, string>();
    super({
      adapter: new PrismaPg(pool('Connection pool'), {
        disposeExternalPool: true,
        statementNameGenerator: ({ sql }) => statementName(prismaPrepared, sql, MAX_PRISMA_PREPARED),
      }),
    });
    this.pool = pool('Connection pool (reads)');
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }

  /**
   * Runs `work` in a transaction with explicit limits. A deadlock, serialization failure, lock or
   * transaction timeout is retried once (the work runs again from the start, so it must only touch
   * the database); a second one answers 503 `busy` with Retry-After, never 500.
   */
  async transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>, limits: TransactionLimits = REQUEST_TRANSACTION): Promise<T> {
    const options = { timeout: limits.timeoutMs, maxWait: limits.maxWaitMs ?? 2_000 };
    try {
      return await this.$transaction(work, options);
    } catch (error: unknown) {
      if (!isBusy(error)) throw error;
    }
    try {
      return await this.$transaction(work, options);
    } catch (error: unknown) {
      throw isBusy(error) ? busyProblem() : error;
    }
  }

  /**
   * A SQL statement sent straight to the pool as a named prepared statement, for hot paths where
   * Prisma's own work per query costs more than the query (measured: the dashboard's lists, reminder
   * delivery). Same parameter binding as $queryRaw; rows come back as node-postgres parses them
   * (timestamptz as Date, json parsed, int8 as string: cast counts to int).
   */
  async read<T>(query: Prisma.Sql): Promise<T[]> {
    return (await this.pool.query<T & pg.QueryResultRow>(this.named(query))).rows;
  }

  /** A write that stands alone (committed by itself), sent as read() sends queries; its RETURNING rows. */
  write<T>(query: Prisma.Sql): Promise<T[]> {
    return this.read<T>(query);
  }

  /**
   * Named statements (as read() sends them) in one transaction on one pooled connection, for hot write
   * paths: a Prisma interactive transaction costs several round trips and re-plans every raw statement.
   * Lock and statement timeouts keep it short, like every transaction here. `durableCommit: false`
   * answers once the commit is in the database's log buffer, not on disk (within a fraction of a second):
   * for work that a database crash may lose because it is redone anyway, whose locks should not be held
   * for a disk flush.
   */
  async pooledTransaction<T>(
    work: (run: <R>(query: Prisma.Sql) => Promise<R[]>) => Promise<T>,
    { durableCommit = true }: { durableCommit?: boolean } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    // While checked out a connection has no pool listening to it: one closed by the server between
    // two statements would otherwise throw out of the process. Its next query fails instead.
    let broken: Error | undefined;
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      const commit = durableCommit ? '' : '; SET LOCAL synchronous_commit = off';
      await client.query(`BEGIN; SET LOCAL lock_timeout = '${TRANSACTION_TIMEOUT}'; SET LOCAL statement_timeout = '${TRANSACTION_TIMEOUT}'${commit}`);
      const result = await work(async <R>(query: Prisma.Sql) => (await client.query<R & pg.QueryResultRow>(this.named(query))).rows);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.removeListener('error', lost);
      // A broken connection is destroyed rather than handed to the next caller.
      client.release(broken);
    }
  }

  // Named, so each connection prepares a query shape once: on the dashboard's list, planning cost
  // more than running (2.4 ms against 1.1 ms), and prepared statements doubled queries per second.
  // A connection keeps what it prepared until it closes, and filters combine into many shapes:
  // only the first MAX_PREPARED shapes are named (a dashboard uses a handful), the rest planned
  // each time.
  private named(query: Prisma.Sql): pg.QueryConfig {
    return { name: statementName(this.prepared, query.text, MAX_PREPARED) || undefined, text: query.text, values: query.values, types: readTypes };
  }

  /**
   * read() for results of many small rows (the summary's ~1,500 counts): Postgres sends them as one
   * JSON array, which JSON.parse reads natively. Parsed row by row they cost the API 5 ms a request.
   * Values come as JSON has them: numbers, strings, null (dates as ISO strings).
   */
  async readAll<T>(query: Prisma.Sql): Promise<T[]> {
    const [{ rows }] = await this.read<{ rows: T[] }>(Prisma.sql`SELECT COALESCE(json_agg(r), '[]'::json) AS rows FROM (${query}) r`);
    return rows;
  }
}

/**
 * The name a query's text is prepared under, on every connection of the pool, or '' (the unnamed
 * statement, planned each time) once `limit` shapes have names: a connection keeps what it prepared
 * until it closes, and a query whose IN list grows makes a new shape per length.
 */
function statementName(prepared: Map<string, string>, text: string, limit: number): string {
  let name = prepared.get(text);
  if (name === undefined && prepared.size < limit) {
    name = `ft_${createHash('sha1').update(text).digest('base64url')}`;
    prepared.set(text, name);
  }
  return name ?? '';
}
