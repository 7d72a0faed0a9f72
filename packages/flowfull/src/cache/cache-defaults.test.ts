import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  configureCache,
  configuredCache,
  resetCacheConfiguration,
  sharedCacheConnection,
} from './cache-defaults.js';
import { CacheOptionError } from './errors.js';
import { HybridCache } from './hybrid-cache.js';
import { resolveCacheOptions } from './options.js';

const memoryConfig = { REDIS_URL: null, CACHE_ENABLED: true, CACHE_TTL_MS: 30_000 } as const;

describe('configureCache()', () => {
  afterEach(() => resetCacheConfiguration());

  it('gives caches created afterwards its CACHE_TTL_MS as their default ttl', async () => {
    let now = 1_000;
    const before = new HybridCache<string>({ jitter: 0, now: () => now });
    configureCache(memoryConfig);
    const after = new HybridCache<string>({ jitter: 0, now: () => now });
    await before.set('k', 'v');
    await after.set('k', 'v');
    now += 30_000;
    expect(await after.get('k')).toBeNull();
    expect(await before.get('k')).toBe('v'); // 300 s, the built-in default: created before
  });

  it('yields to an explicit config option, and to an explicit redis', () => {
    configureCache({ REDIS_URL: 'redis://cache.internal:6379', CACHE_ENABLED: true, CACHE_TTL_MS: 30_000 });
    const own = { REDIS_URL: null, CACHE_ENABLED: false, CACHE_TTL_MS: 5_000 };
    expect(resolveCacheOptions({ config: own }, configuredCache())).toMatchObject({
      redis: null,
      ttlMs: 5_000,
      sharedRedis: false,
    });
    expect(resolveCacheOptions({ redis: null }, configuredCache())).toMatchObject({
      redis: null,
      ttlMs: 30_000,
    });
    expect(resolveCacheOptions({}, configuredCache())).toMatchObject({
      redis: 'redis://cache.internal:6379',
      sharedRedis: true,
    });
  });

  it('ignores REDIS_URL when CACHE_ENABLED is false', () => {
    configureCache({ REDIS_URL: 'redis://cache.internal:6379', CACHE_ENABLED: false, CACHE_TTL_MS: 30_000 });
    expect(resolveCacheOptions({}, configuredCache())).toMatchObject({ redis: null, sharedRedis: false });
  });

  it('rejects an invalid configuration with ERR_CACHE_INVALID_OPTION and keeps the previous one', () => {
    configureCache(memoryConfig);
    for (const [bad, option] of [
      [{ ...memoryConfig, REDIS_URL: 'http://cache.internal' }, 'config.REDIS_URL'],
      [{ ...memoryConfig, CACHE_TTL_MS: 0 }, 'config.CACHE_TTL_MS'],
      [{ ...memoryConfig, CACHE_ENABLED: 'yes' }, 'config.CACHE_ENABLED'],
      [null, 'config'],
    ] as const) {
      // @ts-expect-error: invalid on purpose
      expect(() => configureCache(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_CACHE_INVALID_OPTION', option }),
      );
    }
    expect(() => configureCache({ ...memoryConfig, CACHE_TTL_MS: -1 })).toThrow(CacheOptionError);
    expect(configuredCache()).toEqual(memoryConfig);
  });

  it('is forgotten by resetCacheConfiguration()', async () => {
    configureCache(memoryConfig);
    await resetCacheConfiguration();
    expect(configuredCache()).toBeNull();
    expect(resolveCacheOptions({}, configuredCache()).ttlMs).toBe(300_000);
  });
});

describe('sharedCacheConnection()', () => {
  afterEach(() => resetCacheConfiguration());

  it('hands out one connection per URL', () => {
    const a = sharedCacheConnection('redis://127.0.0.1:1/0');
    expect(sharedCacheConnection('redis://127.0.0.1:1/0')).toBe(a);
    expect(sharedCacheConnection('redis://127.0.0.1:1/1')).not.toBe(a);
  });

  it('closes its connections on resetCacheConfiguration() and opens fresh ones afterwards', async () => {
    const a = sharedCacheConnection('redis://127.0.0.1:1/0');
    await resetCacheConfiguration();
    await vi.waitFor(() => expect(a.status).toBe('end'));
    expect(sharedCacheConnection('redis://127.0.0.1:1/0')).not.toBe(a);
  });
});
