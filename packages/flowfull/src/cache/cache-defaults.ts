/**
 * @module The application-wide cache configuration: set once at start-up from the loaded
 * configuration, it gives every HybridCache created afterwards without `redis` or `config` its
 * Redis (`REDIS_URL` when `CACHE_ENABLED`) and default ttl (`CACHE_TTL_MS`), on one shared command
 * connection per URL.
 */
import type { Redis } from 'ioredis';
import { createCacheRedisClient } from './drivers/redis-connection.js';
import { CacheOptionError } from './errors.js';
import type { CacheConfig } from './options.js';
import { withTimeout } from './timeout.js';

let configured: CacheConfig | null = null;
const connections = new Map<string, Redis>();

/**
 * Sets the configuration that caches created from now on use when they are given neither `redis`
 * nor `config`: Redis at `REDIS_URL` when `CACHE_ENABLED` is true (memory only otherwise), and
 * `CACHE_TTL_MS` as their default ttl. Caches created before are not changed. An explicit `redis`
 * (`null` included) or `config` on a cache still wins. Throws `CacheOptionError` (naming e.g.
 * `config.REDIS_URL`) on an invalid configuration, which is then not applied.
 *
 * @example
 * ```ts
 * const config = loadConfigOrExit();
 * configureCache(config); // once, at start-up
 * const userCache = new HybridCache<UserData>({ cacheType: 'userContext', ttl: 300, maxSize: 10000, keyPrefix: 'user_ctx' });
 * ```
 */
export function configureCache(config: CacheConfig): void {
  if (typeof config !== 'object' || config === null) throw new CacheOptionError('config', 'an object');
  const { REDIS_URL, CACHE_ENABLED, CACHE_TTL_MS } = config;
  if (typeof CACHE_ENABLED !== 'boolean') throw new CacheOptionError('config.CACHE_ENABLED', 'a boolean');
  if (REDIS_URL !== null && !(typeof REDIS_URL === 'string' && /^rediss?:\/\//.test(REDIS_URL))) {
    throw new CacheOptionError('config.REDIS_URL', 'a redis:// or rediss:// URL, or null');
  }
  if (typeof CACHE_TTL_MS !== 'number' || !Number.isFinite(CACHE_TTL_MS) || CACHE_TTL_MS <= 0) {
    throw new CacheOptionError('config.CACHE_TTL_MS', 'a positive number of ms');
  }
  configured = Object.freeze({ REDIS_URL, CACHE_ENABLED, CACHE_TTL_MS });
}

/**
 * Forgets the configuration set by {@link configureCache} and closes the shared connections it
 * opened. Close the caches that use them first (tests call this after each case).
 *
 * @example
 * ```ts
 * afterEach(() => resetCacheConfiguration());
 * ```
 */
export async function resetCacheConfiguration(): Promise<void> {
  configured = null;
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(
    open.map(async (client) => {
      if (client.status === 'ready') await withTimeout(client.quit(), 500, 'quit').catch(() => undefined);
      client.disconnect();
    }),
  );
}

/**
 * The configuration set by {@link configureCache}, or null.
 */
export function configuredCache(): CacheConfig | null {
  return configured;
}

/**
 * The command connection shared by the caches that took `url` from the application
 * configuration, opened on first use; closed by {@link resetCacheConfiguration}, never by a cache.
 */
export function sharedCacheConnection(url: string): Redis {
  let client = connections.get(url);
  if (client === undefined) {
    client = createCacheRedisClient(url);
    connections.set(url, client);
  }
  return client;
}
