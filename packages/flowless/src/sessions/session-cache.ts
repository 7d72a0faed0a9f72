/**
 * @module The cache of validated sessions behind bridge validation: a `HybridCache` from
 * `flowfull/cache` (per-process LRU, then Redis shared by every instance when `REDIS_URL` is
 * set), keyed by the SHA-256 of the session id. A delete removes the entry here, in Redis and in
 * every other instance's memory, and wins over a load in flight (HybridCache's generation check).
 * Cached records never carry the password hash.
 */
import { HybridCache, type HybridCacheMetrics } from 'flowfull/cache';
import { defaultOf, flowfullVariables } from 'flowfull/config';
import type { Logger } from 'flowfull/server';
import type { Redis } from 'ioredis';
import type { SessionRecord } from './session-record.js';

/** The session cache port: the subset of `HybridCache` the session service uses. */
export interface SessionCache {
  /** The cached record of `hash`, or the loader's (cached unless null); concurrent misses share one load. */
  getOrSet(hash: string, loader: () => Promise<SessionRecord | null>): Promise<SessionRecord | null>;
  /** Drops `hash` on every instance. */
  delete(hash: string): Promise<void>;
  /** Resolves true once Redis and the invalidation subscription are up (at once without Redis). */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Hits, misses, faults and breaker state, for `/metrics`. */
  metrics(): HybridCacheMetrics;
  /** Closes the cache's own connections (never the Redis client it was given). */
  close(): Promise<void>;
}

/** Options of {@link createSessionCache}. */
export interface SessionCacheOptions {
  /** Shared Redis (L2 and invalidations), or null for this process only. @default null */
  redis?: Redis | null;
  /** Time to live of an entry, in ms. @default `CACHE_TTL`'s default (300_000) */
  ttlMs?: number;
  /** Entries kept in memory per process. @default 50_000 */
  maxSize?: number;
  /** Prefix of the Redis keys (and of the invalidation channel). @default 'flowless:sessions:' */
  keyPrefix?: string;
  /** Clock in ms, so entries expire on the injected clock. @default Date.now */
  now?: () => number;
  /** Where Redis faults are reported (never keys or values). @default silent */
  logger?: Pick<Logger, 'warn' | 'debug'>;
}

/**
 * Creates the {@link SessionCache} on a `HybridCache`.
 *
 * @example
 * ```ts
 * const cache = createSessionCache({ redis, ttlMs: config.CACHE_TTL_MS, keyPrefix: 'flowless:sessions:' });
 * const session = await cache.getOrSet(hash, () => store.findByHash(hash));
 * ```
 */
export function createSessionCache(options: SessionCacheOptions = {}): SessionCache {
  return new HybridCache<SessionRecord | null>({
    cacheType: 'flowless_sessions',
    ttl: (options.ttlMs ?? defaultOf(flowfullVariables.CACHE_TTL)) / 1000,
    maxSize: options.maxSize ?? 50_000,
    keyPrefix: options.keyPrefix ?? 'flowless:sessions:',
    redis: options.redis ?? null,
    ...(options.now && { now: options.now }),
    ...(options.logger && { logger: options.logger }),
  });
}
