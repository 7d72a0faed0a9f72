import { describe, expect, expectTypeOf, it } from 'vitest';
import { type FlowfullConfig, loadConfig } from '../config/index.js';
import { CacheOptionError } from './errors.js';
import { HybridCache } from './hybrid-cache.js';
import { type CacheConfig, resolveCacheOptions } from './options.js';

describe('resolveCacheOptions() keyPrefix', () => {
  it('adds a ":" separator to a prefix that does not end with one', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx' }).keyPrefix).toBe('user_ctx:');
  });

  it('keeps a prefix that already ends with ":" as it is', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx:' }).keyPrefix).toBe('user_ctx:');
  });

  it('keeps an empty prefix empty and defaults to the cacheType followed by a colon', () => {
    expect(resolveCacheOptions({ keyPrefix: '' }).keyPrefix).toBe('');
    expect(resolveCacheOptions({ cacheType: 'userContext' }).keyPrefix).toBe('userContext:');
  });

  it('derives the default channel from the separated prefix, so both spellings share one channel', () => {
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx' }).channel).toBe('flowfull:cache:user_ctx:');
    expect(resolveCacheOptions({ keyPrefix: 'user_ctx:' }).channel).toBe('flowfull:cache:user_ctx:');
  });

  it('rejects a keyPrefix that is not a string with ERR_CACHE_INVALID_OPTION', () => {
    // @ts-expect-error: a number is not a prefix
    expect(() => resolveCacheOptions({ keyPrefix: 42 })).toThrow(CacheOptionError);
  });
});

describe('HybridCache options', () => {
  it.each([
    ['ttl', { ttl: 0 }],
    ['ttl', { ttl: Number.NaN }],
    ['maxSize', { maxSize: 1.5 }],
    ['jitter', { jitter: 1 }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['redis', { redis: 'http://localhost:6379' }],
    ['cacheType', { cacheType: '' }],
  ])('rejects an invalid %s with a CacheOptionError naming it', (option, options) => {
    expect(() => new HybridCache(options)).toThrow(
      expect.objectContaining({ code: 'ERR_CACHE_INVALID_OPTION', option }),
    );
  });

  it('accepts the documented example options', async () => {
    const userCache = new HybridCache<{ id: string }>({
      cacheType: 'userContext',
      ttl: 300,
      maxSize: 10000,
      keyPrefix: 'user_ctx',
      redis: null,
    });
    expect(userCache.metrics()).toMatchObject({ cacheType: 'userContext', breaker: 'closed', l1Size: 0 });
  });
});

describe('HybridCache and flowfull/config', () => {
  it('accepts the FlowfullConfig object as its config option', async () => {
    expectTypeOf<FlowfullConfig>().toExtend<CacheConfig>();
    const env = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      CACHE_ENABLED: 'false',
      CACHE_TTL: '120',
      BRIDGE_VALIDATION_SECRET: 'x'.repeat(32),
    };
    const config = loadConfig(env, { dotenv: false });
    expect(config.CACHE_TTL_MS).toBe(120_000);
    const cache = new HybridCache<number>({ config, jitter: 0 });
    await cache.set('k', 1);
    expect(await cache.get('k')).toBe(1);
    expect(cache.metrics().bus).toBeNull();
  });
});
