import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKey } from '../generated/prisma/client.js';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, idCursorSchema, toPage, type ListQuery, type Page } from '../core/http/pagination.js';
import type { ApiKeyJson, CreateApiKey } from './api-key.schemas.js';
import { ApiKeyCache, UnknownKeyCache, type CachedKey } from './api-key-cache.js';
import { ApiKeysRepository, MARK_USED_EVERY_MS } from './api-keys.repository.js';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly adminKeyHash: Buffer;

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly cache: ApiKeyCache,
    private readonly unknown: UnknownKeyCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adminKeyHash = Buffer.from(hash(config.ADMIN_API_KEY), 'hex');
  }

  async create(input: CreateApiKey): Promise<ApiKeyJson & { key: string }> {
    const key = `ft_${randomBytes(32).toString('base64url')}`;
    const row = await this.repository.create({ ...input, keyHash: hash(key), keyPrefix: key.slice(0, 7) });
    return { ...toJson(row), key };
  }

  async list(query: ListQuery): Promise<Page<ApiKeyJson>> {
    const after = decodeCursor(query.cursor, idCursorSchema);
    const rows = await this.repository.list(query.limit, after?.id);
    return toPage(rows, query.limit, toJson, (r) => ({ id: r.id }));
  }

  async revoke(id: string): Promise<ApiKeyJson> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('API key', id);
    let revoked = row;
    // Revoking again changes nothing but says so again, for processes that cached a key revoked
    // behind the API's back.
    if (row.revokedAt) await this.repository.announceRevocation(row.keyHash);
    else revoked = await this.repository.revoke(id);
    // The notification will say the same; this process need not wait for it.
    this.cache.delete(row.keyHash);
    return toJson(revoked);
  }

  /**
   * The principal behind a bearer key, or null when the key is unknown or revoked. Without
   * `lookUp` only what this process remembers answers (for a client refused by the throttle).
   */
  async authenticate(key: string, { lookUp }: { lookUp: boolean }): Promise<Principal | null> {
    const digest = hash(key);
    if (timingSafeEqual(Buffer.from(digest, 'hex'), this.adminKeyHash)) {
      return { keyId: null, name: 'bootstrap admin', role: 'ADMIN' };
    }
    const now = new Date();
    const cached = this.cache.get(digest, now.getTime());
    if (cached) {
      this.markUsed(cached, now);
      return cached.principal;
    }
    if (!lookUp || this.unknown.has(digest)) return null;
    const ticket = this.cache.ticket();
    const row = await this.repository.useActiveByHash(digest, now);
    if (!row) {
      this.unknown.add(digest);
      return null;
    }
    const principal: Principal = { keyId: row.id, name: row.name, role: row.role };
    this.cache.set(digest, { principal, cachedAt: now.getTime(), lastMarkedAt: row.lastUsedAt?.getTime() ?? now.getTime() }, ticket);
    return principal;
  }

  /** In the background: the request does not wait for a write it does not need. */
  private markUsed(entry: CachedKey, now: Date): void {
    const { keyId } = entry.principal;
    if (!keyId || now.getTime() - entry.lastMarkedAt < MARK_USED_EVERY_MS) return;
    entry.lastMarkedAt = now.getTime();
    this.repository.markUsed(keyId, now).catch((error: unknown) => {
      this.logger.warn(`Could not record that API key ${keyId} was used: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

function toJson(row: ApiKey): ApiKeyJson {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
