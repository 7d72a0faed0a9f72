/**
 * @module Shared pieces of the cache integration suites: unique key prefixes, the per-test set-up
 * and cleanup.
 */
import { randomUUID } from 'node:crypto';
import { HybridCache, type HybridCacheOptions } from 'flowfull/cache';
import { TcpProxy } from 'flowfull/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach } from 'vitest';
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

/** What {@link useCacheSuite} gives a suite. */
export interface CacheSuite {
  /** Builds the test's caches; they are closed after it. */
  readonly caches: ReturnType<typeof cacheFactory>;
  /** A plain connection to inspect Redis. */
  readonly redis: Redis;
  /** The current test's key prefix; its keys are removed after it. */
  readonly prefix: string;
  /** The current test's fault proxy in front of Redis (with `{ proxy: true }`, or once started). */
  readonly proxy: TcpProxy;
  /** Starts the current test's fault proxy (closed after the test, once its caches are). */
  startProxy(): Promise<TcpProxy>;
  /**
   * Two ready caches on the test's prefix: A talks to Redis directly, B (with `options`) through
   * the test's fault proxy (started if need be), so only B's connections suffer the faults.
   */
  proxiedPair(options?: Partial<HybridCacheOptions>): Promise<{
    a: HybridCache<string>;
    b: HybridCache<string>;
    proxy: TcpProxy;
  }>;
}

/**
 * Registers the per-test set-up of a cache suite: a fresh key prefix (and, with `proxy`, a fresh
 * {@link TcpProxy}) before each test; caches, proxy and keys cleaned after it.
 */
export function useCacheSuite(label: string, options: { proxy?: boolean } = {}): CacheSuite {
  const caches = cacheFactory();
  const redis = inspector();
  let prefix = '';
  let proxy: TcpProxy | undefined;
  const startProxy = async (): Promise<TcpProxy> => {
    proxy = await TcpProxy.start(redisUrl);
    return proxy;
  };
  beforeEach(async () => {
    prefix = uniquePrefix(label);
    if (options.proxy) await startProxy();
  });
  afterEach(async () => {
    await caches.closeAll();
    await proxy?.close();
    proxy = undefined;
    await removeKeys(redis, prefix);
  });
  afterAll(() => redis.disconnect());
  return {
    caches,
    redis,
    get prefix() {
      return prefix;
    },
    get proxy() {
      if (proxy === undefined) throw new Error('useCacheSuite: no proxy (pass { proxy: true })');
      return proxy;
    },
    startProxy,
    proxiedPair: async (options = {}) => {
      const through = proxy ?? (await startProxy());
      const a = caches.create<string>({ keyPrefix: prefix, redis: redisUrl });
      const b = caches.create<string>({ keyPrefix: prefix, redis: through.url, ...options });
      await Promise.all([a.ready(), b.ready()]);
      return { a, b, proxy: through };
    },
  };
}
