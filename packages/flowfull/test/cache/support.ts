/**
 * @module Shared pieces of the cache integration suites: unique key prefixes and cleanup.
 */
import { randomUUID } from 'node:crypto';
import { HybridCache, type HybridCacheOptions } from 'flowfull/cache';
import { Redis } from 'ioredis';
import { serviceUrls } from '#test-support/services.js';

export const redisUrl = serviceUrls.redis;

/** A key prefix no other test (or other engineer's suite) uses. */
export function uniquePrefix(label: string): string {
  return `test:cache:${label}:${randomUUID()}:`;
}

/** Builds caches and closes them after the test. */
export function cacheFactory(): {
  create: <T>(options: HybridCacheOptions) => HybridCache<T>;
  closeAll: () => Promise<void>;
} {
  const open: HybridCache<unknown>[] = [];
  return {
    create: <T>(options: HybridCacheOptions): HybridCache<T> => {
      // A loaded CI machine can take longer than the 50 ms production default for a healthy call;
      // suites about faults pass their own timeoutMs.
      const cache = new HybridCache<T>({ timeoutMs: 1_000, ...options });
      open.push(cache as HybridCache<unknown>);
      return cache;
    },
    closeAll: async () => {
      await Promise.all(open.splice(0).map((cache) => cache.close()));
    },
  };
}

/** A plain connection to inspect Redis directly (the cache's own connections are not used). */
export function inspector(): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: 1 });
}

/** Deletes the keys a test created, with SCAN (never KEYS or FLUSH*). */
export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
