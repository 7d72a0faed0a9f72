import { randomUUID } from 'node:crypto';
import { configureCache, HybridCache, resetCacheConfiguration } from 'flowfull/cache';
import { loadConfig } from 'flowfull/config';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { inspector, redisUrl, removeKeys } from './support.js';

interface UserData {
  id: string;
  name: string;
}

describeWithService('redis', 'HybridCache with the application configuration set by configureCache()', () => {
  const redis = inspector();
  const open: HybridCache<unknown>[] = [];
  let keyPrefix: string;

  /** What an application loads at start-up: REDIS_URL set, CACHE_ENABLED true, CACHE_TTL in seconds. */
  const appConfig = (overrides: Record<string, string> = {}) =>
    loadConfig(
      {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        BRIDGE_VALIDATION_SECRET: 'x'.repeat(32),
        REDIS_URL: redisUrl,
        CACHE_ENABLED: 'true',
        CACHE_TTL: '120',
        ...overrides,
      },
      { dotenv: false },
    );
  const track = <T>(cache: HybridCache<T>): HybridCache<T> => {
    open.push(cache as HybridCache<unknown>);
    return cache;
  };

  beforeEach(() => {
    // The documented prefix, made unique so that concurrent runs never share keys.
    keyPrefix = `user_ctx_${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((cache) => cache.close()));
    await resetCacheConfiguration();
    await removeKeys(redis, keyPrefix);
  });
  afterAll(() => redis.disconnect());

  it('the plain constructor, without redis or config, stores in the configured Redis', async () => {
    configureCache(appConfig());
    const userCache = track(
      new HybridCache<UserData>({ cacheType: 'userContext', ttl: 300, maxSize: 10000, keyPrefix }),
    );
    expect(await userCache.ready()).toBe(true);
    await userCache.set('u1', { id: 'u1', name: 'Ada' });
    expect(JSON.parse((await redis.hget(`${keyPrefix}:u1`, 'v')) ?? 'null')).toEqual({
      id: 'u1',
      name: 'Ada',
    });
    const pttl = await redis.pttl(`${keyPrefix}:u1`);
    expect(pttl).toBeGreaterThan(250_000);
    expect(pttl).toBeLessThanOrEqual(330_000);
    expect(userCache.metrics().bus).toMatchObject({ subscribed: true });
  });

  it('two instances built the same way share values and invalidations through Redis', async () => {
    configureCache(appConfig());
    const a = track(new HybridCache<UserData>({ cacheType: 'userContext', keyPrefix }));
    const b = track(new HybridCache<UserData>({ cacheType: 'userContext', keyPrefix }));
    await Promise.all([a.ready(), b.ready()]);
    await a.set('u1', { id: 'u1', name: 'Ada' });
    expect(await b.get('u1')).toEqual({ id: 'u1', name: 'Ada' });
    expect(b.metrics().redisHits).toBe(1);
    await a.set('u1', { id: 'u1', name: 'Grace' });
    await vi.waitFor(async () => expect(await b.get('u1')).toEqual({ id: 'u1', name: 'Grace' }));
  });

  it('takes the default ttl from CACHE_TTL_MS', async () => {
    configureCache(appConfig({ CACHE_TTL: '120' }));
    const cache = track(new HybridCache<string>({ keyPrefix, jitter: 0 }));
    await cache.set('k', 'v');
    const pttl = await redis.pttl(`${keyPrefix}:k`);
    expect(pttl).toBeGreaterThan(100_000);
    expect(pttl).toBeLessThanOrEqual(120_000);
  });

  it('closing one cache leaves the connection it shares with the others open', async () => {
    configureCache(appConfig());
    const first = new HybridCache<string>({ keyPrefix });
    const second = track(new HybridCache<string>({ keyPrefix }));
    await Promise.all([first.ready(), second.ready()]);
    await first.close();
    await second.set('k', 'still here');
    expect(await redis.hget(`${keyPrefix}:k`, 'v')).toBe('"still here"');
    expect(second.metrics().errors).toBe(0);
  });

  it('an explicit redis: null still means memory only', async () => {
    configureCache(appConfig());
    const cache = track(new HybridCache<string>({ keyPrefix, redis: null }));
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await redis.exists(`${keyPrefix}:k`)).toBe(0);
    expect(cache.metrics().bus).toBeNull();
  });

  it('with CACHE_ENABLED false, caches stay in memory although REDIS_URL is set', async () => {
    configureCache(appConfig({ CACHE_ENABLED: 'false' }));
    const cache = track(new HybridCache<string>({ keyPrefix }));
    await cache.set('k', 'v');
    expect(await redis.exists(`${keyPrefix}:k`)).toBe(0);
    expect(cache.metrics().bus).toBeNull();
  });

  it('after resetCacheConfiguration(), new caches are memory only again', async () => {
    configureCache(appConfig());
    await resetCacheConfiguration();
    const cache = track(new HybridCache<string>({ keyPrefix }));
    await cache.set('k', 'v');
    expect(await redis.exists(`${keyPrefix}:k`)).toBe(0);
    expect(cache.metrics().bus).toBeNull();
  });
});
