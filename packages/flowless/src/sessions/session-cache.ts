/**
 * @module The in-process cache of validated sessions behind bridge validation, indexed by user so
 * one revocation message can evict every session of a user. A revocation that lands while a
 * database load is in flight wins: loads only store their result if no eviction happened since
 * they started.
 */
import { LRUCache } from 'lru-cache';
import type { SessionRecord } from './session-record.js';

/** Options of {@link createSessionCache}. */
export interface SessionCacheOptions {
  /** Most sessions kept. @default 50_000 */
  max?: number;
  /** Longest time an entry is kept, in ms (0 disables the cache). @default 300_000 */
  ttlMs?: number;
}

/** The validated-session cache port. */
export interface SessionCache {
  get(hash: string): SessionRecord | undefined;
  /** A token to pass to {@link SessionCache.set} for a load started now. */
  epoch(): number;
  /** Stores `record` unless an eviction happened after `epoch` was taken. */
  set(record: SessionRecord, epoch: number, maxTtlMs: number): void;
  deleteSession(hash: string): void;
  deleteUser(userId: string): void;
  clear(): void;
}

/**
 * Creates a {@link SessionCache}.
 *
 * @example
 * ```ts
 * const cache = createSessionCache({ ttlMs: config.CACHE_TTL_MS });
 * ```
 */
export function createSessionCache(options: SessionCacheOptions = {}): SessionCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const byUser = new Map<string, Set<string>>();
  let evictions = 0;
  const lru = new LRUCache<string, SessionRecord>({
    max: options.max ?? 50_000,
    ttl: Math.max(ttlMs, 1),
    dispose: (record, hash) => {
      const hashes = byUser.get(record.userId);
      hashes?.delete(hash);
      if (hashes && hashes.size === 0) byUser.delete(record.userId);
    },
  });
  return {
    get: (hash) => (ttlMs > 0 ? lru.get(hash) : undefined),
    epoch: () => evictions,
    set(record, epoch, maxTtlMs) {
      if (ttlMs <= 0 || epoch !== evictions || maxTtlMs <= 0) return;
      lru.set(record.hash, record, { ttl: Math.min(ttlMs, maxTtlMs) });
      const hashes = byUser.get(record.userId) ?? new Set<string>();
      hashes.add(record.hash);
      byUser.set(record.userId, hashes);
    },
    deleteSession(hash) {
      evictions++;
      lru.delete(hash);
    },
    deleteUser(userId) {
      evictions++;
      for (const hash of [...(byUser.get(userId) ?? [])]) lru.delete(hash);
      byUser.delete(userId);
    },
    clear() {
      evictions++;
      lru.clear();
      byUser.clear();
    },
  };
}
