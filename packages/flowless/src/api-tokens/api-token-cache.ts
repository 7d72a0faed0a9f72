/**
 * @module The cache of validated API tokens behind bridge validation: a `HybridCache` like the
 * session cache (per-process LRU, then Redis shared by every instance when configured), keyed by
 * the SHA-256 of the token. A delete removes the entry on every instance.
 */
import { type CacheLogger, HybridCache, type HybridCacheMetrics } from 'flowfull/cache';
import type { Redis } from 'ioredis';
import type { ApiTokenRecord } from './api-token-record.js';

/** The API token cache port: the subset of `HybridCache` the token service uses. */
export interface ApiTokenCache {
  /** The cached record of `hash`, or the loader's (cached unless null); concurrent misses share one load. */
  getOrSet(hash: string, loader: () => Promise<ApiTokenRecord | null>): Promise<ApiTokenRecord | null>;
  /** Drops `hash` on every instance. */
  delete(hash: string): Promise<void>;
  /** Hits, misses, faults and breaker state, for `/metrics`. */
  metrics(): HybridCacheMetrics;
  /** Closes the cache's own connections (never the Redis client it was given). */
  close(): Promise<void>;
}

/** Options of {@link createApiTokenCache}. */
export interface ApiTokenCacheOptions {
  /** Shared Redis (L2 and invalidations), or null for this process only. @default null */
  redis?: Redis | null;
  /** Time to live of an entry, in ms. @default 300_000 */
  ttlMs?: number;
  /** Prefix of the Redis keys (and of the invalidation channel). @default 'flowless:api_tokens:' */
  keyPrefix?: string;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Where Redis faults are reported (never keys or values). @default silent */
  logger?: CacheLogger;
}

/**
 * Creates the {@link ApiTokenCache}.
 */
export function createApiTokenCache(options: ApiTokenCacheOptions = {}): ApiTokenCache {
  return new HybridCache<ApiTokenRecord | null>({
    cacheType: 'flowless_api_tokens',
    ttl: (options.ttlMs ?? 300_000) / 1000,
    maxSize: 50_000,
    keyPrefix: options.keyPrefix ?? 'flowless:api_tokens:',
    redis: options.redis ?? null,
    ...(options.now && { now: options.now }),
    ...(options.logger && { logger: options.logger }),
  });
}
