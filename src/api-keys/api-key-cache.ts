import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../core/auth/roles.js';

/**
 * Revocations reach the cache through a database notification; the TTL is only a backstop, so that
 * nothing lives on indefinitely if one were ever missed (a connection dying silently, a key revoked
 * by hand in SQL) and so that a key's name or role changed behind the API's back shows within a minute.
 */
const CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface CachedKey {
  readonly principal: Principal;
  readonly cachedAt: number;
  /** When this process last recorded the key as used (or learned it had been, from the database). */
  lastMarkedAt: number;
}

/**
 * Authenticated keys by key hash, so repeat requests skip the database. Only trustworthy while
 * revocations can reach it: it starts disabled and ApiKeyRevocations enables it once it is listening.
 */
@Injectable()
export class ApiKeyCache {
  private readonly entries = new Map<string, CachedKey>();
  private enabled = false;
  /** Moves on every invalidation, so a lookup that raced one is not cached (see ticket()). */
  private generation = 0;

  get(keyHash: string, now: number): CachedKey | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(keyHash);
    if (entry && now - entry.cachedAt >= CACHE_TTL_MS) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return entry;
  }

  /**
   * Taken before a database lookup and handed to set(): a revocation notified while the lookup was
   * in flight has nothing to delete yet, and must not be undone by caching the lookup's stale answer.
   */
  ticket(): number {
    return this.generation;
  }

  set(keyHash: string, entry: CachedKey, ticket: number): void {
    if (!this.enabled || ticket !== this.generation) return;
    this.entries.delete(keyHash);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(keyHash, entry);
  }

  delete(keyHash: string): void {
    this.generation++;
    this.entries.delete(keyHash);
  }

  /** Revocations can reach the cache again; anything looked up before now was not covered by them. */
  enable(): void {
    this.generation++;
    this.enabled = true;
  }

  /** Revocations may be missed from now on: forget everything and send every request to the database. */
  disable(): void {
    this.generation++;
    this.enabled = false;
    this.entries.clear();
  }
}

/**
 * Hashes of keys the database did not know (or knew as revoked), so that a client repeating a bad
 * key does not cost a query each time. Safe without any invalidation: keys are random and shown only
 * once created, so no one can present a key before it exists, and a revoked key stays revoked.
 * Bounded in size; the least recently seen hash goes first.
 */
@Injectable()
export class UnknownKeyCache {
  private readonly hashes = new LRUCache<string, true>({ max: 10_000 });

  has(keyHash: string): boolean {
    return this.hashes.has(keyHash);
  }

  add(keyHash: string): void {
    this.hashes.set(keyHash, true);
  }
}
