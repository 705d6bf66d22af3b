import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ApiKeyCache } from './api-key-cache.js';

/** Carries the hash of a revoked key; sent by ApiKeysRepository.revoke in its transaction. */
export const REVOCATION_CHANNEL = 'api_key_revoked';

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;
/**
 * A connection whose peer vanished without closing it looks healthy until something is sent on it:
 * a query this often (answered within QUERY_TIMEOUT_MS) finds it out well before the cache's TTL.
 */
const HEARTBEAT_MS = 15_000;
const QUERY_TIMEOUT_MS = 5_000;

/** The listener's application_name, as seen in pg_stat_activity. */
export const LISTENER_NAME = 'followthrough api-key revocations';

/**
 * Listens for revocations on a connection of its own (a pooled one would be handed to other
 * queries, and LISTEN belongs to a session) and drops revoked keys from this process's cache. The
 * cache is enabled only while this is listening: a notification sent while the connection is down
 * is lost for good, so meanwhile every request goes to the database.
 */
@Injectable()
export class ApiKeyRevocations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyRevocations.name);
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private down = false;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: ApiKeyCache,
  ) {}

  onModuleInit(): void {
    // Not awaited: the app must boot while the database is away; until this listens, nothing is cached.
    this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.stopHeartbeat();
    this.cache.disable();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): void {
    const client = new pg.Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: 5000,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: LISTENER_NAME,
    });
    this.client = client;
    let lost = false;
    const lose = (reason: string) => {
      if (lost) return;
      lost = true;
      this.stopHeartbeat();
      this.cache.disable();
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (!this.down) {
        this.down = true;
        this.logger.warn(`Not listening for API key revocations (${reason}): every request is checked against the database until it is back`);
      }
      this.retry = setTimeout(() => {
        this.retry = null;
        this.listen();
      }, this.retryMs);
      // Shutdown clears it; unref'd as well, so it never is what keeps a process alive.
      this.retry.unref();
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    };
    client.on('error', (error) => lose(error.message));
    client.on('end', () => lose('connection ended'));
    client.on('notification', ({ channel, payload }) => {
      if (channel === REVOCATION_CHANNEL && payload) this.cache.delete(payload);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${REVOCATION_CHANNEL}`))
      .then(
        () => {
          if (lost) return;
          if (this.closed) return lose('closing');
          this.retryMs = RETRY_FIRST_MS;
          this.startHeartbeat(client, lose);
          this.cache.enable();
          if (this.down) {
            this.down = false;
            this.logger.warn('Listening for API key revocations again: keys are cached once more');
          }
        },
        (error: unknown) => lose(error instanceof Error ? error.message : String(error)),
      );
  }

  private startHeartbeat(client: pg.Client, lose: (reason: string) => void): void {
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => lose(`no answer on the connection: ${error instanceof Error ? error.message : String(error)}`));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
